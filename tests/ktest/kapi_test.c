/*
 * In-kernel tests of the smaller Linux APIs module code leans on
 * (include/linux/idr.h, string.h and kernel.h's kstrdup/kasprintf family,
 * jiffies.h, percpu.h, cpumask.h, wait.h, sched/task.h): each case
 * checks the results Linux 6.1 documents for them, including the edge
 * cases (an IDA range that fills up, time comparisons across the
 * jiffies wrap, a wait that times out with its condition just true).
 */
#include <linux/kernel.h>
#include <linux/idr.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/wait.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/atomic.h>
#include <linux/sched/task.h>
#include <linux/errno.h>
#include <spindle/ktest.h>

#define WAIT_MS 30000

/* ---- IDA ---- */

static void ida_hands_out_the_smallest_free_id(struct ktest *t)
{
	DEFINE_IDA(ida);

	KTEST_EXPECT_TRUE(t, ida_is_empty(&ida));
	KTEST_EXPECT_EQ(t, ida_alloc(&ida, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, ida_alloc(&ida, GFP_KERNEL), 1);
	KTEST_EXPECT_EQ(t, ida_alloc(&ida, GFP_KERNEL), 2);
	ida_free(&ida, 1);
	KTEST_EXPECT_EQ(t, ida_alloc(&ida, GFP_KERNEL), 1);	/* reused */
	KTEST_EXPECT_EQ(t, ida_alloc_min(&ida, 10, GFP_KERNEL), 10);
	KTEST_EXPECT_EQ(t, ida_alloc_min(&ida, 5000, GFP_KERNEL), 5000);	/* another bitmap */
	KTEST_EXPECT_EQ(t, ida_alloc_range(&ida, 4000, 6000, GFP_KERNEL), 4000);
	KTEST_EXPECT_EQ(t, ida_alloc_min(&ida, 4000, GFP_KERNEL), 4001);
	KTEST_EXPECT_EQ(t, ida_alloc_max(&ida, 2, GFP_KERNEL), -ENOSPC);	/* 0..2 taken */
	KTEST_EXPECT_EQ(t, ida_alloc_range(&ida, 9, 8, GFP_KERNEL), -ENOSPC);
	KTEST_EXPECT_EQ(t, ida_alloc_min(&ida, 0x7fffffff, GFP_KERNEL), 0x7fffffff);
	KTEST_EXPECT_EQ(t, ida_alloc_min(&ida, 0x7fffffff, GFP_KERNEL), -ENOSPC);
	ida_destroy(&ida);
	KTEST_EXPECT_TRUE(t, ida_is_empty(&ida));
	KTEST_EXPECT_EQ(t, ida_alloc(&ida, GFP_KERNEL), 0);
	ida_free(&ida, 0);
	KTEST_EXPECT_TRUE(t, ida_is_empty(&ida));	/* its bitmap went too */
}

static void ida_fills_a_range_then_refuses(struct ktest *t)
{
	DEFINE_IDA(ida);
	int i, id;

	/* 3000 IDs cross three bitmaps; all distinct and in order. */
	for (i = 0; i < 3000; i++) {
		id = ida_alloc_range(&ida, 100, 3099, GFP_KERNEL);
		if (!KTEST_EXPECT_EQ(t, id, 100 + i))
			break;
	}
	KTEST_EXPECT_EQ(t, ida_alloc_range(&ida, 100, 3099, GFP_KERNEL), -ENOSPC);
	ida_free(&ida, 2048);
	KTEST_EXPECT_EQ(t, ida_alloc_range(&ida, 100, 3099, GFP_KERNEL), 2048);
	for (i = 100; i < 3100; i++)
		ida_free(&ida, i);
	KTEST_EXPECT_TRUE(t, ida_is_empty(&ida));
	ida_free(&ida, 7);	/* not allocated: WARNs, changes nothing */
	KTEST_EXPECT_TRUE(t, ida_is_empty(&ida));
}

/* ---- strings ---- */

static void kstrdup_family_copies_into_kmalloc_memory(struct ktest *t)
{
	static const char src[] = "spindle";
	char *a = kstrdup(src, GFP_KERNEL);
	char *b = kstrndup(src, 4, GFP_KERNEL);
	char *c = kmemdup(src, 3, GFP_KERNEL);
	char *d = kasprintf(GFP_KERNEL, "%s-%d-%05x", src, -42, 0xbeef);
	char *e = kasprintf(GFP_KERNEL, "%s", "");

	KTEST_EXPECT_TRUE(t, a && a != src && !strcmp(a, "spindle"));
	KTEST_EXPECT_TRUE(t, b && !strcmp(b, "spin"));
	KTEST_EXPECT_TRUE(t, c && !memcmp(c, "spi", 3));
	KTEST_EXPECT_TRUE(t, d && !strcmp(d, "spindle--42-0beef"));
	KTEST_EXPECT_TRUE(t, e && e[0] == '\0');
	KTEST_EXPECT_NULL(t, kstrdup(NULL, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kstrndup(NULL, 3, GFP_KERNEL));
	kfree(a);
	kfree(b);
	kfree(c);
	kfree(d);
	kfree(e);
}

/* ---- time ---- */

static void time_comparisons_survive_the_wrap(struct ktest *t)
{
	unsigned long before_wrap = ULONG_MAX - 5, after_wrap = 10;
	u64 a64 = U64_MAX - 1, b64 = 3;

	KTEST_EXPECT_TRUE(t, time_after(after_wrap, before_wrap));
	KTEST_EXPECT_TRUE(t, time_before(before_wrap, after_wrap));
	KTEST_EXPECT_TRUE(t, !time_after(before_wrap, after_wrap));
	KTEST_EXPECT_TRUE(t, time_after_eq(after_wrap, after_wrap));
	KTEST_EXPECT_TRUE(t, time_before_eq(before_wrap, before_wrap));
	KTEST_EXPECT_TRUE(t, time_before_eq(before_wrap, after_wrap));
	KTEST_EXPECT_TRUE(t, !time_before_eq(after_wrap, before_wrap));
	KTEST_EXPECT_TRUE(t, time_in_range(ULONG_MAX, before_wrap, after_wrap));
	KTEST_EXPECT_TRUE(t, time_in_range(after_wrap, before_wrap, after_wrap));
	KTEST_EXPECT_TRUE(t, !time_in_range_open(after_wrap, before_wrap, after_wrap));
	KTEST_EXPECT_TRUE(t, time_after64(b64, a64));
	KTEST_EXPECT_TRUE(t, time_before_eq64(a64, b64));
	KTEST_EXPECT_TRUE(t, time_is_before_jiffies(jiffies - 1));
	KTEST_EXPECT_TRUE(t, time_is_after_jiffies(jiffies + 1000));
	KTEST_EXPECT_TRUE(t, time_is_before_eq_jiffies(jiffies));
}

static void jiffies_conversions_round_as_linux_does(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, msecs_to_jiffies(1000), HZ);
	KTEST_EXPECT_EQ(t, msecs_to_jiffies(1), (HZ + 999) / 1000);	/* never 0 */
	KTEST_EXPECT_EQ(t, msecs_to_jiffies(0), 0);
	KTEST_EXPECT_EQ(t, msecs_to_jiffies(-1), MAX_JIFFY_OFFSET);
	KTEST_EXPECT_EQ(t, usecs_to_jiffies(1), 1);
	KTEST_EXPECT_EQ(t, usecs_to_jiffies(USEC_PER_SEC), HZ);
	KTEST_EXPECT_EQ(t, jiffies_to_msecs(HZ), 1000);
	KTEST_EXPECT_EQ(t, jiffies_to_usecs(HZ / 2), 500000);
	KTEST_EXPECT_EQ(t, jiffies_to_nsecs(HZ), 1000000000ULL);
	KTEST_EXPECT_EQ(t, nsecs_to_jiffies(TICK_NSEC - 1), 0);	/* rounds down */
	KTEST_EXPECT_EQ(t, nsecs_to_jiffies64(3 * TICK_NSEC), 3);
	KTEST_EXPECT_EQ(t, jiffies64_to_msecs(5 * HZ), 5000);
	KTEST_EXPECT_TRUE(t, get_jiffies_64() - jiffies < 2);
}

/* ---- per-CPU variables ---- */

static DEFINE_PER_CPU(unsigned long, pcpu_hits);
static DEFINE_PER_CPU(int, pcpu_where);
static atomic_t pcpu_done;

#define PCPU_LOOPS 50000

static int count_on_this_cpu(void *arg)
{
	for (int i = 0; i < PCPU_LOOPS; i++)
		this_cpu_inc(pcpu_hits);
	preempt_disable();
	__this_cpu_write(pcpu_where, smp_processor_id() + 100);
	preempt_enable();
	atomic_inc(&pcpu_done);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void per_cpu_counters_are_separate_and_sum_exactly(struct ktest *t)
{
	struct task_struct *k[NR_CPUS];
	unsigned long sum = 0;
	int cpu, n = 0;

	for_each_possible_cpu(cpu) {
		per_cpu(pcpu_hits, cpu) = 0;
		per_cpu(pcpu_where, cpu) = -1;
	}
	atomic_set(&pcpu_done, 0);
	for_each_online_cpu(cpu) {
		k[n] = kthread_create_on_cpu(count_on_this_cpu, NULL, cpu, "kt_pcpu/%u");
		KTEST_ASSERT_TRUE(t, !IS_ERR(k[n]));
		wake_up_process(k[n++]);
	}
	KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&pcpu_done) == n, WAIT_MS));
	for (int i = 0; i < n; i++)
		kthread_stop(k[i]);
	for_each_online_cpu(cpu) {
		/* Each bound thread counted only into its own CPU's copy. */
		KTEST_EXPECT_EQ(t, per_cpu(pcpu_hits, cpu), PCPU_LOOPS);
		KTEST_EXPECT_EQ(t, *per_cpu_ptr(&pcpu_where, cpu), cpu + 100);
		sum += per_cpu(pcpu_hits, cpu);
	}
	KTEST_EXPECT_EQ(t, sum, (unsigned long)n * PCPU_LOOPS);
	preempt_disable();
	cpu = smp_processor_id();
	KTEST_EXPECT_EQ(t, this_cpu_read(pcpu_hits), PCPU_LOOPS);
	KTEST_EXPECT_EQ(t, this_cpu_xchg(pcpu_hits, 7UL), PCPU_LOOPS);
	KTEST_EXPECT_EQ(t, this_cpu_cmpxchg(pcpu_hits, 7UL, 9UL), 7);
	KTEST_EXPECT_EQ(t, this_cpu_add_return(pcpu_hits, 1), 10);
	KTEST_EXPECT_TRUE(t, this_cpu_ptr(&pcpu_hits) == &per_cpu(pcpu_hits, cpu));
	preempt_enable();
}

