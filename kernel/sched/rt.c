/*
 * The real-time class, after Linux's kernel/sched/rt.c: SCHED_FIFO and
 * SCHED_RR tasks at priorities 1..99 always run before fair tasks. One
 * FIFO list per priority plus a bitmap of non-empty lists make picking
 * O(1). A FIFO task runs until it blocks or yields; an RR task also goes
 * to the back of its list every RR_TIMESLICE ticks.
 * Locking: rq->lock held by every caller.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include "sched.h"

void init_rt_rq(struct rt_rq *rt)
{
	for (int i = 0; i < MAX_RT_PRIO; i++)
		INIT_LIST_HEAD(&rt->queue[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(rt->bitmap); i++)
		rt->bitmap[i] = 0;
	rt->nr_running = 0;
}

static void update_curr_rt(struct rq *rq)
{
	if (rq->curr->sched_class == &rt_sched_class)
		update_curr_common(rq);
}

static void enqueue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	struct rt_rq *rt = &rq->rt;

	list_add_tail(&p->rt.run_list, &rt->queue[p->prio]);
	rt->bitmap[p->prio / 64] |= 1UL << (p->prio % 64);
	p->rt.on_rq = true;
	rt->nr_running++;
}

static void dequeue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	struct rt_rq *rt = &rq->rt;

	update_curr_rt(rq);
	list_del_init(&p->rt.run_list);
	if (list_empty(&rt->queue[p->prio]))
		rt->bitmap[p->prio / 64] &= ~(1UL << (p->prio % 64));
	p->rt.on_rq = false;
	rt->nr_running--;
}

/* Lowest set bit = highest priority (smaller prio value). */
static int first_prio(const struct rt_rq *rt)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(rt->bitmap); i++)
		if (rt->bitmap[i])
			return i * 64 + __builtin_ctzl(rt->bitmap[i]);
	return -1;
}

static struct task_struct *pick_next_task_rt(struct rq *rq)
{
	int prio = first_prio(&rq->rt);
	struct task_struct *p;

	if (prio < 0)
		return NULL;
	p = list_first_entry(&rq->rt.queue[prio], struct task_struct, rt.run_list);
	p->se.exec_start = rq->clock;
	return p;
}

static void put_prev_task_rt(struct rq *rq, struct task_struct *p)
{
	update_curr_rt(rq);
}

static void requeue_task_rt(struct rq *rq, struct task_struct *p)
{
	if (p->rt.on_rq)
		list_move_tail(&p->rt.run_list, &rq->rt.queue[p->prio]);
}

static void yield_task_rt(struct rq *rq)
{
	requeue_task_rt(rq, rq->curr);
}

/* A higher-priority (smaller number) RT task preempts at once. */
static void check_preempt_curr_rt(struct rq *rq, struct task_struct *p)
{
	if (p->prio < rq->curr->prio)
		resched_curr(rq);
}

static void task_tick_rt(struct rq *rq, struct task_struct *p)
{
	update_curr_rt(rq);
	if (p->policy != SCHED_RR || --p->rt.time_slice)
		return;
	p->rt.time_slice = RR_TIMESLICE;
	/* Round robin only matters if another task shares the priority. */
	if (p->rt.run_list.prev != p->rt.run_list.next) {
		requeue_task_rt(rq, p);
		resched_curr(rq);
	}
}

static void prio_changed_rt(struct rq *rq, struct task_struct *p, int oldprio)
{
	p->rt.time_slice = RR_TIMESLICE;
}

const struct sched_class rt_sched_class = {
	.name = "rt",
	.enqueue_task = enqueue_task_rt,
	.dequeue_task = dequeue_task_rt,
	.yield_task = yield_task_rt,
	.check_preempt_curr = check_preempt_curr_rt,
	.pick_next_task = pick_next_task_rt,
	.put_prev_task = put_prev_task_rt,
	.task_tick = task_tick_rt,
	.update_curr = update_curr_rt,
	.prio_changed = prio_changed_rt,
};
