"""The Linux kernel APIs of include/linux (docs/linux-map.md): the in-kernel
suites of atomics, refcount_t, kref and bit operations (atomic) and of
the IDA, string helpers, time comparisons, per-CPU variables, cpumasks
and wait_event variants (kapi) pass on two CPUs, where their concurrent
cases run one thread per CPU, and on one. refcount_t's misuses are
reported with Linux's messages."""
import re
from qemu import Machine
from test_ktest_lib import ktap_results


def run_suites(names, smp):
    with Machine(cmdline="ktest=" + ",".join(names), smp=smp) as m:
        m.wait_ready(timeout=400)
        out = m.output
    for name in names:
        plan = re.search(r"# Subtest: " + re.escape(name) + r"\s*\n.*?\] +1\.\.(\d+)",
                         out, re.S)
        assert plan, out[-3000:]
    results = ktap_results(out)
    failed = [n for n, ok in results if not ok]
    assert not failed, f"failed: {failed}\n{out[-5000:]}"
    for name in names:
        assert (name, True) in results, out[-3000:]
    assert f"# ktest: {len(names)} suites, 0 failed cases" in out, out[-3000:]
    return out


def test_atomic_and_kapi_suites_pass_on_two_cpus():
    out = run_suites(["atomic", "kapi"], smp=2)
    assert "smp: Brought up 1 node, 2 CPUs" in out
    # Each misuse WARNs once with Linux's text, from lib/refcount.c.
    for msg in ("refcount_t: addition on 0; use-after-free.",
                "refcount_t: saturated; leaking memory.",
                "refcount_t: decrement hit 0; leaking memory.",
                "refcount_t: underflow; use-after-free."):
        assert msg in out, (msg, out[-5000:])
    assert re.search(r"WARNING: at lib/refcount\.c:\d+ refcount_warn_saturate\(\)", out)


def test_atomic_and_kapi_suites_pass_on_one_cpu():
    run_suites(["atomic", "kapi"], smp=1)


def test_kthread_worker_suite_passes_on_two_cpus_and_one():
    """kthread_worker (docs/kthread-worker.md): order, one work at a time,
    flush/cancel waiting for a running work, delayed works, destroy, and
    queuing from every CPU at once."""
    for smp in (2, 1):
        run_suites(["kthread_worker"], smp=smp)


def test_freezer_suite_passes_on_two_cpus():
    """The freezer (docs/kthread-worker.md#the-freezer): freezable kthreads
    and a KTW_FREEZABLE worker stop, others run on, a refuser fails the
    freeze with Linux's message, kthread_stop() reaches a frozen thread."""
    out = run_suites(["freezer"], smp=2)
    assert re.search(r"Freezing user space processes \.\.\. \(elapsed \d+\.\d{3} seconds\) done\.", out), out
    assert re.search(r"Freezing remaining freezable tasks \.\.\. \(elapsed \d+\.\d{3} seconds\) done\.", out), out
    assert re.search(r"Freezing of tasks failed after \d+\.\d{3} seconds \(1 tasks refusing to freeze, "
                     r"wq_busy=0\):\n.*task:kt_refuser +state:D pid:\d+", out), out
    assert "Restarting tasks ... done." in out
