/*
 * Per-CPU hotplug threads, after Linux's kernel/smpboot.c. A subsystem
 * registers a struct smp_hotplug_thread; smpboot creates "name/N" on each
 * online CPU with kthread_create_on_cpu() (bound to N), parks it, and
 * unparks it once the CPU is up. Every such thread runs the same loop,
 * smpboot_thread_fn(), which calls the subsystem's hooks.
 *
 * CPU hotplug is why the threads park: a CPU going down parks its
 * threads (smpboot_park_threads(), CPUHP_AP_SMPBOOT_THREADS teardown, in
 * cpuhp/N on that CPU); they keep their state and their binding, and the
 * CPU coming back unparks them on it. See docs/cpu-hotplug.md.
 * Locking: cpus_read_lock() during registration, so that no CPU comes or
 * goes meanwhile (as Linux); smpboot_threads_lock (a mutex) guards
 * hotplug_threads and the store[] arrays while threads are created or
 * destroyed.
 */
#include <linux/smpboot.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/cpu.h>

static LIST_HEAD(hotplug_threads);
static DEFINE_MUTEX(smpboot_threads_lock);

/* What one thread knows about itself (Linux's struct smpboot_thread_data). */
struct smpboot_thread_data {
	unsigned int cpu;
	unsigned int status;
	struct smp_hotplug_thread *ht;
};

enum {
	HP_THREAD_NONE = 0,	/* setup() not called yet */
	HP_THREAD_ACTIVE,
	HP_THREAD_PARKED,
};

/* The thread was told to stop: clean up and return (Linux's exit path). */
static int smpboot_thread_exit(struct smpboot_thread_data *td)
{
	struct smp_hotplug_thread *ht = td->ht;

	if (ht->cleanup && td->status != HP_THREAD_NONE)
		ht->cleanup(td->cpu, cpu_online(td->cpu));
	kfree(td);
	return 0;
}

/* The thread was told to park: tell the subsystem, then park. */
static void smpboot_thread_park(struct smpboot_thread_data *td)
{
	if (td->ht->park && td->status == HP_THREAD_ACTIVE) {
		BUG_ON(td->cpu != (unsigned int)smp_processor_id());
		td->ht->park(td->cpu);
		td->status = HP_THREAD_PARKED;
	}
	kthread_parkme();
}

/*
 * smpboot_thread_fn - the loop of every per-CPU hotplug thread
 * @data: its struct smpboot_thread_data
 *
 * Mirrors smpboot_thread_fn() in Linux's kernel/smpboot.c: stop and park
 * requests first; setup() once and unpark() after each unpark; then
 * thread_fn() while thread_should_run() says so, sleeping otherwise. The
 * state is set to TASK_INTERRUPTIBLE before should_run is asked, with
 * preemption off, so a wake-up between the check and schedule() is not
 * lost.
 */
static int smpboot_thread_fn(void *data)
{
	struct smpboot_thread_data *td = data;
	struct smp_hotplug_thread *ht = td->ht;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		preempt_disable();
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			preempt_enable();
			return smpboot_thread_exit(td);
		}
		if (kthread_should_park()) {
			__set_current_state(TASK_RUNNING);
			preempt_enable();
			smpboot_thread_park(td);
			continue;
		}
		BUG_ON(td->cpu != (unsigned int)smp_processor_id());
		if (td->status != HP_THREAD_ACTIVE) {
			__set_current_state(TASK_RUNNING);
			preempt_enable();
			if (td->status == HP_THREAD_NONE && ht->setup)
				ht->setup(td->cpu);
			else if (td->status == HP_THREAD_PARKED && ht->unpark)
				ht->unpark(td->cpu);
			td->status = HP_THREAD_ACTIVE;
			continue;
		}
		if (!ht->thread_should_run(td->cpu)) {
			preempt_enable_no_resched();
			schedule();
		} else {
			__set_current_state(TASK_RUNNING);
			preempt_enable();
			ht->thread_fn(td->cpu);
		}
	}
}

/*
 * Creates @ht's thread for @cpu, bound and parked (Linux's
 * __smpboot_create_thread()). Parked, it will start on its CPU once
 * unparked. Caller holds smpboot_threads_lock.
 */
