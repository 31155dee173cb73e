/*
 * In-kernel tests of the scheduler and of sleeping (kernel/sched/,
 * kernel/time/timer.c): CPU shares follow Linux's nice weights, a
 * real-time task runs before fair ones, preemption happens without the
 * preempted task's help, sleeps are never short, and the synchronisation
 * primitives keep their promises.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/timekeeping.h>
#include <spindle/ktest.h>

static volatile unsigned long spins[2];
static unsigned long saved_mask;

/*
 * The cases on sharing a CPU (weights, FIFO before fair, the tick
 * preempting a hog) run the test thread and the threads it makes on
 * CPU 0, however many CPUs there are: on two CPUs two spinners would
 * each get a CPU of their own and share nothing.
 */
static void pin_self_to_cpu0(void)
{
	unsigned long cpu0 = 1;

	saved_mask = current->cpus_mask;
	set_cpus_allowed_ptr(current, &cpu0);
}

static void unpin_self(void)
{
	set_cpus_allowed_ptr(current, &saved_mask);
}

static struct task_struct *create_on_cpu0(int (*fn)(void *), void *data, const char *name)
{
	struct task_struct *k = kthread_create(fn, data, "%s", name);

	if (!IS_ERR(k))
		kthread_bind(k, 0);
	return k;
}

static int spinner(void *data)
{
	long idx = (long)data;

	while (!kthread_should_stop())
		spins[idx]++;
	return 0;
}

/*
 * Two CPU-bound threads at nice 0 and nice 5 share the CPU in the ratio
 * of their weights: 1024 / 335 = 3.06. Allow a generous band: the point
 * is that the weights, and preemption, work at all.
 */
static void nice_weights_share_the_cpu(struct ktest *t)
{
	struct task_struct *a, *b;
	u64 ra, rb;

	spins[0] = spins[1] = 0;
	a = create_on_cpu0(spinner, (void *)0, "kt_nice0");
	b = create_on_cpu0(spinner, (void *)1, "kt_nice5");
	KTEST_ASSERT_TRUE(t, !IS_ERR(a) && !IS_ERR(b));
	pin_self_to_cpu0();
	set_user_nice(b, 5);
	wake_up_process(a);
	wake_up_process(b);
	msleep(600);
	ra = a->se.sum_exec_runtime;
	rb = b->se.sum_exec_runtime;
	kthread_stop(a);
	kthread_stop(b);
	unpin_self();
	KTEST_ASSERT_TRUE(t, rb > 0);
	pr_info("        # nice 0 / nice 5 runtime ratio %llu.%02llu (weights: 3.06)\n",
		(unsigned long long)(ra / rb), (unsigned long long)(ra * 100 / rb % 100));
	/* Equal shares (1.0) would mean the weights are ignored; the band is
	 * wide because a busy host's stalls land on whichever thread ran. */
	KTEST_EXPECT_MSG(t, ra * 10 > rb * 22 && ra * 10 < rb * 42,
			 "runtime ratio %llu.%02llu, want about 3.06",
			 (unsigned long long)(ra / rb),
			 (unsigned long long)(ra * 100 / rb % 100));
}

static void nice_is_clamped_and_reported(struct ktest *t)
{
	struct task_struct *k = kthread_create(spinner, (void *)0, "kt_clamp");

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	set_user_nice(k, 100);
	KTEST_EXPECT_EQ(t, task_nice(k), 19);
	set_user_nice(k, -100);
	KTEST_EXPECT_EQ(t, task_nice(k), -20);
	kthread_stop(k);
}

static volatile int rt_order[2], rt_pos;

static int record_order(void *data)
{
	rt_order[rt_pos++] = (long)data;
	return 0;
}

