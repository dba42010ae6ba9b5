#!/usr/bin/env python3
"""Network-input benchmarks on the real agent process (issue 17): syslog over TCP (octet counting and
newline framing) and UDP, in_tcp with JSON lines, in_http with 1,000-event JSON arrays; all -> null.

Each scenario starts bin/floe with the input (@id in), a null output and monitor_agent on free ports,
drives it with the bench module's load generators (LineLoad: ~200-byte RFC 5424 messages as `logger
--rfc5424` writes them, or JSON lines; HttpLoad: keep-alive POSTs of JSON arrays) over CONNECTIONS
connections for SECONDS, and counts the events the agent took by the input's emit_records in
monitor_agent (not what was sent: after the load, it waits until that count stops growing, and the rate
counts that time too). The agent's CPU time and peak RSS come from /proc. Raw baselines in the same run
show the generators are not the bottleneck: the same TCP load into a discard server, the same HTTP
requests into a server that reads and answers 200, the same datagrams into a counting UDP socket.

Run from the repository root after `mvn -q -DskipTests package`:
    python3 bench/network.py                         # all scenarios
    python3 bench/network.py syslog_tcp_octet_null http_json_null
Environment: SECONDS (default 20), CONNECTIONS (4), UDP_SENDERS (1), HTTP_WINDOW (requests in flight per
connection, 2), WARMUP (0: seconds of load before counting starts), JAVA_OPTS (passed to the agent).
"""
import os, shutil, subprocess, tempfile, time

from common import (BENCH_CP, JAVA_OPTS, Agent, free_port, loadavg, monitor_source, null_match, plugin_info,
                    run_bench, setting, wanted)

SECONDS = setting("SECONDS", 20)
CONNECTIONS = setting("CONNECTIONS", 4)
UDP_SENDERS = setting("UDP_SENDERS", 1)
HTTP_WINDOW = setting("HTTP_WINDOW", 2)
WARMUP = setting("WARMUP", 0)
BATCH = 1000


def syslog_source(port, transport, frame_type="traditional"):
    return (f"<source>\n  @type syslog\n  @id in\n  tag bench\n  port {port}\n  bind 127.0.0.1\n"
            f"  frame_type {frame_type}\n  <transport {transport}>\n  </transport>\n"
            "  <parse>\n    @type syslog\n    with_priority true\n    message_format rfc5424\n  </parse>\n</source>\n")


def tcp_json_source(port):
    return (f"<source>\n  @type tcp\n  @id in\n  tag bench.tcp\n  port {port}\n  bind 127.0.0.1\n"
            "  <parse>\n    @type json\n  </parse>\n</source>\n")


def http_source(port):
    return f"<source>\n  @type http\n  @id in\n  port {port}\n  bind 127.0.0.1\n</source>\n"


# Per scenario: its description, the input's config, the load generator and its arguments (after --port).
SCENARIOS = {
    "syslog_tcp_octet_null": ("syslog over TCP, octet counting (RFC 6587), RFC 5424 -> null",
                              lambda p: syslog_source(p, "tcp", "octet_count"), "LineLoad", ["--framing", "octet"]),
    "syslog_tcp_traditional_null": ("syslog over TCP, newline framing, RFC 5424 -> null",
                                    lambda p: syslog_source(p, "tcp"), "LineLoad", ["--framing", "traditional"]),
    "syslog_udp_null": ("syslog over UDP, RFC 5424, one message per datagram -> null",
                        lambda p: syslog_source(p, "udp"), "LineLoad", ["--udp"]),
    "tcp_json_null": ("in_tcp, JSON lines -> null", tcp_json_source, "LineLoad", ["--framing", "json"]),
    "http_json_null": (f"in_http, keep-alive POSTs of {BATCH:,}-event JSON arrays -> null", http_source, "HttpLoad",
                       ["--batch", BATCH, "--window", HTTP_WINDOW]),
}


def load(generator, port, args, warmup=0, on_warm=None):
    """Runs a load generator; on_warm() is called when counting starts (after the warm-up, if any)."""
    connections = UDP_SENDERS if "--udp" in args else CONNECTIONS
    argv = ["--port", port, "--connections", connections, "--seconds", SECONDS, "--warmup", warmup] + args
    if on_warm is not None and warmup == 0:
        on_warm()
        on_warm = None
    return run_bench(f"io.floe.bench.{generator}", argv, generator, on_warm)


def udp_rcvbuf_errors():
    """The kernel's count of datagrams dropped because a socket's receive buffer was full (all sockets)."""
    with open("/proc/net/snmp") as f:
        rows = [line.split() for line in f if line.startswith("Udp:")]
    return int(rows[1][rows[0].index("RcvbufErrors")])


