#!/usr/bin/env python3
"""Runs modules/kbench.c on Spindle and on Linux under the same QEMU and
prints the figures side by side.

  kbench.py spindle [--icount] [--quick]   Spindle alone (make bench)
  kbench.py linux [--icount] [--quick]     Debian's Linux alone (make bench-linux)
  kbench.py compare                        both, plain TCG and -icount shift=0
                                           (make bench-compare)
  kbench.py plot [--out FILE.svg]          switch_at_scale from compare.json,
                                           drawn with gnuplot

Both kernels boot on the same emulated machine (QEMU TCG, q35, one CPU
unless --smp N asks for more, fixed memory, QEMU's default CPU model); Spindle from its ISO through
SeaBIOS and GRUB, Linux with -kernel and a busybox initramfs. At the
shell prompt the harness types the insmod command, and reads kbench's
"kbench-json:" lines from the serial console. The boot figures come from
the kernels' own console time stamps (boot_to_init: the "Run ... as init
process" line; boot_to_shell: the shell's ready line) and from the host's
wall clock (QEMU start to the prompt).

With --smp N (make bench BENCH_ARGS=--smp=2) the mode is named tcg-smpN
or icount-smpN, so the one-CPU results are kept apart.

Results go to <build>/bench/<kernel>-<mode>.json; compare also writes
<build>/bench/compare.json and compare.md.
"""
import argparse
import glob
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MEM = "512M"
SMP = 1     # CPUs the emulated machine has; --smp N changes it
SPINDLE_PROMPT = "spindle# "
LINUX_PROMPT = "linux# "

# Figures in table order: (key, label, unit, which way is better).
FIGURES = [
    ("create_first_run", "create_first_run (kthread_run -> first line)", "ns", "low"),
    ("create_return", "create_return (kthread_run returns)", "ns", "low"),
    ("lifecycle", "lifecycle (create+wake+run+stop)", "ns", "low"),
    ("stop_sleeping", "stop_sleeping (kthread_stop, blocked)", "ns", "low"),
    ("wake_latency", "wake_latency (wake_up_process -> runs)", "ns", "low"),
    ("switch", "switch (two threads, one CPU)", "ns", "low"),
] + [
    (f"switch_at_scale_{kind}_{n}", f"switch, {n} others {kind}", "ns", "low")
    for kind in ("blocked", "runnable") for n in (0, 100, 1000, 10000)
] + [
    ("churn_create", "churn: create (threads/s)", "threads/s", "high"),
    ("churn_stop", "churn: stop (threads/s)", "threads/s", "high"),
    ("churn_create_cold", "churn: create, first round", "threads/s", "high"),
    ("churn_stop_cold", "churn: stop, first round", "threads/s", "high"),
    ("mem_per_kthread", "mem_per_kthread (stack + slab + page tables)", "bytes", "low"),
    ("boot_to_init", "boot_to_init (kernel clock)", "ns", "low"),
    ("boot_to_shell", "boot_to_shell (kernel clock)", "ns", "low"),
    ("wall_to_prompt", "QEMU start -> prompt (host wall)", "ns", "low"),
    # user/src/ubench.c, a user program on each kernel (ubench_session())
    ("ubench_null_syscall", "user: null syscall (getppid)", "ns", "low"),
    ("ubench_fork_exit_wait", "user: fork+exit+wait", "ns", "low"),
    ("ubench_fork_exec_wait", "user: fork+execve+wait", "ns", "low"),
    ("ubench_pipe_roundtrip", "user: pipe round trip", "ns", "low"),
    ("ubench_anon_fault", "user: anonymous page fault", "ns", "low"),
    ("boot_to_user_prompt", "boot -> first user prompt (Spindle) / Run /init (Linux)",
     "ns", "low"),
]


class BenchError(Exception):
    pass


