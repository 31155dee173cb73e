/*
 * In-kernel tests of the workqueue API's semantics (kernel/workqueue.c),
 * one case per rule of Linux's kernel/workqueue.c that
 * docs/workqueues-and-rcu.md states: ordering, the PENDING bit, flush and
 * cancel waiting for a running item, delayed work, concurrency management,
 * the rescuer under allocation failure, and draining on destroy.
 * Timeouts only catch hangs; no case depends on how fast the host is.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/fault-inject.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <spindle/ktest.h>
#include <linux/cpumask.h>
#include <spindle/task.h>

/* Polls @cond every millisecond for up to @ms; its final value. */
static int read_int(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void inc_int(int *p)
{
	__atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}

/* ---- ordered workqueues ---- */

#define NR_ORD 16
struct ord_item {
	struct work_struct work;
	int idx;
};
static struct ord_item ord_items[NR_ORD];
static int ord_log[NR_ORD], ord_n, ord_running, ord_max_running;

static void ord_fn(struct work_struct *w)
{
	struct ord_item *it = container_of(w, struct ord_item, work);
	int running = __atomic_add_fetch(&ord_running, 1, __ATOMIC_SEQ_CST);

	if (running > ord_max_running)
		ord_max_running = running;
	if (it->idx % 3 == 0)
		msleep(2);	/* blocks: another worker could start the next */
	else if (it->idx % 3 == 1)
		yield();
	ord_log[ord_n++] = it->idx;
	__atomic_sub_fetch(&ord_running, 1, __ATOMIC_SEQ_CST);
}

static void ordered_workqueue_runs_items_one_at_a_time_in_order(struct ktest *t)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("kt_ordered", 0);

	KTEST_ASSERT_NOT_NULL(t, wq);
	ord_n = ord_running = ord_max_running = 0;
	for (int i = 0; i < NR_ORD; i++) {
		INIT_WORK(&ord_items[i].work, ord_fn);
		ord_items[i].idx = i;
		KTEST_EXPECT_TRUE(t, queue_work(wq, &ord_items[i].work));
	}
	flush_workqueue(wq);
	KTEST_EXPECT_EQ(t, ord_n, NR_ORD);
	KTEST_EXPECT_EQ(t, ord_max_running, 1);
	for (int i = 0; i < NR_ORD; i++)
		KTEST_EXPECT_EQ(t, ord_log[i], i);
	destroy_workqueue(wq);
}

/* ---- the PENDING bit ---- */

static struct completion gate;
static int gate_passed;

/* Holds its (ordered) workqueue until gate is completed. */
static void gate_fn(struct work_struct *w)
{
	wait_for_completion(&gate);
	inc_int(&gate_passed);
}

static int count_runs;

static void count_fn(struct work_struct *w)
{
	inc_int(&count_runs);
}

static void queue_work_returns_false_while_pending(struct ktest *t)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("kt_pending", 0);
	struct work_struct gate_work, w;

	KTEST_ASSERT_NOT_NULL(t, wq);
	init_completion(&gate);
	count_runs = 0;
	INIT_WORK(&gate_work, gate_fn);
	INIT_WORK(&w, count_fn);
	KTEST_EXPECT_TRUE(t, !work_pending(&w));
	queue_work(wq, &gate_work);
	KTEST_EXPECT_TRUE(t, queue_work(wq, &w));
	KTEST_EXPECT_TRUE(t, work_pending(&w));
	KTEST_EXPECT_TRUE(t, !queue_work(wq, &w));	/* already pending */
	KTEST_EXPECT_TRUE(t, !queue_work(system_wq, &w));
	complete(&gate);
	flush_workqueue(wq);
	KTEST_EXPECT_EQ(t, read_int(&count_runs), 1);
	KTEST_EXPECT_TRUE(t, !work_pending(&w));
	KTEST_EXPECT_TRUE(t, queue_work(wq, &w));	/* idle again: queues */
	flush_workqueue(wq);
	KTEST_EXPECT_EQ(t, read_int(&count_runs), 2);
	destroy_workqueue(wq);
}

/* ---- flush and cancel wait for a running item ---- */

static int slow_started, slow_finished;

