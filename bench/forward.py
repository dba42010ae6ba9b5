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
import os, re, shutil, signal, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOE = os.path.join(ROOT, "bin", "floe")
LOAD_CP = os.path.join(ROOT, "bench", "target", "floe-bench.jar") + ":" + os.path.join(ROOT, "bench", "target", "lib", "*")
TICK = os.sysconf("SC_CLK_TCK")
SECONDS = int(os.environ.get("SECONDS", "20"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "4"))
WARMUP = int(os.environ.get("WARMUP", "0"))


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def du(path):
    out = subprocess.run(["du", "-s", "--block-size=1", path], capture_output=True, text=True).stdout
    return int(out.split()[0]) if out else 0


def load(port, mode, ack=False, batch=1000, seconds=SECONDS, warmup=0, on_warm=None, record="docker"):
    """Runs the load generator; on_warm() is called when the warm-up ends and counting starts."""
    cmd = ["java", "-cp", LOAD_CP, "io.floe.bench.ForwardLoad", "--port", str(port), "--connections", str(CONNECTIONS),
           "--mode", mode, "--batch", str(batch), "--record-size", "300", "--seconds", str(seconds), "--warmup", str(warmup),
           "--record", record]
    if ack:
        cmd.append("--ack")
    if on_warm is None or warmup == 0:
        on_warm and on_warm()
        out = subprocess.run(cmd, capture_output=True, text=True)
        stdout, stderr = out.stdout, out.stderr
    else:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = []
        for line in p.stdout:
            if line.strip() == "warmed-up":
                on_warm()
            lines.append(line)
        stderr = p.stderr.read()
        p.wait()
        stdout = "".join(lines)
    line = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    figures = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    if figures.get("errors", "1") != "0":
        raise RuntimeError(f"load generator failed: {stdout}\n{stderr}")
    return figures


def baseline(mode, record="docker"):
    port = free_port()
    server = subprocess.Popen(["java", "-cp", LOAD_CP, "io.floe.bench.ForwardLoad", "--discard", str(port)],
                              stdout=subprocess.PIPE, text=True)
    server.stdout.readline()
    try:
        return load(port, mode, record=record)
    finally:
        server.kill()
        server.wait()


CONFIGS = {
    "null": "<match bench.**>\n  @type null\n  @id out\n</match>\n",
    "file": "<match bench.**>\n  @type file\n  @id out\n  path {dir}/out/bench\n  <buffer>\n    @type file\n"
            "    flush_mode interval\n    flush_interval 1s\n    chunk_limit_size 8m\n  </buffer>\n</match>\n",
    "filebuf_null": "<match bench.**>\n  @type null\n  @id out\n  <buffer>\n    @type file\n    flush_mode interval\n"
                    "    flush_interval 1s\n    chunk_limit_size 8m\n  </buffer>\n</match>\n",
    "membuf_null": "<match bench.**>\n  @type null\n  @id out\n  <buffer>\n    @type memory\n    flush_mode interval\n"
                   "    flush_interval 1s\n    chunk_limit_size 8m\n  </buffer>\n</match>\n",
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
<match bench.**>
  @type null
  @id out
</match>
"""
for mode in ("off", "interval", "always"):
    CONFIGS[f"sync_{mode}"] = ("<match bench.**>\n  @type null\n  @id out\n  <buffer>\n    @type file\n    flush_mode interval\n"
                               f"    flush_interval 1s\n    chunk_limit_size 8m\n    sync_mode {mode}\n  </buffer>\n</match>\n")


def buffer_empty(mport):
    """True when the output `out` has nothing staged or queued, by monitor_agent (the same test for every buffer)."""
    import json, urllib.request
    with urllib.request.urlopen(f"http://127.0.0.1:{mport}/api/plugins.json?@id=out", timeout=5) as r:
        p = json.load(r)["plugins"][0]
    return p["buffer_stage_length"] == 0 and p["buffer_queue_length"] == 0 and p["buffer_total_queued_size"] == 0


def scenario(name, output, mode, ack=False, batch=1000, record="docker"):
    d = tempfile.mkdtemp(prefix="floe-bench-")
    buffered = "<buffer>" in CONFIGS[output]
    try:
        port = free_port()
        mport = free_port()
        conf = os.path.join(d, "bench.conf")
        with open(conf, "w") as f:
            f.write(f"<source>\n  @type forward\n  port {port}\n  bind 127.0.0.1\n</source>\n" + CONFIGS[output].format(dir=d))
            if buffered:
                f.write(f"<source>\n  @type monitor_agent\n  bind 127.0.0.1\n  port {mport}\n</source>\n")
        err = open(os.path.join(d, "agent.log"), "w")
        agent = subprocess.Popen([FLOE, "-c", conf, "--data-dir", os.path.join(d, "data")], stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.time() + 30
        while "is now running" not in open(os.path.join(d, "agent.log")).read():
            if time.time() > deadline or agent.poll() is not None:
                raise RuntimeError(open(os.path.join(d, "agent.log")).read())
            time.sleep(0.05)
        idle_rss = status(agent.pid, "VmRSS")
        start = {}
        figures = load(port, mode, ack, batch, warmup=WARMUP, record=record, on_warm=lambda: start.setdefault("cpu", cpu(agent.pid)))
        cpu0 = start["cpu"]
        used = cpu(agent.pid) - cpu0
        peak = status(agent.pid, "VmHWM")
        anon, mapped = status(agent.pid, "RssAnon"), status(agent.pid, "RssFile")
        events = int(figures["events"])
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
            result["cpu_per_million"] = (cpu(agent.pid) - cpu0) / (events / 1e6)
            result["peak_rss_mb"] = status(agent.pid, "VmHWM") / 2**20
            if "@type file" in CONFIGS[output].split("<buffer>")[1]:
                # The journal and data files go once the emptied buffer has been idle for a moment.
                data = os.path.join(d, "data")
                t1 = time.time()
                while time.time() - t1 < 30 and du(data) > 1_000_000:
                    time.sleep(0.2)
                result["buffer_disk_after_drain_kb"] = du(data) / 1024
        agent.send_signal(signal.SIGTERM)
        agent.wait(timeout=60)
        return result
    finally:
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
    wanted = sys.argv[1:] or list(SCENARIOS)
    print(f"{os.cpu_count()} cores; {SECONDS} s per scenario (after {WARMUP} s warm-up); {CONNECTIONS} connections; ~300-byte records; "
          f"JAVA_OPTS={os.environ.get('JAVA_OPTS', '')!r}")
    for mode in ("packed", "message"):
        if any(w.startswith(mode) for w in wanted):
            b = baseline(mode)
            print(f"baseline raw TCP discard, {mode}: {float(b['events_per_s']):,.0f} events/s, {float(b['mb_per_s']):.0f} MB/s")
    results = {}
    for w in wanted:
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