def qemu_base(icount):
    """The machine both kernels get."""
    args = ["qemu-system-x86_64", "-M", "q35", "-m", MEM, "-smp", str(SMP),
            "-display", "none", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if icount:
        args += ["-icount", "shift=0"]
    return args


class Console:
    """QEMU with its serial port on a Unix socket (nothing is lost)."""

    def __init__(self, args, log):
        self.tmp = tempfile.mkdtemp(prefix="kbench-")
        path = os.path.join(self.tmp, "serial")
        self.args = args + ["-chardev", f"socket,id=s0,path={path},server=on,wait=on",
                            "-serial", "chardev:s0"]
        self.path = path
        self.log = log
        self.out = ""
        self.proc = None

    def __enter__(self):
        self.t0 = time.time()
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.sock = socket.socket(socket.AF_UNIX)
        for _ in range(500):
            try:
                self.sock.connect(self.path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.01)
        else:
            raise BenchError("QEMU did not open its serial socket")
        self.sock.settimeout(0.1)
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
        qemu_msgs = self.proc.stdout.read().decode(errors="replace")
        self.proc.wait()
        self.sock.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        with open(self.log, "w") as f:
            f.write(self.out)
            if qemu_msgs:
                f.write("\n--- qemu ---\n" + qemu_msgs)

    def wait_for(self, pattern, timeout, start=0):
        rx = re.compile(pattern, re.S)
        end = time.time() + timeout
        while True:
            m = rx.search(self.out, start)
            if m:
                return m
            if time.time() > end:
                raise BenchError(f"timed out after {timeout}s waiting for {pattern!r}; "
                                 f"see {self.log}; last output:\n{self.out[-1500:]}")
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not data:
                if self.proc.poll() is not None:
                    raise BenchError(f"QEMU exited before {pattern!r}; see {self.log}:\n"
                                     f"{self.out[-1500:]}")
                time.sleep(0.05)
                continue
            self.out += data.decode(errors="replace").replace("\r", "")

    def send(self, text):
        self.sock.sendall(text.encode())


def kmsg_time(out, pattern):
    """Seconds stamped on the first console line matching @pattern."""
    m = re.search(r"\[\s*(\d+\.\d+)\]\s*" + pattern, out)
    return float(m.group(1)) if m else None


def parse_kbench(out):
    """The JSON object kbench printed, from its "kbench-json:" lines."""
    lines = re.findall(r"kbench-json: (.*)", out)
    if not lines:
        raise BenchError("no kbench-json lines in the output")
    return json.loads("".join(lines))


def kbench_params(quick, batch):
    p = {}
    if quick:
        p["quick"] = "1"
    if batch:
        p["batch"] = "1"
    return p


def run_session(con, prompt, insmod, boot_init_rx, boot_shell_rx, timeout,
                clock_from_boot=None):
    """Waits for the prompt, runs kbench, returns (kbench JSON, boot figures).
    @clock_from_boot: a regex that must be on the console for the kernel's
    time stamps to count from its first instruction (None: they do)."""
    con.wait_for(re.escape(prompt), 300)
    wall = time.time() - con.t0
    start = len(con.out)
    con.send(insmod + "\r")
    con.wait_for(r"kbench: done", timeout, start)
    result = parse_kbench(con.out[start:])
    boot = {}
    late_zero = clock_from_boot and not re.search(clock_from_boot, con.out[:start])
    for key, rx in (("boot_to_init", boot_init_rx), ("boot_to_shell", boot_shell_rx)):
        t = kmsg_time(con.out, rx)
        if t is None:
            boot[key] = {"unit": "ns", "missing": "line not found on the console"}
        elif late_zero:
            # Jiffies start at time_init(): what ran before is not counted.
            boot[key] = {"unit": "ns", "missing": "the kernel clock starts at "
                         "time_init(), not at the first instruction (no TSC clock "
                         "source)", "after_time_init": int(t * 1e9)}
        else:
            boot[key] = {"unit": "ns", "value": int(t * 1e9)}
    boot["wall_to_prompt"] = {"unit": "ns", "value": int(wall * 1e9)}
    return result, boot


# --- Spindle ---------------------------------------------------------------

def spindle_iso(build, cmdline, initramfs=None, name="spindle-bench.iso"):
    """An ISO whose GRUB passes @cmdline (and loads @initramfs, if given).
    GRUB reads no serial input here: under -icount, `terminal_input
    serial` makes GRUB 2.06 spin forever."""
    elf = os.path.join(build, "spindle.elf")
    out_dir = os.path.join(build, "bench")
    iso = os.path.join(out_dir, name)
    work = os.path.join(out_dir, "isodir")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "boot", "grub"))
    shutil.copy(elf, os.path.join(work, "boot", "spindle.elf"))
    initrd = ""
    if initramfs:
        shutil.copy(initramfs, os.path.join(work, "boot", "initramfs.cpio"))
        initrd = "module2 /boot/initramfs.cpio initramfs"
    with open(os.path.join(ROOT, "iso", "grub.cfg.in")) as f:
        cfg = f.read().replace("@CMDLINE@", cmdline).replace("@INITRD@", initrd)
    cfg = re.sub(r"(?m)^terminal_input .*$", "terminal_input console", cfg)
    with open(os.path.join(work, "boot", "grub", "grub.cfg"), "w") as f:
        f.write(cfg)
    subprocess.run(["grub-mkrescue", "--compress=xz", "--fonts=", "--locales=",
                    "--themes=", "-o", iso, work], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return iso


def run_spindle(build, icount, quick=False, batch=False, timeout=900):
    params = kbench_params(quick, batch)
    # console=ttyS0: the kernel log on the serial line only, as Linux's
    # command line below says (drawing it on the framebuffer too is a
    # cost Linux does not pay here). tsc=reliable: QEMU's TCG never
    # reports an invariant TSC (see docs/performance.md); Linux uses its
    # TSC there too.
    cmdline = " ".join(["console=ttyS0", "tsc=reliable"] +
                       [f"kbench.{k}={v}" for k, v in params.items()])
    iso = spindle_iso(build, cmdline)
    log = os.path.join(build, "bench", f"spindle-{mode_name(icount)}.log")
    with Console(qemu_base(icount) + ["-cdrom", iso], log) as con:
        result, boot = run_session(con, SPINDLE_PROMPT, "insmod kbench",
                                   r"Run the console shell as init process",
                                   r"shell: ready", timeout,
                                   r"time counts from the kernel's first instruction")
    result["figures"].update(ubench_spindle(build, icount, quick))
    return finish(result, boot, "spindle", icount, cmdline)


def ubench_session(con, prompt, quick):
    """At the user-space prompt: runs ubench; returns its figures and the
    boot time the prompt's start-up printed (ubench -t)."""
    con.wait_for(re.escape(prompt), 300)
    t = re.search(r"ubench: monotonic (\d+) ns", con.out)
    start = len(con.out)
    con.send(("ubench -q" if quick else "ubench") + "\r")
    con.wait_for(r"ubench: done", 900, start)
    m = re.search(r"ubench-json: (.*)", con.out[start:])
    figs = {f"ubench_{k}": {"unit": "ns", "value": v}
            for k, v in json.loads(m.group(1)).items()}
    return figs, (int(t.group(1)) if t else None)


def ubench_initramfs(build):
    """make's initramfs (with ubench), whose login profile prints the
    clock first: boot to the first prompt. Return: its path."""
    extra = os.path.join(build, "bench", "ubench-extra")
    shutil.rmtree(extra, ignore_errors=True)
    os.makedirs(os.path.join(extra, "etc"))
    with open(os.path.join(ROOT, "user", "etc", "profile")) as f:
        profile = f.read()
    with open(os.path.join(extra, "etc", "profile"), "w") as f:
        f.write(profile + "/usr/bin/ubench -t\n")
    cpio = os.path.join(build, "bench", "ubench-initramfs.cpio")
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_initramfs.py"), cpio,
                    os.path.join(ROOT, "user", "initramfs.list"), "--busybox",
                    "/bin/busybox", "--var", "BUSYBOX=/bin/busybox", "--var",
                    f"BUILD={build}", "--extra", extra], check=True, cwd=ROOT)
    return cpio


