"""lkdtm from the shell: each crash type runs in a fresh kernel thread;
the expected report appears, the thread (and only it) dies or returns,
and the shell answers afterwards. PANIC stops the kernel (status 3)."""
import re
from qemu import Machine

PANIC_STATUS = 3

# type -> (what the report must show, how the thread ends)
EXPECT = {
    "BUG": (r"kernel BUG at kernel/lkdtm/bugs\.c:\d+!.*invalid opcode: 0000.*RIP: 0008:lkdtm_BUG\+", "killed"),
    "WARNING": (r"WARNING: at kernel/lkdtm/bugs\.c:\d+ lkdtm_WARNING\(\)", "returned"),
    "EXCEPTION": (r"BUG: kernel NULL pointer dereference.*#PF: supervisor write access", "killed"),
    "ACCESS_NULL": (r"attempting bad read at 0+\n.*BUG: kernel NULL pointer dereference.*#PF: supervisor read access.*RIP: 0008:lkdtm_ACCESS_NULL\+", "killed"),
    "WRITE_RO": (r"attempting bad rodata write.*#PF: supervisor write access.*permissions violation.*RIP: 0008:lkdtm_WRITE_RO\+", "killed"),
    "WRITE_KERN": (r"attempting bad write to kernel text.*#PF: supervisor write access.*permissions violation", "killed"),
    "EXEC_STACK": (r"attempting bad execution.*kernel tried to execute NX-protected page.*instruction fetch", "killed"),
    "EXEC_KMALLOC": (r"attempting bad execution.*kernel tried to execute NX-protected page", "killed"),
    "EXHAUST_STACK": (r"BUG: stack guard page was hit.*kernel stack overflow in lkdtm\n.*kernel stack overflow \(double-fault\).*recurse", "killed"),
    "DIVIDE_BY_ZERO": (r"divide error: 0000.*RIP: 0008:lkdtm_DIVIDE_BY_ZERO\+", "killed"),
    "INVALID_OPCODE": (r"invalid opcode: 0000.*RIP: 0008:lkdtm_INVALID_OPCODE\+", "killed"),
    "SOFTLOCKUP": (r"watchdog: BUG: soft lockup - CPU#0 stuck for \d+s! \[lkdtm:\d+\].*lkdtm_SOFTLOCKUP\+.*"
                   r"spun \d+ ms with preemption disabled: \d+ timer ticks came, 0 context switches happened.*"
                   r"the watchdog reported it", "returned"),
    "HUNG_TASK": (r"INFO: task lkdtm:\d+ blocked for more than 1 seconds\..*lkdtm_HUNG_TASK\+.*"
                  r"khungtaskd reported it", "returned"),
    "SPINLOCKUP": (r"BUG: spinlock lockup suspected on CPU#0, lkdtm/\d+.*lock: lock_me_up.*recursion.*LKDTM lets go", "returned"),
    "WRITE_AFTER_FREE": (r"attempting bad write to freed memory.*BUG kmalloc-512: use after free: object \w+ byte 256 is 0xf0, not the poison 0x6b", "returned"),
    "READ_AFTER_FREE": (r"memory correctly poisoned \(0x6b6b6b6b6b6b6b6b\)", "returned"),
    "SLAB_FREE_DOUBLE": (r"BUG kmalloc-512: double free of object", "returned"),
    "ATOMIC_SLEEP": (r"BUG: sleeping function called from invalid context at kernel/locking/mutex\.c:\d+\n"
                     r".*in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: \d+, name: lkdtm", "returned"),
}


def test_lkdtm_list_names_every_type():
    with Machine() as m:
        m.wait_ready()
        names = [l.split()[0] for l in m.run("lkdtm list").splitlines()]
        assert sorted(names) == sorted(list(EXPECT) + ["PANIC"]), names
        out = m.run("lkdtm SIDEWAYS")
        assert "unknown type 'SIDEWAYS'; 'lkdtm list' names them" in out


def test_every_lkdtm_type_reports_and_the_shell_lives():
    # Slab poisoning is off by default, as in Linux; the use-after-free
    # types need it, as they do with Linux's LKDTM.
    # A short watchdog_thresh and hung-task timeout keep SOFTLOCKUP and
    # HUNG_TASK to a few seconds each.
    with Machine(cmdline="slub_debug=FP watchdog_thresh=1 hung_task_timeout_secs=1") as m:
        m.wait_ready()
        for kind, (report, end) in EXPECT.items():
            out = m.run("lkdtm " + kind, timeout=60)
            assert f"lkdtm: Performing direct entry {kind}" in out, out
            assert re.search(report, out, re.S), (kind, out)
            assert "FAIL" not in out, (kind, out)
            if end == "killed":
                assert re.search(r"CPU: 0 PID: \d+ Comm: lkdtm", out), out
                assert re.search(r"note: lkdtm\[\d+\] exited after an oops", out), out
                assert re.search(kind + r": thread lkdtm \(PID \d+\) was killed by the "
                                 r"oops; kthread_stop\(\) returned -14 \(-EFAULT\)", out), out
            else:
                assert re.search(kind + r": thread lkdtm \(PID \d+\) returned; "
                                 r"kthread_stop\(\) returned 0 \(OK\)", out), out
            assert m.run("echo alive") == "alive\n", kind
        assert "Kernel panic" not in m.output
        assert "lkdtm" not in m.run("ps")        # every crasher is gone
        assert m.run("kthread create after").count("result: 0 (OK)") == 1


def test_lkdtm_panic_stops_the_kernel():
    with Machine() as m:
        m.wait_ready()
        m.send("lkdtm PANIC\r")
        assert m.wait_exit(timeout=60) == PANIC_STATUS
        assert "Kernel panic - not syncing: dumptest" in m.output
