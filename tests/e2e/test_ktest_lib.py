"""Library code proven inside the kernel build: the in-kernel ktest suites
of lib/ (tests/ktest/rbtree_test.c) run at boot with ktest=<suite> and
every KTAP result line must say ok. The host tests cover the same code in
more depth; this shows it also works with the kernel's compiler flags."""
import re
from qemu import Machine


def ktap_results(out):
    """(name, ok) for every KTAP result line: each case, then the suite."""
    return [(m.group(2), m.group(1) is None)
            for m in re.finditer(r"\] +(not )?ok \d+ (\S+)", out)]


def run_suite(name):
    with Machine(cmdline=f"ktest={name}") as m:
        m.wait_ready(timeout=180)
        out = m.output
    plan = re.search(r"# Subtest: " + re.escape(name) + r"\s*\n.*?\] +1\.\.(\d+)",
                     out, re.S)
    assert plan, out[-3000:]
    results = ktap_results(out)
    failed = [n for n, ok in results if not ok]
    assert not failed, f"failed: {failed}\n{out[-4000:]}"
    # Every planned case reported, plus the suite's own line.
    assert len(results) == int(plan.group(1)) + 1, out[-3000:]
    assert (name, True) in results, out[-3000:]
    assert "# ktest: 1 suites, 0 failed cases" in out, out[-3000:]


def test_rbtree_ktest_suite_passes():
    run_suite("rbtree")


def test_string_ktest_suite_passes():
    """The architecture's memcpy/memset/memmove (rep movsq/stosq)."""
    run_suite("string")
