/*
 * In-kernel tests of the kthread API's semantics (kernel/kthread.c), one
 * case per rule of Linux's kernel/kthread.c that docs/kthreads.md states:
 * parentage, not running before the first wake-up, -EINTR, results,
 * parking, binding, names, and creation under allocation failure.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/cpumask.h>
#include <spindle/kstack.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/fault-inject.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <spindle/ktest.h>
#include <spindle/task.h>
#include <spindle/slab.h>
#include <spindle/mm.h>
#include <spindle/pid.h>

static int ran;

/* Lets stopped threads make their final switch and be freed (from the
 * softirq after the next tick, as Linux frees after an RCU grace period)
 * and empties the slab caches' spare slabs, so that counts can be
 * compared. */
/* Waits until every exiting thread is freed (they finish on whichever
 * CPU they ran; an emulated CPU may be slow to get there). */
static void wait_for_dead_tasks(void)
{
	for (int ms = 0; nr_dying_tasks() && ms < 10000; ms++) {
		msleep(1);
		flush_dead_tasks();
	}
}

static void settle(void)
{
	unsigned long before;
	int tries = 0, stable = 0;

	/* Dead tasks are freed from a softirq after a tick (as Linux frees
	 * them after an RCU grace period): wait until nothing changes. With
	 * several CPUs, threads may still be on their way out on another
	 * (emulated) CPU that the host has not run for a while: wait until
	 * none is left, then for the count to hold still three times in a row. */
	wait_for_dead_tasks();
	do {
		before = slab_active_objects();
		msleep(2);
		flush_dead_tasks();	/* as a test would call rcu_barrier() */
		if (slab_active_objects() == before)
			stable++;
		else
			stable = 0;
	} while (stable < (num_online_cpus() > 1 ? 3 : 1) && ++tries < 100);
	kmem_cache_shrink_all();
}

/*
 * Freed stacks wait in per-CPU caches (kernel/fork.c, two a CPU). With
 * several CPUs a thread may die on one CPU while its successor is made
 * on another whose cache is empty, so up to that many more stack ranges
 * (a vmalloc descriptor and THREAD_SIZE of pages each) may be in use or
 * kept for reuse than one CPU ever needs: that much slack, none on one
 * CPU, where the counts must come back exactly.
 */
static unsigned long smp_stack_slack(void)
{
	return 2 * (num_online_cpus() - 1);
}

static int note_run(void *data)
{
	WRITE_ONCE(ran, 1);
	while (!kthread_should_stop())
		msleep(1);
	return 42;
}

static int return_data(void *data)
{
	return (long)data;
}

static struct completion fn_started;

/* Says it runs, then returns its argument. */
static int signal_and_return(void *data)
{
	complete(&fn_started);
	return (long)data;
}

static void parent_is_kthreadd(struct ktest *t)
{
	struct task_struct *k = kthread_create(return_data, NULL, "kt_parent");

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, k->real_parent->pid, 2);
	KTEST_EXPECT_TRUE(t, k->real_parent == kthreadd_task);
	KTEST_EXPECT_TRUE(t, k->flags & PF_KTHREAD);
	KTEST_EXPECT_TRUE(t, k->pid > 2);
	kthread_stop(k);
}

static void created_thread_does_not_run_before_wakeup(struct ktest *t)
{
	struct task_struct *k;

	WRITE_ONCE(ran, 0);
	k = kthread_create(note_run, NULL, "kt_norun");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	msleep(20);
	KTEST_EXPECT_EQ(t, READ_ONCE(ran), 0);
	KTEST_EXPECT_EQ(t, task_state(k), TASK_UNINTERRUPTIBLE);	/* ps: D */
	wake_up_process(k);
	msleep(20);
	KTEST_EXPECT_EQ(t, READ_ONCE(ran), 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 42);
}

static void stop_before_first_run_returns_eintr(struct ktest *t)
{
	struct task_struct *k;

	WRITE_ONCE(ran, 0);
	k = kthread_create(note_run, NULL, "kt_eintr");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, kthread_stop(k), -EINTR);
	KTEST_EXPECT_EQ(t, READ_ONCE(ran), 0);
}

/* A woken thread that has not been scheduled yet still sees a stop
 * request first, as in Linux: wait until the function runs. */
