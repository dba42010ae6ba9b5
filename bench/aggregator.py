#!/usr/bin/env python3
"""The two-tier benchmark (issue 8): load generator -> agent (forward in -> forward out) -> aggregator
(forward in -> null), three real processes on this machine.

The load generator (bench module, ForwardLoad: PackedForward, 1000 events per message with ack, CONNECTIONS
connections, ~RECORD_SIZE-byte Docker-like records) runs for SECONDS; what the agent acknowledged must reach
the aggregator. The "direct" scenario sends the same load straight to the aggregator: the ceiling of one
receiving process on this machine in the same run, to read the two-tier figure against. Then the agent's buffer is drained:
a file buffer until its journal is gone from disk, a memory buffer by stopping the agent (which flushes it).
The end-to-end rate is events / (load time + drain time). A full buffer blocks the agent's input
(overflow_action block), so the load generator is slowed down rather than refused. The aggregator's own count (its shutdown line)
must hold every event. The agent's CPU (utime+stime from /proc) is read over the whole run, per million events.

Run from the repository root after `mvn -q -DskipTests package`:
    python3 bench/aggregator.py                 # direct, filebuf, membuf
    python3 bench/aggregator.py membuf          # one
Environment: SECONDS (default 20), CONNECTIONS (4), RECORD_SIZE (300), FLUSH_THREADS (the agent's
flush_thread_count, 2), JAVA_OPTS (passed to both agents).
"""
import os, re, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from forward import FLOE, LOAD_CP, cpu, du, free_port, status  # noqa: E402

SECONDS = int(os.environ.get("SECONDS", "20"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "4"))
RECORD_SIZE = int(os.environ.get("RECORD_SIZE", "300"))
FLUSH_THREADS = int(os.environ.get("FLUSH_THREADS", "2"))

AGGREGATOR = """<source>
  @type forward
  port {port}
  bind 127.0.0.1
</source>
<match bench.**>
  @type null
  @id out_null
</match>
"""

AGENT = """<source>
  @type forward
  port {port}
  bind 127.0.0.1
</source>
<match bench.**>
  @type forward
  @id out_forward
  require_ack_response true
  keepalive true
  <server>
    name aggregator
    host 127.0.0.1
    port {aggregator_port}
  </server>
  <buffer>
    @type {buffer}
    flush_mode interval
    flush_interval 1s
    chunk_limit_size 8m
    flush_thread_count {flush_threads}
    overflow_action block
  </buffer>
</match>
"""


def start(d, name, conf):
    path = os.path.join(d, name + ".conf")
    with open(path, "w") as f:
        f.write(conf)
    log = os.path.join(d, name + ".log")
    p = subprocess.Popen([FLOE, "-c", path, "--data-dir", os.path.join(d, name + "-data")],
                         stdout=subprocess.DEVNULL, stderr=open(log, "w"))
    deadline = time.time() + 60
    while "is now running" not in open(log).read():
        if time.time() > deadline or p.poll() is not None:
            raise RuntimeError(open(log).read())
        time.sleep(0.05)
    return p, log


def load(port, seconds):
    cmd = ["java", "-cp", LOAD_CP, "io.floe.bench.ForwardLoad", "--port", str(port), "--connections", str(CONNECTIONS),
           "--mode", "packed", "--batch", "1000", "--record-size", str(RECORD_SIZE), "--seconds", str(seconds), "--ack"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    figures = dict(kv.split("=", 1) for kv in line.split())
    if figures.get("errors", "1") != "0":
        raise RuntimeError(f"load generator failed: {out.stdout}\n{out.stderr}")
    return figures


def stop(p, timeout=120):
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=timeout)


