"""User address spaces: the mm_user ktest suite (mmap, munmap, mprotect,
brk, mremap, fork's copy-on-write, faults, no leaks) on one and two CPUs."""
import re

from qemu import Machine


def run_suite(**kw):
    with Machine(cmdline="ktest=mm_user", **kw) as m:
        m.wait_ready(timeout=180)
        out = m.output
    results = [(name, not bad) for bad, _, name in
               re.findall(r"\] +(not )?ok (\d+) (\S+)", out)]
    assert len(results) >= 14, out[-3000:]
    failed = [name for name, ok in results if not ok]
    assert not failed, f"failed: {failed}\n{out[-4000:]}"
    assert "# ktest: 1 suites, 0 failed cases" in out, out[-3000:]


def test_mm_user_ktests_pass():
    run_suite()


def test_mm_user_ktests_pass_on_two_cpus():
    run_suite(smp=2)
