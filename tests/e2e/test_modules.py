"""Loadable modules (docs/modules.md): the chapter's module built out of
tree with `make -C <spindle> M=DIR modules`, loaded and removed with
busybox's insmod/rmmod, its kernel log compared with Linux 6.1's
(tests/data/linux-6.1/seed-module-transcript.txt); the loader's refusals
(tests/modules/*.c), an oops in module code, a fuzz of a real .ko, a
load/unload loop that must not leak, and the kernel shell's commands.
The modules are built once per run into BUILD/test-modules/ and packed
with the default initramfs into one cpio."""
import glob
import os
import re
import shutil
import struct
import subprocess
import threading
import time
from qemu import Machine, BUILD, ROOT
from test_userspace import sh, SH_PROMPT

WORK = os.path.join(BUILD, "test-modules")
CPIO = os.path.join(WORK, "initramfs.cpio")
RELEASE = "6.1.0-spindle"
TRANSCRIPT = os.path.join(ROOT, "tests", "data", "linux-6.1", "seed-module-transcript.txt")
_lock = threading.Lock()

# The chapter's Makefile, the usual one for an out-of-tree module; the
# kernel tree is Spindle's instead of /lib/modules/$(uname -r)/build.
SEED_MAKEFILE = """obj-m += my_kthread.o

all:
\tmake -C $(KDIR) M=$(PWD) modules

clean:
\tmake -C $(KDIR) M=$(PWD) clean
"""


def make(*args):
    return subprocess.run(["make", "-s", "-C", ROOT, f"BUILD={BUILD}", *args],
                          capture_output=True, text=True)


def patched(src, dst, old, new):
    data = open(src, "rb").read()
    assert old in data and len(old) == len(new)
    open(dst, "wb").write(data.replace(old, new, 1))


