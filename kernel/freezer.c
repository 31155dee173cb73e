/*
 * The freezer, as Linux's kernel/freezer.c (see include/linux/freezer.h):
 * deciding whether a task must freeze, the refrigerator itself, and the
 * kick that brings a task to it.
 *
 * Locking: freezer_lock makes "am I still to be frozen?" in
 * __refrigerator() and the thaw's wake-up one step: a task sets
 * TASK_FROZEN and tests freezing() under it, the thaw clears the flags
 * and wakes frozen tasks after taking it, so no wake-up is lost.
 */
#include <linux/freezer.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>
#include <linux/sched/signal.h>

int freezer_active;
bool pm_freezing;
bool pm_nosig_freezing;

static DEFINE_SPINLOCK(freezer_lock);

/**
 * freezing_slow_path - must @p freeze, now that a freeze is active?
 * @p: any task
 *
 * Return: true for a user task while user space freezes, and for a
 * freezable kernel thread once kernel threads freeze too; never for
 * PF_NOFREEZE tasks (kernel threads by default) or the suspending task.
 */
bool freezing_slow_path(struct task_struct *p)
{
	if (p->flags & (PF_NOFREEZE | PF_SUSPEND_TASK | PF_EXITING | PF_IDLE))
		return false;
	if (READ_ONCE(pm_nosig_freezing))
		return true;
	return READ_ONCE(pm_freezing) && !(p->flags & PF_KTHREAD);
}

/**
 * __refrigerator - stay frozen until the thaw
 * @check_kthr_stop: a kthread leaves when kthread_stop() asks, too
 *
 * Return: true if current was frozen at all.
 */
bool __refrigerator(bool check_kthr_stop)
{
	bool was_frozen = false;

	for (;;) {
		bool freeze;

		set_current_state(TASK_FROZEN);
		spin_lock_irq(&freezer_lock);
		freeze = freezing(current) && !(check_kthr_stop && kthread_should_stop());
		spin_unlock_irq(&freezer_lock);
		if (!freeze)
			break;
		was_frozen = true;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return was_frozen;
}

/**
 * freeze_task - send @p to the refrigerator
 * @p: a task that must freeze (freezing(@p) is true)
 *
 * A user task is made to see a pending "signal" (signal_pending() is
 * true while it is freezing) and kicked out of user mode or an
 * interruptible sleep; a kernel thread is woken from an interruptible
 * sleep so it reaches its try_to_freeze().
 * Return: false if @p need not freeze or is frozen already.
 */
bool freeze_task(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&freezer_lock, flags);
	if (!freezing(p) || frozen(p)) {
		spin_unlock_irqrestore(&freezer_lock, flags);
		return false;
	}
	if (!(p->flags & PF_KTHREAD)) {
		wake_up_state(p, TASK_INTERRUPTIBLE);
		kick_process(p);
	} else {
		wake_up_state(p, TASK_INTERRUPTIBLE);
	}
	spin_unlock_irqrestore(&freezer_lock, flags);
	return true;
}

/* Wakes @p if it is in the refrigerator (its freezing() is false now). */
void __thaw_task(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&freezer_lock, flags);
	if (frozen(p))
		wake_up_state(p, TASK_FROZEN);
	spin_unlock_irqrestore(&freezer_lock, flags);
}

/**
 * set_freezable - make the calling kernel thread freezable
 *
 * Context: a kernel thread, at its start. Return: true if it was frozen
 * on the way (a freeze was under way).
 */
bool set_freezable(void)
{
	might_sleep();
	spin_lock_irq(&freezer_lock);
	current->flags &= ~PF_NOFREEZE;
	spin_unlock_irq(&freezer_lock);
	return try_to_freeze();
}
