/*
 * The soft-lockup detector, after Linux 6.1's kernel/watchdog.c. Each CPU
 * has a periodic timer (every watchdog_thresh * 2 / 5 s) that queues a
 * small function on the CPU's stopper, migration/N; that function stamps
 * the time. The stopper is in the stop class, so it runs as soon as the
 * CPU schedules at all: if the stamp gets older than 2 * watchdog_thresh,
 * nothing has been scheduled for that long, and the timer reports
 * "BUG: soft lockup" with the backtrace of the code it interrupted.
 *
 * Differs from Linux: the timer is a timer_list (run from TIMER_SOFTIRQ
 * at the interrupt's exit), not an hrtimer in hard-interrupt context;
 * both run on top of the stuck code, so the report and backtrace are the
 * same, but a CPU stuck with bottom halves off goes unreported here. A
 * lockup is reported once, until the CPU schedules again (6.1 repeats
 * the report every 2 * watchdog_thresh while the CPU stays stuck).
 * There is no hard-lockup (NMI) detector.
 * Locking: the per-CPU fields are touched only on their own CPU.
 */
#include <linux/nmi.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/stop_machine.h>
#include <linux/completion.h>
#include <linux/timekeeping.h>
#include <linux/init.h>

#define NUM_SAMPLE_PERIODS 5		/* timer runs per soft-lockup threshold */
#define SOFTLOCKUP_DELAY_REPORT ULONG_MAX	/* touched: restart the count */
#define WATCHDOG_THRESH_MAX 60		/* as Linux's sysctl limit */

int watchdog_thresh = 10;
int softlockup_panic;
static bool soft_enabled = true;	/* nowatchdog / nosoftlockup clear it */
static unsigned long nr_reports;

struct watchdog_cpu {
	unsigned long touch_ts;		/* s: when the stopper last ran */
	bool warned;			/* reported this lockup already */
	bool armed;
	struct timer_list timer;
	struct cpu_stop_work stop_work;
	struct completion stop_done;	/* the queued touch has run */
};

static struct watchdog_cpu watchdog_cpus[NR_CPUS];

static int __init watchdog_thresh_setup(char *str)
{
	int v;

	if (kstrtoint(str, 10, &v) || v < 0 || v > WATCHDOG_THRESH_MAX) {
		pr_err("watchdog: watchdog_thresh=%s: not a number of seconds from 0 "
		       "to %d; keeping %d\n", str, WATCHDOG_THRESH_MAX, watchdog_thresh);
		return 0;
	}
	watchdog_thresh = v;
	return 0;
}
__setup("watchdog_thresh=", watchdog_thresh_setup);

static int __init nowatchdog_setup(char *str)
{
	soft_enabled = false;
	return 0;
}
__setup("nowatchdog", nowatchdog_setup);

static int __init nosoftlockup_setup(char *str)
{
	soft_enabled = false;
	return 0;
}
__setup("nosoftlockup", nosoftlockup_setup);

static int __init softlockup_panic_setup(char *str)
{
	int v;

	if (kstrtoint(str, 10, &v) || (v != 0 && v != 1)) {
		pr_err("watchdog: softlockup_panic=%s: must be 0 or 1; keeping %d\n",
		       str, softlockup_panic);
		return 0;
	}
	softlockup_panic = v;
	return 0;
}
__setup("softlockup_panic=", softlockup_panic_setup);

/* Seconds since boot (Linux's get_timestamp(), running_clock() >> 30). */
static unsigned long get_timestamp(void)
{
	return ktime_get_ns() / 1000000000ULL;
}

unsigned int softlockup_thresh_secs(void)
{
	return watchdog_thresh * 2;
}

static unsigned long sample_period_jiffies(void)
{
	return (unsigned long)softlockup_thresh_secs() * HZ / NUM_SAMPLE_PERIODS;
}

bool softlockup_enabled(void)
{
	return soft_enabled && watchdog_thresh;
}

unsigned long softlockup_reports(void)
{
	return READ_ONCE(nr_reports);
}

/**
 * touch_softlockup_watchdog - this CPU is busy on purpose
 *
 * The next timer run restarts the count instead of reporting.
 * Context: any; a per-CPU store.
 */