static void stop_returns_the_function_result(struct ktest *t)
{
	for (long v = -3; v <= 3; v++) {
		struct task_struct *k;

		init_completion(&fn_started);
		k = kthread_create(signal_and_return, (void *)v, "kt_ret");
		KTEST_ASSERT_TRUE(t, !IS_ERR(k));
		get_task_struct(k);	/* it returns before kthread_stop() */
		wake_up_process(k);
		wait_for_completion(&fn_started);
		KTEST_EXPECT_EQ(t, kthread_stop(k), v);
		put_task_struct(k);
	}
}

static void names_are_formatted_and_cut_to_15(struct ktest *t)
{
	struct task_struct *k = kthread_create(return_data, NULL, "kt_%s_%d",
					       "a_rather_long_name", 7);

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, strlen(k->comm), TASK_COMM_LEN - 1);
	KTEST_EXPECT_TRUE(t, !strcmp(k->comm, "kt_a_rather_lon"));
	kthread_stop(k);
}

static struct completion parked_seen;

static int parkable(void *data)
{
	complete(&fn_started);
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			complete(&parked_seen);
			kthread_parkme();
			continue;
		}
		msleep(1);
	}
	return 7;
}

static void park_and_unpark(struct ktest *t)
{
	struct task_struct *k;

	init_completion(&parked_seen);
	init_completion(&fn_started);
	k = kthread_run(parkable, NULL, "kt_park");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	wait_for_completion(&fn_started);	/* park it inside its loop */
	KTEST_EXPECT_EQ(t, kthread_park(k), 0);
	KTEST_EXPECT_TRUE(t, completion_done(&parked_seen));
	KTEST_EXPECT_EQ(t, task_state(k), TASK_PARKED);
	KTEST_EXPECT_EQ(t, k->on_rq, 0);
	KTEST_EXPECT_EQ(t, kthread_park(k), -EBUSY);	/* parked already */
	kthread_unpark(k);
	msleep(5);
	KTEST_EXPECT_NE(t, task_state(k), TASK_PARKED);
	/* Stopping a parked thread unparks it first. */
	KTEST_EXPECT_EQ(t, kthread_park(k), 0);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 7);
}

static void park_before_first_run(struct ktest *t)
{
	struct task_struct *k;

	WRITE_ONCE(ran, 0);
	k = kthread_create(note_run, NULL, "kt_park0");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, kthread_park(k), 0);
	KTEST_EXPECT_EQ(t, READ_ONCE(ran), 0);
	kthread_unpark(k);
	msleep(10);
	KTEST_EXPECT_EQ(t, READ_ONCE(ran), 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 42);
}

static void create_on_cpu_binds_and_names(struct ktest *t)
{
	struct task_struct *k = kthread_create_on_cpu(return_data, NULL, 0, "kt_cpu/%u");

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_TRUE(t, !strcmp(k->comm, "kt_cpu/0"));
	KTEST_EXPECT_EQ(t, k->cpus_mask, 1);
	KTEST_EXPECT_TRUE(t, k->flags & PF_NO_SETAFFINITY);
	KTEST_EXPECT_TRUE(t, kthread_is_per_cpu(k));
	KTEST_EXPECT_TRUE(t, kthread_data(k) == NULL);
	kthread_stop(k);
}

/* Every allocation of a creation fails in turn: each attempt must end in
 * -ENOMEM with nothing leaked, and kthreadd must go on serving. */
static void creation_survives_every_allocation_failure(struct ktest *t)
{
	struct fault_attr *attrs[] = { &failslab, &fail_page_alloc };

	for (unsigned int a = 0; a < ARRAY_SIZE(attrs); a++) {
		for (unsigned long n = 1; n <= 8; n++) {
			unsigned long objs, pages;
			struct task_struct *k;

			settle();
			objs = slab_active_objects();
			pages = nr_free_pages();
			fault_attr_fail_nth(attrs[a], n);
			k = kthread_create(return_data, NULL, "kt_fail");
			fault_attr_disable(attrs[a]);
			if (IS_ERR(k))
				KTEST_EXPECT_EQ(t, PTR_ERR(k), -ENOMEM);
			else
				kthread_stop(k);
			settle();
			KTEST_EXPECT_MSG(t, slab_active_objects() >= objs &&
					 slab_active_objects() <= objs + smp_stack_slack(),
					 "%s nth=%lu: %ld slab objects leaked",
					 attrs[a]->name, n, (long)(slab_active_objects() - objs));
			KTEST_EXPECT_MSG(t, nr_free_pages() + 4 + smp_stack_slack() *
					 (THREAD_SIZE / PAGE_SIZE) >= pages,
					 "%s nth=%lu: pages leaked", attrs[a]->name, n);
		}
	}
	/* kthreadd still serves. */
	KTEST_EXPECT_EQ(t, kthread_stop(kthread_create(return_data, NULL, "kt_after")),
			-EINTR);
}

