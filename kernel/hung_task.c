/*
 * The hung-task detector, after Linux's kernel/hung_task.c: khungtaskd
 * wakes every hung_task_timeout_secs and looks for tasks in
 * TASK_UNINTERRUPTIBLE (D) that have not been scheduled since it last
 * looked, that is for at least that long: a task stuck on a lock or an
 * I/O that never completes. Each is reported with its backtrace, up to
 * hung_task_warnings reports in all.
 *
 * As Linux: TASK_KILLABLE and TASK_IDLE sleepers are skipped (they are
 * waiting on purpose), and so is a task that has never been switched out.
 * Differs: Linux walks the task list under RCU and prints as it goes;
 * Spindle holds tasklist_lock (a raw spinlock, interrupts off) only to
 * pick the hung tasks, taking a reference to each, and prints after.
 */
#include <linux/nmi.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/jiffies.h>
#include <linux/init.h>
#include <spindle/task.h>
#include <spindle/arch.h>

#define HUNG_TASK_BATCH 16	/* reported per check at most */

unsigned long sysctl_hung_task_timeout_secs = 120;
static int sysctl_hung_task_warnings = 10;
static unsigned long nr_reports;

static int __init hung_task_timeout_setup(char *str)
{
	unsigned long v;

	if (kstrtoul(str, 10, &v) || v > LONG_MAX / HZ) {
		pr_err("hung_task: hung_task_timeout_secs=%s: not a number of seconds "
		       "(0 disables); keeping %lu\n", str, sysctl_hung_task_timeout_secs);
		return 0;
	}
	sysctl_hung_task_timeout_secs = v;
	return 0;
}
__setup("hung_task_timeout_secs=", hung_task_timeout_setup);

unsigned long hung_task_reports(void)
{
	return READ_ONCE(nr_reports);
}

/*
 * Has @t slept in D for @timeout seconds? Mirrors check_hung_task(): the
 * switch count changing means it ran since the last look; otherwise the
 * time of the last change says for how long it has not. Caller holds
 * tasklist_lock.
 */
static bool task_is_hung(struct task_struct *t, unsigned long timeout)
{
	unsigned long switch_count = t->nvcsw + t->nivcsw;
	unsigned int state = READ_ONCE(t->__state);

	if (!(state & TASK_UNINTERRUPTIBLE) || (state & (TASK_WAKEKILL | TASK_NOLOAD)))
		return false;
	if (unlikely(!switch_count))
		return false;
	if (switch_count != t->last_switch_count) {
		t->last_switch_count = switch_count;
		t->last_switch_time = jiffies;
		return false;
	}
	return !time_before(jiffies, t->last_switch_time + timeout * HZ);
}

/* Linux's sched_show_task(): one line about @t, then its backtrace. */
static void show_blocked_task(struct task_struct *t)
{
	pr_err("task:%-15.15s state:D pid:%-5d ppid:%-6d flags:0x%08x\n", t->comm,
	       t->pid, t->real_parent ? t->real_parent->pid : 0, t->flags);
	arch_show_task_stack(t);
}

static void report_hung_task(struct task_struct *t)
{
	if (!sysctl_hung_task_warnings)
		return;
	if (sysctl_hung_task_warnings > 0)
		sysctl_hung_task_warnings--;
	pr_err("INFO: task %s:%d blocked for more than %lu seconds.\n", t->comm,
	       t->pid, (jiffies - t->last_switch_time) / HZ);
	pr_err("\"hung_task_timeout_secs=0\" on the command line disables this message.\n");
	show_blocked_task(t);
	WRITE_ONCE(nr_reports, nr_reports + 1);
}

/* Linux's check_hung_uninterruptible_tasks(). */
static void check_hung_uninterruptible_tasks(unsigned long timeout)
{
	struct task_struct *hung[HUNG_TASK_BATCH], *t;
	unsigned long flags;
	int n = 0;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &init_task.tasks, tasks) {
		if (n < HUNG_TASK_BATCH && task_is_hung(t, timeout)) {
			get_task_struct(t);
			hung[n++] = t;
		}
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	for (int i = 0; i < n; i++) {
		report_hung_task(hung[i]);
		put_task_struct(hung[i]);
	}
}

/*
 * khungtaskd's loop (Linux's watchdog() in kernel/hung_task.c): sleep
 * interruptibly until the next check is due, check, repeat. The timeout
 * is read on every turn; 0 disables the checks.
 */
static int watchdog(void *dummy)
{
	unsigned long hung_last_checked = jiffies;

	for (;;) {
		unsigned long timeout = READ_ONCE(sysctl_hung_task_timeout_secs);
		long t = MAX_SCHEDULE_TIMEOUT;

		if (timeout)
			t = (long)(hung_last_checked + timeout * HZ - jiffies);
		if (t <= 0) {
			check_hung_uninterruptible_tasks(timeout);
			hung_last_checked = jiffies;
			continue;
		}
		schedule_timeout_interruptible(t);
	}
	return 0;
}

static int __init hung_task_init(void)
{
	struct task_struct *k = kthread_run(watchdog, NULL, "khungtaskd");

	if (IS_ERR(k))
		return PTR_ERR(k);
	pr_info("hung_task: khungtaskd checks every %lu s\n", sysctl_hung_task_timeout_secs);
	return 0;
}
subsys_initcall(hung_task_init);
