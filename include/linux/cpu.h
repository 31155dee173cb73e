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
/* Brings @cpu up to CPUHP_ONLINE through the hotplug states (Linux's
 * cpu_up()). Context: process; sleeps. Return: 0 or a negative errno. */
int cpu_up(unsigned int cpu);
/* Takes @cpu down to CPUHP_OFFLINE (Linux's remove_cpu()): 0, -EBUSY for
 * CPU 0 or the last CPU, -EINVAL for a CPU that is not present. */
int cpu_down(unsigned int cpu);
/* Linux's names for the two, as the sysfs online file uses them. */
static inline int add_cpu(unsigned int cpu) { return cpu_up(cpu); }
static inline int remove_cpu(unsigned int cpu) { return cpu_down(cpu); }
/* Keeps CPUs from coming or going (Linux's cpu_hotplug_lock; a mutex here). */
void cpus_read_lock(void);
void cpus_read_unlock(void);
/* A CPU coming up reached its idle loop (start_secondary()). */
void cpuhp_online_idle(unsigned int cpu);
/* The hotplug state @cpu has reached (CPUHP_ONLINE once fully up). */
enum cpuhp_state cpuhp_cpu_state(unsigned int cpu);
struct task_struct *cpuhp_thread(unsigned int cpu);
/* The name of hotplug state @state ("sched:active"), or NULL. */
const char *cpuhp_state_name(enum cpuhp_state state);
/* The idle loop of an offline CPU: report, then the architecture's
 * play_dead() (Linux's cpuhp_report_idle_dead() and arch_cpu_idle_dead()). */
void cpuhp_report_idle_dead(void);
/* How many times CPUs went offline and came back online since boot. */
unsigned long cpuhp_nr_offline(void);
unsigned long cpuhp_nr_online(void);

/* The teardown and startup callbacks of the subsystems (Linux's names). */
int sched_cpu_starting(unsigned int cpu);
int sched_cpu_dying(unsigned int cpu);
int sched_cpu_activate(unsigned int cpu);
int sched_cpu_deactivate(unsigned int cpu);
int rcutree_prepare_cpu(unsigned int cpu);
int rcutree_dead_cpu(unsigned int cpu);
int rcutree_dying_cpu(unsigned int cpu);
int rcutree_online_cpu(unsigned int cpu);
int rcutree_offline_cpu(unsigned int cpu);
void rcu_cpu_starting(unsigned int cpu);
void rcu_report_dead(unsigned int cpu);
void rcutree_migrate_callbacks(int cpu);
int timers_prepare_cpu(unsigned int cpu);
int timers_dead_cpu(unsigned int cpu);
int softirq_dead_cpu(unsigned int cpu);
void softirq_cpu_dying_stash(void);
int smpcfd_dying_cpu(unsigned int cpu);
int workqueue_offline_cpu(unsigned int cpu);
void stop_machine_park(int cpu);
/* stop_machine() for callers that hold cpus_read_lock() or are cpu_down(). */
int stop_machine_cpuslocked(int (*fn)(void *), void *data, const unsigned long *cpus);

#endif
