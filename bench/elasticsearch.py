#!/usr/bin/env python3
"""Forward -> agent -> Elasticsearch on real processes, against this Elasticsearch's ceiling (issue: elasticsearch output).

Starts one real Elasticsearch 8 (io.floe.testkit.es.ElasticsearchServer: Maven Central's distribution, free ports,
security off) and, in alternating rounds on that same server:
  ceiling: BulkLoader posts pre-built NDJSON bulk bodies -- the very documents the agent writes for the load
           generator's records, BATCH documents per _bulk, over FLUSH_THREADS connections;
  agent:   bin/floe with forward input -> file buffer -> elasticsearch output (chunk_limit_records BATCH, so one
           chunk is one bulk of the same size; flush_thread_count FLUSH_THREADS), fed by ForwardLoad (PackedForward,
           ~300-byte Docker-like records) as fast as it takes them.
The agent is one process for the whole run, warmed by a first unmeasured run, as a long-running agent is. Both are timed the same way: from the first byte sent until the index's indexing stats (polled every 0.1 s, without a
refresh, which would slow the indexing) count every document; then _count checks the documents are all there. The agent's CPU-seconds come from /proc/<pid>/stat (utime+stime) over that time, per million events.

Run from the repository root after `mvn -q -DskipTests package`:
    python3 bench/elasticsearch.py
Environment: DOCS (default 300000 per run), BATCH (1000), FLUSH_THREADS (2), ROUNDS (3), RECORD_SIZE (300),
ES_HEAP (512m), JAVA_OPTS (passed to the agent), EXTRA_ES (extra lines for the elasticsearch match, e.g. "id_generation deterministic").
"""
import json, os, shutil, subprocess, tempfile, time, urllib.error, urllib.request

import common
from common import BENCH_CP, JAVA_OPTS, cpu, forward_source, free_port, loadavg, run_bench, setting

DOCS = setting("DOCS", 300000)
BATCH = setting("BATCH", 1000)
THREADS = setting("FLUSH_THREADS", 2)
ROUNDS = setting("ROUNDS", 3)
RECORD_SIZE = setting("RECORD_SIZE", 300)
EXTRA_ES = os.environ.get("EXTRA_ES", "")
TAG = "bench.load"
AGENT_INDEX = "agent"


def http(url, method="GET", body=None):
    req = urllib.request.Request(url, method=method, data=body)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"{}")


def count(es, index):
    http(f"{es}/{index}/_refresh?ignore_unavailable=true&allow_no_indices=true", "POST")
    return http(f"{es}/{index}/_count?ignore_unavailable=true&allow_no_indices=true")["count"]


def indexed(es, index):
    """Index operations done, read without a refresh: refreshing every poll would slow the indexing it measures."""
    try:
        return http(f"{es}/{index}/_stats/indexing")["_all"]["primaries"]["indexing"]["index_total"]
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return 0
        raise


def await_count(es, index, n, t0, limit=600):
    while True:
        done = indexed(es, index)
        if done >= n:
            elapsed = time.time() - t0
            c = count(es, index)
            if c != n:
                raise RuntimeError(f"{index}: {c} documents, expected {n}")
            return elapsed, c
        if time.time() - t0 > limit:
            raise RuntimeError(f"{index}: {done} of {n} documents after {limit} s")
        time.sleep(0.1)


def bulk_stats(es):
    """Shard-level bulk operations the server has done so far and their bytes (to compare request sizes)."""
    nodes = http(f"{es}/_nodes/stats/indices/bulk")["nodes"]
    b = next(iter(nodes.values()))["indices"]["bulk"]
    return b["total_operations"], b["total_size_in_bytes"], b["total_time_in_millis"]


def bulks_since(es, before):
    now = bulk_stats(es)
    ops, size, ms = (now[i] - before[i] for i in range(3))
    return f"{ops} bulks of {size / max(ops, 1) / 1e3:.0f} kB, {ms / max(ops, 1):.0f} ms each in the server"


def ceiling(es, es_pid, index):
    es_cpu0 = cpu(es_pid)
    stats0 = bulk_stats(es)
    figures = run_bench("io.floe.bench.es.BulkLoader",
                        ["--url", es, "--index", index, "--docs", DOCS, "--batch", BATCH, "--connections", THREADS,
                         "--docker-record-size", RECORD_SIZE, "--tag", TAG], "bulk loader")
    # From the first request (the loader's seconds= leave out its JVM start and body building) to everything searchable.
    elapsed, n = await_count(es, index, DOCS, time.time() - float(figures["seconds"]))
    return dict(seconds=elapsed, docs=n, es_cpu=cpu(es_pid) - es_cpu0, bulks=bulks_since(es, stats0))


