/*
 * Per-CPU time statistics, as Linux's include/linux/kernel_stat.h: where
 * each CPU's ticks went (user, system, idle, ...), in nanoseconds, for
 * /proc/stat and top. Updated only by the CPU's own tick, so no lock;
 * readers on other CPUs may see a value one tick old.
 */
#ifndef _LINUX_KERNEL_STAT_H
#define _LINUX_KERNEL_STAT_H

#include <linux/types.h>
#include <spindle/config.h>

enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

struct kernel_cpustat {
	u64 cpustat[NR_STATS];
};

extern struct kernel_cpustat kernel_cpustat[NR_CPUS];
#define kcpustat_cpu(cpu) (&kernel_cpustat[cpu])

struct task_struct;
/* The tick's accounting (kernel/sched/cputime.c). */
void account_process_tick(struct task_struct *p, int user_tick);

#endif
