/*
 * smp_init(), after Linux's kernel/smp.c: called by kernel_init once the
 * early initcalls have run (ksoftirqd/N and migration/N exist). It starts
 * the hotplug threads (cpuhp/N), which bring the boot CPU to
 * CPUHP_ONLINE, and would then start the other CPUs.
 *
 * Differs from Linux: Spindle starts no secondary CPUs yet (SMP is a
 * later chapter), so this reports the one CPU that runs.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/init.h>

void __init smp_init(void)
{
	unsigned int cpu, ncpus = 0;

	pr_info("smp: Bringing up secondary CPUs ...\n");
	cpuhp_threads_init();
	for_each_online_cpu(cpu)
		ncpus++;
	pr_info("smp: Brought up 1 node, %u CPU%s\n", ncpus, ncpus > 1 ? "s" : "");
}
