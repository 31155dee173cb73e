"""Memory: the allocators' in-kernel tests pass at small, medium and large
memory sizes (the last with RAM above 4 GiB); meminfo reports what QEMU
gave; the page protections (W^X, NULL, guard pages) turn bad accesses into
oopses that name the culprit."""
import re
from qemu import Machine
from crash import boot_crash as crash

def ktap_results(out):
    """(suite or case name, ok) for every KTAP result line."""
    return [(m.group(3), m.group(1) is None)
            for m in re.finditer(r"\] +(not )?ok (\d+) (\S+)", out)]


def run_ktests(mem):
    with Machine(mem=mem, cmdline="ktest=page_alloc,slab,vmalloc") as m:
        m.wait_ready(timeout=180)
        out = m.output
        meminfo = m.run("meminfo")
    results = ktap_results(out)
    assert len(results) >= 20, out[-3000:]
    failed = [name for name, ok in results if not ok]
    assert not failed, f"failed: {failed}\n{out[-4000:]}"
    assert "# ktest: 3 suites, 0 failed cases" in out
    return meminfo


def memtotal_kb(meminfo):
    return int(re.search(r"MemTotal:\s+(\d+) kB", meminfo).group(1))


def test_ktests_pass_with_64M():
    total = memtotal_kb(run_ktests("64M"))
    assert 0.93 * 65536 <= total <= 65536, total


def test_ktests_pass_with_512M():
    total = memtotal_kb(run_ktests("512M"))
    assert 0.97 * 524288 <= total <= 524288, total


def test_ktests_pass_with_5G_and_memory_above_4G_is_used():
    with Machine(mem="5G") as m:
        m.wait_ready(timeout=180)
        buddy = m.run("buddyinfo")
        meminfo = m.run("meminfo")
    assert re.search(r"zone +Normal", buddy), buddy
    total = memtotal_kb(meminfo)
    assert 0.97 * 5 * 1048576 <= total <= 5 * 1048576, total
    run_ktests("5G")


def test_meminfo_slabinfo_buddyinfo_are_consistent():
    with Machine() as m:
        m.wait_ready()
        meminfo = m.run("meminfo")
        slabinfo = m.run("slabinfo")
        buddy = m.run("buddyinfo")
    fields = dict(re.findall(r"(\w+):\s+(\d+) kB", meminfo))
    for key in ("MemTotal", "MemFree", "Slab", "KernelStack", "PageTables",
                "VmallocUsed"):
        assert key in fields, meminfo
    assert int(fields["MemFree"]) <= int(fields["MemTotal"])
    assert "kmalloc-64" in slabinfo and "kmem_cache" in slabinfo, slabinfo
    free_kb = 0
    for line in buddy.splitlines():
        counts = [int(x) for x in line.split()[4:]]
        free_kb += sum(c * 4 << o for o, c in enumerate(counts))
    assert abs(free_kb - int(fields["MemFree"])) <= 64, (free_kb, meminfo)


def test_writing_kernel_text_faults():
    out = crash("write_text")
    assert "#PF: supervisor write access in kernel mode" in out, out
    assert "permissions violation" in out, out
    assert re.search(r"RIP: \w+:crash_write_text\+", out), out


def test_writing_rodata_faults():
    out = crash("write_rodata")
    assert "#PF: supervisor write access in kernel mode" in out, out
    assert re.search(r"RIP: \w+:crash_write_rodata\+", out), out


def test_executing_from_the_stack_faults():
    out = crash("exec_stack")
    assert "kernel tried to execute NX-protected page" in out, out
    assert "#PF: supervisor instruction fetch in kernel mode" in out, out
    assert re.search(r"Call Trace:\n.*\n.*crash_exec_stack\+", out), out


def test_executing_from_the_heap_faults():
    out = crash("exec_heap")
    assert "kernel tried to execute NX-protected page" in out, out
    assert re.search(r"Call Trace:\n.*\n.*crash_exec_heap\+", out), out


def test_stack_overflow_hits_the_guard_page():
    with Machine(cmdline="boot_crash=stack_overflow") as m:
        m.wait_ready()
        out = m.output
        assert re.search(r"BUG: stack guard page was hit at ffffc9", out), out
        assert "kernel stack overflow in overflow" in out, out   # the thread
        assert "kernel stack overflow (double-fault)" in out, out
        assert re.search(r"CPU: 0 PID: \d+ Comm: overflow", out), out
        assert re.search(r"Call Trace:\n.*recurse", out), out
        # The thread dies on its own stack; the kernel goes on.
        assert "boot_crash: kthread_stop(overflow) returned -14" in out, out
        assert "Kernel panic" not in out
        assert "overflow" not in m.run("ps")
        assert m.run("echo alive").strip() == "alive"


def test_fault_injection_from_command_line_and_shell():
    with Machine(cmdline="failslab=1,100,0,0") as m:
        m.wait_ready()
        out = m.run("fault")
        assert re.search(r"failslab: interval 1 probability 100% space 0 times 0", out), out
        out = m.run("fault fail_page_alloc nth 3")
        assert "fail_nth 3" in out, out
        out = m.run("fault fail_page_alloc 2,50,0,-1")
        assert "interval 2 probability 50% space 0 times -1" in out, out
        assert "usage: fault" in m.run("fault failslab sideways")
        assert "usage: fault" in m.run("fault nosuch off")
        assert "times 0" in m.run("fault fail_page_alloc off")


def test_smep_and_smap_are_on_when_the_cpu_has_them():
    with Machine(extra=["-cpu", "max"]) as m:
        m.wait_ready()
        assert "x86/mm: SMEP on, SMAP on" in m.output, m.output[-3000:]
        assert m.run("echo ok").strip() == "ok"
    with Machine(extra=["-cpu", "qemu64"]) as m:
        m.wait_ready()
        assert "x86/mm: SMEP not supported, SMAP not supported" in m.output