void touch_softlockup_watchdog(void)
{
	WRITE_ONCE(watchdog_cpus[smp_processor_id()].touch_ts, SOFTLOCKUP_DELAY_REPORT);
}

void touch_all_softlockup_watchdogs(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		WRITE_ONCE(watchdog_cpus[cpu].touch_ts, SOFTLOCKUP_DELAY_REPORT);
}

/* Runs in migration/N: the CPU scheduled, so it is not locked up. */
static int softlockup_fn(void *data)
{
	struct watchdog_cpu *wd = &watchdog_cpus[smp_processor_id()];

	WRITE_ONCE(wd->touch_ts, get_timestamp());
	complete(&wd->stop_done);
	return 0;
}

/* Seconds stuck, or 0 while under the threshold (Linux's is_softlockup()). */
static unsigned long is_softlockup(unsigned long touch_ts, unsigned long now)
{
	if (time_after(now, touch_ts + softlockup_thresh_secs()))
		return now - touch_ts;
	return 0;
}

static void softlockup_report(struct watchdog_cpu *wd, unsigned long duration)
{
	wd->warned = true;
	pr_emerg("watchdog: BUG: soft lockup - CPU#%d stuck for %lus! [%s:%d]\n",
		 smp_processor_id(), duration, current->comm, task_pid_nr(current));
	/* From the timer, on top of the interrupted code: its frames follow. */
	dump_stack();
	WRITE_ONCE(nr_reports, nr_reports + 1);
	if (softlockup_panic)
		panic("softlockup: hung tasks");
}

/*
 * watchdog_timer_fn - the per-CPU sample (Linux's watchdog_timer_fn())
 *
 * Queues the next touch on the stopper unless the last one is still
 * waiting there, re-arms itself, and checks how old the touch is.
 * Context: TIMER_SOFTIRQ on its CPU, on top of whatever was running.
 */
static void watchdog_timer_fn(struct timer_list *t)
{
	struct watchdog_cpu *wd = from_timer(wd, t, timer);
	int cpu = smp_processor_id();
	unsigned long touch_ts, now = get_timestamp(), duration;

	if (completion_done(&wd->stop_done)) {
		reinit_completion(&wd->stop_done);
		stop_one_cpu_nowait(cpu, softlockup_fn, NULL, &wd->stop_work);
	}
	mod_timer(&wd->timer, jiffies + sample_period_jiffies());

	touch_ts = READ_ONCE(wd->touch_ts);
	if (touch_ts == SOFTLOCKUP_DELAY_REPORT) {
		WRITE_ONCE(wd->touch_ts, now);
		return;
	}
	duration = is_softlockup(touch_ts, now);
	if (!duration)
		wd->warned = false;
	else if (!wd->warned)
		softlockup_report(wd, duration);
}

/* CPUHP_AP_WATCHDOG_ONLINE startup, in cpuhp/N on @cpu: arm its timer. */
int lockup_detector_online_cpu(unsigned int cpu)
{
	struct watchdog_cpu *wd = &watchdog_cpus[cpu];

	if (!softlockup_enabled() || wd->armed)
		return 0;
	wd->touch_ts = get_timestamp();
	wd->warned = false;
	init_completion(&wd->stop_done);
	complete(&wd->stop_done);	/* nothing queued yet */
	timer_setup(&wd->timer, watchdog_timer_fn, 0);
	mod_timer(&wd->timer, jiffies + sample_period_jiffies());
	wd->armed = true;
	return 0;
}

/* Its teardown: disarm, and let a queued touch finish first. */
int lockup_detector_offline_cpu(unsigned int cpu)
{
	struct watchdog_cpu *wd = &watchdog_cpus[cpu];

	if (!wd->armed)
		return 0;
	del_timer_sync(&wd->timer);
	wait_for_completion(&wd->stop_done);
	wd->armed = false;
	return 0;
}

/* Before smp_init(), as Linux: say what the detector will do. The timers
 * start per CPU from the hotplug state machine (cpuhp/N). */
void __init lockup_detector_init(void)
{
	if (!softlockup_enabled()) {
		pr_info("watchdog: soft-lockup detector disabled\n");
		return;
	}
	pr_info("watchdog: soft lockup after %us, sampled every %lu ms from "
		"migration/N\n", softlockup_thresh_secs(),
		sample_period_jiffies() * 1000 / HZ);
}
