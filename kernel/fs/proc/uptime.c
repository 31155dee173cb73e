/*
 * /proc/uptime and /proc/loadavg, as Linux's fs/proc/uptime.c and
 * fs/proc/loadavg.c: seconds since boot and the CPUs' summed idle time;
 * the load averages (kernel/sched/loadavg.c), runnable/all tasks and the
 * last PID given. uptime(1) and top read these.
 * Lock: none.
 */
#include <linux/kernel_stat.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/cpumask.h>
#include <linux/timekeeping.h>
#include <linux/ktime.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/stat.h>
#include <linux/init.h>
#include <spindle/pid.h>
#include "internal.h"

static void show_seconds(struct seq_file *m, u64 ns, const char *end)
{
	seq_printf(m, "%llu.%02llu%s", (unsigned long long)(ns / NSEC_PER_SEC),
		   (unsigned long long)(ns % NSEC_PER_SEC / (NSEC_PER_SEC / 100)), end);
}

int uptime_proc_show(struct seq_file *m, void *v)
{
	u64 idle = 0;
	int cpu;

	for_each_online_cpu(cpu)
		idle += READ_ONCE(kcpustat_cpu(cpu)->cpustat[CPUTIME_IDLE]);
	show_seconds(m, ktime_get_ns(), " ");
	show_seconds(m, idle, "\n");
	return 0;
}

int loadavg_proc_show(struct seq_file *m, void *v)
{
	unsigned long a[3];

	for (int i = 0; i < 3; i++)
		a[i] = READ_ONCE(avenrun[i]) + FIXED_1 / 200;	/* rounded, as Linux */
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%lu %d\n",
		   LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]), LOAD_FRAC(a[1]),
		   LOAD_INT(a[2]), LOAD_FRAC(a[2]), nr_running(),
		   READ_ONCE(nr_threads), pid_last_nr());
	return 0;
}

static int __init proc_uptime_init(void)
{
	proc_create_single("uptime", 0, NULL, uptime_proc_show);
	proc_create_single("loadavg", 0, NULL, loadavg_proc_show);
	return 0;
}
fs_initcall(proc_uptime_init);
