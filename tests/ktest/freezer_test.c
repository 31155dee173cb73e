/*
 * In-kernel tests of the freezer (kernel/freezer.c, kernel/power/process.c):
 * freezable kernel threads stop at their freezing points and stay
 * stopped until the thaw, while threads that did not ask to be freezable
 * run on; a freezable kthread_worker runs no work while frozen; a thread
 * that never reaches a freezing point makes the freeze fail (everything
 * thawed again); kthread_stop() reaches a thread frozen in
 * kthread_freezable_should_stop(). The suite runs in kernel_init, before
 * there is any user process.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/freezer.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <spindle/ktest.h>
#include <spindle/shell.h>

#define WAIT_MS 30000

extern unsigned int freeze_timeout_msecs;

static atomic_t freezable_count, plain_count;
static DECLARE_WAIT_QUEUE_HEAD(fz_wq);
static atomic_t fz_cond, fz_waiter_done;

static int freezable_counter(void *arg)
{
	set_freezable();
	while (!kthread_should_stop()) {
		atomic_inc(&freezable_count);
		try_to_freeze();
		msleep(1);
	}
	return 0;
}

static int plain_counter(void *arg)
{
	while (!kthread_should_stop()) {
		atomic_inc(&plain_count);
		msleep(1);
	}
	return 0;
}

static int freezable_waiter(void *arg)
{
	set_freezable();
	wait_event_freezable(fz_wq, atomic_read(&fz_cond) || kthread_should_stop());
	atomic_set(&fz_waiter_done, 1);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static atomic_t work_ran;

static void note_work(struct kthread_work *work)
{
	atomic_inc(&work_ran);
}

static bool freeze_all(void)
{
	if (freeze_processes())
		return false;
	if (freeze_kernel_threads()) {
		thaw_processes();
		return false;
	}
	return true;
}

static void freezable_threads_stop_and_the_others_run_on(struct ktest *t)
{
	struct task_struct *a, *b, *c;
	struct kthread_worker *w;
	struct kthread_work work;
	int seen, plain;

	atomic_set(&freezable_count, 0);
	atomic_set(&plain_count, 0);
	atomic_set(&fz_cond, 0);
	atomic_set(&fz_waiter_done, 0);
	atomic_set(&work_ran, 0);
	a = kthread_run(freezable_counter, NULL, "kt_freezable");
	b = kthread_run(plain_counter, NULL, "kt_plain");
	c = kthread_run(freezable_waiter, NULL, "kt_fz_waiter");
	w = kthread_create_worker(KTW_FREEZABLE, "kt_fz_worker");
	KTEST_ASSERT_TRUE(t, !IS_ERR(a) && !IS_ERR(b) && !IS_ERR(c) && !IS_ERR(w));
	kthread_init_work(&work, note_work);
	KTEST_ASSERT_TRUE(t, ktest_wait_for(atomic_read(&freezable_count) > 0, WAIT_MS));
	msleep(5);	/* the waiter and the worker reach their sleeps */

	KTEST_ASSERT_TRUE(t, freeze_all());
	KTEST_EXPECT_TRUE(t, frozen(a));
	KTEST_EXPECT_TRUE(t, frozen(c));
	KTEST_EXPECT_TRUE(t, frozen(w->task));
	KTEST_EXPECT_TRUE(t, !frozen(b));
	KTEST_EXPECT_TRUE(t, !frozen(current));
	KTEST_EXPECT_EQ(t, task_state_letter(a), 'D');	/* as ps shows it */
	seen = atomic_read(&freezable_count);
	plain = atomic_read(&plain_count);
	kthread_queue_work(w, &work);		/* queued, not run, while frozen */
	atomic_set(&fz_cond, 1);
	wake_up(&fz_wq);			/* a frozen waiter does not wake */
	KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&plain_count) >= plain + 20, WAIT_MS));
	KTEST_EXPECT_EQ(t, atomic_read(&freezable_count), seen);
	KTEST_EXPECT_EQ(t, atomic_read(&work_ran), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&fz_waiter_done), 0);
	KTEST_EXPECT_TRUE(t, frozen(a) && frozen(c));

	thaw_processes();
	KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&freezable_count) > seen, WAIT_MS));
	KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&fz_waiter_done), WAIT_MS));
	kthread_flush_work(&work);
	KTEST_EXPECT_EQ(t, atomic_read(&work_ran), 1);
	KTEST_EXPECT_TRUE(t, !frozen(a) && !freezing(a));
	kthread_stop(a);
	kthread_stop(b);
	kthread_stop(c);
	kthread_destroy_worker(w);
}

/* Freezable, but sleeps without ever reaching a freezing point. */
static struct completion never;

static int refuser(void *arg)
{
	set_freezable();
	wait_for_completion(&never);
	return 0;
}

static void a_thread_that_never_freezes_makes_the_freeze_fail(struct ktest *t)
{
	unsigned int saved = freeze_timeout_msecs;
	struct task_struct *r, *a;

	init_completion(&never);
	atomic_set(&freezable_count, 0);
	r = kthread_run(refuser, NULL, "kt_refuser");
	a = kthread_run(freezable_counter, NULL, "kt_freezable");
	KTEST_ASSERT_TRUE(t, !IS_ERR(r) && !IS_ERR(a));
	KTEST_ASSERT_TRUE(t, ktest_wait_for(atomic_read(&freezable_count) > 0, WAIT_MS));
	freeze_timeout_msecs = 300;
	KTEST_EXPECT_EQ(t, freeze_processes(), 0);	/* no user tasks */
	KTEST_EXPECT_EQ(t, freeze_kernel_threads(), -EBUSY);
	freeze_timeout_msecs = saved;
	thaw_processes();
	/* All thawed: the counter runs, nothing is left freezing. */
	KTEST_EXPECT_TRUE(t, !freezing(a) && !freezing(r));
	{
		int now = atomic_read(&freezable_count);

		KTEST_EXPECT_TRUE(t, ktest_wait_for(atomic_read(&freezable_count) > now, WAIT_MS));
	}
	complete(&never);
	kthread_stop(r);
	kthread_stop(a);
}

static atomic_t stopper_frozen;

static int freezable_stopper(void *arg)
{
	bool was_frozen = false;

	set_freezable();
	while (!kthread_freezable_should_stop(&was_frozen)) {
		if (was_frozen)
			atomic_set(&stopper_frozen, 1);
		msleep(1);
	}
	return 42;
}

static void kthread_stop_reaches_a_frozen_thread(struct ktest *t)
{
	struct task_struct *s = kthread_run(freezable_stopper, NULL, "kt_fz_stop");

	KTEST_ASSERT_TRUE(t, !IS_ERR(s));
	msleep(5);
	KTEST_ASSERT_TRUE(t, freeze_all());
	KTEST_EXPECT_TRUE(t, frozen(s));
	KTEST_EXPECT_EQ(t, kthread_stop(s), 42);	/* leaves the refrigerator */
	thaw_processes();
}

static const struct ktest_case freezer_cases[] = {
	KTEST_CASE(freezable_threads_stop_and_the_others_run_on),
	KTEST_CASE(a_thread_that_never_freezes_makes_the_freeze_fail),
	KTEST_CASE(kthread_stop_reaches_a_frozen_thread),
	{}
};

static const struct ktest_suite freezer_suite = {
	.name = "freezer",
	.cases = freezer_cases,
};
ktest_register_suite(freezer_suite);
