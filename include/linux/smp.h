/*
 * Running functions on other CPUs, as Linux's include/linux/smp.h
 * (kernel/smp.c): smp_call_function_single() on one CPU,
 * smp_call_function_many() on a set, on_each_cpu() on all online CPUs
 * including this one. The function runs in the target's call-function
 * interrupt: interrupts off, it must not sleep, and must be quick.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <asm/percpu.h>

/* This CPU's number, with preemption off until put_cpu(). */
#define get_cpu() ({ preempt_disable(); raw_smp_processor_id(); })
#define put_cpu() preempt_enable()

typedef void (*smp_call_func_t)(void *info);

/* A queued call (Linux's struct __call_single_data). */
struct call_single_data {
	struct list_head node;
	smp_call_func_t func;
	void *info;
	unsigned int flags;		/* CSD_FLAG_LOCK while queued or running */
};

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
void smp_call_function_many(const unsigned long *mask, smp_call_func_t func,
			    void *info, bool wait);
void smp_call_function(smp_call_func_t func, void *info, int wait);
void on_each_cpu(smp_call_func_t func, void *info, int wait);

/* The interrupt side: run what other CPUs queued for this one. */
void generic_smp_call_function_interrupt(void);
/* The reschedule IPI's work (kernel/sched/core.c). */
void scheduler_ipi(void);

/* Boot: number the CPUs (kernel_init, before the early initcalls). */
void smp_prepare_cpus(void);
/* How many CPUs smp_init() may start (nosmp, maxcpus=). */
extern unsigned int setup_max_cpus;
extern unsigned int nr_cpu_ids;

#endif
