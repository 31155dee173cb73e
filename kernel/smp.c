/*
 * SMP at boot and cross-CPU function calls, after Linux's kernel/smp.c.
 *
 * smp_prepare_cpus() numbers the CPUs the firmware lists; smp_init()
 * starts the hotplug threads (cpuhp/N), which bring the boot CPU to
 * CPUHP_ONLINE, then brings every other CPU up through cpu_up()
 * (kernel/cpu.c), one at a time, and reports "smp: Brought up 1 node,
 * N CPUs" as Linux does. The options nosmp, maxcpus=N and nr_cpus=N
 * have Linux's meaning.
 *
 * smp_call_function_single()/_many() queue a call_single_data on each
 * target CPU's call_single_queue and send it a call-function IPI; the
 * target runs the queue in generic_smp_call_function_interrupt() and
 * clears the data's lock flag, which is what a waiting caller spins on.
 * Differs from Linux: the queues are lists under a spinlock, not
 * lock-free llists, and there is one IPI per target.
 * Locking: call_queue[cpu].lock (irqs off) guards that CPU's queue. A
 * caller must have interrupts on (two CPUs each waiting with interrupts
 * off for the other's answer would wait forever), as Linux requires.
 */
#include <linux/smp.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <spindle/arch.h>
#include <spindle/config.h>

unsigned int setup_max_cpus = NR_CPUS;
unsigned int nr_cpu_ids = NR_CPUS;
static unsigned int nr_present_cpus = 1;

struct call_queue {
	raw_spinlock_t lock;
	struct list_head list;
};

static struct call_queue call_queue[NR_CPUS];

static int __init nosmp(char *str)
{
	setup_max_cpus = 0;
	return 0;
}
early_param("nosmp", nosmp);

/* maxcpus=N: start at most N CPUs at boot; 0 is nosmp (Linux's meaning). */
static int __init maxcpus(char *str)
{
	unsigned int n;

	if (kstrtouint(str, 10, &n)) {
		pr_err("smp: maxcpus=%s: not a number of CPUs; ignored\n", str);
		return 0;
	}
	setup_max_cpus = n;
	return 0;
}
early_param("maxcpus=", maxcpus);

/* nr_cpus=N: the kernel knows at most N CPUs (1..NR_CPUS). */
static int __init nrcpus(char *str)
{
	unsigned int n;

	if (kstrtouint(str, 10, &n) || n < 1) {
		pr_err("smp: nr_cpus=%s: not a number of CPUs from 1 to %d; ignored\n",
		       str, NR_CPUS);
		return 0;
	}
	if (n > NR_CPUS) {
		pr_warn("smp: nr_cpus=%u: this kernel supports %d CPUs at most\n", n,
			NR_CPUS);
		n = NR_CPUS;
	}
	nr_cpu_ids = n;
	return 0;
}
early_param("nr_cpus=", nrcpus);

/* Linux's smp_prepare_cpus(): how many CPUs there are to start. */
void __init smp_prepare_cpus(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		raw_spin_lock_init(&call_queue[cpu].lock);
		INIT_LIST_HEAD(&call_queue[cpu].list);
	}
	nr_present_cpus = arch_smp_prepare_cpus(nr_cpu_ids);
}

/* Linux's bringup_nonboot_cpus(). */
static void __init bringup_nonboot_cpus(unsigned int max_cpus)
{
	for (unsigned int cpu = 1; cpu < nr_present_cpus; cpu++) {
		if (num_online_cpus() >= max_cpus)
			break;
		if (!cpu_online(cpu))
			cpu_up(cpu);
	}
}

void __init smp_init(void)
{
	unsigned int ncpus;

	pr_info("smp: Bringing up secondary CPUs ...\n");
	cpuhp_threads_init();
	bringup_nonboot_cpus(setup_max_cpus);
	ncpus = num_online_cpus();
	pr_info("smp: Brought up 1 node, %u CPU%s\n", ncpus, ncpus > 1 ? "s" : "");
}

/* Cross-CPU calls. */

#define CSD_FLAG_LOCK 0x01

/* Per sender, one csd per target for calls nobody waits for (Linux's
 * cfd_data); reused once the previous call through it is done. */
static struct call_single_data csd_data[NR_CPUS][NR_CPUS];

static void csd_lock_wait(struct call_single_data *csd)
{
	while (__atomic_load_n(&csd->flags, __ATOMIC_ACQUIRE) & CSD_FLAG_LOCK)
		cpu_relax();
}

