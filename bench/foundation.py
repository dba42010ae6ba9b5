#!/usr/bin/env python3
"""Foundation benchmark (issue: Floe runs end to end). Drives the real agent through bin/floe.

  1. start-up: launch -> first sample event on stdout (embedded default config), N runs
  2. idle RSS: the embedded default config after it settles
  3. sample -> null: events/s routed, CPU seconds per million events, peak RSS

Run from the repository root after `mvn -q -DskipTests package`:  python3 bench/foundation.py
"""
import os, re, statistics, subprocess, tempfile, time

from common import FLOE, Agent, cpu, setting, status, stop


def startup(runs):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        p = subprocess.Popen([FLOE], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(os.environ, TZ="UTC"))
        line = p.stdout.readline()
        times.append(time.monotonic() - t0)
        assert b"floe.sample:" in line, line
        stop(p, timeout=30)
    return times


def idle_rss(settle):
    p = subprocess.Popen([FLOE], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(settle)
    rss = status(p.pid, "VmRSS")
    used = cpu(p.pid)
    stop(p, timeout=30)
    return rss, used


def sample_to_null(seconds, rate, size):
    with tempfile.TemporaryDirectory() as d:
        # Without --data-dir, as this benchmark always ran it: sample -> null (unbuffered) keeps nothing on disk.
        agent = Agent(d, f"""
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
""", within=30, data_dir=False)
        # the pipeline runs: measure a steady window
        t0 = time.monotonic()
        cpu0 = agent.cpu()
        time.sleep(seconds)
        elapsed = time.monotonic() - t0
        used = agent.cpu() - cpu0
        peak = agent.status("VmHWM")
        agent.stop()
        log = agent.log_text()
        m = re.search(r'plugin_id="bench_null" type="null" emit_records=(\d+)', log)
        assert m, log
        total = int(m.group(1))
        return total, elapsed, used, peak


def main():
    runs = setting("RUNS", 5)
    print(f"machine: {os.cpu_count()} cores, java: {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}")
    ts = startup(runs)
    print(f"start-up to first event on stdout: median {statistics.median(ts):.3f} s, max {max(ts):.3f} s over {runs} runs "
          f"({', '.join(f'{t:.3f}' for t in ts)})")
    rss, used = idle_rss(10)
    print(f"idle RSS after 10 s on the embedded default config: {rss / 2**20:.1f} MiB (CPU used {used:.2f} s)")
    secs = setting("SECONDS_NULL", 20)
    # rate x size asks for far more than the agent can route, so the figure is what it achieves.
    # size 1000 is how in_sample users batch; size 1 routes every event on its own.
    for rate, size in ((200000, 1000), (20000000, 1)):
        total, elapsed, used, peak = sample_to_null(secs, rate, size)
        # The total includes the events routed while the JVM warmed up before the window opened,
        # a fraction of a second's worth; the rate is total / window.
        print(f"sample (size {size}) -> null: {total:,} events in {elapsed:.1f} s = {total / elapsed:,.0f} events/s, "
              f"{used / (total / 1e6):.3f} CPU s per million events, peak RSS {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
