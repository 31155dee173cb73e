/*
 * In-kernel tests of kthread_worker (kernel/kthread_worker.c), one case
 * per rule of Linux's kernel/kthread.c: works run in queue order, one at
 * a time, on the worker's thread; a pending work is not queued again (on
 * that worker or another); flush and cancel wait for a running work;
 * delayed works wait their delay, mod_delayed_work moves it, cancel stops
 * the timer; destroy runs what is queued and stops the thread; queuing
 * from every CPU at once loses and duplicates nothing. Also kthread_func,
 * kthread_probe_data, kthread_run_on_cpu and kthread_set_per_cpu.
 * Bounds on waits only catch hangs.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/cpumask.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <spindle/ktest.h>

#define WAIT_MS 30000

struct tw {
	struct kthread_work work;
	int idx;
};

static atomic_t running, max_running, runs;
static struct task_struct *expected_task;
static atomic_t wrong_task;

/* Bookkeeping every test work does: one at a time, on the worker. */
static void enter(void)
{
	int now = atomic_inc_return(&running);
	int max = atomic_read(&max_running);

	while (now > max && !atomic_try_cmpxchg(&max_running, &max, now))
		;
	if (current != READ_ONCE(expected_task))
		atomic_inc(&wrong_task);
}

static void leave(void)
{
	atomic_inc(&runs);
	atomic_dec(&running);
}

static void reset_counters(struct kthread_worker *w)
{
	atomic_set(&running, 0);
	atomic_set(&max_running, 0);
	atomic_set(&runs, 0);
	atomic_set(&wrong_task, 0);
	expected_task = w ? w->task : NULL;
}

/* ---- order and one at a time ---- */

#define NR_ORD 16
static int order_log[NR_ORD], order_n;

static void order_fn(struct kthread_work *work)
{
	struct tw *t = container_of(work, struct tw, work);

	enter();
	if (t->idx % 3 == 0)
		msleep(2);	/* sleeping does not let the next one start */
	else if (t->idx % 3 == 1)
		yield();
	order_log[order_n++] = t->idx;
	leave();
}

static void works_run_in_queue_order_one_at_a_time(struct ktest *t)
{
	struct kthread_worker *w = kthread_create_worker(0, "kt_worker");
	struct tw items[NR_ORD];

	KTEST_ASSERT_TRUE(t, !IS_ERR(w));
	reset_counters(w);
	order_n = 0;
	for (int i = 0; i < NR_ORD; i++) {
		kthread_init_work(&items[i].work, order_fn);
		items[i].idx = i;
		KTEST_EXPECT_TRUE(t, kthread_queue_work(w, &items[i].work));
	}
	kthread_flush_worker(w);
	KTEST_EXPECT_EQ(t, order_n, NR_ORD);
	for (int i = 0; i < NR_ORD; i++)
		KTEST_EXPECT_EQ(t, order_log[i], i);
	KTEST_EXPECT_EQ(t, atomic_read(&max_running), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&wrong_task), 0);
	KTEST_EXPECT_TRUE(t, !strcmp(w->task->comm, "kt_worker"));
	kthread_destroy_worker(w);
}

/* ---- pending works ---- */

static struct completion gate, gate_entered;

static void gate_fn(struct kthread_work *work)
{
	complete(&gate_entered);
	wait_for_completion(&gate);
}

static void count_fn(struct kthread_work *work)
{
	enter();
	leave();
}

