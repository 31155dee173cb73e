"""The per-CPU boot threads and the watchdogs (docs/percpu-threads.md,
docs/watchdogs.md): ksoftirqd/0, migration/0, cpuhp/0, khungtaskd and
kswapd0 exist after boot as children of kthreadd, created in Linux 6.1's
order; the in-kernel suites for smpboot, the stopper, cpuhp, ksoftirqd
and kswapd pass; the lockup detectors report and the shell lives on; bad
command-line values get a clear message."""
import re
from qemu import Machine


def parse_ps(text):
    """Rows of ps as dicts: pid, ppid, comm."""
    rows = []
    for line in text.strip().splitlines()[1:]:
        f = line.split()
        rows.append({"pid": int(f[0]), "ppid": int(f[1]), "comm": f[-1]})
    return rows

# Linux 6.1's order (tests/data/linux-6.1/boot-kthreads-smp1.txt).
BOOT_ORDER = ["ksoftirqd/0", "migration/0", "cpuhp/0", "khungtaskd", "kswapd0"]


def test_ps_lists_the_percpu_threads_in_linux_order_under_kthreadd():
    with Machine() as m:
        m.wait_ready()
        rows = parse_ps(m.run("ps"))
        tree = m.run("pstree")
    by_comm = {r["comm"]: r for r in rows}
    for name in BOOT_ORDER:
        assert name in by_comm, (name, rows)
        assert by_comm[name]["ppid"] == 2, by_comm[name]
    pids = [by_comm[n]["pid"] for n in BOOT_ORDER]
    assert pids == sorted(pids), pids
    for name in BOOT_ORDER:
        assert re.search(r"^  [|`]-" + re.escape(name) + r"\(\d+\)$", tree, re.M), tree
    assert not any(r["comm"].startswith("watchdog/") for r in rows)  # none in 6.1


def test_percpu_and_kswapd_ktests_pass():
    suites = "smpboot,stop_machine,cpuhp,ksoftirqd,kswapd"
    with Machine(cmdline=f"ktest={suites}") as m:
        m.wait_ready(timeout=240)
        out = m.output
    results = re.findall(r"\] +(not )?ok \d+ (\S+)", out)
    failed = [name for bad, name in results if bad]
    assert not failed, f"failed: {failed}\n{out[-4000:]}"
    assert "# ktest: 5 suites, 0 failed cases" in out, out[-3000:]


def test_softlockup_is_reported_once_and_the_shell_answers():
    with Machine(cmdline="watchdog_thresh=1") as m:
        m.wait_ready()
        assert "watchdog: soft lockup after 2s, sampled every 400 ms" in m.output
        out = m.run("lkdtm SOFTLOCKUP", timeout=60)
        assert re.search(r"watchdog: BUG: soft lockup - CPU#0 stuck for [23]s! \[lkdtm:\d+\]", out), out
        assert out.count("BUG: soft lockup") == 1, out
        assert re.search(r"Call Trace:\n(.*\n)*.* lkdtm_SOFTLOCKUP\+", out), out
        assert "the watchdog reported it; letting go" in out
        assert m.run("echo alive") == "alive\n"
        # An idle system is never reported: migration/0 touches the stamp.
        m.run("sleep 3", timeout=20)
        assert m.output.count("BUG: soft lockup") == 1


def test_nowatchdog_turns_the_detector_off():
    with Machine(cmdline="nowatchdog") as m:
        m.wait_ready()
        assert "watchdog: soft-lockup detector disabled" in m.output
        out = m.run("lkdtm SOFTLOCKUP", timeout=30)
        assert "BUG: soft lockup" not in out
        assert "the watchdog is off" in out


def test_hung_task_is_reported_with_its_backtrace():
    with Machine(cmdline="hung_task_timeout_secs=1") as m:
        m.wait_ready()
        out = m.run("lkdtm HUNG_TASK", timeout=60)
        assert re.search(r"INFO: task lkdtm:\d+ blocked for more than 1 seconds\.\n"
                         r".*\n.*task:lkdtm +state:D pid:\d+ +ppid:2 ", out), out
        assert re.search(r"Call Trace:\n(.*\n)*?.* schedule_timeout\+(.*\n)*?.* lkdtm_HUNG_TASK\+", out), out
        assert "khungtaskd reported it; waking up" in out
        assert m.run("echo alive") == "alive\n"


def test_bad_watchdog_values_get_a_clear_message():
    with Machine(cmdline="watchdog_thresh=abc softlockup_panic=7 hung_task_timeout_secs=-1") as m:
        m.wait_ready()
        out = m.output
    assert "watchdog: watchdog_thresh=abc: not a number of seconds from 0 to 60; keeping 10" in out
    assert "watchdog: softlockup_panic=7: must be 0 or 1; keeping 0" in out
    assert "hung_task: hung_task_timeout_secs=-1: not a number of seconds (0 disables); keeping 120" in out
    assert "watchdog: soft lockup after 20s" in out


def test_softlockup_panic_stops_the_kernel():
    with Machine(cmdline="watchdog_thresh=1 softlockup_panic=1") as m:
        m.wait_ready()
        m.send("lkdtm SOFTLOCKUP\r")
        assert m.wait_exit(timeout=60) == 3
        assert "Kernel panic - not syncing: softlockup: hung tasks" in m.output


def test_vmstat_shows_reclaim_counters():
    with Machine(cmdline="ktest=kswapd") as m:
        m.wait_ready(timeout=120)
        out = m.run("vmstat")
    for name in ("nr_free_pages", "pageoutrun", "slabs_scanned", "allocstall"):
        assert re.search(r"^" + name + r" \d+$", out, re.M), out
    assert int(re.search(r"^pageoutrun (\d+)$", out, re.M).group(1)) >= 1
    assert re.search(r"^zone DMA32 +free \d+ min \d+ low \d+ high \d+$", out, re.M), out
