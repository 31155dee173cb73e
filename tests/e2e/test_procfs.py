"""/proc (kernel/fs/proc/, docs/procfs.md): the in-kernel suite `procfs`
passes, and Debian's busybox tools that read /proc work as on Linux: ps
shows init and the kernel threads in [brackets] with Linux's parents,
free agrees with /proc/meminfo, uptime, pstree and top run, and the
per-process files (maps, status, cmdline, fd/) say what Linux's do.
Bad input gets errnos: a missing PID is ENOENT, a read at an odd offset
gives the rest of the text."""
import re
from test_ktest_lib import run_suite
from test_userspace import boot_busybox, sh


def test_procfs_ktest_suite_passes():
    run_suite("procfs")


def ps_table(m):
    """{pid: (ppid, stat, command)} from busybox `ps -o pid,ppid,stat,args`."""
    out, rc = sh(m, "ps -o pid,ppid,stat,args")
    assert rc == 0, out
    rows = {}
    for line in out.splitlines():
        f = line.split(None, 3)
        if len(f) == 4 and f[0].isdigit():
            rows[int(f[0])] = (int(f[1]), f[2], f[3])
    return rows, out


def test_ps_shows_init_and_kernel_threads_with_linux_parents():
    m = boot_busybox()
    try:
        rows, out = ps_table(m)
        assert rows[1][0] == 0 and "init" in rows[1][2], out
        assert rows[2] == (0, rows[2][1], "[kthreadd]"), out
        ksoftirqd = [p for p, r in rows.items() if r[2] == "[ksoftirqd/0]"]
        assert ksoftirqd and rows[ksoftirqd[0]][0] == 2, out
        out, rc = sh(m, "cat /proc/2/cmdline | wc -c")
        assert out.split()[-1] == "0", out
        out, rc = sh(m, "cat /proc/1/cmdline | tr '\\0' ' '; echo")
        assert out.strip().splitlines()[-1].strip() == "init", out
        out, rc = sh(m, "cat /proc/2/status")
        assert "Kthread:\t1" in out and "VmRSS" not in out, out
        out, rc = sh(m, "grep -E '^(Name|PPid|Kthread|VmRSS):' /proc/1/status")
        assert "Kthread:\t0" in out and "VmRSS:" in out, out
    finally:
        m.__exit__(None, None, None)


def test_free_uptime_pstree_and_top():
    m = boot_busybox()
    try:
        out, rc = sh(m, "free; grep -E '^Mem(Total|Free):' /proc/meminfo")
        assert rc == 0, out
        total = int(re.search(r"MemTotal:\s+(\d+) kB", out).group(1))
        mem = re.search(r"Mem:\s+(\d+)\s+(\d+)\s+(\d+)", out)
        assert mem and int(mem.group(1)) == total, out
        out, rc = sh(m, "uptime")
        assert rc == 0 and re.search(r"up .*load average: \d+\.\d\d", out), out
        out, rc = sh(m, "pstree")
        assert rc == 0 and "init" in out and "sh" in out, out
        out, rc = sh(m, "pstree 2")
        assert "kthreadd" in out and "ksoftirqd/0" in out, out
        out, rc = sh(m, "top -b -n 1")
        assert rc == 0 and re.search(r"^\s*1\s+0\s+root\s+S\s+\d+", out, re.M), out
        assert "[kthreadd]" in out and re.search(r"CPU:.*idle", out), out
        out, rc = sh(m, "cat /proc/loadavg")
        assert re.match(r"\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+$",
                        out.strip().splitlines()[-1]), out
    finally:
        m.__exit__(None, None, None)


def test_self_maps_fd_and_bad_input():
    m = boot_busybox()
    try:
        out, rc = sh(m, "cat /proc/self/maps")
        assert re.search(r"^[0-9a-f]+-[0-9a-f]+ r-xp [0-9a-f]{8} \d\d:\d\d \d+ +/bin/busybox$",
                         out, re.M), out
        assert re.search(r" rw-p .*\[stack\]$", out, re.M), out
        out, rc = sh(m, "readlink /proc/self/fd/0; readlink /proc/self/exe; "
                        "echo x | readlink /proc/self/fd/0")
        # The shell's terminal (user/etc/init.d/tty-shell), its program.
        assert "/dev/ttyS0" in out and "/bin/busybox" in out, out
        assert re.search(r"pipe:\[\d+\]", out), out
        out, rc = sh(m, "cat /proc/self/mounts")
        assert "proc /proc proc rw 0 0" in out and "rootfs / " in out, out
        out, rc = sh(m, "cat /proc/99999/stat")
        assert rc != 0 and "No such file or directory" in out, out
        out, rc = sh(m, "dd if=/proc/version bs=1 skip=6 count=7 2>/dev/null; echo")
        assert "version" in out, out
        out, rc = sh(m, "sh -c 'echo me > /proc/self/comm; cat /proc/$$/comm; true'")
        assert out.strip().splitlines()[-1] == "me", out
        out, rc = sh(m, "echo other > /proc/1/comm; cat /proc/1/comm")
        assert out.strip().splitlines()[-1] == "init", out
        out, rc = sh(m, "sleep 5 & p=$!; exec 3</proc/$p/stat; kill $p; wait; "
                        "cat <&3; echo rc=$?; exec 3<&-")
        assert "rc=" in out, out
        out, rc = sh(m, "echo alive")
        assert "alive" in out, out
    finally:
        m.__exit__(None, None, None)