class Agent:
    """One bin/floe process for the whole run (warmed like a long-running agent), writing to index AGENT_INDEX."""

    def __init__(self, es_port, d):
        self.port = free_port()
        self.agent = common.Agent(d, forward_source(self.port) + f"""<match {TAG}>
  @type elasticsearch
  @id out_es
  host 127.0.0.1
  port {es_port}
  index_name {AGENT_INDEX}
  include_timestamp true
  include_tag_key true
  tag_key @log_name
  {EXTRA_ES}
  <buffer>
    @type file
    flush_mode interval
    flush_interval 200ms
    flush_thread_count {THREADS}
    chunk_limit_records {BATCH}
    chunk_limit_size 8m
  </buffer>
</match>
""")

    def run(self, es, es_pid):
        cpu0 = self.agent.cpu()
        es_cpu0 = cpu(es_pid)
        stats0 = bulk_stats(es)
        figures = run_bench("io.floe.bench.ForwardLoad",
                            ["--port", self.port, "--connections", 1, "--mode", "packed", "--batch", BATCH,
                             "--record-size", RECORD_SIZE, "--events", DOCS, "--seconds", 600, "--tag", TAG],
                            "load generator")
        sent = float(figures["seconds"])
        # From the generator's first frame (its JVM start-up is not the agent's time) to everything searchable.
        elapsed, n = await_count(es, AGENT_INDEX, DOCS, time.time() - sent)
        used = self.agent.cpu() - cpu0
        warnings = sum(1 for l in self.agent.log_text().splitlines() if "[warn]" in l or "[error]" in l)
        bulks = bulks_since(es, stats0)
        http(f"{es}/{AGENT_INDEX}", "DELETE")
        return dict(seconds=elapsed, docs=n, sent_seconds=sent, agent_cpu=used, es_cpu=cpu(es_pid) - es_cpu0,
                    peak_rss=self.agent.status("VmHWM"), warnings=warnings, bulks=bulks)

    def stop(self):
        self.agent.stop()


def main():
    es_proc = subprocess.Popen(["java", "-cp", BENCH_CP, "io.floe.testkit.es.ElasticsearchServer", "--heap", os.environ.get("ES_HEAP", "512m")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    d = tempfile.mkdtemp(prefix="floe-bench-es-")
    agent = None
    try:
        first = es_proc.stdout.readline().split()
        info = dict(kv.split("=", 1) for kv in first)
        es, es_pid = info["url"], int(info["pid"])
        es_port = int(es.rsplit(":", 1)[1])
        load0 = " ".join(loadavg().split()[:3])
        print(f"{os.cpu_count()} cores, load average {load0}; {DOCS:,} docs per run, bulks of {BATCH}, "
              f"{THREADS} connections / flush threads, ~{RECORD_SIZE}-byte Docker-like records; "
              f"Elasticsearch {es} heap {os.environ.get('ES_HEAP', '512m')}; EXTRA_ES={EXTRA_ES!r} JAVA_OPTS={JAVA_OPTS!r}")
        # Warm both sides' JIT and the server's mappings before measuring.
        ceiling(es, es_pid, "warm-ceiling")
        agent = Agent(es_port, os.path.join(d, "agent"))
        agent.run(es, es_pid)
        best_c, best_a, rows = None, None, []
        for r in range(ROUNDS):
            c = ceiling(es, es_pid, f"ceiling-{r}")
            a = agent.run(es, es_pid)
            c_rate, a_rate = DOCS / c["seconds"], DOCS / a["seconds"]
            rows.append((c_rate, a_rate))
            print(f"round {r}: ceiling {c_rate:,.0f} docs/s (ES CPU {c['es_cpu'] / (DOCS / 1e6):.1f} s/M; {c['bulks']}) | agent {a_rate:,.0f} docs/s "
                  f"= {100 * a_rate / c_rate:.0f}% of the ceiling; agent CPU {a['agent_cpu']:.2f} s = "
                  f"{a['agent_cpu'] / (DOCS / 1e6):.2f} s per million events; ES CPU {a['es_cpu'] / (DOCS / 1e6):.1f} s/M; "
                  f"agent peak RSS {a['peak_rss'] / 2**20:.0f} MiB; forward input took all in {a['sent_seconds']:.1f} s; "
                  f"warnings in the agent log: {a['warnings']}; {a['bulks']}")
            http(f"{es}/ceiling-{r}", "DELETE")
            best_c = max(best_c or 0, c_rate)
            best_a = max(best_a or 0, a_rate)
        load1 = " ".join(loadavg().split()[:3])
        print(f"best of {ROUNDS}: ceiling {best_c:,.0f} docs/s, agent {best_a:,.0f} docs/s = {100 * best_a / best_c:.0f}%; "
              f"median ratio {100 * sorted(a / c for c, a in rows)[len(rows) // 2]:.0f}%; load average at the end {load1}")
    finally:
        if agent is not None:
            agent.stop()
        es_proc.stdin.close()
        es_proc.wait(timeout=90)
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