static void slow_fn(struct work_struct *w)
{
	inc_int(&slow_started);
	msleep(50);
	inc_int(&slow_finished);
}

static void flush_work_waits_for_a_running_item(struct ktest *t)
{
	struct work_struct w;

	slow_started = slow_finished = 0;
	INIT_WORK(&w, slow_fn);
	KTEST_EXPECT_TRUE(t, !flush_work(&w));		/* never queued */
	schedule_work(&w);
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&slow_started), 2000));
	KTEST_EXPECT_EQ(t, read_int(&slow_finished), 0);
	KTEST_EXPECT_TRUE(t, flush_work(&w));
	KTEST_EXPECT_EQ(t, read_int(&slow_finished), 1);
	KTEST_EXPECT_TRUE(t, !flush_work(&w));		/* done: nothing to wait for */
}

static struct work_struct requeue_work;
static int requeue_runs;

static void requeue_fn(struct work_struct *w)
{
	inc_int(&requeue_runs);
	msleep(1);
	queue_work(system_wq, w);
}

static void cancel_work_sync_waits_and_cancels(struct ktest *t)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("kt_cancel", 0);
	struct work_struct w, gate_work;
	int runs;

	KTEST_ASSERT_NOT_NULL(t, wq);
	/* Running: cancel returns false (not pending) after it finished. */
	slow_started = slow_finished = 0;
	INIT_WORK(&w, slow_fn);
	schedule_work(&w);
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&slow_started), 2000));
	KTEST_EXPECT_TRUE(t, !cancel_work_sync(&w));
	KTEST_EXPECT_EQ(t, read_int(&slow_finished), 1);

	/* Pending behind a gate: cancelled, it never runs. */
	slow_started = 0;
	init_completion(&gate);
	INIT_WORK(&gate_work, gate_fn);
	queue_work(wq, &gate_work);
	queue_work(wq, &w);
	KTEST_EXPECT_TRUE(t, cancel_work_sync(&w));
	KTEST_EXPECT_TRUE(t, !work_pending(&w));
	complete(&gate);
	flush_workqueue(wq);
	KTEST_EXPECT_EQ(t, read_int(&slow_started), 0);

	/* An item that requeues itself is stopped for good. */
	requeue_runs = 0;
	INIT_WORK(&requeue_work, requeue_fn);
	queue_work(system_wq, &requeue_work);
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&requeue_runs) >= 3, 2000));
	cancel_work_sync(&requeue_work);
	runs = read_int(&requeue_runs);
	msleep(20);
	KTEST_EXPECT_EQ(t, read_int(&requeue_runs), runs);
	KTEST_EXPECT_TRUE(t, !work_pending(&requeue_work));
	destroy_workqueue(wq);
}

/* ---- delayed work ---- */

static int delayed_ran;
static unsigned long delayed_ran_at;

static void delayed_fn(struct work_struct *w)
{
	delayed_ran_at = jiffies;
	inc_int(&delayed_ran);
}

static void delayed_work_runs_after_its_delay(struct ktest *t)
{
	struct delayed_work dw;
	unsigned long start;

	INIT_DELAYED_WORK(&dw, delayed_fn);
	delayed_ran = 0;
	start = jiffies;
	KTEST_EXPECT_TRUE(t, queue_delayed_work(system_wq, &dw, msecs_to_jiffies(50)));
	KTEST_EXPECT_TRUE(t, !queue_delayed_work(system_wq, &dw, 1));
	KTEST_EXPECT_TRUE(t, delayed_work_pending(&dw));
	msleep(10);
	KTEST_EXPECT_EQ(t, read_int(&delayed_ran), 0);
	KTEST_ASSERT_TRUE(t, ktest_wait_for(read_int(&delayed_ran), 3000));
	KTEST_EXPECT_TRUE(t, delayed_ran_at - start >= msecs_to_jiffies(50));

	/* Cancelled before its timer fires: never runs. */
	delayed_ran = 0;
	queue_delayed_work(system_wq, &dw, msecs_to_jiffies(100));
	KTEST_EXPECT_TRUE(t, cancel_delayed_work(&dw));
	KTEST_EXPECT_TRUE(t, !delayed_work_pending(&dw));
	msleep(150);
	KTEST_EXPECT_EQ(t, read_int(&delayed_ran), 0);

	/* mod_delayed_work() shortens a long delay. */
	queue_delayed_work(system_wq, &dw, 10 * HZ);
	KTEST_EXPECT_TRUE(t, mod_delayed_work(system_wq, &dw, msecs_to_jiffies(10)));
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&delayed_ran), 3000));

	/* flush_delayed_work() runs it now and waits. On one CPU it always
	 * finds the item queued and waits (true); with several, a worker on
	 * another CPU may run it to the end before flush_work() looks, and
	 * then there was nothing left to wait for (false, as in Linux). Either
	 * way it has run when the flush returns. */
	delayed_ran = 0;
	queue_delayed_work(system_wq, &dw, 10 * HZ);
	KTEST_EXPECT_TRUE(t, flush_delayed_work(&dw) || num_online_cpus() > 1);
	KTEST_EXPECT_EQ(t, read_int(&delayed_ran), 1);
	KTEST_EXPECT_TRUE(t, !cancel_delayed_work_sync(&dw));	/* idle */
}

