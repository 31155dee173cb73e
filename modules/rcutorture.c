/*
 * rcutorture, after Linux's kernel/rcu/rcutorture.c (its core, small):
 * readers on every CPU look at the element a writer publishes with
 * rcu_assign_pointer() and check that it is not recycled under them;
 * the writer replaces it and frees the old one with call_rcu(), so an
 * element can only come back while a reader holds it if a grace period
 * ended too early. Fake writers wait for grace periods every way there
 * is (synchronize_rcu(), _expedited(), rcu_barrier()); a per-CPU FIFO
 * thread spins now and then to preempt readers inside their critical
 * sections; a callback flooder queues thousands of callbacks and checks
 * that each runs once; a hotplug thread takes CPUs offline and back at
 * random (onoff_interval), and a kthread_stop() storm runs beside it.
 *
 * Statistics lines as Linux's ("rcu-torture: rtc: ... ver: ... onoff:",
 * "Reader Pipe:", "Free-Block Circulation:") every stat_interval seconds
 * and at the end, then "rcu-torture:--- End of test: SUCCESS" or FAILURE.
 * The test ends after duration seconds, or at rmmod.
 * Built in: boot with rcutorture.duration=10 and `insmod rcutorture`.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include "torture.h"

static int duration = 10;		/* seconds; 0: until rmmod */
static int nreaders = -1;		/* -1: two per CPU */
static int nfakewriters = 2;
static int stat_interval = 5;		/* seconds; 0: only at the end */
static int onoff_interval = 0;		/* ms between hotplug actions; 0: none */
static int preempt_interval = 20;	/* ms between reader preemptions; 0: none */
static int cbflood = 1;			/* run the callback flooder */
static int kthread_storm = 0;		/* run the kthread_stop() storm */
module_param(duration, int, 0444);
module_param(nreaders, int, 0444);
module_param(nfakewriters, int, 0444);
module_param(stat_interval, int, 0444);
module_param(onoff_interval, int, 0444);
module_param(preempt_interval, int, 0444);
module_param(cbflood, int, 0444);
module_param(kthread_storm, int, 0444);

#define RCU_TORTURE_PIPE_LEN 10
#define RCU_TORTURE_NELEMS 16
#define MAX_READERS (2 * NR_CPUS)
#define CBFLOOD_BATCH 2000

struct rcu_torture {
	struct rcu_head rtort_rcu;
	int rtort_pipe_count;		/* grace periods since it was removed */
	int rtort_mbtest;		/* 1 while in use: a freed one reads 0 */
	struct list_head rtort_free;
};

static struct rcu_torture rcu_tortures[RCU_TORTURE_NELEMS];
static struct rcu_torture *rcu_torture_current;
static LIST_HEAD(rcu_torture_freelist);
static DEFINE_SPINLOCK(rcu_torture_lock);

static long rcu_torture_current_version;
static long n_rcu_torture_alloc, n_rcu_torture_alloc_fail, n_rcu_torture_free;
static long n_rcu_torture_mberror, n_rcu_torture_error;
static long rcu_torture_pipe_count[RCU_TORTURE_PIPE_LEN + 1];	/* readers saw */
static long rcu_torture_wcount[RCU_TORTURE_PIPE_LEN + 1];	/* freed at */
static long n_cbflood_queued, n_cbflood_invoked, n_cbflood_errors;
static long n_fakewriter_gps;

static struct task_struct *writer_task, *stats_task, *shutdown_task, *cbflood_task;
static struct task_struct *reader_tasks[MAX_READERS];
static struct task_struct *fakewriter_tasks[8];
static struct task_struct *preempt_tasks[NR_CPUS];
static struct torture_onoff onoff;
static struct torture_storm storm;
static int n_readers;
static bool torture_ended;
static DEFINE_MUTEX(rcu_torture_end_mutex);

static struct rcu_torture *rcu_torture_alloc(void)
{
	struct rcu_torture *p = NULL;

	spin_lock_bh(&rcu_torture_lock);
	if (!list_empty(&rcu_torture_freelist)) {
		p = list_first_entry(&rcu_torture_freelist, struct rcu_torture, rtort_free);
		list_del_init(&p->rtort_free);
	}
	spin_unlock_bh(&rcu_torture_lock);
	if (p)
		n_rcu_torture_alloc++;
	else
		n_rcu_torture_alloc_fail++;
	return p;
}

