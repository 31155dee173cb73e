/*
 * LKDTM crash types that break the CPU's or the kernel's rules, after
 * Linux's drivers/misc/lkdtm/bugs.c. Each function is noinline so the
 * oops's RIP and backtrace name it.
 *
 * Differs from Linux: SOFTLOCKUP and SPINLOCKUP spin for LKDTM_SPIN_MS,
 * not for ever. Spindle has no soft-lockup watchdog and its spinlocks
 * no owner or lockup check, so a real lockup would freeze this CPU with
 * nothing to report it; the bounded spin shows what happens meanwhile
 * and reports what Linux's detectors would.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <spindle/sched.h>
#include <spindle/kstack.h>
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

/* Spins with preemption off, as Linux's SOFTLOCKUP, but for a bounded time. */
void noinline lkdtm_SOFTLOCKUP(void)
{
	u64 switches = nr_context_switches_cpu(smp_processor_id());
	unsigned long j0 = jiffies;
	u64 end = ktime_get_ns() + LKDTM_SPIN_MS * 1000000ULL;

	preempt_disable();
	while (ktime_get_ns() < end)
		cpu_relax();
	switches = nr_context_switches_cpu(smp_processor_id()) - switches;
	preempt_enable();
	pr_warn("lkdtm: SOFTLOCKUP: spun %d ms with preemption disabled: %lu timer ticks "
		"came, %llu context switches happened; every other task on CPU %d waited\n",
		LKDTM_SPIN_MS, jiffies - j0, (unsigned long long)switches,
		smp_processor_id());
	pr_warn("lkdtm: Linux's watchdog would say \"BUG: soft lockup - CPU#%d stuck "
		"for 22s!\" after 20 s; Spindle has no watchdog yet, so LKDTM gave up\n",
		smp_processor_id());
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
