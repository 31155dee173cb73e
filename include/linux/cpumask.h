/*
 * Walking the CPUs, as Linux's include/linux/cpumask.h. Spindle has no
 * cpumask type: CPU sets are unsigned long bit masks (NR_CPUS <= 64) and
 * "online" means the CPU has an idle task (kernel/sched/core.c).
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <spindle/config.h>
#include <spindle/sched.h>

#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)

#define for_each_online_cpu(cpu)                                \
	for_each_possible_cpu(cpu)                              \
		if (!cpu_online(cpu)) {                         \
		} else

#endif
