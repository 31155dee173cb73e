/*
 * Freezing and thawing everything before and after a suspend, as Linux's
 * kernel/power/process.c: freeze user space first (its processes may be
 * waiting on kernel threads), then the freezable kernel threads; thaw in
 * the opposite order. Each freezing step gives up after
 * freeze_timeout_msecs (20 s, Linux's default) and names the tasks that
 * refused: typically one in an uninterruptible sleep in the kernel.
 */
#include <linux/freezer.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/errno.h>
#include <spindle/task.h>

unsigned int freeze_timeout_msecs = 20 * MSEC_PER_SEC;

/* Asks every task that must freeze to do so; the number still running. */
static unsigned int freeze_round(bool report)
{
	struct task_struct *p;
	unsigned int todo = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p == current || !freeze_task(p))
			continue;
		todo++;
		if (report)
			pr_err("task:%-15s state:%c pid:%d\n", p->comm,
			       task_state(p) & TASK_UNINTERRUPTIBLE ? 'D' : 'S', p->pid);
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return todo;
}

/* Freezes what freezing() now selects; 0 or -EBUSY after the timeout. */
static int try_to_freeze_tasks(bool user_only)
{
	unsigned long end = jiffies + msecs_to_jiffies(freeze_timeout_msecs);
	u64 start = ktime_get_ns(), elapsed;
	unsigned int todo, sleep_ms = 1;

	for (;;) {
		todo = freeze_round(false);
		if (!todo || time_after(jiffies, end))
			break;
		msleep(sleep_ms);	/* let them run to their freezing point */
		if (sleep_ms < 8)
			sleep_ms *= 2;
	}
	elapsed = (ktime_get_ns() - start) / NSEC_PER_MSEC;
	if (todo) {
		pr_cont("\n");
		pr_err("Freezing of tasks failed after %u.%03u seconds (%u tasks refusing to freeze, wq_busy=0):\n",
		       (unsigned int)(elapsed / 1000), (unsigned int)(elapsed % 1000), todo);
		freeze_round(true);
		return -EBUSY;
	}
	pr_cont("(elapsed %u.%03u seconds) ", (unsigned int)(elapsed / 1000),
		(unsigned int)(elapsed % 1000));
	return 0;
}

/**
 * freeze_processes - freeze every user process but current
 *
 * Context: process; current is marked PF_SUSPEND_TASK and stays out.
 * Return: 0, or -EBUSY (everything thawed again) if some refused.
 */
int freeze_processes(void)
{
	int error;

	current->flags |= PF_SUSPEND_TASK;
	WRITE_ONCE(pm_freezing, true);
	WRITE_ONCE(freezer_active, 1);
	pr_info("Freezing user space processes ... ");
	error = try_to_freeze_tasks(true);
	if (error) {
		thaw_processes();
		return error;
	}
	pr_cont("done.\n");
	return 0;
}

/**
 * freeze_kernel_threads - freeze the freezable kernel threads too
 *
 * Return: 0, or -EBUSY (kernel threads thawed again; user space stays
 * frozen for the caller's thaw_processes()).
 */
int freeze_kernel_threads(void)
{
	int error;

	WRITE_ONCE(pm_nosig_freezing, true);
	pr_info("Freezing remaining freezable tasks ... ");
	error = try_to_freeze_tasks(false);
	if (error) {
		thaw_kernel_threads();
		return error;
	}
	pr_cont("done.\n");
	return 0;
}

static void thaw_all(void)
{
	struct task_struct *p;
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks)
		__thaw_task(p);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* Thaws the freezable kernel threads; user space stays frozen. */
void thaw_kernel_threads(void)
{
	WRITE_ONCE(pm_nosig_freezing, false);
	thaw_all();
}

/* Thaws everything and ends the freeze. */
void thaw_processes(void)
{
	pr_info("Restarting tasks ... ");
	WRITE_ONCE(pm_freezing, false);
	WRITE_ONCE(pm_nosig_freezing, false);
	WRITE_ONCE(freezer_active, 0);
	thaw_all();
	current->flags &= ~PF_SUSPEND_TASK;
	pr_cont("done.\n");
}
