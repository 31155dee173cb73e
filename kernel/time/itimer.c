/*
 * Interval timers, after Linux's kernel/time/itimer.c: setitimer(2),
 * getitimer(2) and alarm(2). ITIMER_REAL counts wall time and sends
 * SIGALRM to the process each time it expires, then re-arms itself with
 * it_interval. Linux uses an hrtimer; Spindle uses a jiffies timer, so
 * times are rounded up to the next tick (1 ms), never cut short.
 * ITIMER_VIRTUAL (user CPU time) and ITIMER_PROF (user and system) count
 * the process's CPU time down as the tick charges it (account_itimers(),
 * Linux's check_cpu_itimer()), so they fire on a tick boundary.
 * Lock: the process's siglock around it_real_incr, the timer's state and
 * the CPU-time timers.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/timer.h>
#include <linux/timekeeping.h>
#include <linux/jiffies.h>
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

	u64 now = ktime_get_ns(), expires = READ_ONCE(sig->it_real_expires);
	u64 incr = READ_ONCE(sig->it_real_incr_ns);

	/* The tick may run a little ahead of the clock: a timer never fires
	 * early (POSIX), so wait for what is left. */
	if (now < expires) {
		mod_timer(&sig->real_timer, jiffies + nsecs_to_jiffies(expires - now) + 1);
		return;
	}
	group_send_sig_info(SIGALRM, &info, sig->real_timer_task);
	if (!incr)
		return;
	expires = expires + incr > now ? expires + incr : now + incr;
	WRITE_ONCE(sig->it_real_expires, expires);
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

/* Charges @ns to @it. Return: true if it expired (and was re-armed with
 * its period, or disarmed). */
static bool cpu_itimer_charge(struct cpu_itimer *it, u64 ns)
{
	if (!it->left)
		return false;
	if (it->left > ns) {
		it->left -= ns;
		return false;
	}
	it->left = it->incr;
	return true;
}

void account_itimers(struct task_struct *p, u64 cputime, bool user)
{
	struct signal_struct *sig = p->signal;
	kernel_siginfo_t info = { .si_code = SI_KERNEL };
	bool prof, virt;

	spin_lock(&p->sighand->siglock);
	prof = cpu_itimer_charge(&sig->it[ITIMER_PROF - 1], cputime);
	virt = user && cpu_itimer_charge(&sig->it[ITIMER_VIRTUAL - 1], cputime);
	spin_unlock(&p->sighand->siglock);
	if (prof) {
		info.si_signo = SIGPROF;
		group_send_sig_info(SIGPROF, &info, p);
	}
	if (virt) {
		info.si_signo = SIGVTALRM;
		group_send_sig_info(SIGVTALRM, &info, p);
	}
}

static u64 timeval_to_ns(const struct __kernel_old_timeval *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * NSEC_PER_USEC;
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
	sig->it_real_incr_ns = sig->it_real_incr ? timeval_to_ns(&value->it_interval) : 0;
	sig->it_real_expires = ktime_get_ns() + timeval_to_ns(&value->it_value);
	/* One tick more: the current one has partly gone by already. */
	if (expires)
		mod_timer(&sig->real_timer, jiffies + expires + 1);
	spin_unlock_irq(&current->sighand->siglock);
	return 0;
}

/* ITIMER_VIRTUAL or ITIMER_PROF of current's process: the old value
 * into @old (if not NULL), then @value (if not NULL). */
static int cpu_itimer(int which, const struct __kernel_old_itimerval *value,
		      struct __kernel_old_itimerval *old)
{
	struct cpu_itimer *it = &current->signal->it[which - 1];

	if (value && (!timeval_valid(&value->it_value) || !timeval_valid(&value->it_interval)))
		return -EINVAL;
	spin_lock_irq(&current->sighand->siglock);
	if (old) {
		old->it_value = ns_to_kernel_old_timeval(it->left);
		old->it_interval = ns_to_kernel_old_timeval(it->incr);
	}
	if (value) {
		it->left = timeval_to_ns(&value->it_value);
		it->incr = timeval_to_ns(&value->it_interval);
	}
	spin_unlock_irq(&current->sighand->siglock);
	return 0;
}

/* setitimer/getitimer's work for any timer. */
static int do_itimer(int which, const struct __kernel_old_itimerval *value,
		     struct __kernel_old_itimerval *old)
{
	switch (which) {
	case ITIMER_REAL:
		if (!value) {
			get_real_timer(old);
			return 0;
		}
		return set_real_timer(value, old);
	case ITIMER_VIRTUAL:
	case ITIMER_PROF:
		return cpu_itimer(which, value, old);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(getitimer, int, which, struct __kernel_old_itimerval __user *, uvalue)
{
	struct __kernel_old_itimerval value;
	int ret = do_itimer(which, NULL, &value);

	if (ret)
		return ret;
	return copy_to_user(uvalue, &value, sizeof(value)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, struct __kernel_old_itimerval __user *, uvalue,
		struct __kernel_old_itimerval __user *, uovalue)
{
	struct __kernel_old_itimerval value = { 0 }, old;
	int ret;

	/* Linux: a NULL new value disarms the timer. */
	if (uvalue && copy_from_user(&value, uvalue, sizeof(value)))
		return -EFAULT;
	ret = do_itimer(which, &value, uovalue ? &old : NULL);
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
