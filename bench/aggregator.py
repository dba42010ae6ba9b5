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
import os, re, shutil, tempfile, time

from common import JAVA_OPTS, Agent, du, forward_source, free_port, loadavg, run_bench, setting, wanted

SECONDS = setting("SECONDS", 20)
CONNECTIONS = setting("CONNECTIONS", 4)
RECORD_SIZE = setting("RECORD_SIZE", 300)
FLUSH_THREADS = setting("FLUSH_THREADS", 2)

# The aggregator's and the agent's outputs; start() puts a forward input in front of each.
AGGREGATOR = """<match bench.**>
  @type null
  @id out_null
</match>
"""

AGENT = """<match bench.**>
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


def start(d, name, port, match):
    """An agent (or the aggregator) in its own folder d/name, listening for forward on port."""
    return Agent(os.path.join(d, name), forward_source(port) + match)


def load(port, seconds):
    return run_bench("io.floe.bench.ForwardLoad",
                     ["--port", port, "--connections", CONNECTIONS, "--mode", "packed", "--batch", 1000,
                      "--record-size", RECORD_SIZE, "--seconds", seconds, "--ack"], "load generator")


def direct():
    d = tempfile.mkdtemp(prefix="floe-bench-agg-")
    try:
        port = free_port()
        aggregator = start(d, "aggregator", port, AGGREGATOR)
        try:
            cpu0 = aggregator.cpu()
            figures = load(port, SECONDS)
            used = aggregator.cpu() - cpu0
        finally:
            aggregator.stop(timeout=120)
        events = int(figures["events"])
        return float(figures["events_per_s"]), used / (events / 1e6)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def scenario(buffer):
    d = tempfile.mkdtemp(prefix="floe-bench-agg-")
    procs = []
    try:
        aggregator_port, agent_port = free_port(), free_port()
        aggregator = start(d, "aggregator", aggregator_port, AGGREGATOR)
        procs.append(aggregator.p)
        agent = start(d, "agent", agent_port, AGENT.format(aggregator_port=aggregator_port, buffer=buffer,
                                                           flush_threads=FLUSH_THREADS))
        procs.append(agent.p)
        cpu0 = agent.cpu()
        agg_cpu0 = aggregator.cpu()
        t0 = time.time()
        figures = load(agent_port, SECONDS)
        events = int(figures["events"])
        if buffer == "file":
            while time.time() - t0 < SECONDS + 300 and du(agent.data) > 1_000_000:
                time.sleep(0.1)
            elapsed = time.time() - t0
            agent_cpu = agent.cpu() - cpu0
            peak = agent.status("VmHWM")
            agent.stop(timeout=120)
        else:
            agent_cpu_before_stop = agent.cpu() - cpu0
            peak = agent.status("VmHWM")
            agent.stop(timeout=120)   # flushes the memory buffer to the aggregator before it exits
            elapsed = time.time() - t0
            agent_cpu = agent_cpu_before_stop   # the exited process's last figures are not readable; a lower bound
        aggregator_cpu = aggregator.cpu() - agg_cpu0
        aggregator.stop(timeout=120)
        m = re.search(r'type="null" emit_records=(\d+)', aggregator.log_text())
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
    print(f"{os.cpu_count()} cores; load {SECONDS} s; {CONNECTIONS} connections; PackedForward x1000; "
          f"~{RECORD_SIZE}-byte records; agent flush_thread_count {FLUSH_THREADS}; JAVA_OPTS={JAVA_OPTS!r}")
    print("uptime:", loadavg())
    for w in wanted(["direct", "filebuf", "membuf"]):
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
    print("uptime:", loadavg())


if __name__ == "__main__":
    main()