def ubench_spindle(build, icount, quick):
    """Boots Spindle into busybox from the ubench initramfs, runs ubench."""
    cmdline = "console=ttyS0 tsc=reliable"
    iso = spindle_iso(build, cmdline, ubench_initramfs(build), "spindle-ubench.iso")
    log = os.path.join(build, "bench", f"spindle-ubench-{mode_name(icount)}.log")
    with Console(qemu_base(icount) + ["-cdrom", iso], log) as con:
        figs, t = ubench_session(con, "spindle:~# ", quick)
    figs["boot_to_user_prompt"] = ({"unit": "ns", "value": t} if t else
                                   {"unit": "ns", "missing": "no ubench -t line"})
    return figs


# --- Linux -----------------------------------------------------------------

def linux_kernel():
    kernels = sorted(glob.glob("/boot/vmlinuz-*-amd64"))
    if not kernels:
        raise BenchError("no /boot/vmlinuz-*-amd64: run scripts/setup-bench.sh")
    vmlinuz = kernels[-1]
    release = os.path.basename(vmlinuz)[len("vmlinuz-"):]
    headers = f"/usr/src/linux-headers-{release}"
    if not os.path.isdir(headers):
        raise BenchError(f"no {headers}: run scripts/setup-bench.sh")
    return vmlinuz, release, headers


