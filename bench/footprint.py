#!/usr/bin/env python3
"""Footprint on the node (issue 19): how fast the real agent is up and how much it holds when idle.

Two configurations, LAUNCHES (5) launches each, every figure per launch and the median:
  default   the embedded default config (bin/floe without -c): forward in on 24224, monitor_agent on 24220, a
            sample event every second to stdout
  pipeline  the issue's idle pipeline: forward in -> file buffer -> forward out to a server that is down (a
            closed port), tail of an idle directory, monitor_agent

  listening  launch (exec of bin/floe) -> the forward input's TCP port accepts a connection
  CPU        CPU seconds (user + system) the agent had used when its port accepted: start-up's work, which a busy
             machine stretches less than the wall-clock time
  first out  launch -> the first sample event on stdout (default config only: the pipeline's server is down)
  RSS, thr   VmRSS and the thread count IDLE_SECONDS (20) after the port opened; RssAnon and RssFile beside

NMT=1 adds -XX:NativeMemoryTracking=summary and prints the committed MiB per NMT category at the idle point (NMT
costs a little memory of its own). VARIANTS compares launchers or JVM options in one run, launches interleaved so
both see the same machine: `label=OPTS` entries separated by ';', OPTS added to JAVA_OPTS, and an OPTS starting
with @PATH runs the launcher at PATH instead of bin/floe (it must sit in bin/ to find the jars), e.g.
  VARIANTS='main=@bin/floe.main;now=' python3 bench/footprint.py
Run from the repository root after `mvn -q -DskipTests package`:  python3 bench/footprint.py [default|pipeline]
"""
import os, re, socket, statistics, subprocess, tempfile, threading, time

from common import FLOE, ROOT, JAVA_OPTS, cpu, free_port, loadavg, setting, stop, wanted

DEFAULT_PORT = 24224
DEFAULT_MONITOR_PORT = 24220


def pipeline_conf(d, port, monitor_port, down_port):
    return f"""<source>
  @type forward
  @id in_forward
  port {port}
  bind 127.0.0.1
</source>
<source>
  @type tail
  @id in_tail
  path {d}/logs/*.log
  pos_file {d}/tail.pos
  tag idle.*
  <parse>
    @type none
  </parse>
</source>
<source>
  @type monitor_agent
  bind 127.0.0.1
  port {monitor_port}
</source>
<match **>
  @type forward
  @id out_forward
  <server>
    host 127.0.0.1
    port {down_port}
  </server>
  <buffer>
    @type file
    flush_interval 1s
  </buffer>
</match>
"""


def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def proc_status(pid):
    figures = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "Threads"):
                figures[key] = int(value.split()[0])
    return figures


def nmt_committed(pid):
    """Committed KiB per NMT category (jcmd VM.native_memory summary), with 'Total' first."""
    out = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
    figures = {}
    m = re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", out)
    if m:
        figures["Total"] = int(m.group(1))
    for name, committed in re.findall(r"^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB\)", out, re.M):
        figures[name.strip()] = int(committed)
    return figures


class Launch:
    """One start of the agent, watched until it idled for `idle` seconds after its port opened."""

    def __init__(self, launcher, opts, conf, port, idle, nmt):
        env = dict(os.environ, TZ="UTC", JAVA_OPTS=" ".join(
            o for o in (JAVA_OPTS, opts, "-XX:NativeMemoryTracking=summary" if nmt else "") if o))
        cmd = [launcher] + (["-c", conf["path"], "--data-dir", conf["data"]] if conf else [])
        self.first_out = None
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        reader = threading.Thread(target=self._read, args=(p, t0), daemon=True)
        reader.start()
        try:
            while not accepts(port):
                if p.poll() is not None:
                    raise RuntimeError(f"the agent exited with {p.returncode} before port {port} accepted")
                if time.monotonic() - t0 > 60:
                    raise RuntimeError(f"port {port} did not accept within 60 s")
                time.sleep(0.005)
            self.listening = time.monotonic() - t0
            self.cpu_listening = cpu(p.pid)
            time.sleep(idle)
            self.status = proc_status(p.pid)
            self.nmt = nmt_committed(p.pid) if nmt else {}
        finally:
            stop(p, timeout=30)
            reader.join(timeout=5)

    def _read(self, p, t0):
        for line in p.stdout:
            if self.first_out is None and b"floe.sample" in line:
                self.first_out = time.monotonic() - t0


