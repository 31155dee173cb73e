/*
 * Futexes (kernel/futex.c), as Linux's include/linux/futex.h: what the
 * rest of the kernel calls.
 */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>
#include <linux/compiler.h>

/* Exit: wake the thread waiting on the cleared CLONE_CHILD_CLEARTID word. */
void futex_exit_release(u32 __user *clear_child_tid);

#endif
