/*
 * The CPU stopper, as Linux's include/linux/stop_machine.h: work queued
 * to a CPU's migration/N thread, which runs in the stop scheduling class
 * and so preempts every other task on that CPU, real-time ones included.
 * A stop function runs with preemption disabled and must not sleep.
 */
#ifndef _LINUX_STOP_MACHINE_H
#define _LINUX_STOP_MACHINE_H

#include <linux/types.h>
#include <linux/list.h>

typedef int (*cpu_stop_fn_t)(void *arg);

struct cpu_stop_done;

/* One request; the caller owns it until the function has run. */
struct cpu_stop_work {
	struct list_head list;
	cpu_stop_fn_t fn;
	unsigned long caller;
	void *arg;
	struct cpu_stop_done *done;
};

int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg);
bool stop_one_cpu_nowait(unsigned int cpu, cpu_stop_fn_t fn, void *arg,
			 struct cpu_stop_work *work_buf);
int stop_machine(cpu_stop_fn_t fn, void *data, const unsigned long *cpus);
/* The stop function @cpu's stopper runs now, or NULL (for reports). */
cpu_stop_fn_t cpu_stopper_running_fn(unsigned int cpu);
struct task_struct *cpu_stopper_task(unsigned int cpu);

#endif
