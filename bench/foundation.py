#!/usr/bin/env python3
"""Foundation benchmark (issue: Floe runs end to end). Drives the real agent through bin/floe.

  1. start-up: launch -> first sample event on stdout (embedded default config), N runs
  2. idle RSS: the embedded default config after it settles
  3. sample -> null: events/s routed, CPU seconds per million events, peak RSS

Run from the repository root after `mvn -q -DskipTests package`:  python3 bench/foundation.py
"""
import os, signal, subprocess, sys, tempfile, time, re, statistics

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOE = os.path.join(ROOT, "bin", "floe")
TICK = os.sysconf("SC_CLK_TCK")


def proc_status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def startup(runs):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        p = subprocess.Popen([FLOE], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(os.environ, TZ="UTC"))
        line = p.stdout.readline()
        times.append(time.monotonic() - t0)
        assert b"floe.sample:" in line, line
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)
    return times


def idle_rss(settle):
    p = subprocess.Popen([FLOE], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(settle)
    rss = proc_status(p.pid, "VmRSS")
    cpu = cpu_seconds(p.pid)
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=30)
    return rss, cpu


def sample_to_null(seconds, rate, size):
    with tempfile.TemporaryDirectory() as d:
        conf = os.path.join(d, "bench.conf")
        with open(conf, "w") as f:
            f.write(f"""
<source>
  @type sample
  @id bench_sample
  tag bench.null
  rate {rate}
  size {size}
  sample {{"log":"GET /index.html HTTP/1.1 200 1024 bench","container_name":"/web","source":"stdout"}}
</source>
<match bench.**>
  @type null
  @id bench_null
</match>
""")
        err = os.path.join(d, "stderr.txt")
        with open(err, "w") as ef:
            p = subprocess.Popen([FLOE, "-c", conf], stdout=subprocess.DEVNULL, stderr=ef)
            # wait until the pipeline runs, then measure a steady window
            deadline = time.time() + 30
            while "is now running" not in open(err).read():
                assert time.time() < deadline and p.poll() is None, open(err).read()
                time.sleep(0.05)
            t0 = time.monotonic()
            cpu0 = cpu_seconds(p.pid)
            time.sleep(seconds)
            elapsed = time.monotonic() - t0
            cpu = cpu_seconds(p.pid) - cpu0
            peak = proc_status(p.pid, "VmHWM")
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=60)
        log = open(err).read()
        m = re.search(r'plugin_id="bench_null" type="null" emit_records=(\d+)', log)
        assert m, log
        total = int(m.group(1))
        return total, elapsed, cpu, peak


def main():
    runs = int(os.environ.get("RUNS", "5"))
    print(f"machine: {os.cpu_count()} cores, java: {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}")
    ts = startup(runs)
    print(f"start-up to first event on stdout: median {statistics.median(ts):.3f} s, max {max(ts):.3f} s over {runs} runs "
          f"({', '.join(f'{t:.3f}' for t in ts)})")
    rss, cpu = idle_rss(10)
    print(f"idle RSS after 10 s on the embedded default config: {rss / 2**20:.1f} MiB (CPU used {cpu:.2f} s)")
    secs = int(os.environ.get("SECONDS_NULL", "20"))
    # rate x size asks for far more than the agent can route, so the figure is what it achieves.
    # size 1000 is how in_sample users batch; size 1 routes every event on its own.
    for rate, size in ((200000, 1000), (20000000, 1)):
        total, elapsed, cpu, peak = sample_to_null(secs, rate, size)
        # The total includes the events routed while the JVM warmed up before the window opened,
        # a fraction of a second's worth; the rate is total / window.
        print(f"sample (size {size}) -> null: {total:,} events in {elapsed:.1f} s = {total / elapsed:,.0f} events/s, "
              f"{cpu / (total / 1e6):.3f} CPU s per million events, peak RSS {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