static void a_pending_work_is_queued_once_on_one_worker(struct ktest *t)
{
	struct kthread_worker *a = kthread_create_worker(0, "kt_worker_a");
	struct kthread_worker *b = kthread_create_worker(0, "kt_worker_b");
	struct kthread_work g, w;

	KTEST_ASSERT_TRUE(t, !IS_ERR(a) && !IS_ERR(b));
	reset_counters(a);
	init_completion(&gate);
	init_completion(&gate_entered);
	kthread_init_work(&g, gate_fn);
	kthread_init_work(&w, count_fn);
	kthread_queue_work(a, &g);
	wait_for_completion(&gate_entered);		/* a is busy */
	KTEST_EXPECT_TRUE(t, kthread_queue_work(a, &w));
	KTEST_EXPECT_TRUE(t, !kthread_queue_work(a, &w));	/* pending */
	KTEST_EXPECT_TRUE(t, !kthread_queue_work(b, &w));	/* pending on a */
	KTEST_EXPECT_TRUE(t, w.worker == a);
	complete(&gate);
	kthread_flush_worker(a);
	kthread_flush_worker(b);
	KTEST_EXPECT_EQ(t, atomic_read(&runs), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&wrong_task), 0);	/* ran on a */
	KTEST_EXPECT_TRUE(t, kthread_queue_work(a, &w));	/* idle: queues again */
	kthread_flush_work(&w);
	KTEST_EXPECT_EQ(t, atomic_read(&runs), 2);
	kthread_destroy_worker(a);
	kthread_destroy_worker(b);
}

/* ---- flush and cancel wait for a running work ---- */

static atomic_t slow_started, slow_finished;

static void slow_fn(struct kthread_work *work)
{
	enter();
	atomic_set(&slow_started, 1);
	msleep(30);
	atomic_set(&slow_finished, 1);
	leave();
}

static void flush_and_cancel_wait_for_a_running_work(struct ktest *t)
{
	struct kthread_worker *w = kthread_create_worker(0, "kt_worker");
	struct kthread_work slow, other;

	KTEST_ASSERT_TRUE(t, !IS_ERR(w));
	reset_counters(w);
	kthread_init_work(&slow, slow_fn);
	kthread_init_work(&other, count_fn);
	kthread_flush_work(&other);		/* never queued: returns at once */

	atomic_set(&slow_started, 0);
	atomic_set(&slow_finished, 0);
	kthread_queue_work(w, &slow);
	KTEST_ASSERT_TRUE(t, ktest_wait_for(atomic_read(&slow_started), WAIT_MS));
	kthread_flush_work(&slow);
	KTEST_EXPECT_EQ(t, atomic_read(&slow_finished), 1);

	atomic_set(&slow_started, 0);
	atomic_set(&slow_finished, 0);
	kthread_queue_work(w, &slow);
	KTEST_ASSERT_TRUE(t, ktest_wait_for(atomic_read(&slow_started), WAIT_MS));
	/* Running, not pending: false, and it has finished on return. */
	KTEST_EXPECT_TRUE(t, !kthread_cancel_work_sync(&slow));
	KTEST_EXPECT_EQ(t, atomic_read(&slow_finished), 1);

	/* Pending behind a busy worker: true, and it never runs. */
	init_completion(&gate);
	init_completion(&gate_entered);
	{
		struct kthread_work g;

		kthread_init_work(&g, gate_fn);
		kthread_queue_work(w, &g);
		wait_for_completion(&gate_entered);
		atomic_set(&runs, 0);
		kthread_queue_work(w, &other);
		KTEST_EXPECT_TRUE(t, kthread_cancel_work_sync(&other));
		KTEST_EXPECT_TRUE(t, !kthread_cancel_work_sync(&other));	/* idle */
		complete(&gate);
		kthread_flush_worker(w);
	}
	KTEST_EXPECT_EQ(t, atomic_read(&runs), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&max_running), 1);
	kthread_destroy_worker(w);
}

/* ---- delayed works ---- */

static unsigned long ran_at;

static void stamp_fn(struct kthread_work *work)
{
	enter();
	WRITE_ONCE(ran_at, jiffies);
	leave();
}

