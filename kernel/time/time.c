/*
 * The time system calls, after Linux's kernel/time/time.c,
 * posix-timers.c (clock_gettime and friends) and hrtimer.c (nanosleep).
 * Clocks: REALTIME (the RTC at boot plus the monotonic clock), MONOTONIC
 * and BOOTTIME (nanoseconds since boot; Spindle never suspends long
 * enough to tell them apart), the COARSE and RAW variants, and the CPU
 * time of the process and the thread.
 *
 * Simplified: sleeps have the tick's resolution (1 ms), not hrtimers';
 * an interrupted sleep that is restarted (no handler ran, e.g. after a
 * stop and continue) sleeps its whole length again, where Linux's
 * restart block would sleep only what was left.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>
#include <linux/time.h>
#include <uapi/linux/time.h>
#include <spindle/config.h>

static struct __kernel_timespec ns_to_timespec(u64 ns)
{
	return (struct __kernel_timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

/* The CPU time of the thread, or of the whole process (one thread). */
static u64 task_cputime_ns(struct task_struct *p)
{
	return READ_ONCE(p->se.sum_exec_runtime);
}

/* Return: 0 and the clock's time in *@ns, or -EINVAL for a bad id. */
static int clock_read(clockid_t which, u64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = task_cputime_ns(current);
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(clock_gettime, clockid_t, which, struct __kernel_timespec __user *, tp)
{
	struct __kernel_timespec ts;
	u64 ns;
	int ret = clock_read(which, &ns);

	if (ret)
		return ret;
	ts = ns_to_timespec(ns);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, clockid_t, which, struct __kernel_timespec __user *, tp)
{
	struct __kernel_timespec ts = { 0, 1 };
	u64 ns;

	if (clock_read(which, &ns))
		return -EINVAL;
	if (which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = NSEC_PER_SEC / HZ;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(clock_settime, clockid_t, which, const struct __kernel_timespec __user *, tp)
{
	struct __kernel_timespec ts;

	if (which != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	do_settimeofday64(timespec64_to_ns(&ts));
	return 0;
}

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval __user *, tv,
		struct timezone __user *, tz)
{
	u64 ns = ktime_get_real_ns();
	struct __kernel_old_timeval t = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
	struct timezone z = { 0, 0 };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &z, sizeof(z)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(settimeofday, struct __kernel_old_timeval __user *, tv,
		struct timezone __user *, tz)
{
	struct __kernel_old_timeval t;

	if (!tv)
		return 0;	/* only a timezone: Spindle keeps UTC */
	if (copy_from_user(&t, tv, sizeof(t)))
		return -EFAULT;
	if (t.tv_sec < 0 || t.tv_usec < 0 || t.tv_usec >= 1000000)
		return -EINVAL;
	do_settimeofday64((u64)t.tv_sec * NSEC_PER_SEC + t.tv_usec * 1000);
	return 0;
}

SYSCALL_DEFINE1(time, long __user *, tloc)
{
	long t = ktime_get_real_ns() / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/*
 * Sleeps until clock @which reads @until (ns). A signal ends the sleep:
 * the time left goes to @rem (relative sleeps) and the call is restarted
 * if no handler runs, else it fails with -EINTR.
 */
static long do_nanosleep(clockid_t which, u64 until, struct __kernel_timespec __user *rem)
{
	u64 now = 0;

	for (;;) {
		clock_read(which, &now);
		if (now >= until)
			return 0;
		if (signal_pending(current))
			break;
		schedule_timeout_interruptible(nsecs_to_jiffies(until - now) + 1);
	}
	if (rem) {
		struct __kernel_timespec left = ns_to_timespec(until - now);

		if (copy_to_user(rem, &left, sizeof(left)))
			return -EFAULT;
	}
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE4(clock_nanosleep, clockid_t, which, int, flags,
		const struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	struct __kernel_timespec ts;
	u64 now = 0;

	if (which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (clock_read(which, &now))
		return -EINVAL;
	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	if (flags & TIMER_ABSTIME)
		return do_nanosleep(which, timespec64_to_ns(&ts), NULL);
	return do_nanosleep(which, now + timespec64_to_ns(&ts), rmtp);
}

SYSCALL_DEFINE2(nanosleep, struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	return sys_clock_nanosleep(CLOCK_MONOTONIC, 0, rqtp, rmtp);
}
