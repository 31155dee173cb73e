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
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/jiffies.h>
#include <spindle/ktest.h>
#include <spindle/task.h>
#include <spindle/slab.h>
#include <spindle/rcu.h>
#include <spindle/sched.h>

static int read_int(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void set_int(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static bool need_two_cpus(struct ktest *t)
{
	if (num_online_cpus() >= 2)
		return true;
	ktest_skip(t, "one CPU online");
	return false;
}

/* A kthread bound to @cpu, running; a reference is held. */
static struct task_struct *run_on(int (*fn)(void *), void *arg, unsigned int cpu,
				  const char *name)
{
	struct task_struct *k = kthread_create(fn, arg, "%s", name);

	if (IS_ERR(k))
		return k;
	get_task_struct(k);
	kthread_bind(k, cpu);
	wake_up_process(k);
	return k;
}

static void stop_put(struct task_struct *k)
{
	kthread_stop(k);
	put_task_struct(k);
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
	/* Both on CPU 0, so that the syncer's wake-up preempts the reader
	 * with any number of CPUs. */
	r = run_on(spinning_reader, NULL, 0, "kt_rcu_reader");
	KTEST_ASSERT_TRUE(t, !IS_ERR(r));
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&reader_inside), 2000));
	s = run_on(syncer, NULL, 0, "kt_rcu_sync");
	KTEST_ASSERT_TRUE(t, !IS_ERR(s));
	/* Many context switches and ticks pass; the reader is still inside. */
	msleep(100);
	KTEST_EXPECT_EQ(t, read_int(&sync_done), 0);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(r->rcu_read_unlock_special) &
					   RCU_SPECIAL_BLOCKED, 2000));
	set_int(&reader_leave, 1);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&sync_done), 3000));
	stop_put(r);
	stop_put(s);
}

/* A reader that began after the grace period does not hold it up. */
static void synchronize_rcu_returns_without_readers(struct ktest *t)
{
	struct rcu_stats before, after;

	rcu_get_stats(&before);
	synchronize_rcu();
	synchronize_rcu_expedited();
	rcu_get_stats(&after);
	/* Both waited for a GP of their own. Whether another is in flight
	 * afterwards is not theirs to say: a thread that exits on another CPU
	 * meanwhile queues a callback, which asks for one. */
	KTEST_EXPECT_TRUE(t, after.n_gps >= before.n_gps + 2);
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
	KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(cb_n) == NR_CBS, 3000));
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

/* Objects from a cache of the test's own: its counts are exact, where
 * the slab totals move with whatever the other CPUs allocate and free. */
static void kfree_rcu_frees_after_a_grace_period(struct ktest *t)
{
	static struct kfree_item *items[100];
	struct kmem_cache *s = kmem_cache_create("kt_rcu_kfree", sizeof(struct kfree_item),
						 0, 0, NULL);
	struct slab_stats st;

	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < 100; i++) {
		items[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, items[i]);
	}
	rcu_read_lock();
	for (int i = 0; i < 100; i++)
		kfree_rcu(items[i], rcu);
	mdelay(5);
	/* Still inside our reader: nothing freed yet. */
	kmem_cache_stats(s, &st);
	rcu_read_unlock();
	KTEST_EXPECT_EQ(t, st.active_objs, 100);
	rcu_barrier();
	kmem_cache_stats(s, &st);
	KTEST_EXPECT_EQ(t, st.active_objs, 0);
	kmem_cache_destroy(s);
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

/* Every exiting task freed: with several CPUs a thread may still be on
 * its way out on another CPU, and queues its call_rcu() only once it has
 * switched away for good, so one rcu_barrier() is not enough. */
static bool wait_for_dead_tasks(void)
{
	for (int ms = 0; nr_dying_tasks() && ms < 5000; ms++) {
		msleep(1);
		rcu_barrier();
	}
	return !nr_dying_tasks();
}

#define NR_DEAD 50

/* @p did its last switch: dead, and no CPU runs it any more. */
static bool dead_and_off_cpu(struct task_struct *p)
{
	if (READ_ONCE(p->__state) != TASK_DEAD)
		return false;
	wait_task_inactive(p, TASK_DEAD);	/* its final switch is short */
	return true;
}

/*
 * Counts only what the case is about: how many tasks are dead but not
 * freed (nr_dying_tasks(), exact). Not the slab totals: a stack that waits
 * for the grace period with its task makes kthreadd take a new vmalloc
 * range, whose descriptor the vmalloc area keeps for reuse, so the totals
 * grow with the grace period's length (a vCPU the host did not run).
 * The threads die inside our reader: none may be freed before it ends,
 * and all must be once it has.
 */
