#!/usr/bin/env python3
"""Soak runs of the torture modules (modules/rcutorture.c, locktorture.c;
docs/cpu-hotplug.md): boots Spindle in QEMU with N CPUs, loads each
module with a CPU-hotplug thread and a kthread_stop() storm for DURATION
seconds, prints the module's statistics lines and its verdict, and exits
non-zero if any run did not end with SUCCESS (or the kernel reported a
BUG or WARNING, or hung).

    make torture                          # 60 s each, on 2 and 4 CPUs
    make torture TORTURE_ARGS='--duration 600 --smp 4 --type mutex_lock'
"""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
# tests/lib/qemu.py reads the build directory when imported.
for _i, _a in enumerate(sys.argv):
    if _a == "--build" and _i + 1 < len(sys.argv):
        os.environ["SPINDLE_BUILD"] = os.path.abspath(sys.argv[_i + 1])
    elif _a.startswith("--build="):
        os.environ["SPINDLE_BUILD"] = os.path.abspath(_a.split("=", 1)[1])
from qemu import Machine  # noqa: E402

RUNS = {
    "rcu": ("rcutorture", "", r"rcu-torture:--- End of test: (\w+):"),
    "spin_lock": ("locktorture", "torture_type=spin_lock", r"-torture:--- End of test: (\w+):"),
    "spin_lock_irq": ("locktorture", "torture_type=spin_lock_irq",
                      r"-torture:--- End of test: (\w+):"),
    "mutex_lock": ("locktorture", "torture_type=mutex_lock", r"-torture:--- End of test: (\w+):"),
}


def run(smp, kind, duration, onoff, storm):
    module, extra, end_re = RUNS[kind]
    params = (f"duration={duration} onoff_interval={onoff} stat_interval=15 "
              f"kthread_storm={int(storm)} {extra}")
    cmd = "kshell " + " ".join(f"{module}.{p}" for p in params.split())
    print(f"=== {kind} on {smp} CPUs, {duration} s ({params})", flush=True)
    with Machine(cmdline=cmd, smp=smp) as m:
        m.wait_ready(timeout=120)
        start = len(m.output)
        m.send(f"insmod {module}\r")
        try:
            match = m.wait_for(end_re, timeout=duration + 300, start=start)
            m.read_for(1)
        except Exception as e:   # a hang: show what there is
            print(m.output[start:][-4000:])
            print(f"=== {kind} on {smp} CPUs: HUNG ({e.__class__.__name__})")
            return False
        out = m.output[start:]
    for line in out.splitlines():
        if re.search(r"torture|Writes:|BUG|WARNING|affine", line):
            print(line)
    ok = match.group(1) == "SUCCESS" and "BUG:" not in out and "WARNING:" not in out
    print(f"=== {kind} on {smp} CPUs: {'SUCCESS' if ok else 'FAILURE'}", flush=True)
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=int, default=60, help="seconds per run")
    ap.add_argument("--smp", type=int, action="append", help="CPUs (repeatable)")
    ap.add_argument("--type", action="append", choices=sorted(RUNS),
                    help="what to torture (repeatable); default: all")
    ap.add_argument("--onoff-interval", type=int, default=100, help="ms; 0: no hotplug")
    ap.add_argument("--no-storm", action="store_true", help="no kthread_stop() storm")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    a = ap.parse_args()
    if a.duration < 1:
        ap.error("--duration must be at least 1 second")
    results = []
    for smp in a.smp or [2, 4]:
        for kind in a.type or sorted(RUNS):
            results.append((smp, kind, run(smp, kind, a.duration, a.onoff_interval,
                                           not a.no_storm)))
    failed = [f"{k} on {s} CPUs" for s, k, ok in results if not ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed"
          + (": " + ", ".join(failed) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
