/*
 * /proc/stat, as Linux's fs/proc/stat.c: where each CPU's time went (in
 * USER_HZ ticks, from the tick's accounting in kernel/sched/cputime.c),
 * interrupt and context-switch totals, the boot time, fork and run-queue
 * counts, and softirq totals. top computes its CPU percentages from two
 * reads of the cpu lines.
 * Simplified: softirq counts are totals (Linux: summed from per-CPU
 * counters too); iowait and steal are always 0.
 * Lock: none; counters are read once each.
 */
#include <linux/kernel_stat.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/interrupt.h>
#include <linux/cpumask.h>
#include <linux/timekeeping.h>
#include <linux/ktime.h>
#include <linux/sched/stat.h>
#include <linux/init.h>
#include <asm/irq.h>
#include "internal.h"

/* The columns' order, which is not the enum's. */
static const u8 stat_columns[NR_STATS] = {
	CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM, CPUTIME_IDLE, CPUTIME_IOWAIT,
	CPUTIME_IRQ, CPUTIME_SOFTIRQ, CPUTIME_STEAL, CPUTIME_GUEST, CPUTIME_GUEST_NICE,
};

static void show_cpu_line(struct seq_file *m, const char *name, const u64 *cs)
{
	seq_puts(m, name);
	for (int i = 0; i < NR_STATS; i++)
		seq_put_decimal_ull(m, " ", nsec_to_clock_t(cs[stat_columns[i]]));
	seq_putc(m, '\n');
}

/* The "cpu" line sums the "cpuN" lines; Linux prints it with two spaces. */
static void show_cpus(struct seq_file *m)
{
	u64 sum[NR_STATS] = { 0 };
	char name[16];
	int cpu;

	for_each_online_cpu(cpu)
		for (int i = 0; i < NR_STATS; i++)
			sum[i] += READ_ONCE(kcpustat_cpu(cpu)->cpustat[i]);
	show_cpu_line(m, "cpu ", sum);
	for_each_online_cpu(cpu) {
		u64 cs[NR_STATS];

		for (int i = 0; i < NR_STATS; i++)
			cs[i] = READ_ONCE(kcpustat_cpu(cpu)->cpustat[i]);
		snprintf(name, sizeof(name), "cpu%d", cpu);
		show_cpu_line(m, name, cs);
	}
}

/* intr: the total, then one count per IRQ number from 0. */
static void show_intr(struct seq_file *m)
{
	u64 total = 0;
	const char *name;

	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		total += irq_count(irq, &name);
	seq_put_decimal_ull(m, "intr ", total);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		seq_put_decimal_ull(m, " ", irq_count(irq, &name));
	seq_putc(m, '\n');
}

static void show_softirqs(struct seq_file *m)
{
	unsigned long total = 0;

	for (int i = 0; i < NR_SOFTIRQS; i++)
		total += softirq_count_of(i);
	seq_put_decimal_ull(m, "softirq ", total);
	for (int i = 0; i < NR_SOFTIRQS; i++)
		seq_put_decimal_ull(m, " ", softirq_count_of(i));
	seq_putc(m, '\n');
}

/**
 * proc_boot_time_sec - when the system booted, in seconds since the epoch
 *
 * Return: /proc/stat's btime.
 */
u64 proc_boot_time_sec(void)
{
	return (ktime_get_real_ns() - ktime_get_ns()) / NSEC_PER_SEC;
}

static int show_stat(struct seq_file *m, void *v)
{
	show_cpus(m);
	show_intr(m);
	seq_printf(m, "ctxt %llu\nbtime %llu\nprocesses %lu\n",
		   (unsigned long long)nr_context_switches(),
		   (unsigned long long)proc_boot_time_sec(), READ_ONCE(total_forks));
	seq_printf(m, "procs_running %u\nprocs_blocked 0\n", nr_running());
	show_softirqs(m);
	return 0;
}

static int __init proc_stat_init(void)
{
	proc_create_single("stat", 0, NULL, show_stat);
	return 0;
}
fs_initcall(proc_stat_init);