static void dead_tasks_are_freed_through_call_rcu(struct ktest *t)
{
	struct task_struct *k[NR_DEAD];
	struct rcu_stats before, after;
	unsigned long dying = 0;
	int dead = 0;

	KTEST_ASSERT_TRUE(t, wait_for_dead_tasks());
	for (int i = 0; i < NR_DEAD; i++) {
		k[i] = kthread_create(return_zero, NULL, "kt_rcu_dead");
		KTEST_ASSERT_TRUE(t, !IS_ERR(k[i]));
	}
	rcu_get_stats(&before);
	rcu_read_lock();
	for (int i = 0; i < NR_DEAD; i++)
		wake_up_process(k[i]);
	/* A reader may be preempted, not sleep: poll with mdelay(). They
	 * are still ours to look at, which is what RCU promises. */
	for (int i = 0, ms = 0; i < NR_DEAD && ms < 5000; ms++) {
		while (i < NR_DEAD && dead_and_off_cpu(k[i]))
			i++;
		dead = i;
		if (i < NR_DEAD)
			mdelay(1);
	}
	dying = nr_dying_tasks();
	rcu_read_unlock();
	KTEST_EXPECT_EQ(t, dead, NR_DEAD);
	/* Gone through finish_task_switch(), yet none freed: the grace
	 * period our reader holds up comes first. */
	KTEST_EXPECT_MSG(t, dying >= NR_DEAD, "%lu of %d dead tasks left inside the reader",
			 dying, NR_DEAD);
	KTEST_EXPECT_TRUE(t, wait_for_dead_tasks());
	rcu_get_stats(&after);
	KTEST_EXPECT_TRUE(t, after.cbs_invoked >= before.cbs_invoked + NR_DEAD);
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

/* ---- several CPUs (skipped on one) ---- */

/* Both on CPU 1: the syncer's wake-up preempts the reader there, so the
 * reader is blocked on CPU 1 while CPU 0 keeps reporting QSes. */
static void synchronize_rcu_waits_for_a_reader_preempted_on_cpu1(struct ktest *t)
{
	struct task_struct *r, *s;

	if (!need_two_cpus(t))
		return;
	set_int(&reader_inside, 0);
	set_int(&reader_leave, 0);
	set_int(&sync_done, 0);
	r = run_on(spinning_reader, NULL, 1, "kt_rcu_reader1");
	KTEST_ASSERT_TRUE(t, !IS_ERR(r));
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&reader_inside), 2000));
	s = run_on(syncer, NULL, 1, "kt_rcu_sync1");
	KTEST_ASSERT_TRUE(t, !IS_ERR(s));
	msleep(100);
	KTEST_EXPECT_EQ(t, read_int(&sync_done), 0);
	KTEST_EXPECT_EQ(t, task_cpu(r), 1);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(r->rcu_read_unlock_special) &
					   RCU_SPECIAL_BLOCKED, 2000));
	set_int(&reader_leave, 1);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&sync_done), 3000));
	stop_put(r);
	stop_put(s);
}

static int exp_reader_inside, exp_reader_leave, exp_done;

/* Never switches out: only CPU 1's own end of the reader is a QS. */
static int busy_reader(void *unused)
{
	rcu_read_lock();
	set_int(&exp_reader_inside, 1);
	while (!read_int(&exp_reader_leave))
		cpu_relax();
	rcu_read_unlock();
	return 0;
}

static int exp_syncer(void *unused)
{
	synchronize_rcu_expedited();
	set_int(&exp_done, 1);
	return 0;
}

static void synchronize_rcu_expedited_waits_for_a_reader_running_on_cpu1(struct ktest *t)
{
	struct task_struct *r, *s;

	if (!need_two_cpus(t))
		return;
	set_int(&exp_reader_inside, 0);
	set_int(&exp_reader_leave, 0);
	set_int(&exp_done, 0);
	r = run_on(busy_reader, NULL, 1, "kt_rcu_busy1");
	KTEST_ASSERT_TRUE(t, !IS_ERR(r));
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&exp_reader_inside), 2000));
	s = run_on(exp_syncer, NULL, 0, "kt_rcu_exp0");
	KTEST_ASSERT_TRUE(t, !IS_ERR(s));
	msleep(100);
	KTEST_EXPECT_EQ(t, read_int(&exp_done), 0);
	set_int(&exp_reader_leave, 1);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&exp_done), 3000));
	stop_put(r);
	stop_put(s);
}

