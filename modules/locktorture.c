/*
 * locktorture, after Linux's kernel/locking/locktorture.c (small):
 * writer threads, two per CPU, take one lock again and again, hold it
 * for a random short while (now and then long, and a FIFO thread per CPU
 * preempts them now and then), and check that nobody else holds it
 * meanwhile: lock_is_write_held must go from 0 to 1 under the lock, and
 * a counter each writer adds to under the lock must add up at the end.
 * torture_type= picks the lock: spin_lock (spin_lock()/spin_unlock()),
 * spin_lock_irq (spin_lock_irqsave()) or mutex_lock. A hotplug thread
 * takes CPUs offline and back at random (onoff_interval), and a
 * kthread_stop() storm (kthread_storm=1) runs beside it.
 *
 * Statistics as Linux's ("Writes:  Total: N  Max/Min: a/b   Fail: 0")
 * every stat_interval seconds and at the end, then
 * "--- End of test: SUCCESS" or FAILURE. The test ends after duration
 * seconds, or at rmmod. Built in: boot with locktorture.duration=10
 * locktorture.torture_type=mutex_lock and `insmod locktorture`.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/string.h>
#include "torture.h"

static int duration = 10;		/* seconds; 0: until rmmod */
static int nwriters_stress = -1;	/* -1: two per CPU */
static int stat_interval = 5;
static int onoff_interval = 0;		/* ms; 0: no hotplug */
static int kthread_storm = 0;
static char *torture_type = "spin_lock";
module_param(duration, int, 0444);
module_param(nwriters_stress, int, 0444);
module_param(stat_interval, int, 0444);
module_param(onoff_interval, int, 0444);
module_param(kthread_storm, int, 0444);
module_param(torture_type, charp, 0444);

#define MAX_WRITERS (2 * NR_CPUS)

struct lock_stress_stats {
	long n_lock_fail;
	long n_lock_acquired;
};

static DEFINE_SPINLOCK(torture_spinlock);
static DEFINE_MUTEX(torture_mutex);
static int lock_is_write_held;		/* under the lock: 0 or 1 */
static unsigned long lock_protected_sum;	/* under the lock */
static unsigned long lock_added[MAX_WRITERS];	/* each writer's own */
static struct lock_stress_stats cxt_stats[MAX_WRITERS];
static struct task_struct *writer_tasks[MAX_WRITERS];
static struct task_struct *preempt_tasks[NR_CPUS];
static struct task_struct *stats_task, *shutdown_task;
static struct torture_onoff onoff;
static struct torture_storm storm;
static int n_writers;
static int lock_type;			/* index in lock_ops */
static bool torture_ended;
static long n_sum_errors;
static DEFINE_MUTEX(lock_torture_end_mutex);

struct lock_torture_ops {
	const char *name;
	void (*writelock)(unsigned long *flags);
	void (*writeunlock)(unsigned long *flags);
	bool sleeps;
};

static void spin_write_lock(unsigned long *flags)
{
	spin_lock(&torture_spinlock);
}

static void spin_write_unlock(unsigned long *flags)
{
	spin_unlock(&torture_spinlock);
}

static void spin_irq_write_lock(unsigned long *flags)
{
	spin_lock_irqsave(&torture_spinlock, *flags);
}

static void spin_irq_write_unlock(unsigned long *flags)
{
	spin_unlock_irqrestore(&torture_spinlock, *flags);
}

static void mutex_write_lock(unsigned long *flags)
{
	mutex_lock(&torture_mutex);
}

static void mutex_write_unlock(unsigned long *flags)
{
	mutex_unlock(&torture_mutex);
}

static const struct lock_torture_ops lock_ops[] = {
	{ "spin_lock", spin_write_lock, spin_write_unlock, false },
	{ "spin_lock_irq", spin_irq_write_lock, spin_irq_write_unlock, false },
	{ "mutex_lock", mutex_write_lock, mutex_write_unlock, true },
};

