/*
 * What the scheduler, the tick and the shell see of RCU (kernel/rcu/tree.c).
 * rcu_note_context_switch() is inline: __schedule() pays one test and one
 * per-CPU store for it.
 */
#ifndef _SPINDLE_RCU_H
#define _SPINDLE_RCU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/sched.h>
#include <spindle/config.h>

#define RCU_SPECIAL_BLOCKED 0x1	/* on rcu_node.blkd_tasks */

/* Per CPU: no quiescent state seen since the current grace period began
 * (Linux's rcu_data.cpu_no_qs). Own cache line: written at every switch. */
struct rcu_cpu_qs {
	bool no_qs;
} __aligned(64);
extern struct rcu_cpu_qs rcu_cpu_qs[NR_CPUS];

void rcu_note_preempted_reader(struct task_struct *t);
void rcu_report_qs_switch(int cpu);

/*
 * rcu_note_context_switch - a context switch on @cpu is a quiescent state
 * @prev: the task switched out; if it is inside rcu_read_lock(), it goes
 *        on the blocked-tasks list and holds up the grace periods that
 *        began before its reader (Linux's rcu_note_context_switch()).
 * @cpu: this CPU
 *
 * The first switch after a grace period began reports the CPU's QS at
 * once (Linux leaves that to rcu_core()); every other switch pays one
 * load and one test.
 * Context: __schedule(), preemption off, before rq->lock.
 */
static __always_inline void rcu_note_context_switch(struct task_struct *prev, int cpu)
{
	if (unlikely(prev->rcu_read_lock_nesting > 0))
		rcu_note_preempted_reader(prev);
	if (unlikely(READ_ONCE(rcu_cpu_qs[cpu].no_qs)))
		rcu_report_qs_switch(cpu);
}

/* The tick (hard interrupt): quiescent states, and RCU_SOFTIRQ if needed. */
void rcu_sched_clock_irq(void);

/* For the shell's `rcu` command. */
struct rcu_stats {
	unsigned long gp_seq, gp_seq_needed, n_gps, cbs_pending, cbs_invoked;
	unsigned long qsmask;
	int blocked_tasks, gp_blocked;
};
void rcu_get_stats(struct rcu_stats *st);

#endif
