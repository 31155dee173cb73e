"""CPU hotplug (docs/cpu-hotplug.md): through busybox, as on Linux,
`echo 0 > /sys/devices/system/cpu/cpuN/online` takes a CPU offline: its
per-CPU threads park (ps: state P) and stay on their CPU, the online list
shrinks, CPU 0 refuses (EBUSY), bad values are EINVAL; `echo 1` brings
it back with its threads running on it again. The kernel shell's `cpu`
command does the same. The in-kernel suite cpu_hotplug passes on 2 and 4
CPUs."""
import re
from qemu import Machine
from test_smp import run_ktests
from test_userspace import boot_busybox, sh

PERCPU = ["cpuhp", "migration", "ksoftirqd"]


def threads(m):
    """{comm: (pid, stat, cpu)} of the kernel threads, from ps and
    /proc/PID/stat (field 39: the CPU it last ran on)."""
    out, rc = sh(m, "ps -o pid,stat,args")
    assert rc == 0, out
    rows = {}
    for line in out.splitlines():
        f = line.split(None, 2)
        if len(f) == 3 and f[0].isdigit() and f[2].startswith("["):
            rows[f[2].strip("[] \r")] = [int(f[0]), f[1], None]
    pids = " ".join(str(r[0]) for r in rows.values())
    out, rc = sh(m, f"for p in {pids}; do cat /proc/$p/stat; done")
    for line in out.splitlines():
        m_ = re.match(r"(\d+) \((.*)\) (.*)", line.strip())
        if m_ and m_.group(2) in rows:
            rows[m_.group(2)][2] = int(m_.group(3).split()[36])
    return rows


def online(m):
    out, rc = sh(m, "cat /sys/devices/system/cpu/online")
    assert rc == 0, out
    return out.strip().splitlines()[-1]


def check_cpu_threads(rows, cpu, parked):
    for name in PERCPU:
        pid, stat, where = rows[f"{name}/{cpu}"]
        assert stat.startswith("P") == parked, (name, rows)
        assert where == cpu, (name, rows)       # parked on its own CPU


def hotplug_cycle(ncpus):
    m = boot_busybox(smp=ncpus)
    try:
        last = ncpus - 1
        everyone = f"0-{last}" if ncpus > 1 else "0"
        assert online(m) == everyone
        rows = threads(m)
        for cpu in range(ncpus):
            check_cpu_threads(rows, cpu, parked=False)

        out, rc = sh(m, f"echo 0 > /sys/devices/system/cpu/cpu{last}/online")
        assert rc == 0, out
        assert online(m) == (f"0-{last - 1}" if last > 1 else "0")
        out, rc = sh(m, f"cat /sys/devices/system/cpu/cpu{last}/online")
        assert out.strip().splitlines()[-1] == "0", out
        rows = threads(m)
        check_cpu_threads(rows, last, parked=True)
        for cpu in range(last):
            check_cpu_threads(rows, cpu, parked=False)
        # Work still gets done with the CPU away: a pipeline of processes.
        out, rc = sh(m, "seq 1 200 | sort -n -r | head -1")
        assert rc == 0 and out.strip().splitlines()[-1] == "200", out

        out, rc = sh(m, f"echo 1 > /sys/devices/system/cpu/cpu{last}/online")
        assert rc == 0, out
        assert online(m) == everyone
        rows = threads(m)
        for cpu in range(ncpus):
            check_cpu_threads(rows, cpu, parked=False)
        # Taking it offline twice is not an error; CPU 0 refuses.
        out, rc = sh(m, f"echo 0 > /sys/devices/system/cpu/cpu{last}/online; "
                     f"echo 0 > /sys/devices/system/cpu/cpu{last}/online")
        assert rc == 0, out
        out, rc = sh(m, "echo 0 > /sys/devices/system/cpu/cpu0/online")
        assert rc != 0 and "busy" in out.lower(), out
        out, rc = sh(m, f"echo 2 > /sys/devices/system/cpu/cpu{last}/online")
        assert rc != 0 and "invalid" in out.lower(), out
        out, rc = sh(m, f"echo 1 > /sys/devices/system/cpu/cpu{last}/online")
        assert rc == 0 and online(m) == everyone, out
    finally:
        m.close()


