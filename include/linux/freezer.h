/*
 * The freezer, as Linux's include/linux/freezer.h and kernel/freezer.c:
 * before a suspend, every user process and every *freezable* kernel
 * thread is stopped at a point where it holds nothing ("the
 * refrigerator"), so that nothing runs while devices sleep.
 *
 * A user process is frozen on its way back to user mode: freeze_task()
 * makes signal_pending() true, so a sleep in a system call ends
 * (-ERESTARTSYS, restarted after the thaw) and get_signal() calls
 * try_to_freeze(). A kernel thread is never frozen unless it asked with
 * set_freezable(); it then calls try_to_freeze() (or
 * kthread_freezable_should_stop(), or sleeps with wait_event_freezable())
 * where it is safe to stop.
 *
 * Divergence: Linux 6.1 also freezes a task sleeping in a TASK_FREEZABLE
 * state directly, without waking it; Spindle wakes it and lets it freeze
 * itself, as Linux did before 6.1. A frozen task is in TASK_FROZEN, shown
 * by ps as D.
 */
#ifndef _LINUX_FREEZER_H
#define _LINUX_FREEZER_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/sched.h>

/* Non-zero while a freeze is in progress: the fast path's only test. */
extern int freezer_active;
extern bool pm_freezing;	/* user space is being frozen */
extern bool pm_nosig_freezing;	/* freezable kthreads too */

bool freezing_slow_path(struct task_struct *p);

/* Should @p go into the refrigerator now? */
static inline bool freezing(struct task_struct *p)
{
	if (likely(!READ_ONCE(freezer_active)))
		return false;
	return freezing_slow_path(p);
}

static inline bool frozen(struct task_struct *p)
{
	return READ_ONCE(p->__state) & TASK_FROZEN;
}

bool __refrigerator(bool check_kthr_stop);

/**
 * try_to_freeze - enter the refrigerator if a freeze asks for it
 *
 * Context: process, no locks held (a frozen lock holder would block the
 * suspend); may sleep until the thaw.
 * Return: true if current was frozen (and is now thawed).
 */
static inline bool try_to_freeze(void)
{
	might_sleep();
	if (likely(!freezing(current)))
		return false;
	return __refrigerator(false);
}

bool freeze_task(struct task_struct *p);
void __thaw_task(struct task_struct *p);
bool set_freezable(void);

/* kernel/power/process.c */
int freeze_processes(void);
int freeze_kernel_threads(void);
void thaw_processes(void);
void thaw_kernel_threads(void);

#endif
