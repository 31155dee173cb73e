/*
 * Per-CPU "hotplug" threads, as Linux's include/linux/smpboot.h: a
 * subsystem describes one thread per CPU (ksoftirqd/N, migration/N,
 * cpuhp/N) and kernel/smpboot.c creates, parks and unparks it with the
 * CPU. The thread's loop is smpboot's own; the subsystem supplies hooks.
 */
#ifndef _LINUX_SMPBOOT_H
#define _LINUX_SMPBOOT_H

#include <linux/types.h>
#include <linux/list.h>

struct task_struct;

/**
 * struct smp_hotplug_thread - a per-CPU thread, described once
 * @store: where the task of each CPU is kept: store[cpu], an array of
 *	NR_CPUS pointers owned by the subsystem (a per-CPU pointer in Linux)
 * @list: on smpboot's list of registered threads (smpboot's own)
 * @thread_should_run: is there work for this CPU? Called with
 *	preemption disabled; must not sleep
 * @thread_fn: does the work; called with preemption enabled, may sleep
 * @create: called right after the thread of @cpu is created (optional)
 * @setup: called once by the thread itself before its first work (optional)
 * @cleanup: called by the thread when it is stopped (optional)
 * @park: called by the thread before it parks (optional)
 * @unpark: called by the thread after it is unparked (optional)
 * @selfparking: the thread parks itself (smpboot does not park it)
 * @thread_comm: name format with one %u for the CPU ("ksoftirqd/%u")
 */
struct smp_hotplug_thread {
	struct task_struct **store;
	struct list_head list;
	int (*thread_should_run)(unsigned int cpu);
	void (*thread_fn)(unsigned int cpu);
	void (*create)(unsigned int cpu);
	void (*setup)(unsigned int cpu);
	void (*cleanup)(unsigned int cpu, bool online);
	void (*park)(unsigned int cpu);
	void (*unpark)(unsigned int cpu);
	bool selfparking;
	const char *thread_comm;
};

int smpboot_register_percpu_thread(struct smp_hotplug_thread *plug_thread);
void smpboot_unregister_percpu_thread(struct smp_hotplug_thread *plug_thread);

/* CPU hotplug's steps for the registered threads (kernel/cpu.c). */
int smpboot_create_threads(unsigned int cpu);
int smpboot_unpark_threads(unsigned int cpu);
int smpboot_park_threads(unsigned int cpu);

#endif
