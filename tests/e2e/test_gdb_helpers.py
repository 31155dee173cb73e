"""The GDB helpers of scripts/gdb/spindle.py (loaded by `make debug`) read
the running kernel through QEMU's gdbstub: GDB in batch mode attaches to
a booted kernel, and lx-ps lists the tasks the shell's ps lists (with a
thread made for the test), lx-dmesg prints the log the kernel printed,
lx-lsmod the loaded module, lx-kthread-queue the (empty) request queue;
the kernel goes on after GDB detaches."""
import os
import re
import subprocess
import tempfile
from qemu import BUILD, INITRAMFS, ROOT, Machine


def gdb(sock, *commands):
    args = ["gdb", "-batch", "-nx", os.path.join(BUILD, "spindle.elf"),
            "-ex", f"target remote {sock}",
            "-ex", "source " + os.path.join(ROOT, "scripts", "gdb", "spindle.py")]
    for c in commands:
        args += ["-ex", c]
    r = subprocess.run(args + ["-ex", "detach"], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_lx_ps_dmesg_lsmod_and_the_kthread_queue():
    sock = os.path.join(tempfile.mkdtemp(prefix="spindle-gdb-"), "gdb")
    with Machine(cmdline="kshell", initramfs=INITRAMFS,
                 extra=["-gdb", f"unix:{sock},server=on,wait=off"]) as m:
        m.wait_ready(timeout=120)
        pid = int(re.search(r"is PID (\d+)", m.run("kthread create gdbdemo")).group(1))
        m.run("insmod /lib/modules/6.1.0-spindle/my_kthread.ko", timeout=60)
        ps = {int(ln.split()[0]): ln.split()[-1] for ln in m.run("ps").splitlines()[1:]
              if not ln.split()[0].startswith("0")}
        out = gdb(sock, "lx-ps", "echo ==dmesg\\n", "lx-dmesg", "echo ==lsmod\\n", "lx-lsmod",
                  "lx-kthread-queue")
        assert m.run("echo alive") == "alive\n"     # it runs on after the detach
    part_ps, rest = out.split("==dmesg\n")
    part_dmesg, rest = rest.split("==lsmod\n")
    rows = re.findall(r"^\s*(\d+)\s+(\d+) ([RSDPIZX]) (\S+)$", part_ps, re.M)
    seen = {int(p): c for p, _, _, c in rows}
    assert seen.get(0) == "swapper/0" and seen.get(1) == "init" and seen.get(2) == "kthreadd"
    assert seen.get(pid) == "gdbdemo", part_ps
    assert {p: c for p, c in seen.items() if p} == ps, (seen, ps)
    assert all(ppid == "2" for p, ppid, _, _ in rows if int(p) > 2), part_ps
    for line in ("rest_init: creating kthreadd as PID 2", "Loading custom kthread module",
                 "shell: ready"):
        assert re.search(r"^\[\s*\d+\.\d+\] " + re.escape(line), part_dmesg, re.M), line
    assert "<6>" not in part_dmesg
    assert re.search(r"^my_kthread\s+\d+\s+0$", rest, re.M), rest
    assert "kthread_create_list: 0 request(s) waiting for kthreadd" in rest