/* ---- concurrency management ---- */

static struct completion a_started, a_release;
static struct task_struct *a_task, *b_task;
static struct work_struct *a_current;
static int b_ran;

static void blocker_a(struct work_struct *w)
{
	a_task = current;
	a_current = current_work();
	complete(&a_started);
	wait_for_completion(&a_release);	/* blocks: the pool runs others */
}

static void runner_b(struct work_struct *w)
{
	b_task = current;
	inc_int(&b_ran);
}

static void worker_name(char *buf, size_t n, struct task_struct *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	wq_worker_comm(buf, n, p);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void a_blocked_item_lets_another_run_on_the_same_pool(struct ktest *t)
{
	struct work_struct a, b;
	char name[64];

	init_completion(&a_started);
	init_completion(&a_release);
	b_ran = 0;
	INIT_WORK(&a, blocker_a);
	INIT_WORK(&b, runner_b);
	queue_work_on(0, system_wq, &a);
	wait_for_completion(&a_started);
	queue_work_on(0, system_wq, &b);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&b_ran), 2000));
	KTEST_EXPECT_TRUE(t, a_task != b_task);
	KTEST_EXPECT_TRUE(t, a_current == &a);
	/* A worker as Linux shows it: a kthread of kthreadd, named kworker/0:N,
	 * with "+events" while it runs an item of system_wq. */
	KTEST_EXPECT_TRUE(t, a_task->flags & PF_WQ_WORKER);
	KTEST_EXPECT_EQ(t, a_task->real_parent->pid, 2);
	KTEST_EXPECT_TRUE(t, !strncmp(a_task->comm, "kworker/0:", 10));
	KTEST_EXPECT_TRUE(t, !strchr(a_task->comm, '+'));
	worker_name(name, sizeof(name), a_task);
	KTEST_EXPECT_MSG(t, !strncmp(name, "kworker/0:", 10) && strstr(name, "+events"),
			 "ps name '%s'", name);
	complete(&a_release);
	flush_work(&a);
	/* With several CPUs we may look while the worker still runs the
	 * flush barrier (an item of system_wq too): wait until it is idle. */
	ktest_wait_for((worker_name(name, sizeof(name), a_task),
		       strstr(name, "-events") != NULL), 2000);
	KTEST_EXPECT_MSG(t, strstr(name, "-events") != NULL, "ps name '%s'", name);
	KTEST_EXPECT_TRUE(t, current_work() == NULL);
}

#define NR_BLOCKERS 4
static struct completion blk_release;
static int blk_started;

static void blocker_fn(struct work_struct *w)
{
	inc_int(&blk_started);
	wait_for_completion(&blk_release);
}

/* Each blocked item leaves no idle worker; the manager makes more. */
static void blocked_items_each_get_a_worker(struct ktest *t)
{
	struct work_struct w[NR_BLOCKERS];

	init_completion(&blk_release);
	blk_started = 0;
	for (int i = 0; i < NR_BLOCKERS; i++) {
		INIT_WORK(&w[i], blocker_fn);
		queue_work_on(0, system_long_wq, &w[i]);
	}
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&blk_started) == NR_BLOCKERS, 5000));
	complete_all(&blk_release);
	for (int i = 0; i < NR_BLOCKERS; i++)
		flush_work(&w[i]);
}