static struct rcu_head cpu1_head;
static int cpu1_cb_ran_on, cpu1_queued_on;

static void record_cb_cpu(struct rcu_head *rh)
{
	set_int(&cpu1_cb_ran_on, raw_smp_processor_id());
}

static int call_rcu_here(void *unused)
{
	set_int(&cpu1_queued_on, raw_smp_processor_id());
	call_rcu(&cpu1_head, record_cb_cpu);
	return 0;
}

/* Queued on CPU 1's list, it is invoked there (RCU_SOFTIRQ on CPU 1). */
static void call_rcu_from_cpu1_runs_on_cpu1(struct ktest *t)
{
	struct task_struct *k;

	if (!need_two_cpus(t))
		return;
	set_int(&cpu1_cb_ran_on, -1);
	set_int(&cpu1_queued_on, -1);
	k = run_on(call_rcu_here, NULL, 1, "kt_rcu_cb1");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&cpu1_cb_ran_on) >= 0, 3000));
	KTEST_EXPECT_EQ(t, read_int(&cpu1_queued_on), 1);
	KTEST_EXPECT_EQ(t, read_int(&cpu1_cb_ran_on), 1);
	stop_put(k);
}

#define NR_PER_CPU_CBS 50
static struct rcu_head per_cpu_heads[NR_CPUS][NR_PER_CPU_CBS];
static int queued_cpus;

static int queue_counted_cbs(void *arg)
{
	unsigned int cpu = raw_smp_processor_id();

	for (int i = 0; i < NR_PER_CPU_CBS; i++)
		call_rcu(&per_cpu_heads[cpu][i], count_cb);
	__atomic_add_fetch(&queued_cpus, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* Callbacks queued on every CPU: rcu_barrier() returns after all. */
static void rcu_barrier_covers_callbacks_queued_on_every_cpu(struct ktest *t)
{
	struct task_struct *k[NR_CPUS] = { NULL };
	unsigned int cpu, n = num_online_cpus();

	if (!need_two_cpus(t))
		return;
	rcu_barrier();
	set_int(&barrier_count, 0);
	set_int(&queued_cpus, 0);
	for_each_online_cpu(cpu) {
		k[cpu] = run_on(queue_counted_cbs, NULL, cpu, "kt_rcu_bar");
		KTEST_ASSERT_TRUE(t, !IS_ERR(k[cpu]));
	}
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&queued_cpus) == (int)n, 3000));
	rcu_barrier();
	KTEST_EXPECT_EQ(t, read_int(&barrier_count), (int)(n * NR_PER_CPU_CBS));
	for_each_online_cpu(cpu)
		stop_put(k[cpu]);
}

static unsigned long idle_gp_max;
static int idle_gp_done;

/* Five grace periods timed from CPU 0. */
static int time_gps(void *unused)
{
	for (int i = 0; i < 5; i++) {
		unsigned long start = jiffies;

		synchronize_rcu();
		if (jiffies - start > idle_gp_max)
			idle_gp_max = jiffies - start;
	}
	set_int(&idle_gp_done, 1);
	return 0;
}

/* CPU 1 has nothing to run: its idle loop (the tick in idle) reports its
 * QS, so a GP takes a few ticks, not forever. The bound is loose (a busy
 * host may not run the emulated CPU 1 for a while): it catches a GP that
 * waits for CPU 1 to do something, not a slow one. */
static void a_grace_period_ends_within_ticks_while_cpu1_is_idle(struct ktest *t)
{
	struct task_struct *k;

	if (!need_two_cpus(t))
		return;
	idle_gp_max = 0;
	set_int(&idle_gp_done, 0);
	k = run_on(time_gps, NULL, 0, "kt_rcu_idle1");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&idle_gp_done), 5000));
	KTEST_EXPECT_MSG(t, idle_gp_max <= 1000, "slowest GP %lu jiffies", idle_gp_max);
	stop_put(k);
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
	KTEST_CASE(synchronize_rcu_waits_for_a_reader_preempted_on_cpu1),
	KTEST_CASE(synchronize_rcu_expedited_waits_for_a_reader_running_on_cpu1),
	KTEST_CASE(call_rcu_from_cpu1_runs_on_cpu1),
	KTEST_CASE(rcu_barrier_covers_callbacks_queued_on_every_cpu),
	KTEST_CASE(a_grace_period_ends_within_ticks_while_cpu1_is_idle),
	{}
};

static const struct ktest_suite rcu_suite = {
	.name = "rcu",
	.cases = rcu_cases,
};
ktest_register_suite(rcu_suite);
