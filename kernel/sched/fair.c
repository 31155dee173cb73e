/*
 * The fair class, after Linux's CFS (kernel/sched/fair.c): every task
 * accumulates virtual runtime, its real runtime scaled by NICE_0_LOAD /
 * weight, and the runnable task with the least runs next. Runnable tasks
 * wait in a red-black tree ordered by vruntime, leftmost cached, so
 * picking is O(1) and queueing O(log n); sleeping tasks cost nothing.
 * The running task is kept out of the tree (cfs_rq->curr), as in Linux.
 *
 * A task's slice is its weight's share of the target latency (6 ms, or
 * 0.75 ms per task when many run). The tick preempts a task that used up
 * its slice; a wake-up preempts when the woken task is more than the
 * wake-up granularity behind.
 * Locking: rq->lock held by every caller.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/rbtree.h>
#include "sched.h"

void init_cfs_rq(struct cfs_rq *cfs)
{
	cfs->tasks_timeline = RB_ROOT_CACHED;
	cfs->nr_running = 0;
	cfs->load = 0;
	cfs->min_vruntime = 0;
	cfs->curr = NULL;
}

static struct task_struct *task_of(struct sched_entity *se)
{
	return container_of(se, struct task_struct, se);
}

static bool entity_before(const struct sched_entity *a, const struct sched_entity *b)
{
	return (s64)(a->vruntime - b->vruntime) < 0;
}

static bool __entity_less(struct rb_node *a, const struct rb_node *b)
{
	return entity_before(rb_entry(a, struct sched_entity, run_node),
			     rb_entry(b, struct sched_entity, run_node));
}

/* delta * NICE_0_LOAD / weight, with the precomputed inverse weight. */
static u64 calc_delta_fair(u64 delta, const struct sched_entity *se)
{
	if (se->load.weight == NICE_0_LOAD)
		return delta;
	return (u64)(((unsigned __int128)delta * NICE_0_LOAD * se->load.inv_weight) >> 32);
}

/* The minimum moves forward only, and follows the leftmost/current task. */
static void update_min_vruntime(struct cfs_rq *cfs)
{
	struct rb_node *left = rb_first_cached(&cfs->tasks_timeline);
	u64 v = cfs->min_vruntime;
	bool have = false;

	if (cfs->curr) {
		v = cfs->curr->vruntime;
		have = true;
	}
	if (left) {
		struct sched_entity *se = rb_entry(left, struct sched_entity, run_node);

		if (!have || (s64)(se->vruntime - v) < 0)
			v = se->vruntime;
		have = true;
	}
	if (have && (s64)(v - cfs->min_vruntime) > 0)
		cfs->min_vruntime = v;
}

/* Charges the running entity; returns whether min_vruntime was redone. */
static bool __update_curr_fair(struct rq *rq)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *curr = cfs->curr;
	s64 delta;

	if (!curr)
		return false;
	delta = rq->clock - curr->exec_start;
	if (delta <= 0)
		return false;
	curr->exec_start = rq->clock;
	curr->sum_exec_runtime += delta;
	curr->vruntime += calc_delta_fair(delta, curr);
	update_min_vruntime(cfs);
	return true;
}

static void update_curr_fair(struct rq *rq)
{
	__update_curr_fair(rq);
}

/* The period in which every runnable task should run once. */
static u64 sched_period(unsigned int nr_running)
{
	u64 nr_latency = SYSCTL_SCHED_LATENCY / SYSCTL_SCHED_MIN_GRANULARITY;

	if (nr_running > nr_latency)
		return nr_running * SYSCTL_SCHED_MIN_GRANULARITY;
	return SYSCTL_SCHED_LATENCY;
}

/* This entity's share of the period, by weight. */
static u64 sched_slice(const struct cfs_rq *cfs, const struct sched_entity *se)
{
	unsigned int nr = cfs->nr_running + !se->on_rq;
	unsigned long load = cfs->load + (se->on_rq ? 0 : se->load.weight);

	if (!load)
		return sched_period(nr);
	return sched_period(nr) * se->load.weight / load;
}

/*
 * Where a task (re)joins the timeline: a sleeper gets at most half a
 * latency of credit (so it runs soon without starving others), a new task
 * starts one slice behind min_vruntime (so forking cannot cheat).
 */
static void place_entity(struct cfs_rq *cfs, struct sched_entity *se, bool initial)
{
	u64 vruntime = cfs->min_vruntime;

	if (initial)
		vruntime += sched_slice(cfs, se);
	else
		vruntime -= SYSCTL_SCHED_LATENCY / 2;
	if (initial || (s64)(vruntime - se->vruntime) > 0)
		se->vruntime = vruntime;
}

static void enqueue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se = &p->se;

	update_curr_fair(rq);
	if (flags & ENQUEUE_WAKEUP)
		place_entity(cfs, se, false);
	if (se != cfs->curr)
		rb_add_cached(&se->run_node, &cfs->tasks_timeline, __entity_less);
	se->on_rq = true;
	cfs->nr_running++;
	cfs->load += se->load.weight;
}