/* ---- the rescuer ---- */

#define NR_RESCUE_BLOCKERS 16
static int rescued;
static char rescued_by[TASK_COMM_LEN];

static void rescued_fn(struct work_struct *w)
{
	get_task_comm(rescued_by, current);
	inc_int(&rescued);
}

/*
 * With every allocation failing, the busy pool cannot create a worker: its
 * mayday timer calls the rescuer of the WQ_MEM_RECLAIM workqueue, which
 * runs the item itself, while items of workqueues without one wait.
 */
static void rescuer_runs_items_when_workers_cannot_be_created(struct ktest *t)
{
	struct workqueue_struct *wq = alloc_workqueue("kt_rescue", WQ_MEM_RECLAIM, 0);
	struct work_struct blockers[NR_RESCUE_BLOCKERS], r;
	int queued = 0;

	KTEST_ASSERT_NOT_NULL(t, wq);
	init_completion(&blk_release);
	blk_started = 0;
	rescued = 0;
	INIT_WORK(&r, rescued_fn);
	setup_fault_attr(&failslab, "1,100,0,-1");
	/* Block workers until the pool has none left to start the next. */
	while (queued < NR_RESCUE_BLOCKERS) {
		INIT_WORK(&blockers[queued], blocker_fn);
		queue_work_on(0, system_wq, &blockers[queued]);
		queued++;
		if (!ktest_wait_for(read_int(&blk_started) == queued, 300))
			break;
	}
	KTEST_EXPECT_TRUE(t, read_int(&blk_started) < queued);
	queue_work_on(0, wq, &r);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&rescued), 3000));
	fault_attr_disable(&failslab);
	KTEST_EXPECT_MSG(t, !strcmp(rescued_by, "kt_rescue"), "ran by '%s'", rescued_by);
	complete_all(&blk_release);
	for (int i = 0; i < queued; i++)
		flush_work(&blockers[i]);
	KTEST_EXPECT_EQ(t, read_int(&blk_started), queued);
	destroy_workqueue(wq);
}

/* ---- flush and destroy ---- */

static struct workqueue_struct *chain_wq;
static struct work_struct chain_work;
static int chain_runs, plain_runs;

static void chain_fn(struct work_struct *w)
{
	msleep(1);
	if (__atomic_add_fetch(&chain_runs, 1, __ATOMIC_SEQ_CST) < 5)
		queue_work(chain_wq, w);	/* chained: allowed while draining */
}

static void plain_fn(struct work_struct *w)
{
	msleep(2);
	inc_int(&plain_runs);
}

static void destroy_workqueue_drains_chained_items(struct ktest *t)
{
	struct work_struct plain[8];

	chain_wq = alloc_workqueue("kt_drain", 0, 0);
	KTEST_ASSERT_NOT_NULL(t, chain_wq);
	chain_runs = plain_runs = 0;
	INIT_WORK(&chain_work, chain_fn);
	queue_work(chain_wq, &chain_work);
	for (int i = 0; i < 8; i++) {
		INIT_WORK(&plain[i], plain_fn);
		queue_work(chain_wq, &plain[i]);
	}
	destroy_workqueue(chain_wq);
	KTEST_EXPECT_EQ(t, read_int(&chain_runs), 5);
	KTEST_EXPECT_EQ(t, read_int(&plain_runs), 8);
}

/* max_active 2: the other items wait inactive, then all run. */
static void flush_workqueue_waits_for_every_queued_item(struct ktest *t)
{
	struct workqueue_struct *wq = alloc_workqueue("kt_flush", 0, 2);
	struct work_struct w[8];

	KTEST_ASSERT_NOT_NULL(t, wq);
	plain_runs = 0;
	for (int i = 0; i < 8; i++) {
		INIT_WORK(&w[i], plain_fn);
		queue_work(wq, &w[i]);
	}
	flush_workqueue(wq);
	KTEST_EXPECT_EQ(t, read_int(&plain_runs), 8);
	flush_workqueue(wq);		/* nothing in flight: returns */
	destroy_workqueue(wq);
}

