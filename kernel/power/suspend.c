/*
 * Suspend-to-idle, as the s2idle path of Linux's kernel/power/suspend.c:
 * freeze user space and the freezable kernel threads, then let every CPU
 * sit in its idle loop until a wake-up event, then thaw. Linux would also
 * suspend devices and stop the tick; Spindle has no device power
 * management, so the tick goes on and only the tasks stop.
 *
 * Wake-up events: pm_system_wakeup(), called by the tty layer for every
 * byte received (kernel/tty/tty_buffer.c), so a key press or serial input
 * ends the sleep; the byte is then delivered as usual.
 */
#include <linux/suspend.h>
#include <linux/freezer.h>
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/errno.h>
#include <linux/atomic.h>

enum s2idle_states {
	S2IDLE_STATE_NONE,	/* not suspended */
	S2IDLE_STATE_ENTER,	/* waiting for a wake-up event */
	S2IDLE_STATE_WAKE,	/* one came */
};

static atomic_t s2idle_state = ATOMIC_INIT(S2IDLE_STATE_NONE);
static DECLARE_WAIT_QUEUE_HEAD(s2idle_wait_head);
static DEFINE_MUTEX(system_transition_mutex);	/* one suspend at a time */

void pm_system_wakeup(void)
{
	if (atomic_cmpxchg(&s2idle_state, S2IDLE_STATE_ENTER, S2IDLE_STATE_WAKE) ==
	    S2IDLE_STATE_ENTER)
		wake_up(&s2idle_wait_head);
}

/* Sleeps until pm_system_wakeup(); idle, not D, so khungtaskd is quiet. */
static void s2idle_enter(void)
{
	pr_info("PM: suspend-to-idle: waiting for a key press or serial input\n");
	atomic_set(&s2idle_state, S2IDLE_STATE_ENTER);
	wait_event_idle(s2idle_wait_head,
			atomic_read(&s2idle_state) == S2IDLE_STATE_WAKE);
	atomic_set(&s2idle_state, S2IDLE_STATE_NONE);
	pr_info("PM: resume from suspend-to-idle\n");
}

static int suspend_freeze_processes(void)
{
	int error = freeze_processes();

	if (error)
		return error;
	error = freeze_kernel_threads();
	if (error)
		thaw_processes();	/* kernel threads were thawed already */
	return error;
}

int pm_suspend(suspend_state_t state)
{
	int error;

	if (state != PM_SUSPEND_TO_IDLE)
		return -EINVAL;
	mutex_lock(&system_transition_mutex);
	pr_info("PM: suspend entry (s2idle)\n");
	error = suspend_freeze_processes();
	if (!error) {
		s2idle_enter();
		thaw_processes();
	}
	pr_info("PM: suspend exit\n");
	mutex_unlock(&system_transition_mutex);
	return error;
}