def variants():
    """(label, launcher, extra JAVA_OPTS) from VARIANTS, or the plain bin/floe."""
    spec = os.environ.get("VARIANTS", "")
    if not spec:
        return [("floe", FLOE, "")]
    out = []
    for entry in spec.split(";"):
        label, _, opts = entry.partition("=")
        launcher = FLOE
        if opts.startswith("@"):
            path, _, opts = opts[1:].partition(" ")
            launcher = os.path.join(ROOT, path)
        out.append((label.strip(), launcher, opts.strip()))
    return out


def fmt(value, unit):
    if value is None:
        return "-"
    return f"{value:.2f} s" if unit == "s" else f"{value / 1024:.1f}" if unit == "MiB" else str(value)


def report(name, label, launches, nmt):
    rows = [(l.listening, l.cpu_listening, l.first_out, l.status["VmRSS"], l.status["RssAnon"], l.status["RssFile"],
             l.status["Threads"]) for l in launches]
    print(f"\n{name} [{label}]  launch->listening (CPU) | first out | VmRSS MiB (anon + file) | threads")
    for i, (listening, used, first, rss, anon, file_, threads) in enumerate(rows, 1):
        print(f"  #{i}      {fmt(listening, 's'):>7} ({fmt(used, 's')}) | {fmt(first, 's'):>7} | {fmt(rss, 'MiB'):>6} "
              f"({fmt(anon, 'MiB')} + {fmt(file_, 'MiB')}) | {threads}   load {launches[i - 1].load}")
    med = lambda k: statistics.median(r[k] for r in rows) if all(r[k] is not None for r in rows) else None
    print(f"  median  {fmt(med(0), 's'):>7} ({fmt(med(1), 's')}) | {fmt(med(2), 's'):>7} | {fmt(med(3), 'MiB'):>6} "
          f"({fmt(med(4), 'MiB')} + {fmt(med(5), 'MiB')}) | {fmt(med(6), '')}")
    if nmt:
        keys = list(launches[0].nmt)
        print("  NMT committed MiB (median): " + ", ".join(
            f"{k} {statistics.median(l.nmt.get(k, 0) for l in launches) / 1024:.1f}" for k in keys))


def main():
    launches_n = setting("LAUNCHES", 5)
    idle = setting("IDLE_SECONDS", 20)
    nmt = os.environ.get("NMT") == "1"
    chosen = wanted(("default", "pipeline"))
    print(f"machine: {os.cpu_count()} cores, load {loadavg()}; {launches_n} launches, RSS {idle} s after listening"
          + (", NMT on" if nmt else ""))
    for name in chosen:
        results = {label: [] for label, _, _ in variants()}
        for _ in range(launches_n):
            for label, launcher, opts in variants():
                with tempfile.TemporaryDirectory() as d:
                    if name == "default":
                        taken = [p for p in (DEFAULT_PORT, DEFAULT_MONITOR_PORT) if accepts(p)]
                        if taken:
                            raise RuntimeError(f"something else listens on {taken[0]}; the default config needs it")
                        conf, port = None, DEFAULT_PORT
                    else:
                        # free ports, not 24224: other agents on a shared machine may hold it
                        port = free_port()
                        os.makedirs(os.path.join(d, "logs"))
                        conf = {"path": os.path.join(d, "fluent.conf"), "data": os.path.join(d, "data")}
                        with open(conf["path"], "w") as f:
                            f.write(pipeline_conf(d, port, free_port(), free_port()))
                    load = loadavg().split()[0]
                    launch = Launch(launcher, opts, conf, port, idle, nmt)
                    launch.load = load
                    results[label].append(launch)
        for label, launches in results.items():
            report(name, label, launches, nmt)


if __name__ == "__main__":
    main()
