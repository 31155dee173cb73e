"""The labs' own modules (docs/labs.md), whose sessions the transcript
replay cannot type on a stock kernel (the student writes the module):
Lab 1's module, cut from the lab's text as it stands, and Lab 3's, the
instructors' solution in docs/instructor/labs/ (whose thread function
must be the lab's, character for character), are built out of tree with
`make -C <spindle> M=DIR modules`, packed into an initramfs, loaded with
busybox's insmod, and checked against what the labs say: Lab 1's thread
is a child of kthreadd sleeping in D, ticks, and kthread_stop() returns
its count; Lab 3's rmmod returns only after the thread ended on its own,
with 42, and its kernel log lines are the lab's block, in order."""
import os
import re
import shutil
import subprocess
import sys
import threading
from qemu import Machine, BUILD, ROOT
from test_userspace import sh, SH_PROMPT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import docs  # noqa: E402

WORK = os.path.join(BUILD, "test-docs-labs")
CPIO = os.path.join(WORK, "initramfs.cpio")
LABS = "docs/labs.md"
SOLUTIONS = os.path.join(ROOT, "docs", "instructor", "labs")
_lock = threading.Lock()


def lab_blocks(n):
    """The fenced blocks of Lab @n's section of docs/labs.md."""
    text = open(os.path.join(ROOT, LABS)).read().split("\n")
    start = next(i for i, ln in enumerate(text) if ln.startswith(f"## Lab {n}:"))
    end = next((i for i in range(start + 1, len(text)) if text[i].startswith("## ")), len(text))
    return [b for b in docs.blocks(LABS) if start < b.line <= end]


def build():
    """Builds both modules and an initramfs with them in /mods; returns
    the cpio's path."""
    with _lock:
        inputs = [os.path.join(ROOT, LABS), os.path.join(SOLUTIONS, "stubborn.c"),
                  os.path.join(BUILD, "spindle.elf"), os.path.join(ROOT, "user", "initramfs.list")]
        if os.path.exists(CPIO) and all(os.path.getmtime(CPIO) >= os.path.getmtime(p)
                                        for p in inputs):
            return CPIO
        shutil.rmtree(WORK, ignore_errors=True)
        src = os.path.join(WORK, "src")
        os.makedirs(src)
        code = next(b for b in lab_blocks(1) if b.lang == "c")
        with open(os.path.join(src, "hello_kthread.c"), "w") as f:
            f.write("\n".join(code.lines) + "\n")
        shutil.copy(os.path.join(SOLUTIONS, "stubborn.c"), src)
        with open(os.path.join(src, "Makefile"), "w") as f:
            f.write("obj-m += hello_kthread.o stubborn.o\n")
        r = subprocess.run(["make", "-s", "-C", ROOT, f"BUILD={BUILD}", f"M={src}", "modules"],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        r = subprocess.run(["make", "-s", "-C", ROOT, f"BUILD={BUILD}", "initramfs"],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        mods = os.path.join(WORK, "root", "mods")
        os.makedirs(mods)
        for name in ("hello_kthread", "stubborn"):
            shutil.copy(os.path.join(src, name + ".ko"), mods)
        subprocess.run(["python3", os.path.join(ROOT, "tools", "gen_initramfs.py"),
                        CPIO + ".tmp", os.path.join(ROOT, "user", "initramfs.list"),
                        "--busybox", "/bin/busybox", "--var", "BUSYBOX=/bin/busybox",
                        "--var", f"BUILD={BUILD}",
                        "--extra", os.path.join(BUILD, "modules-root"),
                        "--extra", os.path.join(WORK, "root")], check=True, cwd=ROOT)
        os.replace(CPIO + ".tmp", CPIO)
        return CPIO


def test_lab3_solution_has_the_labs_thread_function():
    lab = next(b for b in lab_blocks(3) if b.lang == "c")
    solution = open(os.path.join(SOLUTIONS, "stubborn.c")).read()
    assert "\n".join(lab.lines) in solution, \
        "docs/instructor/labs/stubborn.c no longer holds Lab 3's stubborn_fn()"


def test_labs_1_and_3_modules_do_what_the_labs_say():
    m = Machine(initramfs=build())
    m.__enter__()
    try:
        m.wait_for(re.escape(SH_PROMPT), timeout=120)
        # Lab 1: a child of kthreadd (PPID 2), mostly in D (msleep), ticking.
        out, rc = sh(m, "insmod /mods/hello_kthread.ko")
        assert rc == 0, out
        m.wait_for(r"hello_kthread: tick 1\b", timeout=60)
        # In D "most of the time": one look may catch it running a tick.
        for _ in range(3):
            out, rc = sh(m, "ps -o pid,ppid,stat,args | grep '[h]ello_kthread'")
            if re.search(r"^\s*\d+\s+2\s+D\S*\s+\[hello_kthread\]", out, re.M):
                break
        else:
            assert False, out
        out, rc = sh(m, "insmod /mods/hello_kthread.ko")
        assert rc != 0 and "File exists" in out, out
        out, rc = sh(m, "rmmod hello_kthread")
        assert rc == 0, out
        ticks = re.findall(r"hello_kthread: tick (\d+)", m.output)
        stop = re.search(r"hello_kthread: kthread_stop\(\) returned (\d+)", m.output)
        assert stop and int(stop.group(1)) == int(ticks[-1]) + 1, (ticks, stop)
        out, rc = sh(m, "rmmod hello_kthread")
        assert rc != 0, out
        # Lab 3: rmmod comes back only after the thread ended on its own.
        start = len(m.output)
        out, rc = sh(m, "insmod /mods/stubborn.ko && rmmod stubborn", timeout=120)
        assert rc == 0, out
        log = re.findall(r"\[\s*\d+\.\d+\] [^\n]*", m.output[start:])
        block = next(b for b in lab_blocks(3) if b.attrs().get("replay"))
        # The block is "spindle# rmmod stubborn" and its log: one step.
        steps = [docs.Step(block.first, "rmmod stubborn",
                           [(block.first + i, ln) for i, ln in enumerate(block.lines[1:], 1)])]
        bad = docs.check_session(steps, [[]], log)
        assert not bad, (bad, log)
        assert log[-1].endswith("stubborn: kthread_stop() returned 42"), log
    finally:
        m.close()
