/*
 * The signal types a task_struct embeds, as Linux's
 * include/linux/signal_types.h. Numbers and the user-visible structures
 * are in uapi/linux/signal.h; the operations in linux/signal.h and
 * linux/sched/signal.h.
 */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <uapi/linux/signal.h>

/* A signal waiting to be delivered, with what the sender said. */
struct sigqueue {
	struct list_head list;
	kernel_siginfo_t info;
};

/* The signals pending on a task or a thread group. */
struct sigpending {
	struct list_head list;	/* struct sigqueue, oldest first */
	sigset_t signal;
};

struct k_sigaction {
	struct sigaction sa;
};

#endif
