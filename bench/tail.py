#!/usr/bin/env python3
"""Tail-input benchmarks on the real agent process (issue: tail input).

throughput   4 files x 500,000 Docker json-file lines (~240 bytes), read_from_head, parse docker, tail -> null.
             Done when the pos_file says every file is read to its end. Target: >= 500,000 lines/s.
filebuf      the same into a file buffer (durable) in front of null.
idle         500 files nobody writes to: the agent's CPU over IDLE_SECONDS after start-up (target < 2% of one
             core) and its RSS (target <= 200 MB; bin/floe's default heap is 128m).
trickle      20 files written a line at a time, TRICKLE_RATE lines/s in all (a node's containers logging
             moderately): the agent's CPU once warmed up (JIT done), as the share of one core.
A baseline in the same run reads the same files with `wc -l` (what this disk and page cache give).

Run from the repository root after `mvn -q -DskipTests package` (or install):
    python3 bench/tail.py                 # all scenarios
    python3 bench/tail.py throughput idle
Environment: LINES (per file, default 500000), FILES (4), IDLE_FILES (500), IDLE_SECONDS (30), JAVA_OPTS.
"""
import os, shutil, subprocess, tempfile, time

from common import JAVA_OPTS, Agent, buffer_section, null_match, setting, wanted

LINES = setting("LINES", 500000)
FILES = setting("FILES", 4)
IDLE_FILES = setting("IDLE_FILES", 500)
IDLE_SECONDS = setting("IDLE_SECONDS", 30)
TRICKLE_RATE = setting("TRICKLE_RATE", 2000)


def docker_lines(path, n, container):
    pad = "x" * 140
    with open(path, "w") as out:
        for i in range(n):
            out.write('{"log":"container %d line %08d %s\\n","stream":"stdout","time":"2026-11-21T03:22:11.%09dZ"}\n'
                      % (container, i, pad, i % 1000000000))


def positions(pos_file):
    try:
        with open(pos_file) as f:
            return sum(int(l.split("\t")[1], 16) for l in f if l.count("\t") == 2 and not l.split("\t")[1].startswith("ffff"))
    except (OSError, ValueError):
        return 0


SOURCE = """<source>
  @type tail
  @id in_tail
  path {dir}/containers/*/*-json.log
  pos_file {dir}/pos/tail.pos
  tag docker.*
  read_from_head {head}
  <parse>
    @type docker
  </parse>
</source>
"""
OUTPUTS = {
    "null": null_match("docker.**"),
    "filebuf": null_match("docker.**", buffer_section("file")),
}


def start_agent(d, output, head):
    """The agent tailing d/containers; not waited for: the throughput is timed from its launch too."""
    return Agent(d, SOURCE.format(dir=d, head=head) + OUTPUTS[output], ready=None)


def make_files(d, files, lines):
    total = 0
    for c in range(files):
        cd = os.path.join(d, "containers", "c%03d" % c)
        os.makedirs(cd)
        p = os.path.join(cd, "c%03d-json.log" % c)
        docker_lines(p, lines, c)
        total += os.path.getsize(p)
    return total


def baseline(d):
    files = [os.path.join(r, f) for r, _, fs in os.walk(os.path.join(d, "containers")) for f in fs]
    t0 = time.time()
    subprocess.run(["wc", "-l"] + files, capture_output=True, check=True)
    return time.time() - t0