static void delayed_work_waits_and_mod_delayed_work_moves_it(struct ktest *t)
{
	struct kthread_worker *w = kthread_create_worker(0, "kt_worker");
	struct kthread_delayed_work d;
	unsigned long queued;

	KTEST_ASSERT_TRUE(t, !IS_ERR(w));
	reset_counters(w);
	kthread_init_delayed_work(&d, stamp_fn);

	queued = jiffies;
	KTEST_EXPECT_TRUE(t, kthread_queue_delayed_work(w, &d, 50));
	KTEST_EXPECT_TRUE(t, !kthread_queue_delayed_work(w, &d, 1));	/* pending */
	KTEST_ASSERT_TRUE(t, ktest_wait_for(atomic_read(&runs) == 1, WAIT_MS));
	KTEST_EXPECT_TRUE(t, time_after_eq(READ_ONCE(ran_at), queued + 50));

	/* A far-off timer brought forward: true (it was pending). */
	KTEST_EXPECT_TRUE(t, kthread_queue_delayed_work(w, &d, 1000000));
	KTEST_EXPECT_TRUE(t, kthread_mod_delayed_work(w, &d, 1));
	KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&runs) == 2, WAIT_MS));
	/* Idle: false, and queued (0 = now). */
	KTEST_EXPECT_TRUE(t, !kthread_mod_delayed_work(w, &d, 0));
	kthread_flush_work(&d.work);
	KTEST_EXPECT_EQ(t, atomic_read(&runs), 3);

	/* A cancel stops the timer: the work never runs. */
	KTEST_EXPECT_TRUE(t, kthread_queue_delayed_work(w, &d, 20));
	KTEST_EXPECT_TRUE(t, kthread_cancel_delayed_work_sync(&d));
	KTEST_EXPECT_TRUE(t, !timer_pending(&d.timer));
	msleep(60);
	kthread_flush_worker(w);
	KTEST_EXPECT_EQ(t, atomic_read(&runs), 3);
	KTEST_EXPECT_TRUE(t, !kthread_cancel_delayed_work_sync(&d));	/* idle */
	KTEST_EXPECT_EQ(t, atomic_read(&wrong_task), 0);
	kthread_destroy_worker(w);
}

/* ---- destroy ---- */

static void destroy_runs_queued_works_then_stops_the_thread(struct ktest *t)
{
	struct kthread_worker *w = kthread_create_worker(0, "kt_worker");
	struct kthread_work items[5];
	struct task_struct *task;

	KTEST_ASSERT_TRUE(t, !IS_ERR(w));
	reset_counters(w);
	task = get_task_struct(w->task);
	KTEST_EXPECT_TRUE(t, kthread_func(task) == (void *)kthread_worker_fn);
	KTEST_EXPECT_TRUE(t, kthread_probe_data(task) == w);
	for (int i = 0; i < 5; i++) {
		kthread_init_work(&items[i], i ? count_fn : slow_fn);
		kthread_queue_work(w, &items[i]);
	}
	kthread_destroy_worker(w);
	KTEST_EXPECT_EQ(t, atomic_read(&runs), 5);
	KTEST_EXPECT_TRUE(t, task->flags & PF_EXITING);	/* the thread is gone */
	put_task_struct(task);
}

/* ---- every CPU at once ---- */

#define NR_QUEUERS 4
#define QUEUE_LOOPS 3000
static struct kthread_worker *shared_worker;
static struct kthread_work shared_work;	/* queued by everyone */
static atomic_t shared_queued, queuers_done, go;

static void shared_fn(struct kthread_work *work)
{
	enter();
	leave();
}

static int queuer(void *arg)
{
	struct kthread_work *own = arg;

	while (!atomic_read_acquire(&go))
		yield();
	for (int i = 0; i < QUEUE_LOOPS; i++) {
		if (kthread_queue_work(shared_worker, &shared_work))
			atomic_inc(&shared_queued);
		while (!kthread_queue_work(shared_worker, own))
			kthread_flush_work(own);	/* still pending: wait */
		atomic_inc(&shared_queued);
		if ((i & 63) == 0)
			yield();
	}
	atomic_inc(&queuers_done);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void queuing_from_every_cpu_loses_and_duplicates_nothing(struct ktest *t)
{
	struct kthread_work own[NR_QUEUERS];
	struct task_struct *k[NR_QUEUERS];
	int cpus = num_online_cpus();

	shared_worker = kthread_create_worker(0, "kt_worker_smp");
	KTEST_ASSERT_TRUE(t, !IS_ERR(shared_worker));
	reset_counters(shared_worker);
	kthread_init_work(&shared_work, shared_fn);
	atomic_set(&shared_queued, 0);
	atomic_set(&queuers_done, 0);
	atomic_set(&go, 0);
	for (int i = 0; i < NR_QUEUERS; i++) {
		kthread_init_work(&own[i], shared_fn);
		k[i] = kthread_create_on_cpu(queuer, &own[i], i % cpus, "kt_queuer/%u");
		KTEST_ASSERT_TRUE(t, !IS_ERR(k[i]));
		wake_up_process(k[i]);
	}
	atomic_set_release(&go, 1);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&queuers_done) == NR_QUEUERS, WAIT_MS));
	for (int i = 0; i < NR_QUEUERS; i++)
		kthread_stop(k[i]);
	kthread_flush_worker(shared_worker);
	/* Every successful queue ran exactly once, one at a time; each
	 * queuer's own work was queued QUEUE_LOOPS times. */
	KTEST_EXPECT_EQ(t, atomic_read(&runs), atomic_read(&shared_queued));
	KTEST_EXPECT_TRUE(t, atomic_read(&runs) >= NR_QUEUERS * QUEUE_LOOPS);
	KTEST_EXPECT_EQ(t, atomic_read(&max_running), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&wrong_task), 0);
	kthread_destroy_worker(shared_worker);
}