static void ten_thousand_threads_leave_no_trace(struct ktest *t)
{
	enum { N = 10000, BATCH = 500 };
	static struct task_struct *batch[BATCH];
	unsigned long objs, pages, stacks;

	/* Warm up: the vmalloc area keeps freed stack ranges (and their
	 * descriptors) for reuse, up to the most ever in use at once. */
	for (int i = 0; i < BATCH; i++)
		batch[i] = kthread_create(note_run, NULL, "kt_warm");
	for (int i = 0; i < BATCH; i++)
		if (!IS_ERR(batch[i]))
			kthread_stop(batch[i]);
	settle();
	objs = slab_active_objects();
	pages = nr_free_pages();
	stacks = mm_stat(NR_KERNEL_STACK_PAGES);
	for (int done = 0; done < N; done += BATCH) {
		for (int i = 0; i < BATCH; i++) {
			batch[i] = kthread_create(note_run, NULL, "kt_many/%d", done + i);
			KTEST_ASSERT_TRUE(t, !IS_ERR(batch[i]));
		}
		for (int i = 0; i < BATCH; i++)
			kthread_stop(batch[i]);
		/* Free this batch before the next: otherwise how many stacks
		 * are alive at once (and so how many vmalloc ranges get made
		 * and kept for reuse) depends on how late the frees run. */
		msleep(1);
		wait_for_dead_tasks();
	}
	settle();
	KTEST_EXPECT_MSG(t, slab_active_objects() >= objs &&
			 slab_active_objects() <= objs + smp_stack_slack(),
			 "%ld slab objects leaked", (long)(slab_active_objects() - objs));
	KTEST_EXPECT_EQ(t, mm_stat(NR_KERNEL_STACK_PAGES), stacks);
	/* Page tables made for the vmalloc area stay; nothing else may. */
	KTEST_EXPECT_MSG(t, nr_free_pages() + 64 + smp_stack_slack() *
			 (THREAD_SIZE / PAGE_SIZE) >= pages, "%lu pages not returned",
			 pages - nr_free_pages());
}

/* PIDs increase; a freed one comes back only after the counter wraps at
 * pid_max, and the wrap restarts at RESERVED_PIDS. */
static void pids_increase_and_wrap(struct ktest *t)
{
	struct task_struct *a, *b, *c;
	pid_t first;

	a = kthread_create(return_data, NULL, "kt_pid");
	KTEST_ASSERT_TRUE(t, !IS_ERR(a));
	first = a->pid;
	kthread_stop(a);
	b = kthread_create(return_data, NULL, "kt_pid");
	KTEST_ASSERT_TRUE(t, !IS_ERR(b));
	KTEST_EXPECT_EQ(t, b->pid, first + 1);	/* not the freed one */
	pid_set_last(PID_MAX_DEFAULT - 1);
	c = kthread_create(return_data, NULL, "kt_pid");
	KTEST_ASSERT_TRUE(t, !IS_ERR(c));
	KTEST_EXPECT_EQ(t, c->pid, RESERVED_PIDS);
	KTEST_EXPECT_TRUE(t, find_task_by_pid(c->pid) == c);
	kthread_stop(b);
	kthread_stop(c);
	settle();
	KTEST_EXPECT_NULL(t, find_task_by_pid(c->pid));
}

static const struct ktest_case kthread_cases[] = {
	KTEST_CASE(pids_increase_and_wrap),
	KTEST_CASE(parent_is_kthreadd),
	KTEST_CASE(created_thread_does_not_run_before_wakeup),
	KTEST_CASE(stop_before_first_run_returns_eintr),
	KTEST_CASE(stop_returns_the_function_result),
	KTEST_CASE(names_are_formatted_and_cut_to_15),
	KTEST_CASE(park_and_unpark),
	KTEST_CASE(park_before_first_run),
	KTEST_CASE(create_on_cpu_binds_and_names),
	KTEST_CASE(creation_survives_every_allocation_failure),
	KTEST_CASE(ten_thousand_threads_leave_no_trace),
	{}
};

static const struct ktest_suite kthread_suite = {
	.name = "kthread",
	.cases = kthread_cases,
};
ktest_register_suite(kthread_suite);
