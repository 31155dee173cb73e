"""might_sleep() (CONFIG_DEBUG_ATOMIC_SLEEP, kernel/sched/might_sleep.c;
docs/kthread-worker.md#might_sleep): a function that can sleep, called
with a spinlock held, prints Linux's "BUG: sleeping function called from
invalid context" report with in_atomic(), irqs_disabled(), the PID and
name, the preemption count and a backtrace; a second call within the
same second is not reported, one after it is; the kernel goes on.
A boot to the shell and the kernel's own suites make no such
report: nothing in Spindle sleeps in atomic context."""
import re
from qemu import Machine

REPORT = (r"BUG: sleeping function called from invalid context at kernel/locking/mutex\.c:\d+\n"
          r".*in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: (\d+), name: lkdtm\n"
          r".*preempt_count: 1, expected: 0\n"
          r".*RCU nest depth: 0, expected: 0\n"
          r"(?:.*\n){0,6}?.*Call Trace:\n(?:.*\n){0,12}?.*lkdtm_ATOMIC_SLEEP\+")


def test_atomic_sleep_is_reported_once_a_second():
    with Machine() as m:
        m.wait_ready()
        first = m.run("lkdtm ATOMIC_SLEEP", timeout=60)
        assert re.search(REPORT, first), first
        gap = int(re.search(r"the second call came (\d+) jiffies after the first", first).group(1))
        if gap < 1000:      # HZ: both calls in one second, one report
            assert first.count("BUG: sleeping function called") == 1, first
        assert "ATOMIC_SLEEP: thread lkdtm" in first and "returned 0 (OK)" in first, first
        m.run("sleep 2")
        second = m.run("lkdtm ATOMIC_SLEEP", timeout=60)
        assert re.search(REPORT, second), second
        assert m.run("echo alive") == "alive\n"


def test_nothing_sleeps_in_atomic_context_during_boot_and_the_suites():
    with Machine(smp=2, cmdline="ktest=kthread,workqueue,rcu,kthread_worker,atomic,kapi,freezer") as m:
        m.wait_ready(timeout=600)
        m.run("ps")
        out = m.output
    assert "# ktest: 7 suites, 0 failed cases" in out, out[-4000:]
    assert "BUG: sleeping function called from invalid context" not in out, out
    assert "BUG: scheduling while atomic" not in out, out


def test_lock_assertions_and_might_sleep_stay_quiet_under_busybox():
    """The lockdep_assert_held() checks (the lock rules of the task list,
    signals, the allocators, vmalloc, ttys, pipes, /proc, modules, printk)
    and might_sleep() hold under a user workload: fork, exec, pipes,
    signals, job control, /proc, and a freeze."""
    from test_userspace import boot_busybox, sh
    m = boot_busybox(smp=2)
    try:
        for cmd in ("ls /proc | wc -l", "cat /proc/self/status | grep -c Name",
                    # SIGKILL: the shell's child ignores SIGTERM (as its
                    # interactive parent does) until it resets its signals,
                    # and a kill that comes first is discarded, as on Linux.
                    "echo a b c | tr a-z A-Z | wc -c", "sleep 100 & kill -9 %1; wait",
                    "sleep 100 & kill -STOP %1; kill -CONT %1; kill -9 %1; wait",
                    "ps -o pid,stat,comm | wc -l", "cat /proc/modules /proc/meminfo | wc -l",
                    "dd if=/dev/zero bs=4096 count=256 2>/dev/null | wc -c"):
            out, rc = sh(m, cmd)
            assert rc == 0, (cmd, out)
        start = len(m.output)
        m.send("echo freeze > /sys/power/state; echo FR''OZE-$?\n")
        m.wait_for(r"waiting for a key press", timeout=120, start=start)
        m.send("\n")
        m.wait_for(r"\nFROZE-0", timeout=120, start=start)
        out = m.output
    finally:
        m.__exit__(None, None, None)
    assert "WARNING:" not in out, out
    assert "BUG:" not in out, out