/* Linux's torture_spin_lock_write_delay() / torture_mutex_delay(): mostly
 * short, sometimes long, so that others pile up behind the holder. */
static void lock_torture_delay(void)
{
	u32 r = get_random_u32();

	if (r % 2000 == 0)
		mdelay(2);
	else if (lock_ops[lock_type].sleeps && r % 200 == 1)
		msleep(1);
	else
		udelay(r % 5);
}

/* Linux's lock_torture_writer(). */
static int lock_torture_writer(void *arg)
{
	long id = (long)arg;
	const struct lock_torture_ops *ops = &lock_ops[lock_type];

	while (!kthread_should_stop()) {
		unsigned long flags = 0;

		ops->writelock(&flags);
		if (WRITE_ONCE(lock_is_write_held, READ_ONCE(lock_is_write_held) + 1) != 1)
			cxt_stats[id].n_lock_fail++;	/* someone else is inside */
		cxt_stats[id].n_lock_acquired++;
		lock_protected_sum++;
		lock_added[id]++;
		lock_torture_delay();
		WRITE_ONCE(lock_is_write_held, READ_ONCE(lock_is_write_held) - 1);
		ops->writeunlock(&flags);
		if (get_random_u32() % 16 == 0)
			schedule_timeout_interruptible(1);
		else
			cond_resched();
	}
	return 0;
}

static int lock_torture_preempt(void *unused)
{
	sched_set_fifo_low(current);
	while (!kthread_should_stop()) {
		mdelay(1);
		schedule_timeout_interruptible(msecs_to_jiffies(20) + 1);
	}
	return 0;
}

static bool lock_torture_failed(void)
{
	long fail = 0;

	for (int i = 0; i < n_writers; i++)
		fail += READ_ONCE(cxt_stats[i].n_lock_fail);
	return fail || n_sum_errors || onoff.errors || storm.errors;
}

/* Linux's __torture_print_stats(). */
static void lock_torture_stats_print(void)
{
	long total = 0, max = 0, min = LONG_MAX, fail = 0;

	for (int i = 0; i < n_writers; i++) {
		long n = READ_ONCE(cxt_stats[i].n_lock_acquired);

		total += n;
		max = max(max, n);
		min = min(min, n);
		fail += READ_ONCE(cxt_stats[i].n_lock_fail);
	}
	if (!n_writers)
		min = 0;
	pr_alert("Writes:  Total: %ld  Max/Min: %ld/%ld %s  Fail: %ld %s\n", total, max, min,
		 max > min * 2 ? "???" : "", fail, fail ? "!!!" : "");
	torture_onoff_stats("lock-torture:", &onoff);
	if (kthread_storm)
		torture_storm_stats("lock-torture:", &storm);
}

static int lock_torture_stats(void *unused)
{
	while (!kthread_should_stop()) {
		schedule_timeout_interruptible(stat_interval * HZ);
		if (!kthread_should_stop())
			lock_torture_stats_print();
	}
	return 0;
}

static void stop_task(struct task_struct **t)
{
	if (*t && !IS_ERR(*t))
		kthread_stop(*t);
	*t = NULL;
}

static void lock_torture_end(void)
{
	unsigned long sum = 0;

	mutex_lock(&lock_torture_end_mutex);
	if (torture_ended) {
		mutex_unlock(&lock_torture_end_mutex);
		return;
	}
	torture_ended = true;
	torture_onoff_cleanup(&onoff);
	torture_storm_cleanup(&storm);
	for (int i = 0; i < MAX_WRITERS; i++)
		stop_task(&writer_tasks[i]);
	for (int i = 0; i < NR_CPUS; i++)
		stop_task(&preempt_tasks[i]);
	stop_task(&stats_task);
	for (int i = 0; i < n_writers; i++)
		sum += lock_added[i];
	if (sum != lock_protected_sum) {
		pr_alert("lock-torture: protected sum %lu, writers added %lu\n",
			 lock_protected_sum, sum);
		n_sum_errors++;
	}
	lock_torture_stats_print();
	pr_alert("%s-torture:--- End of test: %s: nwriters_stress=%d nreaders_stress=0 "
		 "stat_interval=%d onoff_interval=%d kthread_storm=%d duration=%d\n",
		 lock_ops[lock_type].name, lock_torture_failed() ? "FAILURE" : "SUCCESS",
		 n_writers, stat_interval, onoff_interval, kthread_storm, duration);
	mutex_unlock(&lock_torture_end_mutex);
}

