/*
 * poll, ppoll, select and pselect6, as Linux's fs/select.c: each file's
 * ->poll reports what is ready and, on the first pass, puts the caller
 * on the file's wait queues through the poll_table; the caller then
 * sleeps until a wake-up, the timeout or a signal (-ERESTARTNOHAND,
 * which the signal code turns into EINTR), and polls again.
 * Simplified: timeouts in jiffies; ppoll/pselect6's signal mask is not
 * applied (the lead's signal code would swap current->blocked).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/poll.h>
#include <linux/time.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <uapi/linux/time_types.h>
#include "internal.h"

#define MAX_POLL_ENTRIES 64	/* wait queues one poll call may join */
#define POLL_INFINITE MAX_SCHEDULE_TIMEOUT
#define NR_OPEN_MAX_POLL 1024	/* RLIMIT_NOFILE */

struct poll_entry {
	wait_queue_entry_t wait;
	wait_queue_head_t *head;
};

struct poll_wqueues {
	poll_table pt;
	struct task_struct *task;
	bool triggered;
	int nr;
	struct poll_entry entries[MAX_POLL_ENTRIES];
};

static int pollwake(wait_queue_entry_t *wait, unsigned int mode, int sync, void *key)
{
	struct poll_wqueues *pwq = wait->private;

	WRITE_ONCE(pwq->triggered, true);
	return wake_up_process(pwq->task);
}

static void queue_proc(struct file *f, wait_queue_head_t *head, poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_entry *e;

	if (pwq->nr >= MAX_POLL_ENTRIES)
		return;		/* more queues than room: woken by the timeout */
	e = &pwq->entries[pwq->nr++];
	e->head = head;
	e->wait.flags = 0;
	e->wait.private = pwq;
	e->wait.func = pollwake;
	add_wait_queue(head, &e->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt._qproc = queue_proc;
	pwq->pt._key = ~0U;
	pwq->task = current;
	pwq->triggered = false;
	pwq->nr = 0;
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	for (int i = 0; i < pwq->nr; i++)
		remove_wait_queue(pwq->entries[i].head, &pwq->entries[i].wait);
}

__poll_t vfs_poll(struct file *file, poll_table *pt)
{
	if (!file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

/* Sleeps until woken or @*timeout jiffies pass. Return: false on timeout. */
static bool poll_schedule(struct poll_wqueues *pwq, long *timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (READ_ONCE(pwq->triggered) || signal_pending(current)) {
		__set_current_state(TASK_RUNNING);
	} else if (*timeout == POLL_INFINITE) {
		schedule();
	} else {
		*timeout = schedule_timeout(*timeout);
		if (!*timeout && !READ_ONCE(pwq->triggered))
			return false;
	}
	__set_current_state(TASK_RUNNING);
	WRITE_ONCE(pwq->triggered, false);
	return true;
}

static __poll_t do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	struct file *f;
	__poll_t mask;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return EPOLLNVAL;
	mask = vfs_poll(f, pt);
	fput(f);
	return mask & (pfd->events | EPOLLERR | EPOLLHUP);
}

static int do_poll(struct pollfd *fds, unsigned int nfds, long timeout)
{
	struct poll_wqueues *pwq = kmalloc(sizeof(*pwq), GFP_KERNEL);
	poll_table *pt;
	int count = 0;

	if (!pwq)
		return -ENOMEM;
	poll_initwait(pwq);
	pt = &pwq->pt;
	for (;;) {
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = do_pollfd(&fds[i], pt);
			if (fds[i].revents)
				count++;
		}
		pt = NULL;	/* queued once is enough */
		if (count || !timeout)
			break;
		if (signal_pending(current)) {
			count = -ERESTARTNOHAND;
			break;
		}
		if (!poll_schedule(pwq, &timeout))
			break;
		pt = NULL;
	}
	poll_freewait(pwq);
	kfree(pwq);
	return count;
}

static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, long timeout)
{
	size_t size = (size_t)nfds * sizeof(struct pollfd);
	struct pollfd *fds;
	long ret;

	if (nfds > NR_OPEN_MAX_POLL)
		return -EINVAL;
	fds = kmalloc(size ? size : 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	ret = -EFAULT;
	if (!copy_from_user(fds, ufds, size)) {
		ret = do_poll(fds, nfds, timeout);
		if (ret >= 0)
			for (unsigned int i = 0; i < nfds; i++)
				if (put_user(fds[i].revents, &ufds[i].revents))
					ret = -EFAULT;
	}
	kfree(fds);
	return ret;
}

SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	long timeout = timeout_msecs < 0 ? POLL_INFINITE : (long)msecs_to_jiffies(timeout_msecs);

	return do_sys_poll(ufds, nfds, timeout);
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp, const void __user *, sigmask,
		size_t, sigsetsize)
{
	struct __kernel_timespec ts;
	long timeout = POLL_INFINITE;

	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		timeout = timeout_to_jiffies(ts.tv_sec, ts.tv_nsec);
		if (timeout == -EINVAL)
			return -EINVAL;
	}
	return do_sys_poll(ufds, nfds, timeout);
}

