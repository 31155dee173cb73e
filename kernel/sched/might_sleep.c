/*
 * Catching a sleep in atomic context, as the CONFIG_DEBUG_ATOMIC_SLEEP
 * part of Linux's kernel/sched/core.c (__might_sleep, __might_resched).
 * Every function that can sleep calls might_sleep() first (mutex_lock,
 * msleep, schedule_timeout, wait_for_completion, wait_event*, kmalloc
 * with GFP_KERNEL...). Sleeping is a bug with preemption disabled (a
 * spinlock held), interrupts off, inside an RCU read-side section, or in
 * the idle task; the check fires on every call, not only on the rare one
 * that really sleeps, which is what makes it useful.
 *
 * The report, Linux's, at most once a second (the rest are dropped):
 *   BUG: sleeping function called from invalid context at FILE:LINE
 *   in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 42, name: lkdtm
 *   preempt_count: 1, expected: 0
 *   RCU nest depth: 0, expected: 0
 *   <backtrace>
 * and the kernel is tainted W, as Linux's add_taint(TAINT_WARN) does.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/panic.h>
#include <spindle/system_state.h>
#include <asm/irqflags.h>

/* Is sleeping allowed here? Preemption on, interrupts on, no RCU reader,
 * not the idle task (which must never sleep). */
static bool might_sleep_ok(void)
{
	return !preempt_count() && !irqs_disabled() && !rcu_preempt_depth() &&
	       !is_idle_task(current);
}

/**
 * __might_sleep - report a possible sleep in atomic context
 * @file: the caller's file (__FILE__ from might_sleep())
 * @line: its line
 *
 * Context: any; never sleeps itself. Silent while the kernel boots
 * single-threaded (SYSTEM_BOOTING), as in Linux.
 */
void __might_sleep(const char *file, int line)
{
	static unsigned long prev_jiffy;	/* rate limit: one report a second */
	unsigned long now;

	if (likely(might_sleep_ok()) || system_state == SYSTEM_BOOTING)
		return;
	now = jiffies;
	if (prev_jiffy && time_before(now, prev_jiffy + HZ))
		return;
	prev_jiffy = now;

	pr_err("BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, non_block: %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), 0, current->pid, current->comm);
	pr_err("preempt_count: %x, expected: %x\n", preempt_count(), 0);
	pr_err("RCU nest depth: %d, expected: %u\n", rcu_preempt_depth(), 0);
	dump_stack();
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
}
