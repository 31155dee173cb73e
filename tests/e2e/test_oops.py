"""Exception tests: boot_crash=TYPE faults on purpose at the end of
start_kernel(); the kernel must print an oops that names the exception,
shows the registers with RIP inside the faulting function, and a call
trace through that function back to start_kernel(), then panic (which
ends QEMU with the panic status 3)."""
import re
from qemu import Machine
from crash import boot_crash as crash

def check_oops(out, headline, function):
    assert re.search(headline, out), out
    assert re.search(r"RIP: [0-9a-f]{4}:" + function + r"\+0x[0-9a-f]+/0x[0-9a-f]+", out), out
    for reg in ("RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP",
                "R08", "R15", "CR2", "CR3", "EFLAGS"):
        assert reg + ":" in out, f"{reg} missing\n{out}"
    trace = out[out.index("Call Trace:"):]
    names = re.findall(r"\]  (\w+)\+0x", trace)
    assert names[0] == function, names
    assert "start_kernel" in names[:4], names
    assert "Kernel panic - not syncing" in out, out


def test_null_pointer_page_fault():
    out = crash("null")
    assert "BUG: kernel NULL pointer dereference, address: 0000000000000000" in out, out
    assert "#PF: supervisor read access in kernel mode" in out, out
    assert re.search(r"CR2: 0000000000000000", out), out
    check_oops(out, r"Oops: 0000 \[#1\]", "crash_null_deref")


def test_divide_error():
    check_oops(crash("divide"), r"divide error: 0000 \[#1\]", "crash_divide")


def test_invalid_opcode():
    check_oops(crash("opcode"), r"invalid opcode: 0000 \[#1\]", "crash_invalid_opcode")


def test_bug_reports_file_and_line():
    out = crash("bug")
    assert re.search(r"kernel BUG at kernel/boot_crash\.c:\d+!", out), out
    check_oops(out, r"invalid opcode: 0000 \[#1\]", "crash_bug")


def test_unknown_crash_type_is_refused():
    with Machine(cmdline="boot_crash=sideways") as m:
        m.wait_ready()
        assert "boot_crash: unknown type 'sideways'" in m.output, m.output
        assert m.run("echo alive").strip() == "alive"


def test_oops_in_a_kthread_kills_only_that_thread():
    with Machine(cmdline="boot_crash=kthread") as m:
        m.wait_ready()
        out = m.output
        assert "BUG: kernel NULL pointer dereference" in out, out
        assert re.search(r"CPU: 0 PID: \d+ Comm: crasher", out), out
        assert "note: crasher[" in out and "exited after an oops" in out, out
        assert "boot_crash: kthread_stop(crasher) returned -14" in out, out
        assert "Kernel panic" not in out
        assert "crasher" not in m.run("ps")
        assert m.run("echo alive").strip() == "alive"
