"""Ring 3 with Linux's system-call ABI: the usermode ktest suite
(tests/ktest/usermode_test.c) runs hand-assembled user code that makes
system calls and faults, checks uaccess fixups, and FPU/FS state across
switches. Once on QEMU's default CPU (no SMAP) and once on -cpu max (SMEP
and SMAP on, so every user access must open the window with stac), and
with two CPUs, where the syscall MSRs and TSS of the second matter too."""
import re
from qemu import Machine


def run_usermode(extra=None, smp=1):
    with Machine(cmdline="ktest=usermode", extra=extra, smp=smp) as m:
        m.wait_ready(timeout=240)
        out = m.output
    results = re.findall(r"\] +(not )?ok \d+ (\S+)", out)
    failed = [name for bad, name in results if bad]
    assert not failed, f"failed: {failed}\n{out[-5000:]}"
    assert ("", "usermode") in results, out[-3000:]
    plan = re.search(r"# Subtest: usermode\s*\n.*?\] +1\.\.(\d+)", out, re.S)
    assert plan and len(results) == int(plan.group(1)) + 1, out[-3000:]
    assert "# ktest: 1 suites, 0 failed cases" in out, out[-3000:]
    assert "Oops" not in out and "BUG:" not in out, out[-3000:]
    return out


def test_usermode_ktest_passes_on_default_cpu():
    out = run_usermode()
    # sys_ni_syscall names the call, once per number.
    assert re.search(r"unimplemented syscall 134 \(uselib\) from ktest-user\[\d+\]", out), out[-3000:]
    assert len(re.findall(r"unimplemented syscall 134 ", out)) == 1


def test_usermode_ktest_passes_with_smap_and_smep():
    out = run_usermode(extra=["-cpu", "max"])
    assert "x86/mm: SMEP on, SMAP on" in out, out[:3000]
    assert "usermode test: SMAP on" in out


def test_usermode_ktest_passes_on_two_cpus():
    run_usermode(smp=2)
