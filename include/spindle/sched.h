/* Scheduler entry points used by the rest of the kernel (kernel/sched/). */
#ifndef _SPINDLE_SCHED_H
#define _SPINDLE_SCHED_H

#include <linux/types.h>

struct task_struct;

void sched_init(void);
void init_idle(struct task_struct *idle, int cpu);
void sched_fork(struct task_struct *p);
void wake_up_new_task(struct task_struct *p);
/* The timer interrupt's call into the scheduler, every tick. */
void scheduler_tick(void);
/* Interrupt return into preemptible code with a reschedule pending. */
void preempt_schedule_irq(void);
void schedule_idle(void);
void sched_set_stop_task(int cpu, struct task_struct *p);
/* SMP (kernel/sched/core.c): wait until @p sleeps off its CPU in @state;
 * set the CPUs of an inactive task; pull work into an idle CPU. */
void wait_task_inactive(struct task_struct *p, unsigned int state);
void do_set_cpus_allowed(struct task_struct *p, unsigned long mask);
bool idle_balance(void);
void sched_balance_init(void);
u64 nr_context_switches_cpu(int cpu);
/* The idle loop of a CPU; never returns (kernel/sched/idle.c). */
void cpu_startup_entry(void) __attribute__((noreturn));

#endif
