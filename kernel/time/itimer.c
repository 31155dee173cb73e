/*
 * Interval timers, after Linux's kernel/time/itimer.c: setitimer(2),
 * getitimer(2) and alarm(2). ITIMER_REAL counts wall time and sends
 * SIGALRM to the process each time it expires, then re-arms itself with
 * it_interval. Linux uses an hrtimer; Spindle uses a jiffies timer, so
 * times are rounded up to the next tick (1 ms), never cut short.
 * Simplified: ITIMER_VIRTUAL and ITIMER_PROF (process CPU time) are not
 * kept and answer -EINVAL.
 * Lock: the process's siglock around it_real_incr and the timer's state.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/timer.h>
#include <linux/time.h>
#include <linux/sched/signal.h>
#include <uapi/linux/time.h>


/* Mirrors it_real_fn(): SIGALRM to the process, and the next period. */
static void it_real_fn(struct timer_list *t)
{
	struct signal_struct *sig = from_timer(sig, t, real_timer);
	kernel_siginfo_t info = {
		.si_signo = SIGALRM,
		.si_code = SI_KERNEL,
	};

	group_send_sig_info(SIGALRM, &info, sig->real_timer_task);
	if (READ_ONCE(sig->it_real_incr))
		mod_timer(&sig->real_timer, jiffies + READ_ONCE(sig->it_real_incr));
}

/**
 * itimer_init - set up a new process's ITIMER_REAL, disarmed
 * @sig: the process's signal_struct
 */
void itimer_init(struct signal_struct *sig)
{
	timer_setup(&sig->real_timer, it_real_fn, 0);
}

/**
 * exit_itimers - disarm the timers of a process that ends
 * @sig: its signal_struct
 *
 * Waits for a running it_real_fn(): after this, no SIGALRM can be sent to
 * the dying task.
 */
void exit_itimers(struct signal_struct *sig)
{
	sig->it_real_incr = 0;
	del_timer_sync(&sig->real_timer);
}

static bool timeval_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

/* A valid time in jiffies, rounded up; 0 only for 0. Huge times stop
 * at half the jiffies range, so that jiffies + it stays in the future. */
static unsigned long timeval_to_jiffies(const struct __kernel_old_timeval *tv)
{
	return min(timeout_to_jiffies(tv->tv_sec, tv->tv_usec * 1000),
		   MAX_SCHEDULE_TIMEOUT / 2);
}

static struct __kernel_old_timeval jiffies_to_timeval(unsigned long j)
{
	return ns_to_kernel_old_timeval((u64)j * TICK_NSEC);
}

/* The time left and the period of current's ITIMER_REAL. */
static void get_real_timer(struct __kernel_old_itimerval *value)
{
	struct signal_struct *sig = current->signal;
	unsigned long left = 0, now = jiffies;

	spin_lock_irq(&current->sighand->siglock);
	/* Not counting the tick set_real_timer() added; a pending timer
	 * never reports 0 (that would mean disarmed). */
	if (timer_pending(&sig->real_timer))
		left = time_after(sig->real_timer.expires, now + 1) ?
		       sig->real_timer.expires - now - 1 : 1;
	value->it_value = jiffies_to_timeval(left);
	value->it_interval = jiffies_to_timeval(sig->it_real_incr);
	spin_unlock_irq(&current->sighand->siglock);
}

/* Mirrors do_setitimer() for ITIMER_REAL; @old may be NULL. */
static int set_real_timer(const struct __kernel_old_itimerval *value,
			  struct __kernel_old_itimerval *old)
{
	struct signal_struct *sig = current->signal;
	unsigned long expires;

	if (!timeval_valid(&value->it_value) ||
	    !timeval_valid(&value->it_interval))
		return -EINVAL;
	expires = timeval_to_jiffies(&value->it_value);
	if (old)
		get_real_timer(old);
	/* The callback re-arms from it_real_incr: stop it first. */
	del_timer_sync(&sig->real_timer);
	spin_lock_irq(&current->sighand->siglock);
	sig->real_timer_task = current->group_leader;
	sig->it_real_incr = timeval_to_jiffies(&value->it_interval);
	/* One tick more: the current one has partly gone by already. */
	if (expires)
		mod_timer(&sig->real_timer, jiffies + expires + 1);
	spin_unlock_irq(&current->sighand->siglock);
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct __kernel_old_itimerval __user *, uvalue)
{
	struct __kernel_old_itimerval value;

	if (which != ITIMER_REAL)
		return -EINVAL;
	get_real_timer(&value);
	return copy_to_user(uvalue, &value, sizeof(value)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, struct __kernel_old_itimerval __user *, uvalue,
		struct __kernel_old_itimerval __user *, uovalue)
{
	struct __kernel_old_itimerval value = { 0 }, old;
	int ret;

	if (which != ITIMER_REAL)
		return -EINVAL;
	/* Linux: a NULL new value disarms the timer. */
	if (uvalue && copy_from_user(&value, uvalue, sizeof(value)))
		return -EFAULT;
	ret = set_real_timer(&value, uovalue ? &old : NULL);
	if (!ret && uovalue && copy_to_user(uovalue, &old, sizeof(old)))
		return -EFAULT;
	return ret;
}

/* Mirrors alarm_setitimer(): seconds left of the previous alarm, rounded
 * to the nearest second and never 0 while one is pending. */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct __kernel_old_itimerval value = {
		.it_value.tv_sec = seconds,
	}, old;

	set_real_timer(&value, &old);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) ||
	    old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}
