#!/usr/bin/env python3
"""Runs every Spindle test and prints one line per test, then a summary.

  host  - unit tests of lib/ built for the host with ASan and UBSan
          (tests/host/, cmocka); each cmocka case counts as one test.
  e2e   - tests/e2e/test_*.py: each function named test_* boots Spindle
          under QEMU (tests/lib/qemu.py) and checks what a user would see.

The last line is "N passed, N failed"; the exit status is 1 on any failure.
"""
import argparse
import concurrent.futures
import importlib.util
import inspect
import os
import subprocess
import sys
import time
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))


def run_host(build):
    """Builds and runs the host unit tests; yields (name, ok, detail)."""
    out = os.path.join(build, "host")
    r = subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "tests", "host"),
                        f"OUT={out}"], capture_output=True, text=True)
    if r.returncode:
        yield ("host: build", False, r.stdout + r.stderr)
        return
    for exe in sorted(os.listdir(out)):
        path = os.path.join(out, exe)
        if not (exe.startswith("test_") and os.access(path, os.X_OK)):
            continue
        env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
        r = subprocess.run([path], capture_output=True, text=True, env=env, timeout=120)
        seen = False
        for line in r.stdout.splitlines():
            if line.startswith("ok ") or line.startswith("not ok "):
                seen = True
                ok = line.startswith("ok ")
                name = line.split(" - ", 1)[-1].strip()
                yield (f"host: {exe}: {name}", ok, r.stdout + r.stderr if not ok else "")
        if not seen or r.returncode and all(
                not l.startswith("not ok") for l in r.stdout.splitlines()):
            yield (f"host: {exe}", False, r.stdout + r.stderr)


def discover_e2e(pattern):
    tests = []
    d = os.path.join(ROOT, "tests", "e2e")
    for fname in sorted(os.listdir(d)):
        if not (fname.startswith("test_") and fname.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(fname[:-3], os.path.join(d, fname))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if name.startswith("test_") and fn.__module__ == mod.__name__:
                full = f"e2e: {fname[:-3]}.{name}"
                if not pattern or pattern in full:
                    tests.append((full, fn))
    return tests


def run_one(name, fn):
    t0 = time.time()
    try:
        fn()
        return (name, True, "", time.time() - t0)
    except Exception:
        return (name, False, traceback.format_exc(), time.time() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--only", choices=["host", "e2e"])
    ap.add_argument("-k", default="", help="run only tests whose name contains this")
    ap.add_argument("-j", type=int, default=int(os.environ.get("TEST_JOBS", "3")))
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    os.environ["SPINDLE_BUILD"] = build
    results = []

    def report(name, ok, detail, secs=None):
        results.append(ok)
        t = f" ({secs:.1f}s)" if secs is not None else ""
        print(f"{'ok  ' if ok else 'FAIL'} {name}{t}", flush=True)
        if not ok and detail:
            print("     " + detail.rstrip().replace("\n", "\n     "), flush=True)

    if args.only != "e2e":
        for name, ok, detail in run_host(build):
            if not args.k or args.k in name:
                report(name, ok, detail)

    if args.only != "host":
        r = subprocess.run(["make", "-s", f"BUILD={build}", "all", "initramfs"], cwd=ROOT,
                           capture_output=True, text=True)
        if r.returncode:
            report("build: make all initramfs", False, r.stdout + r.stderr)
        else:
            tests = discover_e2e(args.k)
            with concurrent.futures.ThreadPoolExecutor(max(1, args.j)) as pool:
                futs = [pool.submit(run_one, n, f) for n, f in tests]
                for fut in concurrent.futures.as_completed(futs):
                    report(*fut.result())

    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not results else 0)


if __name__ == "__main__":
    main()