static void highpri_and_unbound_items_run_on_their_pools(struct ktest *t)
{
	struct work_struct w;
	char name[64];

	b_ran = 0;
	INIT_WORK(&w, runner_b);
	queue_work(system_highpri_wq, &w);
	flush_work(&w);
	KTEST_EXPECT_EQ(t, read_int(&b_ran), 1);
	KTEST_EXPECT_EQ(t, task_nice(b_task), -20);
	worker_name(name, sizeof(name), b_task);
	/* '-' once idle, '+' while it still runs the flush's barrier item
	 * (on another CPU that may overlap this check). */
	KTEST_EXPECT_MSG(t, strstr(name, "H-events_highpri") || strstr(name, "H+events_highpri"),
			 "ps name '%s'", name);

	queue_work(system_unbound_wq, &w);
	flush_work(&w);
	KTEST_EXPECT_EQ(t, read_int(&b_ran), 2);
	KTEST_EXPECT_TRUE(t, !strncmp(b_task->comm, "kworker/u", 9));
	KTEST_EXPECT_EQ(t, b_task->real_parent->pid, 2);
}

/* ---- several CPUs (skipped on one) ---- */

static bool need_two_cpus(struct ktest *t)
{
	if (num_online_cpus() >= 2)
		return true;
	ktest_skip(t, "one CPU online");
	return false;
}

struct where_item {
	struct work_struct work;
	int cpu;			/* smp_processor_id() in the item */
	struct task_struct *task;	/* the worker that ran it */
};

static void record_where(struct work_struct *w)
{
	struct where_item *it = container_of(w, struct where_item, work);

	it->task = current;
	__atomic_store_n(&it->cpu, raw_smp_processor_id(), __ATOMIC_SEQ_CST);
}

/* Runs on every online CPU; with one it is the plain case. */
static void queue_work_on_runs_on_that_cpu_for_every_online_cpu(struct ktest *t)
{
	struct workqueue_struct *wqs[] = { system_wq, system_highpri_wq };
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		for (unsigned int i = 0; i < ARRAY_SIZE(wqs); i++) {
			struct where_item it = { .cpu = -1 };
			char want[16];

			INIT_WORK_ONSTACK(&it.work, record_where);
			KTEST_EXPECT_TRUE(t, queue_work_on(cpu, wqs[i], &it.work));
			flush_work(&it.work);	/* false if it ran already */
			KTEST_EXPECT_MSG(t, it.cpu == (int)cpu, "%s item for CPU %u ran on %d",
					 i ? "highpri" : "normal", cpu, it.cpu);
			/* kworker/N:M or kworker/N:MH of CPU N's pool, bound there */
			snprintf(want, sizeof(want), "kworker/%u:", cpu);
			KTEST_EXPECT_MSG(t, it.task && !strncmp(it.task->comm, want, strlen(want)),
					 "CPU %u item ran in %s", cpu, it.task ? it.task->comm : "?");
			if (it.task)
				KTEST_EXPECT_EQ(t, it.task->cpus_mask, 1UL << cpu);
		}
	}
}

static struct where_item from_cpu1_item;
static int queued_from_cpu;

/* A thread bound to CPU 1 queues with queue_work(): CPU 1's pool. */
static int queue_from_here(void *unused)
{
	__atomic_store_n(&queued_from_cpu, raw_smp_processor_id(), __ATOMIC_SEQ_CST);
	queue_work(system_wq, &from_cpu1_item.work);
	flush_work(&from_cpu1_item.work);
	return 0;
}

static void work_queued_from_a_thread_on_cpu1_runs_on_cpu1(struct ktest *t)
{
	struct task_struct *k;

	if (!need_two_cpus(t))
		return;
	from_cpu1_item.cpu = -1;
	queued_from_cpu = -1;
	INIT_WORK(&from_cpu1_item.work, record_where);
	k = kthread_create(queue_from_here, NULL, "kt_wq_cpu1");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	get_task_struct(k);
	kthread_bind(k, 1);
	wake_up_process(k);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&from_cpu1_item.cpu) >= 0, 3000));
	KTEST_EXPECT_EQ(t, read_int(&queued_from_cpu), 1);
	KTEST_EXPECT_EQ(t, read_int(&from_cpu1_item.cpu), 1);
	KTEST_EXPECT_TRUE(t, !strncmp(from_cpu1_item.task->comm, "kworker/1:", 10));
	kthread_stop(k);
	put_task_struct(k);
}