/* The grace period after its removal ended: readers can no longer hold it. */
static void rcu_torture_cb(struct rcu_head *head)
{
	struct rcu_torture *p = container_of(head, struct rcu_torture, rtort_rcu);
	int i = READ_ONCE(p->rtort_pipe_count);

	if (i > RCU_TORTURE_PIPE_LEN)
		i = RCU_TORTURE_PIPE_LEN;
	__atomic_add_fetch(&rcu_torture_wcount[i], 1, __ATOMIC_RELAXED);
	WRITE_ONCE(p->rtort_pipe_count, RCU_TORTURE_PIPE_LEN + 1);	/* freed */
	WRITE_ONCE(p->rtort_mbtest, 0);
	spin_lock_bh(&rcu_torture_lock);
	list_add_tail(&p->rtort_free, &rcu_torture_freelist);
	spin_unlock_bh(&rcu_torture_lock);
	__atomic_add_fetch(&n_rcu_torture_free, 1, __ATOMIC_RELAXED);
}

/* Linux's rcu_torture_writer(): replace the current element, free the old. */
static int rcu_torture_writer(void *unused)
{
	while (!kthread_should_stop()) {
		struct rcu_torture *p = rcu_torture_alloc(), *old;

		if (!p) {
			schedule_timeout_interruptible(1);
			continue;
		}
		p->rtort_pipe_count = 0;
		WRITE_ONCE(p->rtort_mbtest, 1);
		old = rcu_torture_current;
		rcu_assign_pointer(rcu_torture_current, p);
		WRITE_ONCE(rcu_torture_current_version, rcu_torture_current_version + 1);
		if (old) {
			WRITE_ONCE(old->rtort_pipe_count, 1);	/* removed */
			call_rcu(&old->rtort_rcu, rcu_torture_cb);
		}
		if (get_random_u32() % 4 == 0)
			schedule_timeout_interruptible(1);
		else
			cond_resched();
	}
	return 0;
}

/* Linux's rcu_torture_fakewriter(): wait for grace periods, all kinds. */
static int rcu_torture_fakewriter(void *unused)
{
	while (!kthread_should_stop()) {
		switch (get_random_u32() % 8) {
		case 0:
			rcu_barrier();
			break;
		case 1:
			synchronize_rcu_expedited();
			break;
		default:
			synchronize_rcu();
		}
		__atomic_add_fetch(&n_fakewriter_gps, 1, __ATOMIC_RELAXED);
		schedule_timeout_interruptible(1 + get_random_u32() % 5);
	}
	return 0;
}

/*
 * Linux's rcu_torture_reader(): inside a reader, the element must stay
 * what it was: not freed (pipe count above 1 means a grace period ended
 * since it was removed, while we held it), still marked in use. A short
 * delay lets the writer and the preempter act meanwhile.
 */
static int rcu_torture_reader(void *unused)
{
	while (!kthread_should_stop()) {
		struct rcu_torture *p;
		int pipe;

		rcu_read_lock();
		p = rcu_dereference(rcu_torture_current);
		if (!p) {
			rcu_read_unlock();
			schedule_timeout_interruptible(1);
			continue;
		}
		if (!READ_ONCE(p->rtort_mbtest))
			__atomic_add_fetch(&n_rcu_torture_mberror, 1, __ATOMIC_RELAXED);
		udelay(get_random_u32() % 20);
		pipe = READ_ONCE(p->rtort_pipe_count);
		if (pipe > RCU_TORTURE_PIPE_LEN)
			pipe = RCU_TORTURE_PIPE_LEN;
		if (!READ_ONCE(p->rtort_mbtest))
			__atomic_add_fetch(&n_rcu_torture_mberror, 1, __ATOMIC_RELAXED);
		rcu_read_unlock();
		__atomic_add_fetch(&rcu_torture_pipe_count[pipe], 1, __ATOMIC_RELAXED);
		if (pipe > 1)
			__atomic_add_fetch(&n_rcu_torture_error, 1, __ATOMIC_RELAXED);
		cond_resched();
	}
	return 0;
}

/* A FIFO thread per CPU that takes the CPU for a millisecond now and
 * then: readers are preempted inside their critical sections, and the
 * grace period must wait for them (blocked-tasks list). */
static int rcu_torture_preempt(void *unused)
{
	sched_set_fifo_low(current);
	while (!kthread_should_stop()) {
		mdelay(1);
		schedule_timeout_interruptible(msecs_to_jiffies(preempt_interval) + 1);
	}
	return 0;
}

