#!/usr/bin/env python3
"""Counts where Spindle's instructions go, exactly, with a QEMU plugin
(tools/bench/insnprof.c): boots the bench ISO under TCG, optionally types
shell commands, powers off, and prints instructions per kernel function.

  insnprof.py [--build DIR] [--cmdline "..."] [--run "insmod kbench"]
              [--top N] [--base OTHER.json] [--save OUT.json]
              [--call CALLER:CALLEE]

--call run_stop:kthread_stop counts only what runs, in every thread, from
each call of kthread_stop() in run_stop() until it returns, and divides by
the number of calls: the exact cost of one call, function by function.

--linux profiles Debian's Linux instead (booted as by kbench.py linux,
with nokaslr so that System.map's addresses hold): --run then takes
shell commands such as "insmod /kbench.ko only=switch". --call does not
apply there (kbench.ko's code has no fixed address).

--user boots into busybox instead (the ubench initramfs, as kbench.py
ubench does), so that --run can profile user programs: --run "ubench -q".

--base subtracts another profile saved with --save (for example a boot
without the insmod), leaving only what the commands cost. Counts are per
function symbol from `nm -n`; instructions outside the kernel image
(firmware, GRUB) are one line, "[outside the kernel]".
"""
import argparse
import bisect
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kbench  # noqa: E402


def build_plugin(build):
    src = os.path.join(kbench.ROOT, "tools", "bench", "insnprof.c")
    so = os.path.join(build, "bench", "insnprof.so")
    if not os.path.exists(so) or os.path.getmtime(so) < os.path.getmtime(src):
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", so, src], check=True)
    return so


def quit_qemu(mon):
    """A clean exit through the monitor, so the plugin writes its counts."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(mon)
    s.sendall(b"quit\n")
    time.sleep(0.5)
    s.close()
    subprocess.run(["rm", "-rf", os.path.dirname(mon)])


def symbols(elf):
    """Sorted (address, name) of the kernel's functions."""
    out = subprocess.run(["nm", "-n", elf], capture_output=True, text=True,
                         check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def call_window(elf, caller, callee):
    """(callee's address, the return address of caller's call to it)."""
    syms = dict((n, a) for a, n in symbols(elf))
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn",
                          f"--disassemble={caller}", elf],
                         capture_output=True, text=True, check=True).stdout
    lines = [l for l in out.splitlines() if re.match(r"\s*[0-9a-f]+:", l)]
    for i, l in enumerate(lines):
        if re.search(r"\bcall\s+[0-9a-f]+ <" + re.escape(callee) + r">", l):
            ret = int(lines[i + 1].split(":")[0], 16)
            return syms[callee], ret
    raise SystemExit(f"no call to {callee} in {caller}")


def linux_symbols(build, con):
    """Sorted (address, name) of Linux's text symbols. Debian's System.map
    is a stub (the real one is in the -dbg package), so they are read
    from the guest's /proc/kallsyms over the console, once, and kept."""
    path = os.path.join(build, "bench", "linux-kallsyms.txt")
    if not os.path.exists(path):
        start = len(con.out)
        con.send("grep -i ' t ' /proc/kallsyms | grep -v '\\[' ; echo kallsyms-END\r")
        end = con.wait_for(r"\nkallsyms-END", 1800, start).start()
        with open(path, "w") as f:
            f.write(con.out[start:end] + "\n")
    syms = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[1] in "tTwW":
                syms.append((int(parts[0], 16), parts[2]))
    return sorted(syms)


def attribute(counts_path, syms, text_end):
    addrs = [a for a, _ in syms]
    per = {}
    with open(counts_path) as f:
        for line in f:
            if line.startswith("# windows"):
                per["[calls]"] = int(line.split()[2])
                continue
            if line.startswith("#"):
                print(line.strip(), file=sys.stderr)
                continue
            va, count, insns = line.split()
            va = int(va, 16)
            n = int(count) * int(insns)
            i = bisect.bisect_right(addrs, va) - 1
            name = syms[i][1] if i >= 0 and va < text_end else "[outside the kernel]"
            per[name] = per.get(name, 0) + n
    return per


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--run", action="append", default=[],
                    help="a shell command to type at the prompt (repeatable)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--base", help="a profile (--save) to subtract")
    ap.add_argument("--save", help="write the per-function counts as JSON")
    ap.add_argument("--icount", action="store_true")
    ap.add_argument("--call", help="CALLER:CALLEE: count only inside those calls")
    ap.add_argument("--linux", action="store_true", help="profile Debian's Linux")
    ap.add_argument("--user", action="store_true",
                    help="boot Spindle into busybox (with ubench) to profile user programs")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    os.makedirs(os.path.join(build, "bench"), exist_ok=True)
    so = build_plugin(build)
    counts = os.path.join(build, "bench", "insnprof-counts.txt")
    log = os.path.join(build, "bench", "insnprof.log")
    mon = os.path.join(tempfile.mkdtemp(prefix="insnprof-"), "mon")
    if args.linux:
        vmlinuz, release, headers = kbench.linux_kernel()
        initrd = kbench.build_initramfs(build, kbench.build_module(build, headers))
        boot = ["-kernel", vmlinuz, "-initrd", initrd, "-append",
                "console=ttyS0 quiet loglevel=7 nokaslr " + args.cmdline]
        prompt, elf = kbench.LINUX_PROMPT, None
    elif args.user:
        cpio = kbench.ubench_initramfs(build)
        boot = ["-cdrom", kbench.spindle_iso(build, "console=ttyS0 tsc=reliable " + args.cmdline,
                                             cpio, "spindle-ubench.iso")]
        prompt, elf = "spindle:~# ", os.path.join(build, "spindle.elf")
    else:
        boot = ["-cdrom", kbench.spindle_iso(build, args.cmdline)]
        prompt, elf = kbench.SPINDLE_PROMPT, os.path.join(build, "spindle.elf")
    plugin = f"{so},out={counts}"
    if args.call:
        start, stop = call_window(elf, *args.call.split(":"))
        plugin += f",start={start:x},stop={stop:x}"
    qemu = kbench.qemu_base(args.icount) + boot + ["-plugin", plugin,
                                                    "-monitor", f"unix:{mon},server=on,wait=off"]
    with kbench.Console(qemu, log) as con:
        con.wait_for(re.escape(prompt), 300)
        syms = linux_symbols(build, con) if args.linux else symbols(elf)
        for cmd in args.run:
            start = len(con.out)
            con.send(cmd + "\r")
            con.wait_for(re.escape(cmd) + r"\n.*?" + re.escape(prompt), 1800, start)
        quit_qemu(mon)
        con.proc.wait(60)
    text_end = max(a for a, _ in syms) + 0x10000
    per = attribute(counts, syms, text_end)
    if args.save:
        with open(args.save, "w") as f:
            json.dump(per, f)
    if args.base:
        with open(args.base) as f:
            base = json.load(f)
        per = {k: per.get(k, 0) - base.get(k, 0) for k in set(per) | set(base)}
    calls = per.pop("[calls]", 0)
    total = sum(v for k, v in per.items() if k != "[outside the kernel]")
    print(f"{total:>14,} instructions in the kernel")
    if calls:
        print(f"{calls:>14,} calls: {total / calls:,.1f} instructions per call")
    for name, n in sorted(per.items(), key=lambda kv: -abs(kv[1]))[:args.top]:
        each = f"  {n / calls:9.1f}/call" if calls else ""
        print(f"{n:>14,}  {100 * n / max(total, 1):6.2f}%{each}  {name}")


if __name__ == "__main__":
    main()