/* ---- cpumask ---- */

static void cpumask_operations_follow_set_algebra(struct ktest *t)
{
	cpumask_var_t a;
	struct cpumask b, c;
	unsigned int cpu, n = 0;

	KTEST_ASSERT_TRUE(t, zalloc_cpumask_var(&a, GFP_KERNEL));
	KTEST_EXPECT_TRUE(t, cpumask_empty(a));
	cpumask_set_cpu(1, a);
	cpumask_set_cpu(5, a);
	KTEST_EXPECT_TRUE(t, cpumask_test_cpu(5, a) && !cpumask_test_cpu(4, a));
	KTEST_EXPECT_EQ(t, cpumask_weight(a), 2);
	KTEST_EXPECT_EQ(t, cpumask_first(a), 1);
	KTEST_EXPECT_EQ(t, cpumask_next(1, a), 5);
	KTEST_EXPECT_TRUE(t, cpumask_next(5, a) >= nr_cpu_ids);
	cpumask_copy(&b, cpumask_of(5));
	KTEST_EXPECT_TRUE(t, cpumask_subset(&b, a) && !cpumask_subset(a, &b));
	KTEST_EXPECT_TRUE(t, cpumask_and(&c, a, &b) && cpumask_equal(&c, cpumask_of(5)));
	KTEST_EXPECT_TRUE(t, !cpumask_andnot(&c, &b, a));
	cpumask_or(&c, &b, cpumask_of(0));
	KTEST_EXPECT_EQ(t, cpumask_first(&c), 0);
	KTEST_EXPECT_TRUE(t, cpumask_test_and_clear_cpu(0, &c));
	KTEST_EXPECT_TRUE(t, !cpumask_test_and_set_cpu(2, &c));
	for_each_cpu(cpu, &c)
		n += cpu;
	KTEST_EXPECT_EQ(t, n, 7);	/* {2, 5} */
	cpumask_setall(&b);
	KTEST_EXPECT_TRUE(t, cpumask_full(&b));
	KTEST_EXPECT_EQ(t, cpumask_weight(cpu_possible_mask), NR_CPUS);
	cpumask_complement(&c, a);
	KTEST_EXPECT_EQ(t, cpumask_weight(&c), NR_CPUS - 2);
	/* The online set, an older unsigned long mask, works with the same API. */
	KTEST_EXPECT_EQ(t, cpumask_weight(cpu_online_mask), num_online_cpus());
	KTEST_EXPECT_TRUE(t, cpumask_test_cpu(smp_processor_id(), cpu_online_mask));
	cpumask_clear(&b);
	KTEST_EXPECT_TRUE(t, cpumask_empty(&b) && !cpumask_intersects(&b, a));
	free_cpumask_var(a);
}

