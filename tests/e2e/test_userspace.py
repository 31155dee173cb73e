"""User space (docs/processes.md): the kernel unpacks the initramfs, PID 1
executes /init (Debian's static busybox) and stops being a kernel thread,
and ordinary Linux programs run on Linux's system-call ABI: busybox's
shell and commands, and user/src/utest.c's process checks."""
import os
import re
import subprocess
import tempfile
from qemu import Machine, INITRAMFS, BUILD, ROOT

SH_PROMPT = "spindle:~# "


def sh(m, command, timeout=60):
    """Runs @command in busybox's shell; returns its output. The end is a
    marker the command line itself cannot match (its echo has quotes)."""
    start = len(m.output)
    m.send(command + "; echo EN''D-$?\n")
    # Up to the line's end: the status may arrive in two reads ("END-1",
    # then "39"), and a match on the first would read it as 1.
    match = m.wait_for(r"\nEND-(\d+)\r?\n", timeout=timeout, start=start)
    return m.output[start:match.start()], int(match.group(1))


def boot_busybox(**kw):
    m = Machine(initramfs=INITRAMFS, **kw)
    m.__enter__()
    m.wait_for(re.escape(SH_PROMPT), timeout=120)
    return m


def test_init_becomes_busybox_and_a_shell_prompt_appears():
    m = boot_busybox()
    try:
        assert "Run /init as init process" in m.output
        assert "BusyBox" in m.output
        # kernel_init's fallback did not run: the console shell is not there.
        assert "Run the console shell as init process" not in m.output
        out, rc = sh(m, "echo $((6 * 7))")
        assert rc == 0 and "42" in out, out
    finally:
        m.__exit__(None, None, None)


def test_pipes_fork_exec_and_exit_codes_from_the_shell():
    m = boot_busybox()
    try:
        out, rc = sh(m, "echo hello spindle | tr a-z A-Z | cat")
        assert "HELLO SPINDLE" in out, out
        # The shell moves each command into the pipeline's process group,
        # whose first member may be a zombie by then (it still counts).
        out, rc = sh(m, "i=0; while [ $i -lt 100 ]; do echo x | tr x y | cat >/dev/null; "
                        "i=$((i+1)); done")
        assert "process group" not in out and rc == 0, out
        out, rc = sh(m, "sh -c 'exit 3'")
        assert rc == 3, out
        out, rc = sh(m, "uname -sr")
        assert "Linux 6.1.0-spindle" in out, out
        out, rc = sh(m, "echo data > /tmp/f && cat /tmp/f && ls /tmp")
        assert out.count("data") >= 1 and "f" in out and rc == 0, out
    finally:
        m.__exit__(None, None, None)


def test_utest_fork_and_copy_on_write():
    m = boot_busybox()
    try:
        out, rc = sh(m, "utest fork cow", timeout=120)
        assert "utest fork: ok" in out and "utest cow: ok" in out, out
        assert rc == 0, out
    finally:
        m.__exit__(None, None, None)


def test_utest_signals_timers_pipes_and_exec():
    """user/src/utest.c's process checks, run as an ordinary program:
    handlers, masks, SIGCHLD, sigtimedwait, interval timers (wall clock
    and CPU time) and alarm,
    nice, affinity, policies, prctl, getrusage, PR_SET_PDEATHSIG, futex
    wait/wake and CLONE_CHILD_CLEARTID between CLONE_VM tasks, a 1 MiB
    pipe transfer, EFAULT, mmap, exec errors, vfork."""
    m = boot_busybox()
    try:
        cases = ("signals sigchld sigwait itimer sched futex pipe efault mmap exec "
                 "vfork")
        out, rc = sh(m, "utest " + cases, timeout=180)
        for case in cases.split():
            assert f"utest {case}: ok" in out, out
        assert rc == 0, out
    finally:
        m.__exit__(None, None, None)


THREAD_CASES = ("basic", "signal", "exit", "exec", "stop", "robust")


def run_threads(m, rounds):
    out, rc = sh(m, f"for i in $(seq {rounds}); do threads; done", timeout=60 * rounds)
    for case in THREAD_CASES:
        assert out.count(f"threads {case}: ok") == rounds, out
    assert rc == 0 and out.count("threads: 0 failed") == rounds, out
    return out


def test_posix_threads_share_a_process_and_die_with_it():
    """user/src/threads.c with musl's pthreads (clone(CLONE_THREAD)):
    shared memory and PID, own TIDs in /proc/PID/task and Threads: in
    status; a process's signal goes to a thread that does not block it;
    exit() or a fault in any thread ends the whole process, whose status
    the parent gets once the last thread is gone; execve() in a thread
    keeps the PID; SIGSTOP stops every thread and SIGCONT resumes them."""
    m = boot_busybox()
    try:
        out = run_threads(m, 1)
        # The fault in a thread is reported under the process's name.
        assert re.search(r"threads\[\d+\]: segfault at 8 ", out), out
        out, rc = sh(m, "ps -o pid,comm | grep -c threads")
        assert out.split()[-1] == "0", out   # nothing left behind
    finally:
        m.__exit__(None, None, None)