def server(generator, flag):
    """Starts a baseline server of a load generator on a free port; returns the process and the port."""
    port = free_port()
    p = subprocess.Popen(["java", "-cp", BENCH_CP, f"io.floe.bench.{generator}", flag, str(port)],
                         stdout=subprocess.PIPE, text=True)
    p.stdout.readline()
    return p, port


def baseline(name):
    """The same load into a trivial receiver: events/s and MB/s the generator reaches without the agent."""
    _, _, generator, args = SCENARIOS[name]
    if "--udp" in args:
        p, port = server("LineLoad", "--discard-udp")
        sent = load(generator, port, args)
        received = int(p.stdout.read().strip().split("=")[1])
        p.wait()
        return (f"{received / float(sent['seconds']):,.0f} datagrams/s received by a Java socket "
                f"({received / int(sent['events']):.0%} of {float(sent['events_per_s']):,.0f}/s sent)")
    p, port = server(*(("HttpLoad", "--discard") if generator == "HttpLoad" else ("ForwardLoad", "--discard")))
    try:
        b = load(generator, port, args)
        return f"{float(b['events_per_s']):,.0f} events/s, {float(b['mb_per_s']):.0f} MB/s"
    finally:
        p.kill()
        p.wait()


def settled(mport, every=0.25, within=30):
    """The input's emit_records once it stopped growing (what was in flight when the load ended has been
    taken), and the seconds that took."""
    t0 = time.time()
    last = plugin_info(mport, "in")["emit_records"]
    while time.time() - t0 < within:
        time.sleep(every)
        now = plugin_info(mport, "in")["emit_records"]
        if now == last:
            return now, time.time() - t0 - every
        last = now
    return last, time.time() - t0


def scenario(name):
    what, source, generator, args = SCENARIOS[name]
    d = tempfile.mkdtemp(prefix="floe-bench-")
    agent = None
    try:
        port, mport = free_port(), free_port()
        agent = Agent(d, source(port) + null_match("bench.**") + monitor_source(mport), within=30)
        idle_rss = agent.status("VmRSS")
        start = {}
        drops0 = udp_rcvbuf_errors()

        def warm():
            start["cpu"] = agent.cpu()
            start["taken"] = plugin_info(mport, "in")["emit_records"]
        sent = load(generator, port, args, warmup=WARMUP, on_warm=warm)
        taken, drain = settled(mport)
        used = agent.cpu() - start["cpu"]
        taken -= start["taken"]
        events, seconds = int(sent["events"]), float(sent["seconds"])
        if taken == 0:
            raise RuntimeError(f"{name}: the agent took no events in {seconds} s:\n{agent.log_text()[-3000:]}")
        if "--udp" not in args and WARMUP == 0 and taken < events:
            raise RuntimeError(f"{name}: sent {events} events over TCP but the input took {taken}:\n{agent.log_text()[-3000:]}")
        out = plugin_info(mport, "out")["emit_records"]
        inp = plugin_info(mport, "in")
        result = dict(name=what, events_per_s=taken / (seconds + drain), drain_s=drain,
                      mb_per_s=float(sent["mb_per_s"]) * taken / events, cpu_per_million=used / (taken / 1e6),
                      peak_rss_mb=agent.status("VmHWM") / 2**20, idle_rss_mb=idle_rss / 2**20, load=loadavg(),
                      out_records=out)
        if "--udp" in args:
            result["udp"] = (f"sent {events:,} ({float(sent['events_per_s']):,.0f}/s), taken {taken:,} ({taken / events:.1%}), "
                             f"dropped_records {inp.get('dropped_records', 0):,}, kernel receive-buffer drops (whole machine) "
                             f"{udp_rcvbuf_errors() - drops0:,}")
        return result
    finally:
        if agent is not None:
            agent.stop()
        shutil.rmtree(d, ignore_errors=True)


def main():
    names = wanted(SCENARIOS)
    print(f"{os.cpu_count()} cores; {SECONDS} s per scenario (after {WARMUP} s warm-up); {CONNECTIONS} connections "
          f"({UDP_SENDERS} UDP sender); HTTP window {HTTP_WINDOW}; JAVA_OPTS={JAVA_OPTS!r}; load average {loadavg()}")
    for w in names:
        print(f"baseline for {w}: {baseline(w)} (load average {loadavg()})")
        r = scenario(w)
        extra = f"; {r['udp']}" if "udp" in r else ""
        print(f"{r['name']}: {r['events_per_s']:,.0f} events/s taken (counted by monitor_agent; {r['drain_s']:.2f} s after the "
              f"load), {r['mb_per_s']:.0f} MB/s, {r['cpu_per_million']:.2f} agent CPU s per million events, peak RSS "
              f"{r['peak_rss_mb']:.0f} MiB (idle {r['idle_rss_mb']:.0f} MiB); null output's emit_records {r['out_records']:,} (warm-up included); "
              f"load average {r['load']}{extra}")


if __name__ == "__main__":
    main()