def test_busybox_takes_cpu1_offline_and_back_on_two_cpus():
    hotplug_cycle(2)


def test_busybox_takes_cpu3_offline_and_back_on_four_cpus():
    hotplug_cycle(4)


def test_kernel_shell_cpu_command():
    with Machine(cmdline="kshell", smp=2) as m:
        m.wait_ready()
        assert "cannot go offline" in m.run("cpu offline 0")
        assert "CPU 1 is offline" in m.run("cpu offline 1")
        out = m.run("cpu")
        assert re.search(r"^\s+1\s+no\s+no\s+offline \(0\)", out, re.M), out
        out = m.run("ps")
        for name in PERCPU:
            assert re.search(rf"^\s*\d+\s+2 P\s+1 .* {name}/1\s*$", out, re.M), out
        assert "CPU 1 is online" in m.run("cpu online 1")
        out = m.run("cpu")
        assert re.search(r"^\s+1\s+yes\s+yes\s+online", out, re.M), out
        assert "offline 1 times" in out, out
        assert "usage" in m.run("cpu offline").lower()


CASES = ["stop_machine_spins_with_softirqs_off", "cpu0_and_bad_cpus_refuse", "offline_online_cycles",
         "smpboot_threads_park_and_unpark",
         "bound_kthread_affinity_broken_with_message",
         "timers_and_work_still_run", "rcu_grace_periods_end_with_a_cpu_offline"]


def test_cpu_hotplug_ktests_on_two_and_four_cpus():
    for ncpus in (2, 4):
        results = run_ktests(ncpus, "cpu_hotplug", 1)
        names = [name for bad, name, rest in results]
        for case in CASES:
            assert case in names, (ncpus, case, names)
        assert not any("SKIP" in rest for bad, name, rest in results), results


def test_process_bound_to_cpu1_survives_offline_and_runs_there_again():
    """A process that can run only on the CPU going away has its affinity
    broken with Linux's message; bound there again once the CPU is back,
    it runs there. Regression: the returning CPU still counted that
    process's address space as loaded (arch_cpu_play_dead() did not
    switch to init_mm), so switch_mm() never loaded its page tables and
    the process faulted for ever on its first instruction there. The
    shell stays on CPU 0 (its children inherit that), so the looping
    process is the first user task CPU 1 runs after coming back."""
    m = boot_busybox(smp=2)
    try:
        out, rc = sh(m, "taskset -p 1 $$ >/dev/null && taskset 2 sh -c "
                     "'i=0; while :; do i=$((i+1)); echo $i > /tmp/count; usleep 20000; done' "
                     "& echo PID=$!")
        assert rc == 0, out
        pid = re.search(r"PID=(\d+)", out).group(1)
        out, rc = sh(m, "sleep 1; echo 0 > /sys/devices/system/cpu/cpu1/online; "
                     "dmesg | tail -5")
        assert rc == 0, out
        assert f"process {pid} (sh) no longer affine to cpu1" in out, out
        out, rc = sh(m, "echo 1 > /sys/devices/system/cpu/cpu1/online && "
                     f"taskset -p 2 {pid} >/dev/null && sleep 1 && echo A=$(cat /tmp/count) && "
                     f"sleep 1 && echo B=$(cat /tmp/count) C=$(cut -d' ' -f39 /proc/{pid}/stat)")
        assert rc == 0, out
        first = int(re.search(r"^A=(\d+)", out, re.M).group(1))
        second, cpu = re.search(r"^B=(\d+) C=(\d+)", out, re.M).groups()
        assert int(second) > first, out            # it still runs...
        assert cpu == "1", out                     # ...on CPU 1
    finally:
        m.close()
