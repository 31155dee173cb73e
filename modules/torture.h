/*
 * What the torture modules share, after Linux's kernel/torture.c and
 * include/linux/torture.h (small): the thread that takes CPUs offline
 * and back at random (torture_onoff()), a kthread_stop() storm, the
 * bookkeeping of their statistics, and the test's end after "duration"
 * seconds. Each module includes it once (static functions: no module
 * depends on another).
 */
#ifndef _MODULES_TORTURE_H
#define _MODULES_TORTURE_H

#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/errno.h>

/* ---- CPU hotplug at random (Linux's torture_onoff()) ---- */

struct torture_onoff {
	struct task_struct *task;
	unsigned int interval_ms;	/* between two actions; 0: off */
	long n_offline_attempts, n_offline_successes;
	long n_online_attempts, n_online_successes;
	unsigned long min_offline, max_offline, sum_offline;	/* jiffies */
	unsigned long min_online, max_online, sum_online;
	long errors;
};

static void torture_onoff_time(unsigned long start, unsigned long *min,
			       unsigned long *max, unsigned long *sum)
{
	unsigned long d = jiffies - start;

	if (!*min || d < *min)
		*min = d;
	if (d > *max)
		*max = d;
	*sum += d;
}

/* A random CPU but CPU 0 (which cannot go), or -1 with one CPU. */
static int torture_random_cpu(void)
{
	if (nr_cpu_ids < 2)
		return -1;
	return 1 + get_random_u32() % (nr_cpu_ids - 1);
}

static int torture_onoff(void *data)
{
	struct torture_onoff *oo = data;

	while (!kthread_should_stop()) {
		int cpu = torture_random_cpu();
		unsigned long start = jiffies;
		int ret;

		if (cpu < 0)
			break;
		if (cpu_online(cpu)) {
			oo->n_offline_attempts++;
			ret = remove_cpu(cpu);
			if (!ret) {
				oo->n_offline_successes++;
				torture_onoff_time(start, &oo->min_offline, &oo->max_offline,
						   &oo->sum_offline);
			} else if (ret != -EBUSY) {
				pr_alert("torture: offline of CPU %d failed: %d\n", cpu, ret);
				oo->errors++;
			}
		} else {
			oo->n_online_attempts++;
			ret = add_cpu(cpu);
			if (!ret) {
				oo->n_online_successes++;
				torture_onoff_time(start, &oo->min_online, &oo->max_online,
						   &oo->sum_online);
			} else {
				pr_alert("torture: online of CPU %d failed: %d\n", cpu, ret);
				oo->errors++;
			}
		}
		schedule_timeout_interruptible(msecs_to_jiffies(oo->interval_ms) + 1);
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ / 10);
	return 0;
}

/* Brings every CPU back (the end of a test leaves the machine as found). */
static void torture_onoff_cleanup(struct torture_onoff *oo)
{
	if (oo->task) {
		kthread_stop(oo->task);
		oo->task = NULL;
	}
	for (unsigned int cpu = 1; cpu < nr_cpu_ids; cpu++)
		if (!cpu_online(cpu) && add_cpu(cpu))
			oo->errors++;
}

/* Linux's format: onoff: online/attempts:offline/attempts min,max:min,max
 * sum:sum (HZ=N). */
static void torture_onoff_stats(const char *tag, struct torture_onoff *oo)
{
	pr_alert("%s onoff: %ld/%ld:%ld/%ld %lu,%lu:%lu,%lu %lu:%lu (HZ=%d)\n", tag,
		 oo->n_online_successes, oo->n_online_attempts,
		 oo->n_offline_successes, oo->n_offline_attempts,
		 oo->min_online, oo->max_online, oo->min_offline, oo->max_offline,
		 oo->sum_online, oo->sum_offline, HZ);
}

/* ---- a kthread_stop() storm: create, park, unpark, stop, against hotplug ---- */

#define STORM_MAGIC 42

struct torture_storm {
	struct task_struct *tasks[NR_CPUS];
	long created, parked, unparked, stopped, never_ran, errors;
};

static int storm_victim_fn(void *data)
{
	while (!kthread_should_stop()) {
		if (kthread_should_park())
			kthread_parkme();
		else
			schedule_timeout_interruptible(1);
	}
	return STORM_MAGIC;
}

/*
 * One per CPU: make per-CPU kthreads bound to random CPUs (which may go
 * offline meanwhile, or be offline already: then the thread runs
 * elsewhere until its CPU returns, as smpboot threads do), and park,
 * unpark and stop them, some before they ever ran (kthread_stop() then
 * returns -EINTR).
 */
static int torture_storm_fn(void *data)
{
	struct torture_storm *st = data;

	while (!kthread_should_stop()) {
		int cpu = get_random_u32() % nr_cpu_ids;
		u32 r = get_random_u32();
		struct task_struct *k;
		int ret;

		k = kthread_create_on_cpu(storm_victim_fn, NULL, cpu, "ktorture/%u");
		if (IS_ERR(k)) {
			schedule_timeout_interruptible(1);	/* memory: try later */
			continue;
		}
		__atomic_add_fetch(&st->created, 1, __ATOMIC_RELAXED);
		if (r & 1) {
			wake_up_process(k);
			if (r & 2) {
				kthread_park(k);
				__atomic_add_fetch(&st->parked, 1, __ATOMIC_RELAXED);
				if (r & 4) {
					kthread_unpark(k);
					__atomic_add_fetch(&st->unparked, 1, __ATOMIC_RELAXED);
				}
			}
			if (r & 8)
				schedule_timeout_interruptible(1);
		}
		ret = kthread_stop(k);
		__atomic_add_fetch(&st->stopped, 1, __ATOMIC_RELAXED);
		if (ret == -EINTR)
			__atomic_add_fetch(&st->never_ran, 1, __ATOMIC_RELAXED);
		else if (ret != STORM_MAGIC) {
			pr_alert("torture: kthread_stop() returned %d\n", ret);
			__atomic_add_fetch(&st->errors, 1, __ATOMIC_RELAXED);
		}
		cond_resched();
	}
	return 0;
}

static int torture_storm_init(struct torture_storm *st)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct task_struct *t = kthread_create(torture_storm_fn, st, "kstorm/%u", cpu);

		if (IS_ERR(t))
			return PTR_ERR(t);
		st->tasks[cpu] = t;
		wake_up_process(t);
	}
	return 0;
}

static void torture_storm_cleanup(struct torture_storm *st)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (st->tasks[cpu])
			kthread_stop(st->tasks[cpu]);
		st->tasks[cpu] = NULL;
	}
}

static void torture_storm_stats(const char *tag, struct torture_storm *st)
{
	pr_alert("%s kthread-storm: created %ld parked %ld unparked %ld stopped %ld "
		 "never-ran %ld errors %ld\n", tag, st->created, st->parked, st->unparked,
		 st->stopped, st->never_ran, st->errors);
}

#endif
