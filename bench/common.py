"""What every benchmark driver in bench/ does the same way: start bin/floe on a config and wait until it runs,
read its CPU time and memory from /proc, run the bench module's load generators and read their figures, and
write the config sections the drivers share. The drivers keep only their scenarios and their printing.
"""
import os, signal, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# FLOE_LAUNCHER runs another launcher (a copy of an older bin/floe beside it, to compare) instead of bin/floe.
FLOE = os.environ.get("FLOE_LAUNCHER") or os.path.join(ROOT, "bin", "floe")
BENCH_CP = os.path.join(ROOT, "bench", "target", "floe-bench.jar") + ":" + os.path.join(ROOT, "bench", "target", "lib", "*")
TICK = os.sysconf("SC_CLK_TCK")
JAVA_OPTS = os.environ.get("JAVA_OPTS", "")


def setting(name, default):
    """A whole-number setting from the environment (SECONDS=5 python3 bench/...)."""
    return int(os.environ.get(name, str(default)))


def wanted(scenarios):
    """The scenarios named on the command line, or all of them."""
    return sys.argv[1:] or list(scenarios)


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().strip()


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def status(pid, key):
    """A memory figure of /proc/<pid>/status (VmRSS, VmHWM, RssAnon, RssFile) in bytes; 0 when it is not there."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def cpu(pid):
    """CPU seconds the process has used so far, user and system (utime + stime of /proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def du(path):
    out = subprocess.run(["du", "-s", "--block-size=1", path], capture_output=True, text=True).stdout
    return int(out.split()[0]) if out else 0


def stop(p, timeout=60):
    """SIGTERM, as a service manager stops the agent (it flushes its buffers on the way out), then waits."""
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=timeout)


class Agent:
    """bin/floe on a config written into folder d: d/bench.conf, its log (stderr) in d/agent.log, its data in d/data.

    Waits until the log says `ready` (unless None), within `within` seconds; `launched` is when the process started.
    """

    def __init__(self, d, conf, ready="is now running", within=60, data_dir=True):
        os.makedirs(d, exist_ok=True)
        self.conf = os.path.join(d, "bench.conf")
        self.log = os.path.join(d, "agent.log")
        self.data = os.path.join(d, "data")
        with open(self.conf, "w") as f:
            f.write(conf)
        cmd = [FLOE, "-c", self.conf] + (["--data-dir", self.data] if data_dir else [])
        with open(self.log, "w") as err:
            self.launched = time.time()
            self.p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        self.pid = self.p.pid
        if ready is not None:
            self.await_log(ready, within)

    def log_text(self):
        with open(self.log) as f:
            return f.read()

    def await_log(self, text, within, every=0.05, tail=None):
        """Waits until the log holds text; if the agent exits or time runs out, fails with the log (its last `tail` characters)."""
        deadline = time.time() + within
        while text not in self.log_text():
            if time.time() > deadline or self.p.poll() is not None:
                log = self.log_text()
                raise RuntimeError(log[-tail:] if tail else log)
            time.sleep(every)

    def cpu(self):
        return cpu(self.pid)

    def status(self, key):
        return status(self.pid, key)

    def stop(self, timeout=60):
        stop(self.p, timeout)


def run_bench(main_class, args, what, on_warm=None):
    """Runs one of the bench module's programs (ForwardLoad, BulkLoader) to its end and returns the key=value
    figures of its last line, failing with its output when they count errors. With on_warm, ForwardLoad's output
    is read as it comes and on_warm() is called when it prints `warmed-up` (its warm-up is over, counting starts).
    """
    cmd = ["java", "-cp", BENCH_CP, main_class] + [str(a) for a in args]
    if on_warm is None:
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
        raise RuntimeError(f"{what} failed: {stdout}\n{stderr}")
    return figures


def forward_source(port):
    return f"<source>\n  @type forward\n  port {port}\n  bind 127.0.0.1\n</source>\n"


def plugin_info(mport, plugin_id):
    """The plugin's entry in monitor_agent's /api/plugins.json (emit_records, buffer figures, its own fields)."""
    import json, urllib.request
    with urllib.request.urlopen(f"http://127.0.0.1:{mport}/api/plugins.json?@id={plugin_id}", timeout=5) as r:
        return json.load(r)["plugins"][0]


def monitor_source(port):
    return f"<source>\n  @type monitor_agent\n  bind 127.0.0.1\n  port {port}\n</source>\n"


def buffer_section(kind, extra=""):
    """The buffer the throughput scenarios put in front of an output: flushed every second, 8 MB chunks."""
    return (f"  <buffer>\n    @type {kind}\n    flush_mode interval\n    flush_interval 1s\n    chunk_limit_size 8m\n"
            f"{extra}  </buffer>\n")


def null_match(pattern, buffer=""):
    """The null output, @id out (the id monitor_agent reports it by), behind a buffer section if one is given."""
    return f"<match {pattern}>\n  @type null\n  @id out\n{buffer}</match>\n"