def build_module(build, headers):
    """kbench.ko from the very same modules/kbench.c, with Kbuild."""
    mod = os.path.join(build, "bench", "linux-module")
    os.makedirs(mod, exist_ok=True)
    src = os.path.join(mod, "kbench.c")
    if os.path.lexists(src):
        os.remove(src)
    os.symlink(os.path.join(ROOT, "modules", "kbench.c"), src)
    with open(os.path.join(mod, "Kbuild"), "w") as f:
        f.write("obj-m := kbench.o\n")
    r = subprocess.run(["make", "-C", headers, f"M={mod}", "modules"],
                       capture_output=True, text=True)
    if r.returncode:
        raise BenchError("Kbuild failed:\n" + r.stdout + r.stderr)
    return os.path.join(mod, "kbench.ko")


INIT = """#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Linux caps threads at RAM / (8 x stack size): 3.9k with 512 MiB, fewer
# than switch_at_scale's 10,000; lift the cap (Spindle has none).
echo 32768 > /proc/sys/kernel/threads-max
echo "kbench-boot: shell ready" > /dev/kmsg
export PS1='linux# '
exec setsid cttyhack sh
"""


def build_initramfs(build, ko):
    """A gzipped cpio: busybox, /init and kbench.ko."""
    root = os.path.join(build, "bench", "initramfs")
    shutil.rmtree(root, ignore_errors=True)
    for d in ("bin", "dev", "proc", "sys", "tmp"):
        os.makedirs(os.path.join(root, d))
    busybox = shutil.which("busybox") or "/bin/busybox"
    shutil.copy(busybox, os.path.join(root, "bin", "busybox"))
    shutil.copy(ko, os.path.join(root, "kbench.ko"))
    with open(os.path.join(root, "init"), "w") as f:
        f.write(INIT)
    os.chmod(os.path.join(root, "init"), 0o755)
    return pack_initramfs(root, os.path.join(build, "bench", "initramfs.cpio.gz"))


def pack_initramfs(root, out):
    """Packs the tree @root as a gzipped cpio "newc" archive @out."""
    names = subprocess.run("find . | sort", shell=True, cwd=root, check=True,
                           capture_output=True, text=True).stdout
    cpio = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=root,
                          input=names.encode(), capture_output=True, check=True).stdout
    with gzip.open(out, "wb") as f:
        f.write(cpio)
    return out