struct cbflood_cb {
	struct rcu_head rh;
	int invoked;
};

static void cbflood_cb(struct rcu_head *rh)
{
	struct cbflood_cb *c = container_of(rh, struct cbflood_cb, rh);

	if (c->invoked++)
		__atomic_add_fetch(&n_cbflood_errors, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&n_cbflood_invoked, 1, __ATOMIC_RELAXED);
}

/* Linux's rcu_torture_fwd_prog_cr(): floods of callbacks, from whatever
 * CPU we are on (the scheduler moves us), each invoked exactly once. */
static int rcu_torture_cbflood(void *unused)
{
	struct cbflood_cb *cbs = kcalloc(CBFLOOD_BATCH, sizeof(*cbs), GFP_KERNEL);

	if (!cbs)
		return -ENOMEM;
	while (!kthread_should_stop()) {
		long before = READ_ONCE(n_cbflood_invoked);

		for (int i = 0; i < CBFLOOD_BATCH; i++) {
			cbs[i].invoked = 0;
			call_rcu(&cbs[i].rh, cbflood_cb);
			if (i % 64 == 0)
				cond_resched();
		}
		n_cbflood_queued += CBFLOOD_BATCH;
		rcu_barrier();
		if (READ_ONCE(n_cbflood_invoked) - before != CBFLOOD_BATCH)
			n_cbflood_errors++;
		schedule_timeout_interruptible(HZ / 10);
	}
	kfree(cbs);
	return 0;
}

static bool rcu_torture_failed(void)
{
	return n_rcu_torture_error || n_rcu_torture_mberror || n_cbflood_errors ||
	       onoff.errors || storm.errors;
}

/* Linux's rcu_torture_stats_print(). */
static void rcu_torture_stats_print(void)
{
	char buf[200];
	int len = 0;

	pr_alert("rcu-torture: rtc: %p ver: %ld tfle: %d rta: %ld rtaf: %ld rtf: %ld "
		 "rtmbe: %ld nt: %ld cbflood: %ld/%ld:%ld fakewriter-gps: %ld\n",
		 READ_ONCE(rcu_torture_current), READ_ONCE(rcu_torture_current_version),
		 list_empty(&rcu_torture_freelist), n_rcu_torture_alloc,
		 n_rcu_torture_alloc_fail, READ_ONCE(n_rcu_torture_free),
		 READ_ONCE(n_rcu_torture_mberror), READ_ONCE(rcu_torture_pipe_count[0]) +
		 READ_ONCE(rcu_torture_pipe_count[1]), READ_ONCE(n_cbflood_invoked),
		 n_cbflood_queued, READ_ONCE(n_cbflood_errors), READ_ONCE(n_fakewriter_gps));
	torture_onoff_stats("rcu-torture:", &onoff);
	if (kthread_storm)
		torture_storm_stats("rcu-torture:", &storm);
	if (rcu_torture_failed())
		pr_alert("rcu-torture: !!! rtc errors: %ld mberrors: %ld cbflood errors: %ld "
			 "onoff errors: %ld storm errors: %ld\n", n_rcu_torture_error,
			 n_rcu_torture_mberror, n_cbflood_errors, onoff.errors, storm.errors);
	for (int i = 0; i <= RCU_TORTURE_PIPE_LEN; i++)
		len += scnprintf(buf + len, sizeof(buf) - len, " %ld",
				 READ_ONCE(rcu_torture_pipe_count[i]));
	pr_alert("rcu-torture: Reader Pipe: %s\n", buf);
	len = 0;
	for (int i = 0; i <= RCU_TORTURE_PIPE_LEN; i++)
		len += scnprintf(buf + len, sizeof(buf) - len, " %ld",
				 READ_ONCE(rcu_torture_wcount[i]));
	pr_alert("rcu-torture: Free-Block Circulation: %s\n", buf);
}

static int rcu_torture_stats(void *unused)
{
	while (!kthread_should_stop()) {
		schedule_timeout_interruptible(stat_interval * HZ);
		if (!kthread_should_stop())
			rcu_torture_stats_print();
	}
	return 0;
}

static void stop_task(struct task_struct **t)
{
	if (*t && !IS_ERR(*t))
		kthread_stop(*t);
	*t = NULL;
}

/* Linux's rcu_torture_cleanup(): stop everything, wait for the callbacks,
 * print the statistics and the verdict. Once. */