static void csd_lock(struct call_single_data *csd)
{
	csd_lock_wait(csd);
	csd->flags = CSD_FLAG_LOCK;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void csd_unlock(struct call_single_data *csd)
{
	__atomic_store_n(&csd->flags, 0, __ATOMIC_RELEASE);
}

/* Queues @csd on @cpu; true if the queue was empty (an IPI is due). */
static bool call_queue_add(int cpu, struct call_single_data *csd)
{
	struct call_queue *q = &call_queue[cpu];
	unsigned long flags;
	bool first;

	raw_spin_lock_irqsave(&q->lock, flags);
	first = list_empty(&q->list);
	list_add_tail(&csd->node, &q->list);
	raw_spin_unlock_irqrestore(&q->lock, flags);
	return first;
}

/**
 * generic_smp_call_function_interrupt - run the calls queued for this CPU
 *
 * Takes the whole queue at once, then runs each call; a waiting caller
 * is released (its csd unlocked) after its function has run, a
 * fire-and-forget one before, once func and info are read.
 * Context: the call-function IPI, interrupts off.
 */
void generic_smp_call_function_interrupt(void)
{
	struct call_queue *q = &call_queue[smp_processor_id()];
	struct call_single_data *csd, *next;
	LIST_HEAD(todo);

	raw_spin_lock(&q->lock);
	list_splice_init(&q->list, &todo);
	raw_spin_unlock(&q->lock);
	list_for_each_entry_safe(csd, next, &todo, node) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		func(info);
		csd_unlock(csd);
	}
}

/**
 * smpcfd_dying_cpu - CPUHP_AP_SMPCFD_DYING teardown: run what is queued
 * @cpu: this CPU, already out of cpu_online_mask
 *
 * A caller that queued a call before the CPU left the online mask waits
 * for it; its IPI may still be on the way. Run the queue now (Linux's
 * smpcfd_dying_cpu() flushes it the same way). Nothing is queued after:
 * senders check cpu_online() with preemption off, and stop_machine()
 * waited for every CPU. Context: take_cpu_down(), interrupts off.
 * Return: 0.
 */
int smpcfd_dying_cpu(unsigned int cpu)
{
	generic_smp_call_function_interrupt();
	return 0;
}

static void smp_call_on(int cpu, struct call_single_data *csd)
{
	if (call_queue_add(cpu, csd))
		arch_send_call_function_single_ipi(cpu);
}

/**
 * smp_call_function_single - run @func(@info) on @cpu
 * @cpu: the target; this CPU runs it directly, interrupts off
 * @func: must not sleep
 * @info: its argument
 * @wait: return only after @func has run
 *
 * Context: process or softirq context with interrupts on.
 * Return: 0, or -ENXIO when @cpu is not online.
 */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	struct call_single_data csd_stack = { .flags = 0 }, *csd = &csd_stack;
	unsigned long flags;
	int this;

	this = get_cpu();
	if (cpu == this) {
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
		put_cpu();
		return 0;
	}
	if (!cpu_online(cpu)) {
		put_cpu();
		return -ENXIO;
	}
	WARN_ON_ONCE(irqs_disabled());
	if (!wait)
		csd = &csd_data[this][cpu];
	csd_lock(csd);
	csd->func = func;
	csd->info = info;
	smp_call_on(cpu, csd);
	if (wait)
		csd_lock_wait(csd);
	put_cpu();
	return 0;
}

/**
 * smp_call_function_many - run @func(@info) on the other CPUs in *@mask
 * @mask: the CPUs; this CPU and offline ones are skipped
 * @func: must not sleep
 * @info: its argument
 * @wait: return only after every @func has run
 *
 * Context: preemption disabled (this CPU stays this CPU), interrupts on.
 */
void smp_call_function_many(const unsigned long *mask, smp_call_func_t func,
			    void *info, bool wait)
{
	int this = smp_processor_id(), cpu;
	unsigned long targets = *mask & READ_ONCE(__cpu_online_mask) & ~(1UL << this);

	WARN_ON_ONCE(irqs_disabled());
	for_each_cpu(cpu, &targets) {
		struct call_single_data *csd = &csd_data[this][cpu];

		csd_lock(csd);
		csd->func = func;
		csd->info = info;
		if (!call_queue_add(cpu, csd))
			targets &= ~(1UL << cpu);	/* an IPI is on its way */
	}
	arch_send_call_function_ipi_mask(targets);
	if (!wait)
		return;
	targets = *mask & READ_ONCE(__cpu_online_mask) & ~(1UL << this);
	for_each_cpu(cpu, &targets)
		csd_lock_wait(&csd_data[this][cpu]);
}

/* Every other online CPU. */
void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	preempt_disable();
	smp_call_function_many(cpu_online_mask, func, info, wait);
	preempt_enable();
}

/**
 * on_each_cpu - run @func(@info) on every online CPU, this one included
 * @func: must not sleep; runs with interrupts off everywhere
 * @info: its argument
 * @wait: return only after all have run
 *
 * Context: interrupts on.
 */
void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	unsigned long flags;

	preempt_disable();
	smp_call_function_many(cpu_online_mask, func, info, wait);
	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
	preempt_enable();
}