/* ---- wait_event variants ---- */

static DECLARE_WAIT_QUEUE_HEAD(kapi_wq);
static atomic_t kapi_cond;

static int set_cond_later(void *arg)
{
	msleep((long)arg);
	atomic_set(&kapi_cond, 1);
	wake_up(&kapi_wq);
	return 0;
}

static void wait_event_variants_return_linux_values(struct ktest *t)
{
	struct task_struct *k;
	long ret;

	atomic_set(&kapi_cond, 0);
	/* Times out: 0. */
	KTEST_EXPECT_EQ(t, wait_event_timeout(kapi_wq, atomic_read(&kapi_cond), 2), 0);
	KTEST_EXPECT_EQ(t, wait_event_interruptible_timeout(kapi_wq, atomic_read(&kapi_cond), 2), 0);
	KTEST_EXPECT_EQ(t, wait_event_idle_timeout(kapi_wq, atomic_read(&kapi_cond), 1), 0);
	/* Already true: 1 even with a zero timeout, as Linux. */
	atomic_set(&kapi_cond, 1);
	KTEST_EXPECT_EQ(t, wait_event_timeout(kapi_wq, atomic_read(&kapi_cond), 0), 1);
	KTEST_EXPECT_EQ(t, wait_event_timeout(kapi_wq, atomic_read(&kapi_cond), 50), 50);
	KTEST_EXPECT_EQ(t, wait_event_interruptible(kapi_wq, atomic_read(&kapi_cond)), 0);
	KTEST_EXPECT_EQ(t, wait_event_killable(kapi_wq, atomic_read(&kapi_cond)), 0);
	/* Woken by another thread: the jiffies left, at least 1. */
	atomic_set(&kapi_cond, 0);
	k = kthread_run(set_cond_later, (void *)5L, "kt_waker");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	ret = wait_event_interruptible_timeout(kapi_wq, atomic_read(&kapi_cond),
					       msecs_to_jiffies(WAIT_MS));
	KTEST_EXPECT_TRUE(t, ret >= 1 && ret <= (long)msecs_to_jiffies(WAIT_MS));
	atomic_set(&kapi_cond, 0);
	k = kthread_run(set_cond_later, (void *)1L, "kt_waker");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	wait_event_idle(kapi_wq, atomic_read(&kapi_cond));
	KTEST_EXPECT_EQ(t, atomic_read(&kapi_cond), 1);
	atomic_set(&kapi_cond, 0);
	k = kthread_run(set_cond_later, (void *)1L, "kt_waker");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, wait_event_freezable(kapi_wq, atomic_read(&kapi_cond)), 0);
}

