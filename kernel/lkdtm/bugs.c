/*
 * LKDTM crash types that break the CPU's or the kernel's rules, after
 * Linux's drivers/misc/lkdtm/bugs.c. Each function is noinline so the
 * oops's RIP and backtrace name it.
 *
 * Differs from Linux: SOFTLOCKUP, HUNG_TASK and SPINLOCKUP end. On one
 * CPU a real lockup would freeze the shell for good, so SOFTLOCKUP spins
 * until the soft-lockup watchdog (kernel/watchdog.c) has reported it,
 * HUNG_TASK sleeps until khungtaskd (kernel/hung_task.c) can have, and
 * SPINLOCKUP (Spindle's spinlocks record no owner) gives up after
 * LKDTM_SPIN_MS and reports what Linux's old spinlock debugging did.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <spindle/sched.h>
#include <spindle/kstack.h>
#include <linux/nmi.h>
#include "lkdtm.h"

void noinline lkdtm_PANIC(void)
{
	panic("dumptest");
}

void noinline lkdtm_BUG(void)
{
	BUG();
}

void noinline lkdtm_WARNING(void)
{
	WARN_ON(1);
}

/* Linux's EXCEPTION: a write through a NULL pointer. */
void noinline lkdtm_EXCEPTION(void)
{
	*((volatile int *)NULL) = 0;
}

void noinline lkdtm_DIVIDE_BY_ZERO(void)
{
	/* Both volatile: otherwise the compiler folds or skips the division. */
	volatile int one = 1, zero = 0;
	volatile int r;

	pr_info("lkdtm: dividing by zero\n");
	r = one / zero;
	(void)r;
	pr_err("lkdtm: FAIL: survived a division by zero\n");
}

void noinline lkdtm_INVALID_OPCODE(void)
{
	pr_info("lkdtm: executing an undefined instruction (ud2)\n");
	__builtin_trap();
}

static volatile int recursion_limit = -1;	/* the compiler cannot see the end */

/* Each level keeps a kilobyte on the stack; no tail call possible. */
static noinline int recurse(int depth)
{
	volatile char buf[1024];

	if (depth == recursion_limit)
		return 0;
	buf[0] = (char)depth;
	return recurse(depth + 1) + buf[0];
}

void noinline lkdtm_EXHAUST_STACK(void)
{
	pr_info("lkdtm: recursing until the %lu KiB stack runs into its guard page\n",
		(unsigned long)THREAD_SIZE >> 10);
	recurse(0);
	pr_err("lkdtm: FAIL: survived an exhausted stack\n");
}

/* How long SOFTLOCKUP spins at most: past the threshold, two more sample
 * periods for the timer to notice, and a second of slack. */
static u64 softlockup_spin_ns(void)
{
	if (!softlockup_enabled())
		return LKDTM_SPIN_MS * 1000000ULL;
	return (softlockup_thresh_secs() * 7ULL / 5 * 1000 + 1000) * 1000000ULL +
	       softlockup_thresh_secs() * 1000000000ULL;
}

/*
 * Spins with preemption off, as Linux's SOFTLOCKUP, until the soft-lockup
 * watchdog has reported this CPU (or, with the watchdog off, for
 * LKDTM_SPIN_MS), then lets go so that the shell lives on.
 */
void noinline lkdtm_SOFTLOCKUP(void)
{
	u64 switches = nr_context_switches_cpu(smp_processor_id());
	unsigned long reports = softlockup_reports(), j0 = jiffies;
	u64 start = ktime_get_ns(), end = start + softlockup_spin_ns();
	bool reported;

	preempt_disable();
	while (!(reported = softlockup_reports() != reports) && ktime_get_ns() < end)
		cpu_relax();
	switches = nr_context_switches_cpu(smp_processor_id()) - switches;
	preempt_enable();
	pr_warn("lkdtm: SOFTLOCKUP: spun %llu ms with preemption disabled: %lu timer ticks "
		"came, %llu context switches happened; every other task on CPU %d waited\n",
		(unsigned long long)(ktime_get_ns() - start) / 1000000, jiffies - j0,
		(unsigned long long)switches, smp_processor_id());
	if (reported)
		pr_warn("lkdtm: SOFTLOCKUP: the watchdog reported it; letting go "
			"(Linux's LKDTM spins for ever)\n");
	else if (softlockup_enabled())
		pr_err("lkdtm: FAIL: no soft lockup report within %llu ms\n",
		       (unsigned long long)softlockup_spin_ns() / 1000000);
	else
		pr_warn("lkdtm: SOFTLOCKUP: the watchdog is off (nowatchdog or "
			"watchdog_thresh=0); LKDTM gave up after %d ms\n", LKDTM_SPIN_MS);
}