/* select(): the three bit sets become poll requests, and back. */
#define FDS_BYTES(n) (DIV_ROUND_UP(n, 64) * 8)

static long do_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		      unsigned long __user *exp, long timeout)
{
	unsigned long *sets[3] = { NULL }, __user *usets[3] = { inp, outp, exp };
	static const short ev[3] = { POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR,
				     POLLPRI };
	struct pollfd *fds = NULL;
	unsigned int nfds = 0;
	long ret = -EINVAL;

	if (n < 0 || n > NR_OPEN_MAX_POLL)
		return -EINVAL;
	ret = -ENOMEM;
	fds = kmalloc_array(n ? n : 1, sizeof(*fds), GFP_KERNEL);
	for (int s = 0; s < 3 && fds; s++) {
		sets[s] = kzalloc(FDS_BYTES(n) + 8, GFP_KERNEL);
		if (!sets[s])
			goto out;
		if (usets[s] && copy_from_user(sets[s], usets[s], FDS_BYTES(n))) {
			ret = -EFAULT;
			goto out;
		}
	}
	if (!fds)
		goto out;
	for (int fd = 0; fd < n; fd++) {
		short events = 0;

		for (int s = 0; s < 3; s++)
			if (sets[s][fd / 64] & (1UL << (fd % 64)))
				events |= ev[s];
		if (events)
			fds[nfds++] = (struct pollfd){ .fd = fd, .events = events };
	}
	/* Which sets each fd was in, before the sets are cleared for results. */
	for (unsigned int i = 0; i < nfds; i++)
		for (int s = 0; s < 3; s++)
			if (sets[s][fds[i].fd / 64] & (1UL << (fds[i].fd % 64)))
				fds[i].revents |= (short)(0x4000 >> s);
	for (unsigned int i = 0; i < nfds; i++)
		fds[i].events |= fds[i].revents & 0x7000;	/* membership, above POLL* */
	ret = do_poll(fds, nfds, timeout);
	if (ret < 0)
		goto out;
	for (int s = 0; s < 3; s++)
		memset(sets[s], 0, FDS_BYTES(n));
	ret = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		if (fds[i].revents & POLLNVAL) {
			ret = -EBADF;
			goto out;
		}
		for (int s = 0; s < 3; s++) {
			if ((fds[i].events & (0x4000 >> s)) && (fds[i].revents & ev[s])) {
				sets[s][fds[i].fd / 64] |= 1UL << (fds[i].fd % 64);
				ret++;
			}
		}
	}
	for (int s = 0; s < 3; s++)
		if (usets[s] && copy_to_user(usets[s], sets[s], FDS_BYTES(n)))
			ret = -EFAULT;
out:
	for (int s = 0; s < 3; s++)
		kfree(sets[s]);
	kfree(fds);
	return ret;
}

SYSCALL_DEFINE5(select, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct __kernel_old_timeval __user *, tvp)
{
	struct __kernel_old_timeval tv;
	long timeout = POLL_INFINITE;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		timeout = timeout_to_jiffies(tv.tv_sec, tv.tv_usec * 1000);
		if (timeout == -EINVAL)
			return -EINVAL;
	}
	return do_select(n, inp, outp, exp, timeout);
}

SYSCALL_DEFINE6(pselect6, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct __kernel_timespec __user *, tsp,
		void __user *, sig)
{
	struct __kernel_timespec ts;
	long timeout = POLL_INFINITE;

	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		timeout = timeout_to_jiffies(ts.tv_sec, ts.tv_nsec);
		if (timeout == -EINVAL)
			return -EINVAL;
	}
	return do_select(n, inp, outp, exp, timeout);
}