UBENCH_INIT = """#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
/bin/ubench -t
export PS1='linux# '
exec setsid cttyhack sh
"""


def ubench_linux(build, icount, quick):
    """ubench on Debian's kernel: busybox and ubench in an initramfs."""
    vmlinuz = sorted(glob.glob("/boot/vmlinuz-*-amd64"))
    if not vmlinuz:
        raise BenchError("no /boot/vmlinuz-*-amd64: run scripts/setup-bench.sh")
    root = os.path.join(build, "bench", "ubench-root")
    shutil.rmtree(root, ignore_errors=True)
    for d in ("bin", "dev", "proc", "tmp"):
        os.makedirs(os.path.join(root, d))
    shutil.copy(shutil.which("busybox") or "/bin/busybox", os.path.join(root, "bin"))
    shutil.copy(os.path.join(build, "user", "ubench"), os.path.join(root, "bin"))
    with open(os.path.join(root, "init"), "w") as f:
        f.write(UBENCH_INIT)
    os.chmod(os.path.join(root, "init"), 0o755)
    initrd = pack_initramfs(root, os.path.join(build, "bench", "ubench-initramfs.cpio.gz"))
    args = qemu_base(icount) + ["-kernel", vmlinuz[-1], "-initrd", initrd, "-append",
                                "console=ttyS0 quiet loglevel=7"]
    log = os.path.join(build, "bench", f"linux-ubench-{mode_name(icount)}.log")
    with Console(args, log) as con:
        figs, _ = ubench_session(con, LINUX_PROMPT, quick)
        t = kmsg_time(con.out, r"Run /init as init process")
        con.send("poweroff -f\r")
    figs["boot_to_user_prompt"] = ({"unit": "ns", "value": int(t * 1e9)} if t else
                                   {"unit": "ns", "missing": "no Run /init line"})
    return figs


def run_linux(build, icount, quick=False, batch=False, timeout=900):
    vmlinuz, release, headers = linux_kernel()
    ko = build_module(build, headers)
    initrd = build_initramfs(build, ko)
    params = kbench_params(quick, batch)
    append = "console=ttyS0 quiet loglevel=7"
    args = qemu_base(icount) + ["-kernel", vmlinuz, "-initrd", initrd, "-append", append]
    insmod = " ".join(["insmod /kbench.ko"] + [f"{k}={v}" for k, v in params.items()])
    log = os.path.join(build, "bench", f"linux-{mode_name(icount)}.log")
    with Console(args, log) as con:
        result, boot = run_session(con, LINUX_PROMPT, insmod,
                                   r"Run /init as init process",
                                   r"kbench-boot: shell ready", timeout)
        con.send("poweroff -f\r")
    result["figures"].update(ubench_linux(build, icount, quick))
    return finish(result, boot, f"linux {release}", icount, append)


# --- Results ---------------------------------------------------------------

def mode_name(icount):
    name = "icount" if icount else "tcg"
    return name if SMP == 1 else f"{name}-smp{SMP}"


def finish(result, boot, kernel, icount, cmdline):
    result["figures"].update(boot)
    result["kernel"] = kernel
    result["mode"] = mode_name(icount)
    result["qemu"] = " ".join(qemu_base(icount))
    result["cmdline"] = cmdline
    return result


def value(fig):
    """The figure's number (median or value), or None if missing."""
    if not fig or "missing" in fig:
        return None
    return fig.get("median", fig.get("value"))


def fmt(fig, unit):
    v = value(fig)
    if v is None:
        return "missing" if fig else "-"
    if unit == "ns":
        s = f"{v / 1000:.2f} us" if v < 10_000_000 else f"{v / 1e9:.3f} s"
        if fig.get("p99") is not None:
            s += f" (p99 {fig['p99'] / 1000:.1f})"
        return s
    if unit == "bytes":
        return f"{v} B"
    return f"{v}/s"


