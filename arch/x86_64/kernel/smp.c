/*
 * Interprocessor interrupts, after Linux's arch/x86/kernel/smp.c: the
 * reschedule IPI (another CPU woke a task here and wants this CPU to
 * look at its run queue) and the two call-function IPIs that run
 * kernel/smp.c's queued functions. Each is a fixed vector sent through
 * the local APIC's ICR to one APIC ID.
 * Locking: none; the ICR is written with interrupts off.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/smp.h>
#include <asm/irqflags.h>
#include <spindle/arch.h>
#include <spindle/config.h>

static struct ipi_stats ipi_stats_of[NR_CPUS];

const struct ipi_stats *ipi_stats(unsigned int cpu)
{
	return &ipi_stats_of[cpu];
}

static void send_ipi(unsigned int cpu, unsigned int vector)
{
	unsigned long flags;

	local_irq_save(flags);
	if (apic_wait_icr_idle())
		printk_once(KERN_WARNING "smp: the local APIC's last IPI is still "
			    "pending after 1 s; sending vector 0x%x to CPU %u anyway\n",
			    vector, cpu);
	apic_icr_write(APIC_DM_FIXED | vector, arch_cpu_apicid(cpu));
	local_irq_restore(flags);
}

/* Linux's native_smp_send_reschedule(). */
void arch_smp_send_reschedule(int cpu)
{
	send_ipi(cpu, RESCHEDULE_VECTOR);
}

void arch_send_call_function_single_ipi(int cpu)
{
	send_ipi(cpu, CALL_FUNCTION_SINGLE_VECTOR);
}

/* One IPI per CPU in @mask (Linux uses one IPI with a destination
 * shorthand or a cluster mask when it can). */
void arch_send_call_function_ipi_mask(unsigned long mask)
{
	while (mask) {
		int cpu = __builtin_ctzl(mask);

		mask &= mask - 1;
		send_ipi(cpu, CALL_FUNCTION_VECTOR);
	}
}

/* Linux's sysvec_reschedule_ipi(): the work is done on the way out of
 * the interrupt, which sees need_resched. */
static void reschedule_interrupt(struct pt_regs *regs)
{
	ipi_stats_of[smp_processor_id()].resched++;
	apic_eoi();
	scheduler_ipi();
}

static void call_function_interrupt(struct pt_regs *regs)
{
	ipi_stats_of[smp_processor_id()].call_function++;
	apic_eoi();
	generic_smp_call_function_interrupt();
}

void arch_count_tlb_ipi(void)
{
	ipi_stats_of[smp_processor_id()].tlb++;
}

void smp_ipi_init(void)
{
	set_system_vector(RESCHEDULE_VECTOR, reschedule_interrupt);
	set_system_vector(CALL_FUNCTION_VECTOR, call_function_interrupt);
	set_system_vector(CALL_FUNCTION_SINGLE_VECTOR, call_function_interrupt);
}