/* The task named @comm, or NULL. Caller holds tasklist_lock. */
static struct task_struct *find_comm(const char *comm)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (!strcmp(p->comm, comm))
			return p;
	return NULL;
}

/* As Linux with two CPUs: kworker/1:0, kworker/1:0H (made by
 * CPUHP_WORKQUEUE_PREP) and kworker/u4:0 (pool ids of every possible CPU
 * first). */
static void each_cpu_has_its_kworkers_and_unbound_ids_follow_them(struct ktest *t)
{
	const char *names[] = { "kworker/1:0", "kworker/1:0H" };
	char unbound[24];
	unsigned long flags;
	struct task_struct *p;

	snprintf(unbound, sizeof(unbound), "kworker/u%u:0", 2 * nr_cpu_ids);
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	p = find_comm(unbound);
	KTEST_EXPECT_MSG(t, p != NULL, "no %s", unbound);
	if (p)
		KTEST_EXPECT_EQ(t, p->real_parent->pid, 2);
	if (num_online_cpus() >= 2) {
		for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
			p = find_comm(names[i]);
			KTEST_EXPECT_MSG(t, p != NULL, "no %s", names[i]);
			if (!p)
				continue;
			KTEST_EXPECT_EQ(t, p->real_parent->pid, 2);
			KTEST_EXPECT_EQ(t, p->cpus_mask, 1UL << 1);
			KTEST_EXPECT_TRUE(t, p->flags & PF_WQ_WORKER);
		}
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* Concurrency management on CPU 1's pool: the hook runs under that
 * pool's lock on CPU 1, and the wake-up of the next worker stays there. */
static void a_blocked_item_on_cpu1_lets_another_run_on_cpu1(struct ktest *t)
{
	struct work_struct a;
	struct where_item b = { .cpu = -1 };

	if (!need_two_cpus(t))
		return;
	init_completion(&a_started);
	init_completion(&a_release);
	INIT_WORK(&a, blocker_a);
	INIT_WORK_ONSTACK(&b.work, record_where);
	queue_work_on(1, system_wq, &a);
	wait_for_completion(&a_started);
	queue_work_on(1, system_wq, &b.work);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(read_int(&b.cpu) >= 0, 3000));
	KTEST_EXPECT_EQ(t, read_int(&b.cpu), 1);
	KTEST_EXPECT_TRUE(t, b.task != a_task);
	KTEST_EXPECT_EQ(t, task_cpu(a_task), 1);
	complete(&a_release);
	flush_work(&a);
	flush_work(&b.work);
}

static const struct ktest_case workqueue_cases[] = {
	KTEST_CASE(ordered_workqueue_runs_items_one_at_a_time_in_order),
	KTEST_CASE(queue_work_returns_false_while_pending),
	KTEST_CASE(flush_work_waits_for_a_running_item),
	KTEST_CASE(cancel_work_sync_waits_and_cancels),
	KTEST_CASE(delayed_work_runs_after_its_delay),
	KTEST_CASE(a_blocked_item_lets_another_run_on_the_same_pool),
	KTEST_CASE(blocked_items_each_get_a_worker),
	KTEST_CASE(rescuer_runs_items_when_workers_cannot_be_created),
	KTEST_CASE(destroy_workqueue_drains_chained_items),
	KTEST_CASE(flush_workqueue_waits_for_every_queued_item),
	KTEST_CASE(highpri_and_unbound_items_run_on_their_pools),
	KTEST_CASE(queue_work_on_runs_on_that_cpu_for_every_online_cpu),
	KTEST_CASE(work_queued_from_a_thread_on_cpu1_runs_on_cpu1),
	KTEST_CASE(each_cpu_has_its_kworkers_and_unbound_ids_follow_them),
	KTEST_CASE(a_blocked_item_on_cpu1_lets_another_run_on_cpu1),
	{}
};

static const struct ktest_suite workqueue_suite = {
	.name = "workqueue",
	.cases = workqueue_cases,
};
ktest_register_suite(workqueue_suite);
