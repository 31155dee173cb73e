/* What the scheduler needs from the architecture (arch/x86_64/kernel/). */
#ifndef _SPINDLE_SCHED_ARCH_H
#define _SPINDLE_SCHED_ARCH_H

struct task_struct;

/* Switches stacks; returns, in the resumed task, the task it replaced. */
struct task_struct *arch_switch_to(struct task_struct *prev, struct task_struct *next);
/* copy_thread(), which prepares a new task's first switch-in, is declared
 * with Linux 6.1's signature in linux/sched/task.h. */

/* Called by ret_from_fork when a thread's function returns. */
void kthread_fn_returned(long ret) __attribute__((noreturn));
void schedule_tail(struct task_struct *prev);

#endif