/* ---- task references ---- */

static int exit_at_once(void *arg)
{
	return 0;
}

static void task_reference_keeps_an_exited_thread_readable(struct ktest *t)
{
	struct task_struct *k = kthread_create(exit_at_once, NULL, "kt_ref");
	unsigned int before;

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	before = refcount_read(&k->usage);
	KTEST_EXPECT_TRUE(t, get_task_struct(k) == k);
	KTEST_EXPECT_EQ(t, refcount_read(&k->usage), before + 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), -EINTR);	/* stopped before it ran */
	KTEST_EXPECT_TRUE(t, !strcmp(k->comm, "kt_ref"));	/* still ours */
	put_task_struct(k);
}

static const struct ktest_case kapi_cases[] = {
	KTEST_CASE(ida_hands_out_the_smallest_free_id),
	KTEST_CASE(ida_fills_a_range_then_refuses),
	KTEST_CASE(kstrdup_family_copies_into_kmalloc_memory),
	KTEST_CASE(time_comparisons_survive_the_wrap),
	KTEST_CASE(jiffies_conversions_round_as_linux_does),
	KTEST_CASE(per_cpu_counters_are_separate_and_sum_exactly),
	KTEST_CASE(cpumask_operations_follow_set_algebra),
	KTEST_CASE(wait_event_variants_return_linux_values),
	KTEST_CASE(task_reference_keeps_an_exited_thread_readable),
	{}
};

static const struct ktest_suite kapi_suite = {
	.name = "kapi",
	.cases = kapi_cases,
};
ktest_register_suite(kapi_suite);
