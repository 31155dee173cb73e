"""Workqueues and RCU, observed: the threads Linux 6.1 has at boot for
them (rcu_gp, rcu_par_gp, kworker/0:0, kworker/0:0H, kworker/u2:0,
rcu_preempt) appear in ps in Linux's order, all children of kthreadd; the
in-kernel suites prove the semantics; ps names a worker after the
workqueue it ran, as Linux's /proc does; the rcu command shows grace
periods going by."""
import re
from qemu import Machine


def parse_ps(text):
    """Rows of ps as dicts: pid, ppid, state, comm."""
    rows = []
    for line in text.strip().splitlines()[1:]:
        f = line.split()
        rows.append({"pid": int(f[0]), "ppid": int(f[1]), "state": f[2],
                     "comm": f[-1]})
    return rows

BOOT_THREADS = ["rcu_gp", "rcu_par_gp", "kworker/0:0", "kworker/0:0H",
                "kworker/u2:0", "rcu_preempt"]


def test_ps_lists_the_boot_workers_and_rcu_threads_under_kthreadd():
    with Machine() as m:
        m.wait_ready()
        out = m.run("ps -o pid,ppid,state,nice,comm")
        tree = m.run("pstree")
    rows = {}
    for line in out.strip().splitlines()[1:]:
        f = line.split()
        rows[f[-1]] = {"pid": int(f[0]), "ppid": int(f[1]), "state": f[2],
                       "nice": f[3]}
    for name in BOOT_THREADS:
        assert name in rows, f"{name} missing\n{out}"
        assert rows[name]["ppid"] == 2, f"{name}: {rows[name]}\n{out}"
        assert rows[name]["state"] == "I", f"{name}: {rows[name]}\n{out}"
        assert re.search(r"^  [|`]-" + re.escape(name) + r"\(\d+\)$", tree, re.M), tree
    # Linux's order (boot-kthreads-smp1.txt): the early workqueues'
    # rescuers, then one worker per pool, then rcu_preempt (an initcall).
    pids = [rows[n]["pid"] for n in BOOT_THREADS]
    assert pids == sorted(pids), list(zip(BOOT_THREADS, pids))
    assert pids[0] == 3, pids
    assert rows["kworker/0:0H"]["nice"] == "-20"
    assert rows["kworker/0:0"]["nice"] == "0"


def test_workqueue_and_rcu_ktests_pass_and_ps_names_workers_by_workqueue():
    with Machine(cmdline="ktest=workqueue,rcu") as m:
        m.wait_ready(timeout=240)
        out = m.output
        ps = m.run("ps")
        rcu = m.run("rcu")
    results = re.findall(r"\] +(not )?ok \d+ (\S+)", out)
    assert len(results) >= 21, out[-3000:]
    failed = [name for bad, name in results if bad]
    assert not failed, f"failed: {failed}\n{out[-4000:]}"
    assert "# ktest: 2 suites, 0 failed cases" in out
    # An idle worker keeps the name of the last workqueue it served, as
    # /proc/PID/stat shows "kworker/0:0H-events_highpri" in Linux.
    comms = [r["comm"] for r in parse_ps(ps)]
    assert "kworker/0:0H-events_highpri" in comms, ps
    assert any(re.fullmatch(r"kworker/0:\d+-kt_\w+", c) for c in comms), ps
    for r in parse_ps(ps):
        if r["comm"].startswith("kworker/"):
            assert r["ppid"] == 2, r
    m2 = re.search(r"(\d+) GPs since boot", rcu)
    assert m2 and int(m2.group(1)) > 0, rcu
    m3 = re.search(r"callbacks: \d+ waiting, (\d+) invoked", rcu)
    assert m3 and int(m3.group(1)) >= 200, rcu