/* Woken together, the FIFO thread runs first although woken second. */
static void fifo_runs_before_fair(struct ktest *t)
{
	struct task_struct *fair = create_on_cpu0(record_order, (void *)1, "kt_fair");
	struct task_struct *fifo = create_on_cpu0(record_order, (void *)2, "kt_fifo");

	KTEST_ASSERT_TRUE(t, !IS_ERR(fair) && !IS_ERR(fifo));
	pin_self_to_cpu0();
	sched_set_fifo(fifo);
	KTEST_EXPECT_EQ(t, fifo->policy, SCHED_FIFO);
	get_task_struct(fair);
	get_task_struct(fifo);
	rt_pos = 0;
	preempt_disable();	/* wake both before either runs */
	wake_up_process(fair);
	wake_up_process(fifo);
	preempt_enable();
	msleep(20);
	KTEST_EXPECT_EQ(t, rt_pos, 2);
	KTEST_EXPECT_EQ(t, rt_order[0], 2);
	KTEST_EXPECT_EQ(t, rt_order[1], 1);
	kthread_stop(fair);
	kthread_stop(fifo);
	unpin_self();
	put_task_struct(fair);
	put_task_struct(fifo);
}

static void setscheduler_rejects_bad_values(struct ktest *t)
{
	struct task_struct *k = kthread_create(spinner, (void *)0, "kt_policy");
	struct sched_param bad = { .sched_priority = 100 }, zero = { 0 };

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, sched_setscheduler(k, SCHED_FIFO, &bad), -EINVAL);
	KTEST_EXPECT_EQ(t, sched_setscheduler(k, SCHED_FIFO, &zero), -EINVAL);
	KTEST_EXPECT_EQ(t, sched_setscheduler(k, 42, &zero), -EINVAL);
	KTEST_EXPECT_EQ(t, sched_setscheduler(current, SCHED_NORMAL, &zero), 0);
	kthread_stop(k);
}

/* A thread that never sleeps nor yields still loses the CPU: the tick
 * preempts it, so this (sleeping) test thread gets to run and stop it. */
static void cpu_hog_is_preempted(struct ktest *t)
{
	struct task_struct *k = create_on_cpu0(spinner, (void *)0, "kt_hog");
	u64 before;

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	pin_self_to_cpu0();
	before = jiffies;
	wake_up_process(k);
	msleep(50);
	KTEST_EXPECT_TRUE(t, jiffies - before >= 50);
	KTEST_EXPECT_TRUE(t, k->nivcsw > 0);	/* involuntary switches */
	kthread_stop(k);
	unpin_self();
}

/* A sleep is never shorter than asked. How much longer it is (on an idle
 * machine one tick for the rounding, plus a little) is reported, not
 * asserted: a busy host delays an emulated CPU at will. */
static void msleep_is_never_short(struct ktest *t)
{
	static const unsigned int ms[] = { 1, 2, 10, 25, 100 };

	for (unsigned int i = 0; i < ARRAY_SIZE(ms); i++) {
		u64 start = ktime_get_ns(), took;

		msleep(ms[i]);
		took = ktime_get_ns() - start;
		KTEST_EXPECT_MSG(t, took >= ms[i] * 1000000ULL,
				 "msleep(%u) took %llu us", ms[i],
				 (unsigned long long)(took / 1000));
		KTEST_EXPECT_MSG(t, took <= (10ULL * ms[i] + 1000) * 1000000ULL,
				 "msleep(%u) took %llu us: hung?", ms[i],
				 (unsigned long long)(took / 1000));
		pr_info("        # msleep(%u): %llu us, overshoot %llu us\n", ms[i],
			(unsigned long long)(took / 1000),
			(unsigned long long)(took / 1000 - ms[i] * 1000));
	}
}

static void schedule_timeout_returns_time_left(struct ktest *t)
{
	long left;

	set_current_state(TASK_INTERRUPTIBLE);
	left = schedule_timeout(5);
	KTEST_EXPECT_EQ(t, left, 0);
	__set_current_state(TASK_RUNNING);
	KTEST_EXPECT_EQ(t, schedule_timeout(-1), 0);	/* reported, at once */
}

static int timer_fired;

static void timer_fn(struct timer_list *tl)
{
	timer_fired++;
}

