/*
 * Creating and holding tasks, as Linux's include/linux/sched/task.h.
 */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include <linux/sched.h>
#include <linux/refcount.h>

/* What clone() (or kernel_thread()) asked for, as Linux 6.1's
 * struct kernel_clone_args. @fn set: a kernel thread running @fn(@fn_arg);
 * otherwise a user task that returns from clone() with 0 in the child. */
struct kernel_clone_args {
	u64 flags;			/* CLONE_* */
	int __user *child_tid;
	int __user *parent_tid;
	int exit_signal;
	unsigned long stack;		/* the child's user stack pointer, or 0 */
	unsigned long stack_size;
	unsigned long tls;		/* CLONE_SETTLS: the child's FS base */
	int (*fn)(void *);
	void *fn_arg;
	const char *name;		/* a kernel thread's comm */
};

/* clone() flags (include/uapi/linux/sched.h) */
#define CSIGNAL 0x000000ff
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000

/**
 * get_task_struct - take a reference on @t
 * @t: a task the caller may already use (current, or one found under a lock)
 *
 * Return: @t, which stays allocated until put_task_struct().
 */
static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

void __put_task_struct(struct task_struct *t);

/* Drops a reference; the last one frees the task (kernel/fork.c). */
static inline void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		__put_task_struct(t);
}

/* arch: the new task's first frame and registers (process_64.c). A
 * kernel thread starts in @args->fn; a user task is a copy of the
 * parent's user registers (current_pt_regs()) returning 0, on
 * @args->stack when given, with @args->tls as FS base for CLONE_SETTLS.
 * Return: 0 or -errno. */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args);

#endif