def table(results):
    """Markdown table of one or more results (columns)."""
    head = ["figure"] + [f"{r['kernel']} [{r['mode']}, {r['how']}]" for r in results]
    rows = [head, ["---"] * len(head)]
    for key, label, unit, _ in FIGURES:
        figs = [r["figures"].get(key) for r in results]
        if all(f is None for f in figs):
            continue
        rows.append([label] + [fmt(f, unit) for f in figs])
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def ratio(sp, lx, better):
    """Spindle/Linux for times and sizes; Spindle rate / Linux rate for
    rates (so the targets read "<= 0.2" and ">= 5" as in the issue)."""
    a, b = value(sp), value(lx)
    if a is None or b is None or not b:
        return None
    return a / b


def compare_table(sp, lx):
    rows = [["figure", "Spindle", "Linux", "ratio"], ["---"] * 4]
    for key, label, unit, better in FIGURES:
        a, b = sp["figures"].get(key), lx["figures"].get(key)
        if a is None and b is None:
            continue
        r = ratio(a, b, better)
        rtxt = "missing" if r is None else (f"{r:.3f}" if better == "low" else f"{r:.2f}x")
        rows.append([label, fmt(a, unit), fmt(b, unit), rtxt])
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def save(build, name, obj):
    path = os.path.join(build, "bench", name)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
    return path