def direct():
    d = tempfile.mkdtemp(prefix="floe-bench-agg-")
    try:
        port = free_port()
        aggregator, log = start(d, "aggregator", AGGREGATOR.format(port=port))
        try:
            cpu0 = cpu(aggregator.pid)
            figures = load(port, SECONDS)
            used = cpu(aggregator.pid) - cpu0
        finally:
            stop(aggregator)
        events = int(figures["events"])
        return float(figures["events_per_s"]), used / (events / 1e6)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def scenario(buffer):
    d = tempfile.mkdtemp(prefix="floe-bench-agg-")
    procs = []
    try:
        aggregator_port, agent_port = free_port(), free_port()
        aggregator, aggregator_log = start(d, "aggregator", AGGREGATOR.format(port=aggregator_port))
        procs.append(aggregator)
        agent, _ = start(d, "agent", AGENT.format(port=agent_port, aggregator_port=aggregator_port, buffer=buffer,
                                          flush_threads=FLUSH_THREADS))
        procs.append(agent)
        cpu0 = cpu(agent.pid)
        agg_cpu0 = cpu(aggregator.pid)
        t0 = time.time()
        figures = load(agent_port, SECONDS)
        events = int(figures["events"])
        if buffer == "file":
            data = os.path.join(d, "agent-data")
            while time.time() - t0 < SECONDS + 300 and du(data) > 1_000_000:
                time.sleep(0.1)
            elapsed = time.time() - t0
            agent_cpu = cpu(agent.pid) - cpu0
            peak = status(agent.pid, "VmHWM")
            stop(agent)
        else:
            agent_cpu_before_stop = cpu(agent.pid) - cpu0
            peak = status(agent.pid, "VmHWM")
            stop(agent)   # flushes the memory buffer to the aggregator before it exits
            elapsed = time.time() - t0
            agent_cpu = agent_cpu_before_stop   # the exited process's last figures are not readable; a lower bound
        aggregator_cpu = cpu(aggregator.pid) - agg_cpu0
        stop(aggregator)
        m = re.search(r'type="null" emit_records=(\d+)', open(aggregator_log).read())
        received = int(m.group(1)) if m else -1
        return dict(buffer=buffer, events=events, load_seconds=float(figures["seconds"]),
                    load_events_per_s=float(figures["events_per_s"]), elapsed=elapsed,
                    end_to_end=events / elapsed, cpu_per_million=agent_cpu / (events / 1e6),
                    peak_rss_mb=peak / 2**20, received=received,
                    aggregator_cpu_per_million=aggregator_cpu / (events / 1e6))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(d, ignore_errors=True)


def main():
    wanted = sys.argv[1:] or ["direct", "filebuf", "membuf"]
    print(f"{os.cpu_count()} cores; load {SECONDS} s; {CONNECTIONS} connections; PackedForward x1000; "
          f"~{RECORD_SIZE}-byte records; agent flush_thread_count {FLUSH_THREADS}; JAVA_OPTS={os.environ.get('JAVA_OPTS', '')!r}")
    print("uptime:", open("/proc/loadavg").read().strip())
    for w in wanted:
        if w == "direct":
            rate, cpu_m = direct()
            print(f"direct (load -> aggregator -> null, one process): {rate:,.0f} events/s, {cpu_m:.2f} CPU s per million events")
            continue
        r = scenario("file" if w == "filebuf" else "memory")
        print(f"agent ({r['buffer']} buffer, require_ack_response) -> aggregator -> null: {r['events']:,} events; "
              f"load phase {r['load_events_per_s']:,.0f} events/s; end to end {r['end_to_end']:,.0f} events/s "
              f"({r['elapsed']:.1f} s until drained); agent CPU {r['cpu_per_million']:.2f} s per million events; "
              f"agent peak RSS {r['peak_rss_mb']:.0f} MiB; aggregator CPU {r['aggregator_cpu_per_million']:.2f} s per million; "
              f"aggregator received {r['received']:,} "
              f"({'all' if r['received'] >= r['events'] else 'MISSING ' + str(r['events'] - r['received'])})")
    print("uptime:", open("/proc/loadavg").read().strip())


if __name__ == "__main__":
    main()
