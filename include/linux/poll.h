/*
 * poll()'s kernel side, as Linux's include/linux/poll.h: a file's ->poll
 * calls poll_wait() on each wait queue that may signal a change, then
 * returns the events ready now. poll/select put the caller on those
 * queues through the poll_table and sleep until a wake-up or timeout.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/fs.h>
#include <linux/wait.h>
#include <uapi/linux/poll.h>

#define EPOLLIN		((__poll_t)POLLIN)
#define EPOLLPRI	((__poll_t)POLLPRI)
#define EPOLLOUT	((__poll_t)POLLOUT)
#define EPOLLERR	((__poll_t)POLLERR)
#define EPOLLHUP	((__poll_t)POLLHUP)
#define EPOLLNVAL	((__poll_t)POLLNVAL)
#define EPOLLRDNORM	((__poll_t)POLLRDNORM)
#define EPOLLWRNORM	((__poll_t)POLLWRNORM)
#define EPOLLRDHUP	((__poll_t)POLLRDHUP)

#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *,
				struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;		/* NULL: the caller will not sleep */
	__poll_t _key;
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wq, poll_table *p)
{
	if (p && p->_qproc && wq)
		p->_qproc(filp, wq, p);
}

/* What ->poll says for @file (DEFAULT_POLLMASK without one). */
__poll_t vfs_poll(struct file *file, poll_table *pt);

#endif