def build_all():
    """Builds the modules and the initramfs once; returns WORK."""
    with _lock:
        inputs = [os.path.join(ROOT, "tests", "modules", f)
                  for f in os.listdir(os.path.join(ROOT, "tests", "modules"))]
        inputs += [os.path.join(BUILD, "spindle.elf"), os.path.join(ROOT, "user", "initramfs.list"),
                   os.path.join(BUILD, "user", "modfuzz")]
        if os.path.exists(CPIO) and all(os.path.exists(p) and
                                        os.path.getmtime(CPIO) >= os.path.getmtime(p)
                                        for p in inputs):
            return WORK
        shutil.rmtree(WORK, ignore_errors=True)
        seed = os.path.join(WORK, "seed")
        os.makedirs(seed)
        shutil.copy(os.path.join(ROOT, "modules", "my_kthread.c"), seed)
        with open(os.path.join(seed, "Makefile"), "w") as f:
            f.write(SEED_MAKEFILE)
        r = subprocess.run(["make", "-C", seed, f"KDIR={ROOT}", f"PWD={seed}",
                            f"BUILD={BUILD}"], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        mt = os.path.join(WORK, "mt")
        shutil.copytree(os.path.join(ROOT, "tests", "modules"), mt)
        r = make(f"M={mt}", "modules", "KBUILD_MODPOST_WARN=1")
        assert r.returncode == 0, r.stdout + r.stderr
        r = make("initramfs")       # the in-tree .ko files, modfuzz
        assert r.returncode == 0, r.stdout + r.stderr
        mods = os.path.join(WORK, "root", "mods")
        os.makedirs(mods)
        for d in (seed, mt):
            for f in os.listdir(d):
                if f.endswith(".ko"):
                    shutil.copy(os.path.join(d, f), mods)
        ko = os.path.join(mods, "my_kthread.ko")
        data = open(ko, "rb").read()
        open(os.path.join(mods, "truncated.ko"), "wb").write(data[:len(data) // 2])
        open(os.path.join(mods, "notelf.ko"), "wb").write(b"#!/bin/sh\necho hi\n" * 8)
        patched(ko, os.path.join(mods, "badmagic.ko"), b"6.1.0-spindle SMP",
                b"6.1.7-spindle SMP")
        arch = bytearray(data)
        struct.pack_into("<H", arch, 18, 3)     # e_machine: i386
        open(os.path.join(mods, "wrongarch.ko"), "wb").write(arch)
        subprocess.run(["strip", "--strip-debug", "-o", os.path.join(mods, "fuzz.ko"),
                        os.path.join(mods, "mt_fuzz.ko")], check=True)
        # The provider and its user where modprobe looks, with the
        # in-tree modules, and depmod's modules.dep for them all.
        intree = glob.glob(os.path.join(BUILD, "modules-root", "lib", "modules", "*"))[0]
        libmod = os.path.join(WORK, "root", "lib", "modules", os.path.basename(intree))
        shutil.copytree(intree, libmod)
        os.makedirs(os.path.join(libmod, "extra"))
        for name in ("mt_provider", "mt_consumer"):
            shutil.copy(os.path.join(mt, name + ".ko"), os.path.join(libmod, "extra"))
        subprocess.run(["python3", os.path.join(ROOT, "tools", "depmod.py"), libmod],
                       check=True)
        subprocess.run(["python3", os.path.join(ROOT, "tools", "gen_initramfs.py"),
                        CPIO + ".tmp", os.path.join(ROOT, "user", "initramfs.list"),
                        "--busybox", "/bin/busybox", "--var", "BUSYBOX=/bin/busybox",
                        "--var", f"BUILD={BUILD}",
                        "--extra", os.path.join(BUILD, "modules-root"),
                        "--extra", os.path.join(WORK, "root")], check=True, cwd=ROOT)
        os.replace(CPIO + ".tmp", CPIO)
        return WORK


def boot(**kw):
    build_all()
    m = Machine(initramfs=CPIO, **kw)
    m.__enter__()
    m.wait_for(re.escape(SH_PROMPT), timeout=120)
    return m


def modinfo(path):
    out = subprocess.run(["objcopy", "-O", "binary", "--only-section=.modinfo", path,
                          "/dev/stdout"], capture_output=True, check=True).stdout
    return dict(s.decode().split("=", 1) for s in out.split(b"\0") if b"=" in s)


def test_seed_module_builds_out_of_tree_with_linux_modinfo():
    work = build_all()
    ko = os.path.join(work, "seed", "my_kthread.ko")
    info = modinfo(ko)
    assert info["license"] == "GPL" and info["author"] == "Your Name", info
    assert info["description"] == "Example of a custom kernel thread", info
    assert info["vermagic"].startswith(RELEASE + " "), info
    assert info["name"] == "my_kthread" and info["depends"] == "", info
    assert "intree" not in info, info       # built out of tree
    assert "intree" in modinfo(os.path.join(BUILD, "modules", "my_kthread.ko"))
    sections = subprocess.run(["readelf", "-SW", ko], capture_output=True, text=True).stdout
    assert ".gnu.linkonce.this_module" in sections and ".init.text" in sections
    # The multi-object module links both objects.
    syms = subprocess.run(["nm", os.path.join(work, "mt", "mt_multi.ko")],
                          capture_output=True, text=True).stdout
    assert "multi_helper" in syms and "init_module" in syms
    # make M= clean removes what the build made.
    tmp = os.path.join(work, "cleancheck")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(os.path.join(work, "seed"), tmp)
    r = make(f"M={tmp}", "clean")
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(tmp)) == ["Makefile", "my_kthread.c"], os.listdir(tmp)


def linux_lines():
    """The kernel lines of Linux's first run, without timestamps and the
    lines Spindle has no reason to print (signatures, TSC, markers)."""
    text = open(TRANSCRIPT).read().split("=====")[2]
    lines = [re.sub(r"^\[\s*[\d.]+\] ", "", l) for l in text.splitlines() if l.startswith("[")]
    return [l for l in lines if not re.match(r"(KB-MARK|tsc:|clocksource|.*verification)", l)]


def test_seed_module_insmod_rmmod_like_linux():
    m = boot()
    try:
        start = len(m.output)
        out, rc = sh(m, "insmod /mods/my_kthread.ko")
        assert rc == 0, out
        m.wait_for("Custom kthread running", timeout=30, start=start)
        time.sleep(11)          # two more rounds of the 5 s loop
        t0 = time.time()
        out, rc = sh(m, "rmmod my_kthread", timeout=60)
        took = time.time() - t0
        assert rc == 0 and "rmmod:" not in out, out
        assert took < 15, took  # blocked in kthread_stop() at most ~5 s
        # The kernel log, not the console: there the shell's prompt and
        # echo may share a line with a message.
        log, rc = sh(m, "dmesg")
        got = [l for l in (re.sub(r"^\[\s*[\d.]+\] ", "", x.strip())
                           for x in log.splitlines()) if l in set(linux_lines())]
        want = linux_lines()
        assert got[:3] == want[:3], got          # taint, loading, started
        assert got[-3:] == want[-3:], got         # unloading, stopping, stopped
        assert got.count("Custom kthread running...") >= 2, got
        # Loaded again after removal: the name is free again.
        out, rc = sh(m, "insmod /mods/my_kthread.ko && rmmod my_kthread", timeout=60)
        assert rc == 0, out
    finally:
        m.__exit__(None, None, None)


def test_sys_module_shows_and_sets_parameters():
    """/sys/module/NAME as on Linux: initstate, refcnt, and parameters/
    with one file per module_param() of nonzero permission, mode as
    declared; a write sets the value as the insmod line would; an open
    file keeps the module in; rmmod removes the directory. Built-in
    modules have their parameters there too."""
    m = boot()
    try:
        def run(cmd, ok=True):
            # The echoed command line may wrap: the output starts after
            # a marker only the shell's echo command prints unquoted.
            out, rc = sh(m, f"echo OUT''PUT; {cmd}", timeout=60)
            assert (rc == 0) == ok, (cmd, out)
            # Without kernel messages the console may print in between
            # (insmod's taint line).
            out = out.split("OUTPUT", 1)[-1]
            return "\n".join(l for l in out.splitlines()
                             if not re.match(r"\s*\[\s*\d+\.\d+\] ", l))
        run("insmod /mods/mt_params.ko reps=3 who=spindle")
        d = "/sys/module/mt_params"
        out = run(f"cat {d}/initstate {d}/refcnt")
        assert out.split() == ["live", "0"], out
        out = run(f"ls -l {d}/parameters")
        assert re.search(r"-r--r--r-- .* reps", out), out
        assert re.search(r"-rw-r--r-- .* who", out), out
        assert re.search(r"-rw------- .* loud", out), out
        p = d + "/parameters"
        out = run(f"cat {p}/reps {p}/who {p}/loud")
        assert out.split() == ["3", "spindle", "N"], out
        run(f"echo student > {p}/who && echo Y > {p}/loud")
        out = run(f"cat {p}/who {p}/loud")
        assert out.split() == ["student", "Y"], out
        err = run(f"echo 7 > {p}/reps", ok=False)
        assert "Permission denied" in err, err
        err = run(f"echo maybe > {p}/loud", ok=False)
        assert "Invalid argument" in err, err
        # An open parameter file keeps the module loaded.
        out = run(f"exec 3< {p}/who; rmmod mt_params; echo rc=$?; exec 3<&-")
        assert "rc=1" in out and "mt_params" in run("cat /proc/modules"), out
        start = len(m.output)
        run("rmmod mt_params")
        assert "mt_params: bye student" in m.output[start:]
        run(f"test ! -e {d}")
        # A built-in module's parameters (modules/kbench.c).
        assert run("cat /sys/module/kbench/parameters/reps").strip().isdigit()
    finally:
        m.__exit__(None, None, None)


def test_modules_use_each_others_exports():
    """EXPORT_SYMBOL in a module: modpost writes depends=, depmod puts
    the provider in modules.dep, the loader resolves the user's symbols
    against the live provider and pins it (use count, users column,
    rmmod refused), and modprobe loads both in order."""
    work = build_all()
    mt = os.path.join(work, "mt")
    assert modinfo(os.path.join(mt, "mt_consumer.ko"))["depends"] == "mt_provider"
    assert modinfo(os.path.join(mt, "mt_provider.ko"))["depends"] == ""
    symvers = open(os.path.join(mt, "Module.symvers")).read()
    assert re.search(r"\tmt_provider_add\t\S*mt_provider\tEXPORT_SYMBOL_GPL", symvers), symvers
    dep = glob.glob(os.path.join(work, "root", "lib", "modules", "*", "modules.dep"))[0]
    assert "extra/mt_consumer.ko: extra/mt_provider.ko\n" in open(dep).read()
    m = boot()
    try:
        def run(cmd, ok=True):
            out, rc = sh(m, f"echo OUT''PUT; {cmd}", timeout=60)
            assert (rc == 0) == ok, (cmd, out)
            return out.split("OUTPUT", 1)[-1]
        err = run("insmod /mods/mt_consumer.ko", ok=False)
        assert re.search(r"mt_consumer: Unknown symbol mt_provider_add \(err -2\)",
                         m.output), m.output[-2000:]
        run("insmod /mods/mt_provider.ko && insmod /mods/mt_consumer.ko")
        assert "mt_consumer: 40 + 2 = 42 (call 1)" in m.output
        mods = run("cat /proc/modules")
        assert re.search(r"^mt_provider \d+ 1 mt_consumer, Live ", mods, re.M), mods
        assert re.search(r"^mt_consumer \d+ 0 - Live ", mods, re.M), mods
        assert "1" == run("cat /sys/module/mt_provider/refcnt").split()[-1]
        err = run("rmmod mt_provider", ok=False)
        assert "Resource temporarily unavailable" in err, err
        run("rmmod mt_consumer && rmmod mt_provider")
        assert "mt_provider: called 1 times" in m.output
        # modprobe reads modules.dep: the provider comes first, and -r
        # takes both away again.
        run("modprobe mt_consumer")
        mods = run("cat /proc/modules")
        assert "mt_provider" in mods and "mt_consumer" in mods, mods
        run("modprobe -r mt_consumer")
        mods = run("cat /proc/modules")
        assert "mt_consumer" not in mods and "mt_provider" not in mods, mods
    finally:
        m.__exit__(None, None, None)


def test_linux_kthread_worker_module_runs_unchanged():
    """tests/modules/mt_worker.c, written as for Linux 6.1 (atomic_t, kref,
    kthread_worker, time_before_eq): every job runs once on the module's
    own worker thread, in order, and is freed by its last kref_put();
    the delayed work fires; rmmod destroys the worker and its thread."""
    m = boot()
    try:
        out, rc = sh(m, "insmod /mods/mt_worker.ko nr_jobs=6")
        assert rc == 0, out
        m.wait_for("mt_worker: delayed tick after 6 jobs", timeout=30)
        ps, rc = sh(m, "ps -o pid,ppid,comm")
        rows = [l.split() for l in ps.splitlines()[1:]]
        assert any(r[-1] == "mt_worker" and r[1] == "2" for r in rows), ps
        out, rc = sh(m, "rmmod mt_worker", timeout=60)
        assert rc == 0, out
        log, rc = sh(m, "dmesg")
        lines = [re.sub(r"^\[\s*[\d.]+\] ", "", x.strip()) for x in log.splitlines()]
        lines = [l for l in lines if l.startswith("mt_worker:")]
        assert any(re.fullmatch(r"mt_worker: worker thread mt_worker, pid \d+", l)
                   for l in lines), lines
        jobs = [l for l in lines if " ran in " in l]
        assert [re.match(r"mt_worker: job (\d+) ran in mt_worker \(", l).group(1)
                for l in jobs] == [str(i) for i in range(6)], lines
        assert "mt_worker: 6 jobs done, 6 freed" in lines, lines
        assert lines[-1] == "mt_worker: worker destroyed, 6 jobs freed", lines
        ps, rc = sh(m, "ps -o comm")
        assert "mt_worker" not in ps.split(), ps
    finally:
        m.__exit__(None, None, None)


def test_module_refusals_and_lifetime_rules():
    m = boot()
    try:
        def expect(cmd, rc_ok, text):
            start = len(m.output)
            out, rc = sh(m, cmd, timeout=60)
            assert (rc == 0) == rc_ok, (cmd, out)
            assert re.search(text, m.output[start:]), (cmd, m.output[start:])
            return out
        out = expect("modinfo /mods/my_kthread.ko", True, "Example of a custom kernel thread")
        assert re.search(r"vermagic:\s+6\.1\.0-spindle SMP mod_unload", out), out
        assert re.search(r"author:\s+Your Name", out), out
        # The in-tree build as busybox's modprobe finds it (modules.dep).
        expect("modprobe my_kthread && rmmod my_kthread", True,
               "Custom kthread stopped")
        expect("insmod /mods/mt_params.ko reps=3 who=spindle loud", True,
               "mt_params: reps=3 who=spindle loud=1")
        expect("insmod /mods/mt_params.ko", False, "File exists")
        expect("rmmod mt_params", True, "mt_params: bye spindle")
        expect("insmod /mods/mt_params.ko reps=x", False, "invalid for parameter 'reps'")
        expect("insmod /mods/mt_multi.ko && rmmod mt_multi", True, "helper says 42")
        expect("insmod /mods/mt_failinit.ko", False, "No such device")
        expect("insmod /mods/mt_failinit.ko", False, "refusing to load")  # not left loaded
        expect("insmod /mods/mt_pinned.ko", True, "holding myself")
        expect("rmmod mt_pinned", False, "Resource temporarily unavailable")
        expect("insmod /mods/mt_noexit.ko", True, "here to stay")
        expect("rmmod mt_noexit", False, "Device or resource busy")
        expect("insmod /mods/mt_badsym.ko", False,
               r"mt_badsym: Unknown symbol panic \(err -2\)")
        expect("insmod /mods/mt_gplonly.ko", False,
               r"mt_gplonly: Unknown symbol kallsyms_lookup_name \(err -2\)")
        out = expect("insmod /mods/mt_nolicense.ko", True,
                     r"mt_nolicense: module license 'unspecified' taints kernel\.")
        assert "Disabling lock debugging due to kernel taint" in m.output
        expect("rmmod mt_nolicense", True, "")
        expect("insmod /mods/badmagic.ko", False,
               r"my_kthread: version magic '6\.1\.7-spindle SMP mod_unload ' should be "
               r"'6\.1\.0-spindle SMP mod_unload '")
        for bad in ("truncated", "notelf", "wrongarch"):
            expect(f"insmod /mods/{bad}.ko", False, "invalid module format")
        expect("rmmod nosuchmodule", False, "No such file")
        # The kernel lived through all of it.
        assert "Oops" not in m.output and "Kernel panic" not in m.output
        out, rc = sh(m, "insmod /mods/my_kthread.ko && rmmod my_kthread", timeout=60)
        assert rc == 0, out
    finally:
        m.__exit__(None, None, None)


def test_oops_in_module_code_names_function_and_module():
    m = boot()
    try:
        start = len(m.output)
        out, rc = sh(m, "insmod /mods/mt_oops.ko")
        assert rc == 0, out
        m.wait_for(r"end trace", timeout=30, start=start)
        log = m.output[start:]
        assert re.search(r"mt_oops_crash\+0x[0-9a-f]+/0x[0-9a-f]+ \[mt_oops\]", log), log
        assert re.search(r"Modules linked in:.* mt_oops", log), log
        out, rc = sh(m, "echo alive")
        assert "alive" in out
        # A fault in init: insmod dies, the module goes, the name is free.
        for _ in range(2):
            start = len(m.output)
            out, rc = sh(m, "insmod /mods/mt_initoops.ko")
            assert rc != 0, out
            log = m.output[start:]
            assert "File exists" not in log, log
            assert re.search(r"mt_initoops_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[mt_initoops\]",
                             log), log
            assert "mt_initoops: init oopsed: module removed" in log, log
        out, rc = sh(m, "insmod /mods/my_kthread.ko && rmmod my_kthread", timeout=60)
        assert rc == 0, out
    finally:
        m.__exit__(None, None, None)


def test_fuzzed_module_files_and_load_loop_leak_nothing():
    m = boot(mem="512M")
    try:
        out, rc = sh(m, "modfuzz /mods/fuzz.ko mt_fuzz finit")
        assert rc == 0 and "finit_module ok" in out, out
        out, rc = sh(m, "modfuzz /mods/fuzz.ko mt_fuzz 500 7", timeout=600)
        assert rc == 0 and "modfuzz: done 500" in out, out
        assert "could not be removed" not in out and "no longer loads" not in out, out
        assert "Exec format error" in out, out   # most copies are refused
        delta = int(re.search(r"free memory change (-?\d+) KiB", out).group(1))
        assert abs(delta) <= 64, out
        # A leak of even 8 bytes a load would show as 24 KiB here; what is
        # measured is about 12 KiB whether the loop runs 1,000 or 4,000
        # times (memory the first loads keep, e.g. page-table pages).
        out, rc = sh(m, "modfuzz /mods/fuzz.ko mt_fuzz loop:3000", timeout=600)
        assert rc == 0 and "loaded: 3000" in out, out
        delta = int(re.search(r"free memory change (-?\d+) KiB", out).group(1))
        assert abs(delta) <= 32, out
        assert "Oops" not in m.output
    finally:
        m.__exit__(None, None, None)


def test_kernel_shell_insmod_lsmod_rmmod():
    build_all()
    with Machine(cmdline="kshell", initramfs=CPIO) as m:
        m.wait_ready(timeout=120)
        out = m.run(f"insmod /lib/modules/{RELEASE}/my_kthread.ko", timeout=30)
        assert "insmod:" not in out, out
        out = m.run("lsmod")
        assert re.search(r"my_kthread \d+ 0 - Live 0x[0-9a-f]+", out), out
        out = m.run(f"insmod /mods/mt_params.ko reps=5", timeout=30)
        assert "reps=5" in m.output, out
        out = m.run("rmmod my_kthread", timeout=30)
        assert "Custom kthread stopped" in m.output, out
        out = m.run("lsmod")
        assert "my_kthread" not in out.split("Module")[0], out


def test_module_ktest_suite_passes():
    """tests/ktest/module_test.c: module memory W^X, guards, no leaks;
    the export table's GPL rule."""
    from test_ktest_lib import run_suite
    run_suite("module")
