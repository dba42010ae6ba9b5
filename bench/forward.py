#!/usr/bin/env python3
"""Forward-input and buffer benchmarks on the real agent process (issues: forward input, disk buffer).

Each scenario starts bin/floe with a config, drives it with the load generator (bench module,
ForwardLoad: 4 connections, ~300-byte Docker-like records) for SECONDS, and reads the agent's CPU
time and peak RSS from /proc. A raw-TCP discard server driven the same way gives the machine's
ceiling in the same run, so figures can be read as ratios.

Run from the repository root after `mvn -q -DskipTests package`:
    python3 bench/forward.py            # all scenarios
    python3 bench/forward.py packed_null message_null   # some
    python3 bench/forward.py packed_filters_null         # the filter chain (parser, grep, record_transformer)
Environment: SECONDS (default 20), CONNECTIONS (4), JAVA_OPTS (passed to the agent), WARMUP (default 0:
seconds of load before measuring starts, so the figures are of compiled code rather than the JIT's first
seconds; the agent's CPU is counted from the end of the warm-up).
"""
import os, shutil, subprocess, tempfile, time

from common import (BENCH_CP, JAVA_OPTS, Agent, buffer_section, du, forward_source, free_port, monitor_source,
                    null_match, plugin_info, run_bench, setting, wanted)

SECONDS = setting("SECONDS", 20)
CONNECTIONS = setting("CONNECTIONS", 4)
WARMUP = setting("WARMUP", 0)


def load(port, mode, ack=False, batch=1000, seconds=SECONDS, warmup=0, on_warm=None, record="docker"):
    """Runs the load generator; on_warm() is called when the warm-up ends and counting starts."""
    args = ["--port", port, "--connections", CONNECTIONS, "--mode", mode, "--batch", batch, "--record-size", 300,
            "--seconds", seconds, "--warmup", warmup, "--record", record] + (["--ack"] if ack else [])
    if on_warm is not None and warmup == 0:
        on_warm()  # no warm-up: counting starts with the load
        on_warm = None
    return run_bench("io.floe.bench.ForwardLoad", args, "load generator", on_warm)


def baseline(mode, record="docker"):
    port = free_port()
    server = subprocess.Popen(["java", "-cp", BENCH_CP, "io.floe.bench.ForwardLoad", "--discard", str(port)],
                              stdout=subprocess.PIPE, text=True)
    server.stdout.readline()
    try:
        return load(port, mode, record=record)
    finally:
        server.kill()
        server.wait()


# The outputs behind the forward input; {dir} is the scenario's folder.
CONFIGS = {
    "null": null_match("bench.**"),
    "file": "<match bench.**>\n  @type file\n  @id out\n  path {dir}/out/bench\n" + buffer_section("file") + "</match>\n",
    "filebuf_null": null_match("bench.**", buffer_section("file")),
    "membuf_null": null_match("bench.**", buffer_section("memory")),
}
# The container-log chain of issue 9 (what examples/container-logs does to a container printing JSON): the
# JSON in `log` parsed into fields, health checks (one event in ten) dropped, cluster and hostname added.
CONFIGS["filters_null"] = """<filter bench.**>
  @type parser
  key_name log
  reserve_data true
  remove_key_name_field true
  <parse>
    @type json
  </parse>
</filter>
<filter bench.**>
  @type grep
  <exclude>
    key path
    pattern /^\\/(healthz|readyz)$/
  </exclude>
</filter>
<filter bench.**>
  @type record_transformer
  <record>
    cluster prod-eu-1
    hostname ${{hostname}}
  </record>
</filter>
""" + null_match("bench.**")
for mode in ("off", "interval", "always"):
    CONFIGS[f"sync_{mode}"] = null_match("bench.**", buffer_section("file", f"    sync_mode {mode}\n"))


def buffer_empty(mport):
    """True when the output `out` has nothing staged or queued, by monitor_agent (the same test for every buffer)."""
    p = plugin_info(mport, "out")
    return p["buffer_stage_length"] == 0 and p["buffer_queue_length"] == 0 and p["buffer_total_queued_size"] == 0


