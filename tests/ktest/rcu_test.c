/*
 * In-kernel tests of RCU's guarantees (kernel/rcu/tree.c): a grace period
 * waits for every reader that began before it, including one preempted
 * inside rcu_read_lock(); callbacks run after a grace period, in order;
 * rcu_barrier() waits for all; kfree_rcu() frees; the RCU list helpers
 * keep a walking reader safe; dead tasks are freed through call_rcu().
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <spindle/ktest.h>
#include <linux/cpumask.h>
#include <spindle/task.h>
#include <spindle/slab.h>
#include <spindle/rcu.h>

#define wait_for_cond(cond, ms)                                  \
	({                                                       \
		unsigned int __i = 0;                            \
		while (!(cond) && __i++ < (ms))                  \
			msleep(1);                               \
		(cond);                                          \
	})

static int read_int(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void set_int(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* ---- a preempted reader holds up synchronize_rcu() ---- */

static int reader_inside, reader_leave, sync_done;

/* Enters a reader and spins there, preempted by the tick and by wake-ups,
 * until told to leave. */
static int spinning_reader(void *unused)
{
	rcu_read_lock();
	set_int(&reader_inside, 1);
	while (!read_int(&reader_leave))
		cond_resched();		/* a real preemption point */
	set_int(&reader_inside, 0);
	rcu_read_unlock();
	return 0;
}

static int syncer(void *unused)
{
	synchronize_rcu();
	set_int(&sync_done, 1);
	return 0;
}

static void synchronize_rcu_waits_for_a_preempted_reader(struct ktest *t)
{
	struct task_struct *r, *s;

	set_int(&reader_inside, 0);
	set_int(&reader_leave, 0);
	set_int(&sync_done, 0);
	/* Reader and syncer share CPU 0, so the reader is preempted inside
	 * (on a CPU of its own nothing would ever preempt it). */
	r = kthread_create(spinning_reader, NULL, "kt_rcu_reader");
	KTEST_ASSERT_TRUE(t, !IS_ERR(r));
	kthread_bind(r, 0);
	get_task_struct(r);
	wake_up_process(r);
	KTEST_ASSERT_TRUE(t, wait_for_cond(read_int(&reader_inside), 2000));
	s = kthread_create(syncer, NULL, "kt_rcu_sync");
	KTEST_ASSERT_TRUE(t, !IS_ERR(s));
	kthread_bind(s, 0);
	get_task_struct(s);
	wake_up_process(s);
	/* Many context switches and ticks pass; the reader is still inside. */
	msleep(100);
	KTEST_EXPECT_EQ(t, read_int(&sync_done), 0);
	KTEST_EXPECT_TRUE(t, r->rcu_read_unlock_special & RCU_SPECIAL_BLOCKED);
	set_int(&reader_leave, 1);
	KTEST_EXPECT_TRUE(t, wait_for_cond(read_int(&sync_done), 3000));
	kthread_stop(r);
	kthread_stop(s);
	put_task_struct(r);
	put_task_struct(s);
}

/* A reader that began after the grace period does not hold it up. */
static void synchronize_rcu_returns_without_readers(struct ktest *t)
{
	struct rcu_stats before, after;

	rcu_get_stats(&before);
	synchronize_rcu();
	synchronize_rcu_expedited();
	rcu_get_stats(&after);
	KTEST_EXPECT_TRUE(t, after.n_gps >= before.n_gps + 2);
	KTEST_EXPECT_EQ(t, after.gp_seq & 3, 0);	/* 0 in flight after */
}

/* ---- call_rcu() ---- */

#define NR_CBS 64
struct cb_item {
	struct rcu_head rh;
	int idx;
};
static struct cb_item cb_items[NR_CBS];
static int cb_log[NR_CBS], cb_n;

static void log_cb(struct rcu_head *rh)
{
	struct cb_item *it = container_of(rh, struct cb_item, rh);

	cb_log[cb_n++] = it->idx;
}

static void call_rcu_callbacks_run_after_a_grace_period_in_order(struct ktest *t)
{
	cb_n = 0;
	rcu_read_lock();
	for (int i = 0; i < NR_CBS; i++) {
		cb_items[i].idx = i;
		call_rcu(&cb_items[i].rh, log_cb);
	}
	/* We are a reader: no grace period can end while we are inside, even
	 * if ticks and preemptions come. */
	mdelay(20);
	KTEST_EXPECT_EQ(t, READ_ONCE(cb_n), 0);
	rcu_read_unlock();
	KTEST_EXPECT_TRUE(t, wait_for_cond(READ_ONCE(cb_n) == NR_CBS, 3000));
	for (int i = 0; i < NR_CBS; i++)
		KTEST_EXPECT_EQ(t, cb_log[i], i);
}

static int barrier_count;

static void count_cb(struct rcu_head *rh)
{
	__atomic_add_fetch(&barrier_count, 1, __ATOMIC_SEQ_CST);
}

static void rcu_barrier_waits_for_every_callback(struct ktest *t)
{
	static struct rcu_head heads[200];

	set_int(&barrier_count, 0);
	for (int i = 0; i < 200; i++) {
		call_rcu(&heads[i], count_cb);
		if (i == 100)
			msleep(2);	/* spread them over grace periods */
	}
	rcu_barrier();
	KTEST_EXPECT_EQ(t, read_int(&barrier_count), 200);
	rcu_barrier();		/* nothing queued: returns */
}

/* ---- kfree_rcu() ---- */

