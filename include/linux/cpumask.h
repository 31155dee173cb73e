/*
 * CPU sets, as Linux's include/linux/cpumask.h. Spindle has no cpumask
 * type: CPU sets are unsigned long bit masks (NR_CPUS <= 64).
 * cpu_online_mask holds the CPUs that run (set by each CPU as it comes
 * up, kernel/cpu.c); every CPU below NR_CPUS counts as possible.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bitops.h>
#include <spindle/config.h>

extern unsigned long __cpu_online_mask;
extern unsigned int __num_online_cpus;	/* its weight, kept beside it */
/* CPUs the scheduler may place tasks on: online and not going down
 * (Linux's cpu_active_mask; kernel/cpu.c). */
extern unsigned long __cpu_active_mask;
#define cpu_online_mask ((const unsigned long *)&__cpu_online_mask)

static inline bool cpu_online(int cpu)
{
	return cpu >= 0 && cpu < NR_CPUS && (READ_ONCE(__cpu_online_mask) >> cpu) & 1;
}

static inline bool cpu_active(int cpu)
{
	return cpu >= 0 && cpu < NR_CPUS && (READ_ONCE(__cpu_active_mask) >> cpu) & 1;
}

static inline bool cpu_is_offline(int cpu)
{
	return !cpu_online(cpu);
}

/* One load: the idle loop and the TLB flush ask on every pass. */
static inline unsigned int num_online_cpus(void)
{
	return READ_ONCE(__num_online_cpus);
}

void set_cpu_online(unsigned int cpu, bool online);
void set_cpu_active(unsigned int cpu, bool active);

#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)

#define for_each_online_cpu(cpu)                                \
	for_each_possible_cpu(cpu)                              \
		if (!cpu_online(cpu)) {                         \
		} else

/* Each CPU in the mask *@maskp (a snapshot taken at the start). */
#define for_each_cpu(cpu, maskp)                                        \
	for (unsigned long __m = *(maskp);                              \
	     __m && ((cpu) = __builtin_ctzl(__m), 1); __m &= __m - 1)

#endif