def scenario(name, output, mode, ack=False, batch=1000, record="docker"):
    d = tempfile.mkdtemp(prefix="floe-bench-")
    buffered = "<buffer>" in CONFIGS[output]
    agent = None
    try:
        port = free_port()
        mport = free_port()
        conf = forward_source(port) + CONFIGS[output].format(dir=d) + (monitor_source(mport) if buffered else "")
        agent = Agent(d, conf, within=30)
        idle_rss = agent.status("VmRSS")
        start = {}
        figures = load(port, mode, ack, batch, warmup=WARMUP, record=record, on_warm=lambda: start.setdefault("cpu", agent.cpu()))
        cpu0 = start["cpu"]
        used = agent.cpu() - cpu0
        peak = agent.status("VmHWM")
        anon, mapped = agent.status("RssAnon"), agent.status("RssFile")
        events = int(figures["events"])
        if events == 0:
            raise RuntimeError(f"{name}: the load generator sent no events in {figures.get('seconds')} s "
                               "(on a busy machine give SECONDS more)")
        result = dict(name=name, events_per_s=float(figures["events_per_s"]), mb_per_s=float(figures["mb_per_s"]),
                      cpu_per_million=used / (events / 1e6), peak_rss_mb=peak / 2**20, idle_rss_mb=idle_rss / 2**20,
                      rss_anon_mb=anon / 2**20, rss_file_mb=mapped / 2**20)
        if buffered:
            # Wait for the buffer to drain (the output may still be behind when the load ends, and the last
            # chunk waits for flush_interval); the end-to-end rate counts that time too. Memory and file
            # buffers are waited for the same way, by monitor_agent.
            t0 = time.time()
            while time.time() - t0 < 120 and not buffer_empty(mport):
                time.sleep(0.05)
            drain = time.time() - t0
            result["drain_s"] = drain
            result["end_to_end_events_per_s"] = events / (float(figures["seconds"]) + drain)
            result["cpu_per_million"] = (agent.cpu() - cpu0) / (events / 1e6)
            result["peak_rss_mb"] = agent.status("VmHWM") / 2**20
            if "@type file" in CONFIGS[output].split("<buffer>")[1]:
                # The journal and data files go once the emptied buffer has been idle for a moment.
                t1 = time.time()
                while time.time() - t1 < 30 and du(agent.data) > 1_000_000:
                    time.sleep(0.2)
                result["buffer_disk_after_drain_kb"] = du(agent.data) / 1024
        return result
    finally:
        if agent is not None:
            agent.stop()  # also when the scenario fails, so that no agent is left running
        shutil.rmtree(d, ignore_errors=True)


SCENARIOS = {
    "packed_null": lambda: scenario("PackedForward x1000 -> null", "null", "packed"),
    "message_null": lambda: scenario("Message (1 event/frame) -> null", "null", "message"),
    "packed_filters_null": lambda: scenario("PackedForward x1000 of JSON container logs -> parser(json on log) -> grep "
                                            "-> record_transformer -> null", "filters_null", "packed", record="json_log"),
    "packed_file": lambda: scenario("PackedForward x1000 -> file buffer -> file", "file", "packed"),
    "packed_filebuf_null": lambda: scenario("PackedForward x1000 -> file buffer -> null", "filebuf_null", "packed"),
    "packed_membuf_null": lambda: scenario("PackedForward x1000 -> memory buffer -> null", "membuf_null", "packed"),
    "packed_ack_null": lambda: scenario("PackedForward x1000 with ack -> null", "null", "packed", ack=True),
    "compressed_null": lambda: scenario("CompressedPackedForward x1000 -> null", "null", "compressed"),
    "sync_off": lambda: scenario("PackedForward x1000 with ack -> file buffer (sync_mode off) -> null", "sync_off", "packed", ack=True),
    "sync_interval": lambda: scenario("PackedForward x1000 with ack -> file buffer (sync_mode interval 1s) -> null", "sync_interval", "packed", ack=True),
    "sync_always": lambda: scenario("PackedForward x1000 with ack -> file buffer (sync_mode always) -> null", "sync_always", "packed", ack=True),
}


def main():
    names = wanted(SCENARIOS)
    print(f"{os.cpu_count()} cores; {SECONDS} s per scenario (after {WARMUP} s warm-up); {CONNECTIONS} connections; ~300-byte records; "
          f"JAVA_OPTS={JAVA_OPTS!r}")
    for mode in ("packed", "message"):
        if any(w.startswith(mode) for w in names):
            b = baseline(mode)
            print(f"baseline raw TCP discard, {mode}: {float(b['events_per_s']):,.0f} events/s, {float(b['mb_per_s']):.0f} MB/s")
    results = {}
    for w in names:
        r = SCENARIOS[w]()
        extra = (f"; end to end (until the buffer drained, {r['drain_s']:.2f} s after the load) {r['end_to_end_events_per_s']:,.0f} events/s"
                 ) if "drain_s" in r else ""
        extra += f", buffer disk after drain {r['buffer_disk_after_drain_kb']:.0f} KiB" if "buffer_disk_after_drain_kb" in r else ""
        print(f"{r['name']}: {r['events_per_s']:,.0f} events/s, {r['mb_per_s']:.0f} MB/s, "
              f"{r['cpu_per_million']:.2f} agent CPU s per million events, peak RSS {r['peak_rss_mb']:.0f} MiB "
              f"(idle {r['idle_rss_mb']:.0f} MiB; at the end of the load {r['rss_anon_mb']:.0f} MiB anonymous + "
              f"{r['rss_file_mb']:.0f} MiB file pages){extra}")
        results[w] = r
    if "packed_filebuf_null" in results and "packed_membuf_null" in results:
        f, m = results["packed_filebuf_null"], results["packed_membuf_null"]
        print(f"file buffer / memory buffer, end to end: {f['end_to_end_events_per_s'] / m['end_to_end_events_per_s']:.0%} "
              f"(ingest {f['events_per_s'] / m['events_per_s']:.0%})")


if __name__ == "__main__":
    main()