def throughput(output):
    d = tempfile.mkdtemp(prefix="floe-tail-bench-")
    try:
        total = make_files(d, FILES, LINES)
        lines = FILES * LINES
        wc = baseline(d)
        agent = start_agent(d, output, "true")
        pos = os.path.join(d, "pos", "tail.pos")
        first = None
        deadline = time.time() + 600
        peak = 0
        while True:
            done = positions(pos)
            now = time.time()
            if first is None and done > 0:
                first = now
            if done >= total:
                break
            if agent.p.poll() is not None or now > deadline:
                raise RuntimeError("agent stopped or timed out:\n" + agent.log_text()[-3000:])
            peak = max(peak, agent.status("VmRSS"))
            time.sleep(0.01)
        end = time.time()
        used = agent.cpu()
        peak = max(peak, agent.status("VmHWM"))
        agent.stop()
        reading = end - first
        return dict(lines=lines, mb=total / 1e6, seconds=reading, with_startup=end - agent.launched, lines_per_s=lines / reading,
                    mb_per_s=total / 1e6 / reading, cpu_s=used, peak_rss_mb=peak / 2**20, wc_lines_per_s=lines / wc)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def idle():
    d = tempfile.mkdtemp(prefix="floe-tail-idle-")
    try:
        for c in range(IDLE_FILES):
            cd = os.path.join(d, "containers", "c%04d" % c)
            os.makedirs(cd)
            docker_lines(os.path.join(cd, "c%04d-json.log" % c), 1, c)
        agent = start_agent(d, "null", "false")
        agent.await_log("following tail of %s/containers/c%04d" % (d, IDLE_FILES - 1), 60, every=0.1, tail=3000)
        time.sleep(5)  # start-up work (JIT, first scan) is not idling
        c0, t0 = agent.cpu(), time.time()
        time.sleep(IDLE_SECONDS)
        c1, t1 = agent.cpu(), time.time()
        rss, hwm = agent.status("VmRSS"), agent.status("VmHWM")
        threads = len(os.listdir(f"/proc/{agent.pid}/task"))
        agent.stop()
        return dict(files=IDLE_FILES, cpu_percent=100 * (c1 - c0) / (t1 - t0), rss_mb=rss / 2**20, peak_rss_mb=hwm / 2**20, threads=threads)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def trickle():
    d = tempfile.mkdtemp(prefix="floe-tail-trickle-")
    try:
        files = []
        for c in range(20):
            cd = os.path.join(d, "containers", "c%02d" % c)
            os.makedirs(cd)
            files.append(open(os.path.join(cd, "c%02d-json.log" % c), "a", buffering=1))
        agent = start_agent(d, "null", "false")
        line = '{"log":"%s\\n","stream":"stdout","time":"2026-11-21T03:22:11.817939191Z"}\n' % ("x" * 170)
        t0 = time.time()
        n = 0
        measured = None
        while time.time() - t0 < 20 + IDLE_SECONDS:
            if measured is None and time.time() - t0 >= 20:  # JIT warm-up done
                measured = (agent.cpu(), time.time(), n)
            for f in files:
                f.write(line)
                n += 1
            due = t0 + n / TRICKLE_RATE - time.time()
            if due > 0:
                time.sleep(due)
        c1, t1 = agent.cpu(), time.time()
        agent.stop()
        return dict(rate=(n - measured[2]) / (t1 - measured[1]), cpu_percent=100 * (c1 - measured[0]) / (t1 - measured[1]))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def report_throughput(name, r):
    print(f"{name}: {r['lines']:,} lines ({r['mb']:.0f} MB) in {r['seconds']:.2f} s = {r['lines_per_s']:,.0f} lines/s, "
          f"{r['mb_per_s']:.0f} MB/s ({r['with_startup']:.2f} s with JVM start); agent CPU {r['cpu_s']:.1f} s; "
          f"peak RSS {r['peak_rss_mb']:.0f} MiB; baseline wc -l: {r['wc_lines_per_s']:,.0f} lines/s")


SCENARIOS = {
    "throughput": lambda: report_throughput("tail -> null, parse docker, read_from_head", throughput("null")),
    "filebuf": lambda: report_throughput("tail -> file buffer -> null, parse docker", throughput("filebuf")),
    "idle": lambda: (lambda r: print(f"idle: {r['files']} files, agent CPU {r['cpu_percent']:.2f}% of one core over "
                                     f"{IDLE_SECONDS} s, RSS {r['rss_mb']:.0f} MiB (peak {r['peak_rss_mb']:.0f}), "
                                     f"{r['threads']} threads"))(idle()),
    "trickle": lambda: (lambda r: print(f"trickle: 20 files, {r['rate']:,.0f} lines/s written a line at a time, agent CPU "
                                        f"{r['cpu_percent']:.2f}% of one core (after 20 s of warm-up)"))(trickle()),
}


def main():
    print(f"{os.cpu_count()} cores; {FILES} files x {LINES:,} lines; JAVA_OPTS={JAVA_OPTS!r}")
    for w in wanted(SCENARIOS):
        SCENARIOS[w]()


if __name__ == "__main__":
    main()
