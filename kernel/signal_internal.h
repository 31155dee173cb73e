/* Shared by kernel/signal*.c only. */
#ifndef _KERNEL_SIGNAL_INTERNAL_H
#define _KERNEL_SIGNAL_INTERNAL_H

#include <linux/sched/signal.h>

bool sig_kernel_only(int sig);
bool sig_kernel_stop(int sig);
bool sig_kernel_ignore(int sig);
void kfree_sigqueue(struct sigqueue *q);
void signal_wake_up(struct task_struct *t, bool fatal);
int dequeue_signal(struct task_struct *t, const sigset_t *mask,
		   kernel_siginfo_t *info);
/* The last thread of a group stop stopped: the process is stopped. */
void group_stop_complete(struct signal_struct *sig);
/* kernel/sys.c: Linux's default resource limits. */
void default_rlimits(struct signal_struct *sig);

#endif