def lines(result):
    """One stable machine-readable line per figure."""
    out = []
    for key, fig in sorted(result["figures"].items()):
        kv = " ".join(f"{k}={json.dumps(v) if isinstance(v, str) else v}"
                      for k, v in sorted(fig.items()))
        out.append(f"bench: kernel={json.dumps(result['kernel'])} mode={result['mode']} "
                   f"figure={key} {kv}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["spindle", "linux", "compare", "plot", "ubench"])
    ap.add_argument("--out", help="plot: the SVG to write (default <build>/bench/"
                    "switch_at_scale.svg)")
    ap.add_argument("--build", default="build")
    ap.add_argument("--icount", action="store_true", help="-icount shift=0")
    ap.add_argument("--quick", action="store_true", help="kbench.quick: a fast check")
    ap.add_argument("--batch", action="store_true",
                    help="time in batches on both kernels (for a coarse Spindle clock)")
    ap.add_argument("--modes", default="tcg,icount", help="compare: tcg, icount or both")
    ap.add_argument("--smp", type=int, default=1,
                    help="CPUs of the emulated machine (default 1)")
    args = ap.parse_args()
    if args.smp < 1:
        ap.error("--smp wants 1 or more CPUs")
    global SMP
    SMP = args.smp
    build = os.path.abspath(args.build)
    os.makedirs(os.path.join(build, "bench"), exist_ok=True)
    try:
        if args.what == "spindle":
            r = run_spindle(build, args.icount, args.quick, args.batch)
            print(lines(r))
            print(table([r]))
            print("saved", save(build, f"spindle-{r['mode']}.json", r))
        elif args.what == "linux":
            r = run_linux(build, args.icount, args.quick, args.batch)
            print(lines(r))
            print(table([r]))
            print("saved", save(build, f"linux-{r['mode']}.json", r))
        elif args.what == "plot":
            print("wrote", plot(build, args.out))
        elif args.what == "ubench":
            ubench_compare(build, args)
        else:
            compare(build, args)
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(1)


def compare(build, args):
    report = []
    everything = {}
    for mode in args.modes.split(","):
        icount = mode == "icount"
        sp = run_spindle(build, icount, args.quick, args.batch)
        # Time Linux the way Spindle's clock allows, so both sides are
        # measured alike; Linux's single-call figures are kept beside.
        batch = args.batch or sp["how"] == "batch"
        lx = run_linux(build, icount, args.quick, batch)
        everything[mode] = {"spindle": sp, "linux": lx}
        save(build, f"spindle-{mode_name(icount)}.json", sp)
        save(build, f"linux-{mode_name(icount)}.json", lx)
        title = (f"### {mode_name(icount)}: `{sp['qemu']}`; timed "
                 f"{'in batches' if batch else 'per call'}")
        report += [title, "", compare_table(sp, lx), ""]
        print("\n".join(report[-4:]), flush=True)
    suffix = "" if SMP == 1 else f"-smp{SMP}"
    save(build, f"compare{suffix}.json", everything)
    with open(os.path.join(build, "bench", f"compare{suffix}.md"), "w") as f:
        f.write("\n".join(report) + "\n")
    print("saved", os.path.join(build, "bench", f"compare{suffix}.md"))


def ubench_compare(build, args):
    """ubench alone on both kernels (no kbench.ko, so no kernel headers):
    `kbench.py ubench [--icount] [--quick]`."""
    icount = args.icount
    mk = lambda kernel, figs: {"kernel": kernel, "mode": mode_name(icount), "how": "user",
                               "figures": figs}
    sp = mk("spindle", ubench_spindle(build, icount, args.quick))
    lx = mk("linux", ubench_linux(build, icount, args.quick))
    text = (f"### ubench, {mode_name(icount)}: `{' '.join(qemu_base(icount))}`\n\n"
            + compare_table(sp, lx) + "\n")
    print(text)
    save(build, f"ubench-{mode_name(icount)}.json", {"spindle": sp, "linux": lx})
    with open(os.path.join(build, "bench", f"ubench-{mode_name(icount)}.md"), "w") as f:
        f.write(text)


SCALE_LEVELS = (0, 100, 1000, 10000)


def plot(build, out=None):
    """Draws switch_at_scale (ns per switch against other threads) for both
    kernels from compare.json, one panel per QEMU mode, with gnuplot."""
    with open(os.path.join(build, "bench", "compare.json")) as f:
        runs = json.load(f)
    out = out or os.path.join(build, "bench", "switch_at_scale.svg")
    lines = ['set terminal svg size 900,420 dynamic font "sans,11"',
             f"set output '{out}'",
             "set multiplot layout 1,%d" % len(runs),
             "set xlabel 'other kernel threads'",
             "set ylabel 'ns per context switch'",
             'set xtics ("0" 0, "100" 1, "1,000" 2, "10,000" 3)',
             "set xrange [-0.3:3.3]", "set yrange [0:*]", "set grid ytics",
             "set key center right box opaque"]
    for mode, pair in runs.items():
        series = []
        for who in ("linux", "spindle"):
            r = pair[who]
            name = "Linux 6.1" if who == "linux" else "Spindle"
            for kind in ("blocked", "runnable"):
                pts = [(i, value(r["figures"].get(f"switch_at_scale_{kind}_{n}")))
                       for i, n in enumerate(SCALE_LEVELS)]
                pts = [(i, v) for i, v in pts if v is not None]
                series.append((f"{name}, {kind}", pts, who, kind))
        title = "-icount shift=0" if mode == "icount" else "plain TCG"
        lines.append(f"set title 'QEMU TCG, one CPU, {title}'")
        plots = []
        for label, _, who, kind in series:
            colour = "#c0392b" if who == "linux" else "#2471a3"
            dash = "1" if kind == "blocked" else "2"
            plots.append(f"'-' using 1:2 with linespoints lw 2 pt 7 dt {dash} "
                         f"lc rgb '{colour}' title '{label}'")
        lines.append("plot " + ", ".join(plots))
        for _, pts, _, _ in series:
            lines += [f"{i} {v}" for i, v in pts] + ["e"]
    lines.append("unset multiplot")
    subprocess.run(["gnuplot"], input="\n".join(lines) + "\n", text=True, check=True)
    return out


if __name__ == "__main__":
    main()
