#!/usr/bin/env python3
"""Monitor endpoint latency while the real agent is at full forward load (issue 7: p99 < 10 ms).

Starts bin/floe with a forward input, monitor_agent and an output; probes /api/plugins.json,
/metrics, /healthz and /readyz round-robin, a new TCP connection per request as Kubernetes probes
do, first with the agent idle, then while the load generator (bench module, ForwardLoad: CONNECTIONS
connections, PackedForward x1000, ~300-byte records, no ack) pushes as fast as the agent takes it.
Latency is measured by this script from connect to the last byte of the body. On a shared machine
the prober itself waits for a CPU: the same prober against a trivial HTTP server inside this script
("floor"), measured in the same phases, shows how much of a figure is the machine rather than Floe.

Run from the repository root after `mvn -q -DskipTests package`:
    python3 bench/monitor.py                 # forward -> null, and forward -> file buffer -> null
    python3 bench/monitor.py null            # one scenario
Environment: SECONDS (default 20), CONNECTIONS (4), INTERVAL_MS between probes (20), PROBER_NICE (-10:
the probing thread's niceness when allowed, so a busy machine delays the agent, not the client; the
agent and the load run at normal priority), JAVA_OPTS.
"""
import http.client, http.server, os, shutil, subprocess, tempfile, threading, time

import forward  # its load generator run: CONNECTIONS connections, PackedForward x1000, ~300-byte records
from common import (Agent, buffer_section, forward_source, free_port, loadavg, monitor_source, null_match, setting,
                    wanted)

SECONDS = setting("SECONDS", 20)
INTERVAL = setting("INTERVAL_MS", 20) / 1000
PROBER_NICE = setting("PROBER_NICE", -10)
ENDPOINTS = ["/api/plugins.json", "/metrics", "/healthz", "/readyz"]
OUTPUTS = {
    "null": null_match("bench.**"),
    "filebuf_null": null_match("bench.**", buffer_section("file")),
}


class Floor(http.server.BaseHTTPRequestHandler):
    """The cheapest answer an HTTP server can give: what the machine allows a probe at best."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def probe(port, stop, samples, floor_port):
    # Only this thread, not the agent nor the load: the prober's own wait for a CPU is not the agent's latency.
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), PROBER_NICE)
    except (PermissionError, OSError):
        pass
    i = 0
    while not stop.is_set():
        path = (ENDPOINTS + ["floor"])[i % (len(ENDPOINTS) + 1)]
        i += 1
        target = floor_port if path == "floor" else port
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", target, timeout=10)
        try:
            conn.request("GET", "/" if path == "floor" else path)
            r = conn.getresponse()
            r.read()
            ok = r.status == 200
        except OSError:
            ok = False
        finally:
            conn.close()
        samples.setdefault(path, []).append(((time.perf_counter() - t0) * 1000, ok))
        time.sleep(INTERVAL)


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


FLOOR = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Floor)
threading.Thread(target=FLOOR.serve_forever, daemon=True).start()


def measure(port, seconds, during=None):
    samples, stop = {}, threading.Event()
    t = threading.Thread(target=probe, args=(port, stop, samples, FLOOR.server_address[1]), daemon=True)
    t.start()
    result = during() if during else time.sleep(seconds)
    stop.set()
    t.join()
    return samples, result


def report(label, samples):
    for path in ENDPOINTS + ["floor"]:
        ms = [m for m, ok in samples.get(path, [])]
        failed = sum(1 for m, ok in samples.get(path, []) if not ok)
        if ms:
            print(f"  {label:5} {path:18} n={len(ms):4}  p50 {percentile(ms, 50):6.2f} ms  p99 {percentile(ms, 99):6.2f} ms  "
                  f"max {max(ms):7.2f} ms  non-200 {failed}")


def scenario(output):
    d = tempfile.mkdtemp(prefix="floe-bench-monitor-")
    try:
        port, mport = free_port(), free_port()
        agent = Agent(d, forward_source(port) + monitor_source(mport) + OUTPUTS[output])
        try:
            measure(mport, 3)  # warm-up: JIT and first-request class loading
            idle, _ = measure(mport, SECONDS)
            cpu0 = agent.cpu()
            loaded, figures = measure(mport, SECONDS, lambda: forward.load(port, "packed", seconds=SECONDS))
            used = agent.cpu() - cpu0
        finally:
            agent.stop()
        print(f"forward -> {output}: load {float(figures['events_per_s']):,.0f} events/s, {float(figures['mb_per_s']):.0f} MB/s, "
              f"agent CPU {used / SECONDS:.2f} cores; load average {loadavg().split()[:3]}")
        report("idle", idle)
        report("load", loaded)
        all_loaded = [m for path in ENDPOINTS for m, ok in loaded.get(path, [])]
        print(f"  under load, all endpoints: p50 {percentile(all_loaded, 50):.2f} ms, p99 {percentile(all_loaded, 99):.2f} ms "
              f"({'meets' if percentile(all_loaded, 99) < 10 else 'misses'} the 10 ms p99 target)")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    print(f"{os.cpu_count()} cores; {SECONDS} s idle then {SECONDS} s loaded per scenario; {forward.CONNECTIONS} connections; "
          f"a probe every {INTERVAL * 1000:.0f} ms (prober thread nice {PROBER_NICE}{'' if os.geteuid() == 0 or PROBER_NICE >= 0 else ', not allowed: 0'}); uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    for w in wanted(OUTPUTS):
        scenario(w)


if __name__ == "__main__":
    main()