static void timers_fire_once_and_can_be_cancelled(struct ktest *t)
{
	struct timer_list tl;
	unsigned long start = jiffies;

	timer_fired = 0;
	timer_setup(&tl, timer_fn, 0);
	mod_timer(&tl, start + 5);
	KTEST_EXPECT_TRUE(t, timer_pending(&tl));
	msleep(20);
	KTEST_EXPECT_EQ(t, timer_fired, 1);
	KTEST_EXPECT_TRUE(t, !timer_pending(&tl));
	mod_timer(&tl, jiffies + 1000);
	KTEST_EXPECT_EQ(t, del_timer_sync(&tl), 1);
	msleep(5);
	KTEST_EXPECT_EQ(t, timer_fired, 1);
	/* A far timer (several laps of the wheel) fires on time too. */
	mod_timer(&tl, jiffies + 600);
	msleep(610);
	KTEST_EXPECT_EQ(t, timer_fired, 2);
}

static DEFINE_MUTEX(test_mutex);
static int in_section, max_in_section;

static int mutex_worker(void *data)
{
	for (int i = 0; i < 50; i++) {
		mutex_lock(&test_mutex);
		in_section++;
		max_in_section = max(max_in_section, in_section);
		msleep(1);	/* sleep holding it: others must wait */
		in_section--;
		mutex_unlock(&test_mutex);
	}
	return 0;
}

static void mutex_excludes(struct ktest *t)
{
	struct task_struct *w[3];

	in_section = max_in_section = 0;
	for (int i = 0; i < 3; i++) {
		w[i] = kthread_run(mutex_worker, NULL, "kt_mutex/%d", i);
		KTEST_ASSERT_TRUE(t, !IS_ERR(w[i]));
		get_task_struct(w[i]);
	}
	for (int i = 0; i < 3; i++) {
		kthread_stop(w[i]);
		put_task_struct(w[i]);
	}
	KTEST_EXPECT_EQ(t, max_in_section, 1);
	KTEST_EXPECT_TRUE(t, !mutex_is_locked(&test_mutex));
	KTEST_EXPECT_EQ(t, mutex_trylock(&test_mutex), 1);
	mutex_unlock(&test_mutex);
}

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static int wq_flag;

static int set_flag_later(void *data)
{
	msleep(10);
	WRITE_ONCE(wq_flag, 1);
	wake_up(&test_wq);
	return 0;
}

static void wait_event_and_timeout(struct ktest *t)
{
	struct task_struct *k;

	wq_flag = 0;
	KTEST_EXPECT_EQ(t, wait_event_timeout(test_wq, READ_ONCE(wq_flag), 5), 0);
	k = kthread_run(set_flag_later, NULL, "kt_waker");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	get_task_struct(k);
	KTEST_EXPECT_TRUE(t, wait_event_timeout(test_wq, READ_ONCE(wq_flag), 1000) > 0);
	kthread_stop(k);
	put_task_struct(k);
}

static void completion_counts(struct ktest *t)
{
	DECLARE_COMPLETION_ONSTACK(c);

	KTEST_EXPECT_TRUE(t, !try_wait_for_completion(&c));
	complete(&c);
	complete(&c);
	KTEST_EXPECT_TRUE(t, try_wait_for_completion(&c));
	KTEST_EXPECT_TRUE(t, wait_for_completion_timeout(&c, 10) > 0);
	KTEST_EXPECT_EQ(t, wait_for_completion_timeout(&c, 3), 0);
	complete_all(&c);
	wait_for_completion(&c);
	wait_for_completion(&c);
	KTEST_EXPECT_TRUE(t, completion_done(&c));
}

static const struct ktest_case sched_cases[] = {
	KTEST_CASE(nice_weights_share_the_cpu),
	KTEST_CASE(nice_is_clamped_and_reported),
	KTEST_CASE(fifo_runs_before_fair),
	KTEST_CASE(setscheduler_rejects_bad_values),
	KTEST_CASE(cpu_hog_is_preempted),
	KTEST_CASE(msleep_is_never_short),
	KTEST_CASE(schedule_timeout_returns_time_left),
	KTEST_CASE(timers_fire_once_and_can_be_cancelled),
	KTEST_CASE(mutex_excludes),
	KTEST_CASE(wait_event_and_timeout),
	KTEST_CASE(completion_counts),
	{}
};

static const struct ktest_suite sched_suite = {
	.name = "sched",
	.cases = sched_cases,
};
ktest_register_suite(sched_suite);
