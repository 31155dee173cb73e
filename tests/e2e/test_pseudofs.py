"""The pseudo file systems and log access user space needs, Linux's way
(docs/pseudofs.md): syslog(2) for busybox's dmesg, /dev/kmsg's records,
sysfs (CPU lists, the console's tty for cttyhack), debugfs with LKDTM's
provoke-crash/DIRECT and the kthread control file, tracefs with the
trace that user/src/trace2mermaid.c draws as the shell's `trace mermaid`
does; and the in-kernel pseudofs ktest suite."""
import re
from qemu import Machine
from test_ktest_lib import run_suite
from test_userspace import boot_busybox, sh

DBG = "/sys/kernel/debug"


def test_pseudofs_ktest_suite_passes():
    run_suite("pseudofs")


def test_dmesg_and_dev_kmsg():
    m = boot_busybox()
    try:
        out, rc = sh(m, "dmesg | head -2")
        lines = [l for l in out.splitlines() if l.startswith("[")]
        assert rc == 0 and lines, out
        assert re.match(r"\[    0\.000000\] Spindle version ", lines[0]), out
        # /dev/kmsg: one record per read, "prio,seq,usec,-;text".
        out, rc = sh(m, "dd if=/dev/kmsg bs=4096 count=2 2>/dev/null")
        recs = re.findall(r"^(\d+),(\d+),(\d+),-;(.*)$", out, re.M)
        assert len(recs) == 2, out
        assert recs[0][1] == "0" and recs[1][1] == "1", recs
        assert "Spindle version" in recs[0][3], recs
        # A write is a record with its priority; dmesg -r shows it raw.
        out, rc = sh(m, "echo '<13>pseudofs hello' > /dev/kmsg; dmesg -r | tail -1")
        assert re.search(r"<13>\[ *\d+\.\d{6}\] pseudofs hello", out), out
        # dmesg -c clears: the next dmesg shows nothing older.
        out, rc = sh(m, "dmesg -c > /dev/null; dmesg | grep -c 'Spindle version'")
        assert out.strip().endswith("0"), out
        out, rc = sh(m, "dmesg -n 1 && echo LEVEL-OK")
        assert "LEVEL-OK" in out, out
        out, rc = sh(m, "dmesg -n 9")
        assert rc != 0, out
    finally:
        m.__exit__(None, None, None)


def test_sysfs_cpu_lists_and_console():
    m = boot_busybox(smp=2)
    try:
        out, rc = sh(m, "cat /sys/devices/system/cpu/online /sys/devices/system/cpu/possible")
        assert out.count("0-1") == 2, out
        out, rc = sh(m, "ls /sys/devices/system/cpu/")
        assert "cpu0" in out and "cpu1" in out, out
        out, rc = sh(m, "cat /sys/class/tty/console/active; tty")
        assert re.search(r"\bttyS0\n", out), out
        # cttyhack read it: the shell's terminal is the serial line.
        assert "/dev/ttyS0" in out, out
        out, rc = sh(m, "echo mem > /sys/power/state")
        assert rc != 0 and "Invalid argument" in out, out
        out, rc = sh(m, f"ls {DBG} /sys/kernel/tracing")
        assert "provoke-crash" in out and "tracing_on" in out, out
    finally:
        m.__exit__(None, None, None)


def test_lkdtm_direct_kills_only_the_writer():
    m = boot_busybox()
    try:
        out, rc = sh(m, f"cat {DBG}/provoke-crash/DIRECT")
        assert "Available crash types:" in out and "EXCEPTION" in out, out
        out, rc = sh(m, f"echo GARBAGE > {DBG}/provoke-crash/DIRECT")
        assert rc != 0 and "Invalid argument" in out, out
        out, rc = sh(m, f"sh -c 'echo BUG > {DBG}/provoke-crash/DIRECT'")
        assert "lkdtm: Performing direct entry BUG" in out, out
        assert "invalid opcode" in out and "direct_entry" in out, out
        assert rc == 139, out          # killed by SIGSEGV, as after an oops on Linux
        out, rc = sh(m, "echo still alive")
        assert "still alive" in out and rc == 0, out
    finally:
        m.__exit__(None, None, None)


def test_kthread_control_and_trace2mermaid():
    m = boot_busybox()
    try:
        ctl = f"{DBG}/kthread/control"
        out, rc = sh(m, "echo > /sys/kernel/tracing/trace; "
                        "echo 1 > /sys/kernel/tracing/tracing_on; "
                        f"echo 'create demo' > {ctl}; "
                        "echo 0 > /sys/kernel/tracing/tracing_on")
        assert rc == 0, out
        out, rc = sh(m, f"cat {ctl}")
        pid = re.search(r"'demo' is PID (\d+)", out)
        assert pid and re.search(r"^ +%s S sleep" % pid.group(1), out, re.M), out
        # The trace, one event per line in Linux's layout.
        out, rc = sh(m, "grep kthreadd_create /sys/kernel/debug/tracing/trace")
        assert re.search(r"kthreadd-2 +\[\d{3}\] +\d+\.\d{6}: kthreadd_create: "
                         r"target=%s arg=%s tcomm=demo" % (pid.group(1), pid.group(1)), out), out
        # The user program draws exactly what the shell's command draws.
        out, rc = sh(m, f"echo 'trace mermaid' > {DBG}/kshell && cat {DBG}/kshell > /tmp/k; "
                        "trace2mermaid > /tmp/u && cmp /tmp/k /tmp/u && echo SAME; cat /tmp/u")
        assert "SAME" in out and "sequenceDiagram" in out, out
        assert "as demo (PID %s)" % pid.group(1) in out, out
        # Errors come back as errno from write(2).
        for cmd, err in (("stop 1", "Operation not permitted"),
                         ("stop 2", "Operation not permitted"),
                         ("stop 9999", "No such process"),
                         ("frobnicate", "Invalid argument"),
                         ("create", "Invalid argument")):
            out, rc = sh(m, f"echo '{cmd}' > {ctl}")
            assert rc != 0 and err in out, (cmd, out)
        out, rc = sh(m, f"echo 'top' > {DBG}/kshell")
        assert rc != 0 and "Invalid argument" in out, out
        out, rc = sh(m, f"echo 'stop {pid.group(1)}' > {ctl} && cat {ctl}")
        assert rc == 0 and "kthread_stop() returned 0" in out, out
        assert not re.search(r"^ +%s S" % pid.group(1), out, re.M), out
    finally:
        m.__exit__(None, None, None)
