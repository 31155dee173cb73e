/*
 * Futexes (kernel/futex/), as Linux's include/linux/futex.h: what the
 * rest of the kernel calls.
 */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>
#include <linux/compiler.h>

struct task_struct;

/* Exit and execve(): the robust locks the thread still holds are marked
 * FUTEX_OWNER_DIED and a waiter of each is woken. */
void futex_exit_release(struct task_struct *tsk);
void futex_exec_release(struct task_struct *tsk);

long do_futex(u32 __user *uaddr, int op, u32 val, long timeout, u32 __user *uaddr2,
	      u32 val2, u32 val3);

#endif
