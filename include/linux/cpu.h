/*
 * CPU bring-up at boot, as Linux's include/linux/cpu.h and smp.h:
 * smp_init() (kernel/smp.c) starts the per-CPU hotplug threads and the
 * CPUs; kernel/cpu.c keeps each CPU's hotplug state.
 */
#ifndef _LINUX_CPU_H
#define _LINUX_CPU_H

#include <linux/cpuhotplug.h>

void smp_init(void);
void cpuhp_threads_init(void);
/* The hotplug state @cpu has reached (CPUHP_ONLINE once fully up). */
enum cpuhp_state cpuhp_cpu_state(unsigned int cpu);
struct task_struct *cpuhp_thread(unsigned int cpu);

#endif
