/*
 * The scheduler's system calls, after the syscall half of Linux's
 * kernel/sched/core.c and kernel/sys.c's getpriority/setpriority:
 * nice values, policies, affinity and yield, on processes and on kernel
 * threads alike (`renice`, `taskset`, `chrt` on a [kworker] work as on
 * Linux when run as root, which every Spindle process is).
 * Simplified: no users to check permissions of; PID namespaces: none.
 * Lock: tasklist_lock only to find the task and take a reference.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/ktime.h>
#include <uapi/linux/time_types.h>
#include <spindle/task.h>
#include "sched.h"

/* getpriority/setpriority's @which (include/uapi/linux/resource.h). */
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

/* The task of @pid (0: current), with a reference; NULL if none. */
static struct task_struct *find_get_task(pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;

	if (pid == 0) {
		get_task_struct(current);
		return current;
	}
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p && p->exit_state)
		p = NULL;
	if (p)
		get_task_struct(p);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

/* The idle tasks and the CPU stoppers (migration/N) are the scheduler's
 * own: Linux refuses to change them too. */
static bool sched_fixed(struct task_struct *p)
{
	return is_idle_task(p) || p->sched_class == &stop_sched_class;
}

static long set_nice(pid_t pid, int nice)
{
	struct task_struct *p = find_get_task(pid);
	long ret = 0;

	if (!p)
		return -ESRCH;
	if (sched_fixed(p))
		ret = -EPERM;
	else
		set_user_nice(p, clamp(nice, MIN_NICE, MAX_NICE));
	put_task_struct(p);
	return ret;
}

/* Only PRIO_PROCESS: Spindle has one user, and groups of processes are
 * rarely reniced as a whole. */
SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	if (which == PRIO_PGRP || which == PRIO_USER)
		return -EOPNOTSUPP;
	if (which != PRIO_PROCESS)
		return -EINVAL;
	return set_nice(who, niceval);
}

/* Returns 20 - nice (1..40), as the raw system call does: never negative,
 * so it cannot be mistaken for an error. */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct task_struct *p;
	long ret;

	if (which == PRIO_PGRP || which == PRIO_USER)
		return -EOPNOTSUPP;
	if (which != PRIO_PROCESS)
		return -EINVAL;
	p = find_get_task(who);
	if (!p)
		return -ESRCH;
	ret = 20 - task_nice(p);
	put_task_struct(p);
	return ret;
}

static long do_sched_setscheduler(pid_t pid, int policy,
				  struct sched_param __user *uparam)
{
	struct sched_param param;
	struct task_struct *p;
	long ret;

	if (pid < 0 || !uparam)
		return -EINVAL;
	if (copy_from_user(&param, uparam, sizeof(param)))
		return -EFAULT;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	if (policy < 0)		/* sched_setparam: keep the policy */
		policy = p->policy;
	ret = sched_fixed(p) ? -EPERM : sched_setscheduler(p, policy, &param);
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE3(sched_setscheduler, pid_t, pid, int, policy,
		struct sched_param __user *, param)
{
	if (policy < 0)
		return -EINVAL;
	return do_sched_setscheduler(pid, policy, param);
}

SYSCALL_DEFINE2(sched_setparam, pid_t, pid, struct sched_param __user *, param)
{
	return do_sched_setscheduler(pid, -1, param);
}

SYSCALL_DEFINE1(sched_getscheduler, pid_t, pid)
{
	struct task_struct *p;
	long policy;

	if (pid < 0)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	policy = p->policy;
	put_task_struct(p);
	return policy;
}

SYSCALL_DEFINE2(sched_getparam, pid_t, pid, struct sched_param __user *, uparam)
{
	struct sched_param param = { 0 };
	struct task_struct *p;

	if (pid < 0 || !uparam)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	if (p->policy == SCHED_FIFO || p->policy == SCHED_RR)
		param.sched_priority = p->rt_priority;
	put_task_struct(p);
	return copy_to_user(uparam, &param, sizeof(param)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return MAX_RT_PRIO - 1;
	if (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE)
		return 0;
	return -EINVAL;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return 1;
	if (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE)
		return 0;
	return -EINVAL;
}

SYSCALL_DEFINE2(sched_rr_get_interval, pid_t, pid, struct __kernel_timespec __user *, interval)
{
	struct __kernel_timespec ts = { 0 };
	struct task_struct *p;

	if (pid < 0)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	/* Linux reports the RR slice, and 0 for FIFO. */
	if (p->policy == SCHED_RR)
		ts.tv_nsec = RR_TIMESLICE * (NSEC_PER_SEC / HZ);
	put_task_struct(p);
	return copy_to_user(interval, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/*
 * Affinity masks are arrays of unsigned long in user space; Spindle's
 * fit in one. Linux demands room for nr_cpu_ids bits and returns the
 * bytes it wrote.
 */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len,
		unsigned long __user *, user_mask_ptr)
{
	struct task_struct *p;
	unsigned long mask;

	if (len < sizeof(unsigned long) || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	mask = READ_ONCE(p->cpus_mask) & READ_ONCE(__cpu_online_mask);
	put_task_struct(p);
	if (copy_to_user(user_mask_ptr, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len,
		unsigned long __user *, user_mask_ptr)
{
	unsigned long mask = 0;
	struct task_struct *p;
	long ret;

	if (copy_from_user(&mask, user_mask_ptr, min_t(size_t, len, sizeof(mask))))
		return -EFAULT;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	/* Per-CPU kernel threads keep their CPU (Linux: PF_NO_SETAFFINITY). */
	if (sched_fixed(p) || (p->flags & PF_NO_SETAFFINITY))
		ret = -EINVAL;
	else
		ret = set_cpus_allowed_ptr(p, &mask);
	put_task_struct(p);
	return ret;
}