static void rcu_torture_end(void)
{
	mutex_lock(&rcu_torture_end_mutex);
	if (torture_ended) {
		mutex_unlock(&rcu_torture_end_mutex);
		return;
	}
	torture_ended = true;
	torture_onoff_cleanup(&onoff);
	torture_storm_cleanup(&storm);
	stop_task(&writer_task);
	for (int i = 0; i < MAX_READERS; i++)
		stop_task(&reader_tasks[i]);
	for (int i = 0; i < (int)ARRAY_SIZE(fakewriter_tasks); i++)
		stop_task(&fakewriter_tasks[i]);
	for (int i = 0; i < NR_CPUS; i++)
		stop_task(&preempt_tasks[i]);
	stop_task(&cbflood_task);
	stop_task(&stats_task);
	rcu_barrier();	/* every element back, every callback run */
	rcu_torture_stats_print();
	pr_alert("rcu-torture:--- End of test: %s: nreaders=%d nfakewriters=%d "
		 "stat_interval=%d onoff_interval=%d preempt_interval=%d cbflood=%d "
		 "kthread_storm=%d duration=%d\n",
		 rcu_torture_failed() ? "FAILURE" : "SUCCESS", n_readers, nfakewriters,
		 stat_interval, onoff_interval, preempt_interval, cbflood, kthread_storm,
		 duration);
	mutex_unlock(&rcu_torture_end_mutex);
}

static int rcu_torture_shutdown(void *unused)
{
	unsigned long end = jiffies + duration * HZ;

	while (!kthread_should_stop() && time_before(jiffies, end))
		schedule_timeout_interruptible(min_t(long, end - jiffies, HZ / 10) + 1);
	if (!kthread_should_stop())
		rcu_torture_end();
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

#define START(t, fn, arg, ...)                                          \
	do {                                                            \
		t = kthread_run(fn, arg, __VA_ARGS__);                  \
		if (IS_ERR(t)) {                                        \
			err = PTR_ERR(t);                               \
			t = NULL;                                       \
			goto fail;                                      \
		}                                                       \
	} while (0)

static int __init rcu_torture_init(void)
{
	int err = 0;

	torture_ended = false;
	INIT_LIST_HEAD(&rcu_torture_freelist);
	for (int i = 0; i < RCU_TORTURE_NELEMS; i++) {
		rcu_tortures[i].rtort_mbtest = 0;
		list_add_tail(&rcu_tortures[i].rtort_free, &rcu_torture_freelist);
	}
	rcu_torture_current = NULL;
	n_readers = nreaders < 0 ? 2 * (int)num_online_cpus() : min(nreaders, MAX_READERS);
	pr_alert("rcu-torture:--- Start of test: nreaders=%d nfakewriters=%d stat_interval=%d "
		 "onoff_interval=%d preempt_interval=%d cbflood=%d kthread_storm=%d duration=%d\n",
		 n_readers, nfakewriters, stat_interval, onoff_interval, preempt_interval,
		 cbflood, kthread_storm, duration);
	START(writer_task, rcu_torture_writer, NULL, "rcu_torture_writer");
	for (int i = 0; i < n_readers; i++)
		START(reader_tasks[i], rcu_torture_reader, NULL, "rcu_torture_reader");
	for (int i = 0; i < min(nfakewriters, (int)ARRAY_SIZE(fakewriter_tasks)); i++)
		START(fakewriter_tasks[i], rcu_torture_fakewriter, NULL, "rcu_torture_fakewriter");
	if (preempt_interval > 0)
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			START(preempt_tasks[cpu], rcu_torture_preempt, NULL, "rcu_torture_preempt");
	if (cbflood)
		START(cbflood_task, rcu_torture_cbflood, NULL, "rcu_torture_fwd_prog");
	if (stat_interval > 0)
		START(stats_task, rcu_torture_stats, NULL, "rcu_torture_stats");
	if (onoff_interval > 0) {
		onoff.interval_ms = onoff_interval;
		START(onoff.task, torture_onoff, &onoff, "torture_onoff");
	}
	if (kthread_storm) {
		err = torture_storm_init(&storm);
		if (err)
			goto fail;
	}
	if (duration > 0)
		START(shutdown_task, rcu_torture_shutdown, NULL, "torture_shutdown");
	return 0;
fail:
	rcu_torture_end();
	return err;
}

static void __exit rcu_torture_cleanup(void)
{
	stop_task(&shutdown_task);
	rcu_torture_end();
}

module_init(rcu_torture_init);
module_exit(rcu_torture_cleanup);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("RCU torture test, after Linux's rcutorture");