/*
 * Sleeps in TASK_UNINTERRUPTIBLE (D) with nothing to wake it, as Linux's
 * HUNG_TASK, but for 2 * hung_task_timeout_secs + 1 s (at most
 * LKDTM_HUNG_MAX_S) rather than for ever: long enough for khungtaskd,
 * which needs two checks to see a task that has not run, to report it.
 */
void noinline lkdtm_HUNG_TASK(void)
{
	unsigned long secs = sysctl_hung_task_timeout_secs * 2 + 1;
	unsigned long reports = hung_task_reports();

	if (!sysctl_hung_task_timeout_secs || secs > LKDTM_HUNG_MAX_S)
		secs = LKDTM_HUNG_MAX_S;
	pr_info("lkdtm: HUNG_TASK: sleeping uninterruptibly for %lu s\n", secs);
	schedule_timeout_uninterruptible(secs * HZ);
	if (hung_task_reports() != reports)
		pr_warn("lkdtm: HUNG_TASK: khungtaskd reported it; waking up "
			"(Linux's LKDTM sleeps for ever)\n");
	else
		pr_warn("lkdtm: HUNG_TASK: no report in %lu s (hung_task_timeout_secs=%lu)\n",
			secs, sysctl_hung_task_timeout_secs);
}

static DEFINE_SPINLOCK(lock_me_up);

/*
 * Takes lock_me_up twice. The second spin_lock() would spin for ever
 * (the owner is the spinner, with preemption off); the bounded trylock
 * loop stands in for it and then reports as Linux's old
 * CONFIG_DEBUG_SPINLOCK did ("spinlock lockup suspected").
 */
void noinline lkdtm_SPINLOCKUP(void)
{
	u64 end = ktime_get_ns() + LKDTM_SPIN_MS * 1000000ULL;
	bool taken = false;

	spin_lock(&lock_me_up);
	pr_info("lkdtm: took lock_me_up; taking it again\n");
	while (!taken && ktime_get_ns() < end)
		taken = spin_trylock(&lock_me_up);
	if (taken) {
		pr_err("lkdtm: FAIL: took a held spinlock\n");
		spin_unlock(&lock_me_up);
	} else {
		pr_err("BUG: spinlock lockup suspected on CPU#%d, %s/%d\n",
		       smp_processor_id(), current->comm, current->pid);
		pr_err(" lock: lock_me_up, held by %s/%d: this task (recursion)\n",
		       current->comm, current->pid);
		dump_stack();
		pr_warn("lkdtm: SPINLOCKUP: a real deadlock would spin for ever with "
			"preemption off; LKDTM lets go after %d ms\n", LKDTM_SPIN_MS);
	}
	spin_unlock(&lock_me_up);
}

/*
 * Linux's ATOMIC_SLEEP: call functions that may sleep with preemption
 * disabled (here a spinlock held); might_sleep() reports the first and,
 * within the same second, stays silent about the second. Linux's LKDTM
 * calls msleep(1), which really sleeps; Spindle calls an uncontended
 * mutex_lock() and kmalloc(GFP_KERNEL), which check without sleeping, as
 * Spindle's scheduler does not repair the preemption count after
 * "scheduling while atomic" the way Linux's does.
 */
void noinline lkdtm_ATOMIC_SLEEP(void)
{
	static DEFINE_SPINLOCK(lock);
	static DEFINE_MUTEX(mtx);
	unsigned long first, second;
	void *p;

	pr_info("lkdtm: Sleeping in atomic context\n");
	spin_lock(&lock);
	first = jiffies;
	mutex_lock(&mtx);
	mutex_unlock(&mtx);
	second = jiffies;
	p = kmalloc(64, GFP_KERNEL);
	spin_unlock(&lock);
	kfree(p);
	pr_info("lkdtm: the second call came %lu jiffies after the first (one report a second)\n",
		second - first);
}
