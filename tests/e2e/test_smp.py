"""SMP (docs/smp.md): with -smp 2 and 4 every CPU comes up through the
hotplug states and gets its per-CPU threads (cpuhp/N, migration/N,
ksoftirqd/N, kworker/N:0 and kworker/N:0H, children of kthreadd) and its
idle task swapper/N; nosmp,
maxcpus= and nr_cpus= limit the CPUs as on Linux and bad values are
answered; the in-kernel smp suite and the kthread and sched suites pass
on several CPUs; the seed module behaves as on one CPU; the trampoline
also works when GRUB ran under UEFI firmware."""
import os
import re
import sys

from qemu import Machine

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_kthreads import check_seed_transcript  # noqa: E402

PERCPU = ["cpuhp", "migration", "ksoftirqd"]
WORKERS = ["kworker/{n}:0", "kworker/{n}:0H"]


def ps_rows(m):
    """ps as dicts: pid, ppid, cpu, comm."""
    rows = []
    for line in m.run("ps").strip().splitlines()[1:]:
        f = line.split()
        if len(f) >= 7 and f[0].isdigit():
            rows.append({"pid": int(f[0]), "ppid": int(f[1]), "cpu": int(f[3]),
                         "comm": f[-1]})
    return rows


def check_cpus_and_threads(m, ncpus):
    assert f"smp: Brought up 1 node, {ncpus} CPU{'s' if ncpus > 1 else ''}" in m.output
    rows = ps_rows(m)
    by_comm = {r["comm"]: r for r in rows}
    for n in range(ncpus):
        for name in PERCPU:
            row = by_comm.get(f"{name}/{n}")
            assert row, (f"{name}/{n}", rows)
            assert row["ppid"] == 2, row
            assert row["cpu"] == n, row        # bound to its CPU
        idle = by_comm.get(f"swapper/{n}")
        assert idle and idle["pid"] == 0 and idle["cpu"] == n, rows
        for name in WORKERS:
            row = by_comm.get(name.format(n=n))
            assert row and row["ppid"] == 2 and row["cpu"] == n, (name, rows)
    for name in PERCPU:
        assert f"{name}/{ncpus}" not in by_comm, rows
    # Linux's order for a CPU coming up: cpuhp/N, migration/N, ksoftirqd/N,
    # kworker/N:0, kworker/N:0H.
    for n in range(1, ncpus):
        pids = [by_comm[f"{name}/{n}"]["pid"] for name in PERCPU]
        pids += [by_comm[name.format(n=n)]["pid"] for name in WORKERS]
        assert pids == sorted(pids), pids
    return rows


def test_two_cpus_come_up_with_their_threads():
    with Machine(smp=2) as m:
        m.wait_ready()
        check_cpus_and_threads(m, 2)
        assert "smpboot: Allowing 2 CPUs" in m.output


def test_four_cpus_tick_and_take_ipis():
    with Machine(smp=4) as m:
        m.wait_ready()
        check_cpus_and_threads(m, 4)
        m.run("sleep 1")
        out = m.run("irqs")
    assert re.search(r"^\s+CPU0\s+CPU1\s+CPU2\s+CPU3\s*$", out, re.M), out
    loc = re.search(r"^LOC:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+Local timer", out, re.M)
    assert loc and all(int(c) > 100 for c in loc.groups()), out
    assert re.search(r"^RES:(\s+\d+){4}\s+Rescheduling interrupts", out, re.M), out
    assert re.search(r"^TLB:(\s+\d+){4}\s+TLB shootdowns", out, re.M), out


def test_nosmp_and_maxcpus_1_boot_one_cpu():
    for cmdline in ("nosmp", "maxcpus=1", "maxcpus=0"):
        with Machine(smp=2, cmdline=cmdline) as m:
            m.wait_ready()
            check_cpus_and_threads(m, 1)


def test_maxcpus_and_nr_cpus_limit_the_cpus():
    with Machine(smp=4, cmdline="maxcpus=2") as m:
        m.wait_ready()
        check_cpus_and_threads(m, 2)
    with Machine(smp=4, cmdline="nr_cpus=3") as m:
        m.wait_ready()
        check_cpus_and_threads(m, 3)
        assert "smpboot: Allowing 3 CPUs" in m.output


def test_bad_cpu_counts_are_answered():
    with Machine(smp=2, cmdline="maxcpus=two nr_cpus=0") as m:
        m.wait_ready()
        assert "smp: maxcpus=two: not a number of CPUs; ignored" in m.output
        assert "smp: nr_cpus=0: not a number of CPUs from 1 to 8; ignored" in m.output
        check_cpus_and_threads(m, 2)       # both ignored


def run_ktests(smp, suites, count):
    with Machine(smp=smp, cmdline=f"ktest={suites}") as m:
        m.wait_ready(timeout=300)
        out = m.output
    results = re.findall(r"\] +(not )?ok \d+ (\S+)(.*)", out)
    failed = [name for bad, name, _ in results if bad]
    assert not failed, f"failed: {failed}\n{out[-4000:]}"
    assert f"# ktest: {count} suites, 0 failed cases" in out, out[-3000:]
    return results


SMP_CASES = ["bound_threads_run_on_their_cpus_at_once",
             "cross_cpu_wakeup_sends_a_reschedule_ipi",
             "kthread_bind_moves_a_sleeping_thread",
             "set_cpus_allowed_moves_a_running_thread",
             "call_function_single_runs_on_the_target",
             "on_each_cpu_reaches_every_cpu", "vfree_flushes_every_cpus_tlb",
             "spinlock_keeps_a_shared_counter_exact",
             "idle_cpus_pull_work_from_a_busy_one"]


def test_smp_ktests_pass_on_two_cpus_and_none_is_skipped():
    results = run_ktests(2, "smp", 1)
    ran = {name: rest for _, name, rest in results}
    for case in SMP_CASES:
        assert case in ran, (case, results)
        assert "SKIP" not in ran[case], (case, results)


def test_smp_ktests_pass_on_four_cpus():
    run_ktests(4, "smp", 1)


def test_kthread_and_sched_ktests_pass_on_two_cpus():
    results = run_ktests(2, "kthread,sched", 2)
    assert len(results) >= 23, results


def test_workqueue_and_rcu_ktests_pass_on_two_cpus():
    run_ktests(2, "workqueue,rcu", 2)


def test_seed_module_transcript_on_two_cpus():
    check_seed_transcript(smp=2)


def test_uefi_boot_starts_the_second_cpu():
    with Machine(firmware="uefi", smp=2) as m:
        m.wait_ready(timeout=120)
        check_cpus_and_threads(m, 2)
