/*
 * Task life cycle internals (kernel/fork.c, kernel/exit.c,
 * kernel/kthread.c): not for modules, which use linux/kthread.h.
 */
#ifndef _SPINDLE_TASK_H
#define _SPINDLE_TASK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <uapi/linux/signal.h>

struct task_struct;

extern raw_spinlock_t tasklist_lock;

void fork_init(void);
void flush_dead_tasks(void);
/* Tasks in do_exit() or after, not freed yet: still on their way out on
 * some CPU, or waiting in a dead list. For tests. */
unsigned long nr_dying_tasks(void);
void note_task_exiting(void);
struct kernel_clone_args;
struct task_struct *copy_process(const struct kernel_clone_args *args);
pid_t kernel_clone(struct kernel_clone_args *args);
extern unsigned long nr_threads, max_threads;
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name);
/* The idle task of a CPU coming up: swapper/@cpu, PID 0 (Linux's fork_idle()). */
struct task_struct *fork_idle(int cpu);
void idle_task_attach(struct task_struct *idle);
void do_exit(long code) __noreturn;
/* Reaps zombie @p for good (kernel/exit.c). Caller holds tasklist_lock;
 * put_dead_tasks(@dead) after dropping it. */
void release_zombie(struct task_struct *p, struct list_head *dead);
void put_dead_tasks(struct list_head *dead);
void make_task_dead(int signr) __noreturn;
/* What kthread_stop() will return for @p (kernel/kthread.c). */
void kthread_set_result(struct task_struct *p, int result);
/* kernel/sched/core.c: the last switch of a dying task. */
void do_task_dead(void) __noreturn;
/* After that switch: the stack back to the cache now, the rest later
 * (kernel/fork.c). */
void put_task_struct_rcu_user(struct task_struct *p);

/* kernel/kthread.c hooks into task creation and exit. */
int set_kthread_struct(struct task_struct *p);
void free_kthread_struct(struct task_struct *p);
void kthread_init(void);

extern struct task_struct *kthreadd_task;

#endif