struct kfree_item {
	long payload[6];
	struct rcu_head rcu;
};

static void kfree_rcu_frees_after_a_grace_period(struct ktest *t)
{
	static struct kfree_item *items[100];
	unsigned long base, allocated;

	rcu_barrier();
	base = slab_active_objects();
	for (int i = 0; i < 100; i++) {
		items[i] = kmalloc(sizeof(*items[i]), GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, items[i]);
	}
	allocated = slab_active_objects();
	KTEST_EXPECT_TRUE(t, allocated >= base + 100);
	rcu_read_lock();
	for (int i = 0; i < 100; i++)
		kfree_rcu(items[i], rcu);
	mdelay(5);
	/* Still inside our reader: nothing freed yet. */
	KTEST_EXPECT_TRUE(t, slab_active_objects() >= allocated - 5);
	rcu_read_unlock();
	rcu_barrier();
	KTEST_EXPECT_MSG(t, slab_active_objects() <= base + 5,
			 "active %lu, base %lu", slab_active_objects(), base);
}

/* ---- rculist.h ---- */

struct node {
	int val;
	struct list_head list;
	struct rcu_head rcu;
};

static void rcu_list_readers_see_whole_entries(struct ktest *t)
{
	LIST_HEAD(head);
	struct node *n, *victim = NULL;
	int sum = 0, count = 0;

	for (int i = 1; i <= 5; i++) {
		n = kmalloc(sizeof(*n), GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, n);
		n->val = i;
		list_add_tail_rcu(&n->list, &head);
		if (i == 3)
			victim = n;
	}
	rcu_read_lock();
	list_for_each_entry_rcu(n, &head, list) {
		if (n == victim) {
			/* Removed under the reader's feet: it walks on. */
			list_del_rcu(&victim->list);
			kfree_rcu(victim, rcu);
		}
		sum += n->val;
		count++;
	}
	rcu_read_unlock();
	KTEST_EXPECT_EQ(t, count, 5);
	KTEST_EXPECT_EQ(t, sum, 15);
	sum = count = 0;
	rcu_read_lock();
	list_for_each_entry_rcu(n, &head, list) {
		sum += n->val;
		count++;
	}
	rcu_read_unlock();
	KTEST_EXPECT_EQ(t, count, 4);
	KTEST_EXPECT_EQ(t, sum, 12);
	while ((n = list_first_or_null_rcu(&head, struct node, list))) {
		list_del_rcu(&n->list);
		kfree_rcu(n, rcu);
	}
	rcu_barrier();
}

/* ---- rcu_preempt and dead tasks ---- */

static int return_zero(void *unused)
{
	return 0;
}

static void dead_tasks_are_freed_through_call_rcu(struct ktest *t)
{
	static struct task_struct *dead[50];
	struct rcu_stats before, after;
	unsigned long base;

	rcu_barrier();
	kmem_cache_shrink_all();
	base = slab_active_objects();
	rcu_get_stats(&before);
	/* One at a time: with several CPUs, threads made faster than they
	 * die elsewhere would all hold stacks at once, and the vmalloc area
	 * keeps that many ranges (and descriptors) for reuse. Each one may
	 * finish on another CPU, maybe late: wait until it is dead, then
	 * (below) until every exiting task has been freed. */
	for (int i = 0; i < 50; i++) {
		dead[i] = kthread_run(return_zero, NULL, "kt_rcu_dead");
		KTEST_ASSERT_TRUE(t, !IS_ERR(dead[i]));
		get_task_struct(dead[i]);
		KTEST_EXPECT_TRUE(t, wait_for_cond(task_state(dead[i]) == TASK_DEAD, 3000));
		put_task_struct(dead[i]);
	}
	for (int ms = 0; nr_dying_tasks() && ms < 3000; ms++) {
		msleep(1);
		rcu_barrier();
	}
	rcu_barrier();
	rcu_get_stats(&after);
	KTEST_EXPECT_TRUE(t, after.cbs_invoked >= before.cbs_invoked + 50);
	/* Slack: freed stacks wait in per-CPU caches (two a CPU), so with
	 * several CPUs a few more stack ranges may have been made. */
	KTEST_EXPECT_MSG(t, slab_active_objects() <= base + 5 + 2 * (num_online_cpus() - 1),
			 "active %lu, base %lu", slab_active_objects(), base);
}

static void rcu_preempt_is_a_child_of_kthreadd(struct ktest *t)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (!strcmp(p->comm, "rcu_preempt"))
			found = p;
	KTEST_EXPECT_NOT_NULL(t, found);
	if (found)
		KTEST_EXPECT_EQ(t, found->real_parent->pid, 2);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

static const struct ktest_case rcu_cases[] = {
	KTEST_CASE(synchronize_rcu_waits_for_a_preempted_reader),
	KTEST_CASE(synchronize_rcu_returns_without_readers),
	KTEST_CASE(call_rcu_callbacks_run_after_a_grace_period_in_order),
	KTEST_CASE(rcu_barrier_waits_for_every_callback),
	KTEST_CASE(kfree_rcu_frees_after_a_grace_period),
	KTEST_CASE(rcu_list_readers_see_whole_entries),
	KTEST_CASE(dead_tasks_are_freed_through_call_rcu),
	KTEST_CASE(rcu_preempt_is_a_child_of_kthreadd),
	{}
};

static const struct ktest_suite rcu_suite = {
	.name = "rcu",
	.cases = rcu_cases,
};
ktest_register_suite(rcu_suite);