static int lock_torture_shutdown(void *unused)
{
	unsigned long end = jiffies + duration * HZ;

	while (!kthread_should_stop() && time_before(jiffies, end))
		schedule_timeout_interruptible(min_t(long, end - jiffies, HZ / 10) + 1);
	if (!kthread_should_stop())
		lock_torture_end();
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init lock_torture_init(void)
{
	int err = 0;

	lock_type = -1;
	for (int i = 0; i < (int)ARRAY_SIZE(lock_ops); i++)
		if (!strcmp(torture_type, lock_ops[i].name))
			lock_type = i;
	if (lock_type < 0) {
		pr_alert("lock-torture: invalid torture type: \"%s\"\n", torture_type);
		pr_alert("lock-torture types: spin_lock spin_lock_irq mutex_lock\n");
		return -EINVAL;
	}
	torture_ended = false;
	n_writers = nwriters_stress < 0 ? 2 * (int)num_online_cpus() :
		    min(nwriters_stress, MAX_WRITERS);
	pr_alert("%s-torture:--- Start of test: nwriters_stress=%d nreaders_stress=0 "
		 "stat_interval=%d onoff_interval=%d kthread_storm=%d duration=%d\n",
		 lock_ops[lock_type].name, n_writers, stat_interval, onoff_interval,
		 kthread_storm, duration);
	for (long i = 0; i < n_writers; i++) {
		writer_tasks[i] = kthread_run(lock_torture_writer, (void *)i, "lock_torture_wr");
		if (IS_ERR(writer_tasks[i])) {
			err = PTR_ERR(writer_tasks[i]);
			writer_tasks[i] = NULL;
			goto fail;
		}
	}
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		preempt_tasks[cpu] = kthread_run(lock_torture_preempt, NULL, "lock_torture_pr");
		if (IS_ERR(preempt_tasks[cpu])) {
			err = PTR_ERR(preempt_tasks[cpu]);
			preempt_tasks[cpu] = NULL;
			goto fail;
		}
	}
	if (stat_interval > 0) {
		stats_task = kthread_run(lock_torture_stats, NULL, "lock_torture_stats");
		if (IS_ERR(stats_task)) {
			err = PTR_ERR(stats_task);
			stats_task = NULL;
			goto fail;
		}
	}
	if (onoff_interval > 0) {
		onoff.interval_ms = onoff_interval;
		onoff.task = kthread_run(torture_onoff, &onoff, "torture_onoff");
		if (IS_ERR(onoff.task)) {
			err = PTR_ERR(onoff.task);
			onoff.task = NULL;
			goto fail;
		}
	}
	if (kthread_storm) {
		err = torture_storm_init(&storm);
		if (err)
			goto fail;
	}
	if (duration > 0) {
		shutdown_task = kthread_run(lock_torture_shutdown, NULL, "torture_shutdown");
		if (IS_ERR(shutdown_task)) {
			err = PTR_ERR(shutdown_task);
			shutdown_task = NULL;
			goto fail;
		}
	}
	return 0;
fail:
	lock_torture_end();
	return err;
}

static void __exit lock_torture_cleanup(void)
{
	stop_task(&shutdown_task);
	lock_torture_end();
}

module_init(lock_torture_init);
module_exit(lock_torture_cleanup);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lock torture test, after Linux's locktorture");
