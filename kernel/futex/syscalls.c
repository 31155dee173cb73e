/*
 * The futex system calls, after Linux's kernel/futex/syscalls.c: the
 * futex() multiplexer and set_robust_list()/get_robust_list().
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/uaccess.h>
#include <linux/futex.h>
#include <uapi/linux/futex.h>
#include <uapi/linux/time_types.h>
#include "futex.h"

/* The timeout of FUTEX_WAIT (relative) or FUTEX_WAIT_BITSET (absolute on
 * CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME), in
 * jiffies rounded up. */
static long futex_timeout(const struct __kernel_timespec __user *utime, int cmd,
			  unsigned int flags)
{
	struct __kernel_timespec ts;
	long timeout;
	s64 ns;

	if (!utime)
		return MAX_SCHEDULE_TIMEOUT;
	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	if (cmd == FUTEX_WAIT_BITSET) {		/* a deadline: the time left */
		ns = timespec64_to_ns(&ts) -
		     ((flags & FLAGS_CLOCKRT) ? ktime_get_real_ns() : ktime_get_ns());
		if (ns <= 0)
			return 0;
		ts.tv_sec = ns / NSEC_PER_SEC;
		ts.tv_nsec = ns % NSEC_PER_SEC;
	}
	timeout = timeout_to_jiffies(ts.tv_sec, ts.tv_nsec);
	/* One tick more: the current one has partly gone by already. */
	return timeout && timeout != MAX_SCHEDULE_TIMEOUT ? timeout + 1 : timeout;
}

/**
 * do_futex - one futex operation
 * @uaddr: the futex word
 * @op: FUTEX_* with FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME
 * @val: the operation's value (expected word, or how many to wake)
 * @timeout: jiffies for the waits (MAX_SCHEDULE_TIMEOUT: none)
 * @uaddr2: the second word (requeue, wake-op)
 * @val2: the second count (requeue, wake-op)
 * @val3: the bitset, the compare value or the wake-op encoding
 *
 * Mirrors do_futex(), with the timeout already in jiffies.
 * Return: the operation's result, or -ENOSYS for an operation Spindle
 * does not have (the PI family).
 */
long do_futex(u32 __user *uaddr, int op, u32 val, long timeout, u32 __user *uaddr2,
	      u32 val2, u32 val3)
{
	unsigned int flags = (op & FUTEX_PRIVATE_FLAG) ? 0 : FLAGS_SHARED;
	int cmd = op & FUTEX_CMD_MASK;

	if (op & FUTEX_CLOCK_REALTIME)
		flags |= FLAGS_CLOCKRT;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, timeout, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, val, val2, val3);
	}
	return -ENOSYS;
}

/* Operations whose fourth argument is a timeout, not a count. */
static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec __user *, utime,
		u32 __user *, uaddr2, u32, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;	/* Linux's answer too */
	if (futex_cmd_has_timeout(cmd)) {
		timeout = futex_timeout(utime, cmd, op & FUTEX_CLOCK_REALTIME ? FLAGS_CLOCKRT : 0);
		if (timeout < 0)
			return timeout;
		if (!timeout)
			return -ETIMEDOUT;
	}
	/* Otherwise the fourth argument is a count, passed in the pointer's
	 * place. */
	return do_futex(uaddr, op, val, timeout, uaddr2, (u32)(unsigned long)utime, val3);
}

/**
 * sys_set_robust_list - register the list of robust locks current holds
 * @head: the list's head in user memory (glibc and musl keep it in the
 *        thread descriptor)
 * @len: sizeof(struct robust_list_head)
 *
 * The kernel only remembers the pointer; it reads the list when the
 * thread exits or executes a program (exit_robust_list()).
 * Return: 0, or -EINVAL for a wrong @len.
 */
SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head, size_t, len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/**
 * sys_get_robust_list - read a thread's robust-list head
 * @pid: the thread, or 0 for current
 * @head_ptr: where to store the head pointer
 * @len_ptr: where to store its size
 *
 * Linux lets a process read another's head only with ptrace rights;
 * Spindle has one user, root, who has them.
 * Return: 0, -ESRCH or -EFAULT.
 */
SYSCALL_DEFINE3(get_robust_list, int, pid, struct robust_list_head __user *__user *, head_ptr,
		size_t __user *, len_ptr)
{
	struct robust_list_head __user *head;
	struct task_struct *p = current;

	rcu_read_lock();
	if (pid) {
		p = find_task_by_pid(pid);
		if (!p) {
			rcu_read_unlock();
			return -ESRCH;
		}
	}
	head = READ_ONCE(p->robust_list);
	rcu_read_unlock();
	if (put_user(sizeof(*head), len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr);
}
