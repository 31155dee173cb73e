/*
 * The stop class, after Linux's kernel/sched/stop_task.c: at most one
 * task per CPU (its migration/N thread), which preempts everything,
 * real-time tasks included, whenever it is runnable.
 * Locking: rq->lock held by every caller.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include "sched.h"

static void enqueue_task_stop(struct rq *rq, struct task_struct *p, int flags)
{
}

static void dequeue_task_stop(struct rq *rq, struct task_struct *p, int flags)
{
	update_curr_common(rq);
}

static void yield_task_stop(struct rq *rq)
{
	BUG();		/* the stop task never yields */
}

static void check_preempt_curr_stop(struct rq *rq, struct task_struct *p)
{
}

static struct task_struct *pick_next_task_stop(struct rq *rq)
{
	struct task_struct *stop = rq->stop;

	if (!stop || !stop->on_rq)
		return NULL;
	stop->se.exec_start = rq->clock;
	return stop;
}

static void put_prev_task_stop(struct rq *rq, struct task_struct *p)
{
	update_curr_common(rq);
}

static void task_tick_stop(struct rq *rq, struct task_struct *p)
{
	update_curr_common(rq);
}

const struct sched_class stop_sched_class = {
	.name = "stop",
	.enqueue_task = enqueue_task_stop,
	.dequeue_task = dequeue_task_stop,
	.yield_task = yield_task_stop,
	.check_preempt_curr = check_preempt_curr_stop,
	.pick_next_task = pick_next_task_stop,
	.put_prev_task = put_prev_task_stop,
	.task_tick = task_tick_stop,
	.update_curr = update_curr_common,
};