/* ---- per-CPU workers and threads ---- */

static atomic_t ran_on;

static void where_fn(struct kthread_work *work)
{
	atomic_set(&ran_on, smp_processor_id());
}

static int idle_fn(void *arg)
{
	atomic_set(&ran_on, smp_processor_id());
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void workers_and_threads_bound_to_a_cpu_run_there(struct ktest *t)
{
	int cpu = num_online_cpus() - 1;	/* the last one: 1 with -smp 2 */
	struct kthread_worker *w;
	struct kthread_work work;
	struct task_struct *k;

	KTEST_EXPECT_TRUE(t, PTR_ERR(kthread_create_worker_on_cpu(NR_CPUS, 0, "kt_bad")) == -EINVAL);
	KTEST_EXPECT_TRUE(t, PTR_ERR(kthread_create_worker_on_cpu(-1, 0, "kt_bad")) == -EINVAL);
	w = kthread_create_worker_on_cpu(cpu, 0, "kt_worker/%d", cpu);
	KTEST_ASSERT_TRUE(t, !IS_ERR(w));
	atomic_set(&ran_on, -1);
	kthread_init_work(&work, where_fn);
	kthread_queue_work(w, &work);
	kthread_flush_work(&work);
	KTEST_EXPECT_EQ(t, atomic_read(&ran_on), cpu);
	kthread_destroy_worker(w);

	atomic_set(&ran_on, -1);
	k = kthread_run_on_cpu(idle_fn, NULL, cpu, "kt_oncpu/%u");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&ran_on) == cpu, WAIT_MS));
	KTEST_EXPECT_TRUE(t, kthread_is_per_cpu(k));
	kthread_set_per_cpu(k, -1);
	KTEST_EXPECT_TRUE(t, !kthread_is_per_cpu(k));
	kthread_set_per_cpu(k, cpu);
	KTEST_EXPECT_TRUE(t, kthread_is_per_cpu(k));
	KTEST_EXPECT_TRUE(t, kthread_func(k) == (void *)idle_fn);
	KTEST_EXPECT_NULL(t, kthread_func(&init_task));	/* not a kthread_create() thread */
	kthread_stop(k);
}

static const struct ktest_case kthread_worker_cases[] = {
	KTEST_CASE(works_run_in_queue_order_one_at_a_time),
	KTEST_CASE(a_pending_work_is_queued_once_on_one_worker),
	KTEST_CASE(flush_and_cancel_wait_for_a_running_work),
	KTEST_CASE(delayed_work_waits_and_mod_delayed_work_moves_it),
	KTEST_CASE(destroy_runs_queued_works_then_stops_the_thread),
	KTEST_CASE(queuing_from_every_cpu_loses_and_duplicates_nothing),
	KTEST_CASE(workers_and_threads_bound_to_a_cpu_run_there),
	{}
};

static const struct ktest_suite kthread_worker_suite = {
	.name = "kthread_worker",
	.cases = kthread_worker_cases,
};
ktest_register_suite(kthread_worker_suite);
