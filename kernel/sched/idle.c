/*
 * The idle class and the idle loop, after Linux's kernel/sched/idle.c.
 * Each CPU's idle task (PID 0, swapper/N) runs only when nothing else
 * can; it halts the CPU until an interrupt brings work. The idle task
 * of a CPU taken offline leaves the loop through play_dead().
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <spindle/arch.h>
#include <spindle/sched.h>
#include "sched.h"

/* Linux's do_idle(): sleep in the halt instruction while there is
 * nothing to do, then let schedule() pick the task that woke up. The
 * check and the halt happen with interrupts off, and arch_cpu_idle()
 * enables them atomically with halting, so no wake-up slips between. */
static void do_idle(void)
{
	while (!need_resched()) {
		local_irq_disable();
		/* Taken offline: its tasks are gone; leave for good (Linux's
		 * do_idle(): cpuhp_report_idle_dead(), arch_cpu_idle_dead()). */
		if (unlikely(cpu_is_offline(smp_processor_id()))) {
			cpuhp_report_idle_dead();
			arch_cpu_play_dead();
		}
		/* Before halting: work waiting on a busier CPU? (newidle balance) */
		if (need_resched() || idle_balance()) {
			local_irq_enable();
			break;
		}
		arch_cpu_idle();
	}
	schedule_idle();
}

void cpu_startup_entry(void)
{
	for (;;)
		do_idle();
}

static void enqueue_task_idle(struct rq *rq, struct task_struct *p, int flags)
{
	BUG();		/* the idle task is never queued */
}

static void dequeue_task_idle(struct rq *rq, struct task_struct *p, int flags)
{
	BUG();
}

static void yield_task_idle(struct rq *rq)
{
}

/* Anything that wakes up preempts the idle task. */
static void check_preempt_curr_idle(struct rq *rq, struct task_struct *p)
{
	resched_curr(rq);
}

static struct task_struct *pick_next_task_idle(struct rq *rq)
{
	rq->idle->se.exec_start = rq->clock;
	return rq->idle;
}

static void put_prev_task_idle(struct rq *rq, struct task_struct *p)
{
	update_curr_common(rq);
}

static void task_tick_idle(struct rq *rq, struct task_struct *p)
{
	update_curr_common(rq);
}

const struct sched_class idle_sched_class = {
	.name = "idle",
	.enqueue_task = enqueue_task_idle,
	.dequeue_task = dequeue_task_idle,
	.yield_task = yield_task_idle,
	.check_preempt_curr = check_preempt_curr_idle,
	.pick_next_task = pick_next_task_idle,
	.put_prev_task = put_prev_task_idle,
	.task_tick = task_tick_idle,
	.update_curr = update_curr_common,
};