static int __smpboot_create_thread(struct smp_hotplug_thread *ht, unsigned int cpu)
{
	struct smpboot_thread_data *td;
	struct task_struct *tsk;

	if (ht->store[cpu])
		return 0;
	td = kzalloc(sizeof(*td), GFP_KERNEL);
	if (!td)
		return -ENOMEM;
	td->cpu = cpu;
	td->ht = ht;
	tsk = kthread_create_on_cpu(smpboot_thread_fn, td, cpu, ht->thread_comm);
	if (IS_ERR(tsk)) {
		kfree(td);
		return PTR_ERR(tsk);
	}
	kthread_park(tsk);	/* returns once it is off the CPU, parked */
	get_task_struct(tsk);
	ht->store[cpu] = tsk;
	if (ht->create)
		ht->create(cpu);
	return 0;
}

static void smpboot_unpark_thread(struct smp_hotplug_thread *ht, unsigned int cpu)
{
	struct task_struct *tsk = ht->store[cpu];

	if (!ht->selfparking)
		kthread_unpark(tsk);
}

static void smpboot_park_thread(struct smp_hotplug_thread *ht, unsigned int cpu)
{
	struct task_struct *tsk = ht->store[cpu];

	if (tsk && !ht->selfparking)
		kthread_park(tsk);
}

/* Stops every thread of @ht. Caller holds smpboot_threads_lock. */
static void smpboot_destroy_threads(struct smp_hotplug_thread *ht)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct task_struct *tsk = ht->store[cpu];

		if (tsk) {
			kthread_stop(tsk);
			put_task_struct(tsk);
			ht->store[cpu] = NULL;
		}
	}
}

/* CPU hotplug's CPUHP_CREATE_THREADS step: every registered thread for @cpu. */
int smpboot_create_threads(unsigned int cpu)
{
	struct smp_hotplug_thread *cur;
	int ret = 0;

	mutex_lock(&smpboot_threads_lock);
	list_for_each_entry(cur, &hotplug_threads, list) {
		ret = __smpboot_create_thread(cur, cpu);
		if (ret)
			break;
	}
	mutex_unlock(&smpboot_threads_lock);
	return ret;
}

/* CPU hotplug's CPUHP_AP_SMPBOOT_THREADS startup: let them run on @cpu. */
int smpboot_unpark_threads(unsigned int cpu)
{
	struct smp_hotplug_thread *cur;

	mutex_lock(&smpboot_threads_lock);
	list_for_each_entry(cur, &hotplug_threads, list)
		smpboot_unpark_thread(cur, cpu);
	mutex_unlock(&smpboot_threads_lock);
	return 0;
}

/* Its teardown: park them before @cpu goes (in cpuhp/@cpu, on @cpu). */
int smpboot_park_threads(unsigned int cpu)
{
	struct smp_hotplug_thread *cur;

	mutex_lock(&smpboot_threads_lock);
	list_for_each_entry(cur, &hotplug_threads, list)
		smpboot_park_thread(cur, cpu);
	mutex_unlock(&smpboot_threads_lock);
	return 0;
}

/**
 * smpboot_register_percpu_thread - create a per-CPU thread on every online CPU
 * @plug_thread: its description; must stay valid until unregistered
 *
 * Each thread is created bound to its CPU, named thread_comm with the
 * CPU number, and unparked (unless selfparking), so it runs setup() and
 * then waits for thread_should_run(). A CPU that comes online later gets
 * its thread from the hotplug state machine.
 * Context: process context; sleeps.
 * Return: 0, or a negative errno (then no thread of @plug_thread is left).
 */
int smpboot_register_percpu_thread(struct smp_hotplug_thread *plug_thread)
{
	unsigned int cpu;
	int ret = 0;

	cpus_read_lock();
	mutex_lock(&smpboot_threads_lock);
	for_each_online_cpu(cpu) {
		ret = __smpboot_create_thread(plug_thread, cpu);
		if (ret) {
			smpboot_destroy_threads(plug_thread);
			goto out;
		}
		smpboot_unpark_thread(plug_thread, cpu);
	}
	list_add(&plug_thread->list, &hotplug_threads);
out:
	mutex_unlock(&smpboot_threads_lock);
	cpus_read_unlock();
	return ret;
}

/**
 * smpboot_unregister_percpu_thread - stop the threads of @plug_thread
 * @plug_thread: a registered description
 *
 * Parks each thread (so park() runs), then stops it (cleanup() runs).
 * Context: process context; sleeps.
 */
void smpboot_unregister_percpu_thread(struct smp_hotplug_thread *plug_thread)
{
	unsigned int cpu;

	cpus_read_lock();
	mutex_lock(&smpboot_threads_lock);
	list_del(&plug_thread->list);
	for_each_online_cpu(cpu)
		smpboot_park_thread(plug_thread, cpu);
	smpboot_destroy_threads(plug_thread);
	mutex_unlock(&smpboot_threads_lock);
	cpus_read_unlock();
}