def test_posix_threads_on_two_cpus_repeatedly():
    """Threads run on both CPUs at once: wake-ups, group exits and group
    stops race with running threads there."""
    m = boot_busybox(smp=2)
    try:
        run_threads(m, 3)
    finally:
        m.__exit__(None, None, None)


def test_kshell_option_keeps_the_kernel_console_shell():
    with Machine(initramfs=INITRAMFS, cmdline="kshell") as m:
        m.wait_ready(timeout=120)
        assert "Run /init as init process" not in m.output
        assert "Run the console shell as init process" in m.output


def test_job_control_ctrl_c_and_ctrl_z_reach_the_foreground_command():
    """The shell runs on /dev/ttyS0 as its controlling terminal
    (user/etc/init.d/tty-shell): ^C kills the foreground `sleep`, not the
    shell or the kernel; ^Z stops it and the shell lists it as a job."""
    m = boot_busybox()
    try:
        out, rc = sh(m, "tty")
        assert "/dev/ttyS0" in out, out
        # The shell's line editor reads ^C itself, and the shell ignores
        # ^Z, until the command runs: the command itself says it runs (the
        # echo of the line cannot match: quotes).
        start = len(m.output)
        m.send("sh -c 'echo RUN\"\"NING; exec sleep 600'\n")
        m.wait_for(r"\nRUNNING", timeout=30, start=start)
        m.send("\x03")
        m.wait_for(re.escape(SH_PROMPT), timeout=30, start=start)
        out, rc = sh(m, "echo back")
        assert "back" in out and rc == 0, out
        start = len(m.output)
        m.send("sh -c 'echo RUN\"\"NING; exec sleep 600'\n")
        m.wait_for(r"\nRUNNING", timeout=30, start=start)
        m.send("\x1a")
        m.wait_for(r"Stopped", timeout=30, start=start)
        out, rc = sh(m, "jobs")
        assert "Stopped" in out and "sleep 600" in out, out
        out, rc = sh(m, "kill -9 %1; sleep 1; jobs")
        assert "Killed" in out, out
        out, rc = sh(m, "jobs")     # reported once, then gone
        assert not any("sleep" in l for l in out.splitlines()[1:]), out  # [0]: the echo
        assert "Oops" not in m.output and "BUG" not in m.output
    finally:
        m.__exit__(None, None, None)


def test_busybox_poweroff_signals_init_which_powers_the_machine_off():
    """busybox's poweroff sends SIGUSR2 to init, which takes it with
    rt_sigtimedwait(), runs inittab's shutdown actions and calls
    reboot(LINUX_REBOOT_CMD_POWER_OFF): QEMU ends (isa-debug-exit: 1)."""
    m = boot_busybox()
    try:
        m.send("poweroff\n")
        assert m.wait_exit(timeout=60) == 1
        assert "Power down." in m.output
        assert "unimplemented syscall 128" not in m.output
    finally:
        m.__exit__(None, None, None)


def test_busybox_sees_two_cpus_and_renices_and_binds_processes():
    """nproc and taskset read sched_getaffinity() and taskset binds with
    sched_setaffinity(); renice sets the nice value with setpriority();
    /proc/PID/stat shows both."""
    m = boot_busybox(smp=2)
    try:
        out, rc = sh(m, "nproc")
        assert rc == 0 and out.strip().splitlines()[-1] == "2", out
        out, rc = sh(m, "taskset -p 1")
        assert "mask: 3" in out, out
        out, rc = sh(m, "sleep 100 & P=$!; taskset -p 2 $P; renice -n 5 -p $P; "
                        "taskset -p $P; echo nice=$(cut -d' ' -f19 /proc/$P/stat) "
                        "cpu=$(cut -d' ' -f39 /proc/$P/stat); kill $P")
        assert "new affinity mask: 2" in out, out
        assert "nice=5 cpu=1" in out, out      # /proc/PID/stat: nice, processor
        assert rc == 0, out
    finally:
        m.__exit__(None, None, None)


def test_initramfs_extra_adds_a_directory_tree():
    """`make iso INITRAMFS_EXTRA=DIR` puts DIR's files into the initramfs
    (modes kept), over the default ones."""
    with tempfile.TemporaryDirectory() as tmp:
        extra = os.path.join(tmp, "extra")
        os.makedirs(os.path.join(extra, "usr", "local", "bin"))
        prog = os.path.join(extra, "usr", "local", "bin", "hello-extra")
        with open(prog, "w") as f:
            f.write("#!/bin/sh\necho hello from INITRAMFS_EXTRA\n")
        os.chmod(prog, 0o755)
        cpio = os.path.join(tmp, "extra.cpio")
        subprocess.run(["make", "-s", "-C", ROOT, f"BUILD={BUILD}", f"INITRAMFS={cpio}",
                        f"INITRAMFS_EXTRA={extra}", cpio], check=True)
        m = Machine(initramfs=cpio)
        m.__enter__()
        try:
            m.wait_for(re.escape(SH_PROMPT), timeout=120)
            out, rc = sh(m, "/usr/local/bin/hello-extra")
            assert "hello from INITRAMFS_EXTRA" in out and rc == 0, out
            out, rc = sh(m, "ls /bin/busybox")     # the default tree is there too
            assert rc == 0, out
        finally:
            m.__exit__(None, None, None)