static void dequeue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se = &p->se;

	bool fresh = __update_curr_fair(rq);

	if (se != cfs->curr)
		rb_erase_cached(&se->run_node, &cfs->tasks_timeline);
	se->on_rq = false;
	cfs->nr_running--;
	cfs->load -= se->load.weight;
	/* Taking the running entity off changes neither input of the
	 * minimum; if the charge above just redid it, it is current. */
	if (se != cfs->curr || !fresh)
		update_min_vruntime(cfs);
}

static struct task_struct *pick_next_task_fair(struct rq *rq)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct rb_node *left = rb_first_cached(&cfs->tasks_timeline);
	struct sched_entity *se;

	if (!left)
		return NULL;
	se = rb_entry(left, struct sched_entity, run_node);
	rb_erase_cached(&se->run_node, &cfs->tasks_timeline);
	cfs->curr = se;
	se->exec_start = rq->clock;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
	return task_of(se);
}

static void put_prev_task_fair(struct rq *rq, struct task_struct *p)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se = &p->se;

	if (cfs->curr != se)
		return;
	/* A task that went to sleep was charged when it was dequeued; only
	 * one that stays runnable is charged here (Linux's put_prev_entity). */
	if (se->on_rq) {
		update_curr_fair(rq);
		rb_add_cached(&se->run_node, &cfs->tasks_timeline, __entity_less);
	}
	cfs->curr = NULL;
}

static void yield_task_fair(struct rq *rq)
{
	struct sched_entity *se = &rq->curr->se;
	struct rb_node *last = rb_last(&rq->cfs.tasks_timeline.rb_root);

	update_curr_fair(rq);
	/* Go behind everyone queued now: Linux's skip buddy, simplified. */
	if (last) {
		struct sched_entity *back = rb_entry(last, struct sched_entity, run_node);

		if (entity_before(se, back))
			se->vruntime = back->vruntime + 1;
	}
}

static void check_preempt_wakeup(struct rq *rq, struct task_struct *p)
{
	struct sched_entity *curr = rq->cfs.curr, *se = &p->se;

	if (!curr || rq->curr->sched_class != &fair_sched_class)
		return;
	/* No update_curr_fair() here: every caller has just enqueued @p,
	 * which charged curr up to rq->clock. */
	if ((s64)(curr->vruntime - se->vruntime) >
	    (s64)calc_delta_fair(SYSCTL_SCHED_WAKEUP_GRANULARITY, se))
		resched_curr(rq);
}

/* The tick: preempt the current task once it has had its slice. */
static void task_tick_fair(struct rq *rq, struct task_struct *p)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *curr = &p->se;
	u64 ran;

	update_curr_fair(rq);
	if (cfs->nr_running < 2)
		return;
	ran = curr->sum_exec_runtime - curr->prev_sum_exec_runtime;
	if (ran > sched_slice(cfs, curr))
		resched_curr(rq);
}

static void task_fork_fair(struct task_struct *p)
{
	struct rq *rq = task_rq(p);

	update_curr_fair(rq);
	place_entity(&rq->cfs, &p->se, true);
}

static void prio_changed_fair(struct rq *rq, struct task_struct *p, int oldprio)
{
}

const struct sched_class fair_sched_class = {
	.name = "fair",
	.enqueue_task = enqueue_task_fair,
	.dequeue_task = dequeue_task_fair,
	.yield_task = yield_task_fair,
	.check_preempt_curr = check_preempt_wakeup,
	.pick_next_task = pick_next_task_fair,
	.put_prev_task = put_prev_task_fair,
	.task_tick = task_tick_fair,
	.update_curr = update_curr_fair,
	.task_fork = task_fork_fair,
	.prio_changed = prio_changed_fair,
};

/* Linux's nice-to-weight table: each step is about 1.25x. */
const int sched_prio_to_weight[40] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548, 7620, 6100, 4904, 3906,
	/*  -5 */ 3121, 2501, 1991, 1586, 1277,
	/*   0 */ 1024, 820, 655, 526, 423,
	/*   5 */ 335, 272, 215, 172, 137,
	/*  10 */ 110, 87, 70, 56, 45,
	/*  15 */ 36, 29, 23, 18, 15,
};

/* 2^32 / weight, so that dividing by a weight is a multiplication. */
const u32 sched_prio_to_wmult[40] = {
	/* -20 */ 48388, 59856, 76040, 92818, 118348,
	/* -15 */ 147320, 184698, 229616, 287308, 360437,
	/* -10 */ 449829, 563644, 704093, 875809, 1099582,
	/*  -5 */ 1376151, 1717300, 2157191, 2708050, 3363326,
	/*   0 */ 4194304, 5237765, 6557202, 8165337, 10153587,
	/*   5 */ 12820798, 15790321, 19976592, 24970740, 31350126,
	/*  10 */ 39045157, 49367440, 61356676, 76695844, 95443717,
	/*  15 */ 119304647, 148102320, 186737708, 238609294, 286331153,
};

void set_load_weight(struct task_struct *p)
{
	int idx = p->static_prio - MAX_RT_PRIO;

	if (p->policy == SCHED_IDLE) {
		p->se.load.weight = 3;	/* WEIGHT_IDLEPRIO */
		p->se.load.inv_weight = 1431655765;
		return;
	}
	idx = clamp(idx, 0, 39);
	p->se.load.weight = sched_prio_to_weight[idx];
	p->se.load.inv_weight = sched_prio_to_wmult[idx];
}
