/*
 * Interrupt dispatch: every vector arrives in x86_interrupt(); exceptions
 * go to traps.c, device IRQs to the handler request_irq() installed, and
 * the APIC's own vectors to their system handlers. After a device handler
 * the controller gets its end-of-interrupt. Mirrors the roles of Linux's
 * arch/x86/kernel/irq.c and kernel/irq/handle.c, with one handler per line.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/errno.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/irq_regs.h>
#include <linux/seq_file.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/syscall.h>
#include <linux/preempt.h>
#include <spindle/arch.h>
#include <spindle/sched.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <asm/smp.h>

struct irq_desc {
	irq_handler_t handler;
	void *dev;
	const char *name;
	u64 count[NR_CPUS];	/* per CPU, as /proc/interrupts */
};

static struct irq_desc irq_desc[NR_IRQS];
static sysvec_handler_t system_vectors[256];
static const struct irq_chip *chip;
static u64 spurious_count;

void irq_set_chip(const struct irq_chip *c)
{
	chip = c;
}

const struct irq_chip *irq_get_chip(void)
{
	return chip;
}

void set_system_vector(unsigned int vector, sysvec_handler_t handler)
{
	if (!WARN_ON(vector < FIRST_EXTERNAL_VECTOR || vector > 255))
		system_vectors[vector] = handler;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev)
{
	unsigned long irqflags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	local_irq_save(irqflags);
	irq_desc[irq] = (struct irq_desc){ handler, dev, name, { 0 } };
	if (chip)
		chip->unmask(irq);
	local_irq_restore(irqflags);
	return 0;
}

void free_irq(unsigned int irq, void *dev)
{
	unsigned long irqflags;

	if (irq >= NR_IRQS || WARN_ON(irq_desc[irq].dev != dev))
		return;
	local_irq_save(irqflags);
	if (chip)
		chip->mask(irq);
	irq_desc[irq].handler = NULL;
	local_irq_restore(irqflags);
}

u64 irq_count(unsigned int irq, const char **name)
{
	u64 n = 0;

	if (irq >= NR_IRQS)
		return 0;
	if (name)
		*name = irq_desc[irq].handler ? irq_desc[irq].name : NULL;
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		n += READ_ONCE(irq_desc[irq].count[cpu]);
	return n;
}

void do_irq(struct pt_regs *regs)
{
	unsigned int vector = regs->vector;
	unsigned int irq = vector - IRQ0_VECTOR;

	if (system_vectors[vector]) {
		system_vectors[vector](regs);
		return;
	}
	if (vector < IRQ0_VECTOR || irq >= NR_IRQS || !irq_desc[irq].handler) {
		/* Masked lines never get here; a stray vector is only counted
		 * (no EOI: a spurious PIC or APIC interrupt must not be acked). */
		if (++spurious_count <= 5)
			pr_warn("irq: unexpected interrupt on vector %u\n", vector);
		return;
	}
	irq_desc[irq].count[smp_processor_id()]++;
	irq_desc[irq].handler(irq, irq_desc[irq].dev);
	chip->eoi(irq);
}

/*
 * Every vector arrives here, interrupts off. A device or timer interrupt
 * counts as hard-interrupt context, runs pending softirqs on the way out,
 * and then, if it interrupted preemptible code (count 0, interrupts were
 * on) while a reschedule is pending, switches tasks before returning:
 * this is kernel preemption, as Linux's irqentry_exit_cond_resched().
 * Before a return to user mode the exit-to-user work runs instead.
 */
void x86_interrupt(struct pt_regs *regs)
{
	if (regs->vector < FIRST_EXTERNAL_VECTOR) {
		do_exception(regs);
	} else {
		struct pt_regs *old_regs = set_irq_regs(regs);

		irq_enter();
		do_irq(regs);
		irq_exit();
		set_irq_regs(old_regs);
		if (!user_mode(regs) && !preempt_count() &&
		    (regs->rflags & X86_EFLAGS_IF) && need_resched())
			preempt_schedule_irq();
	}
	/* Back to ring 3: reschedule or take signals first (entry/common.c). */
	if (user_mode(regs))
		irqentry_exit_to_user_mode(regs);
}

/* One row of counts, a column per online CPU. */
static void show_cpu_counts(struct seq_file *p,
			    u64 (*count)(unsigned int cpu, const void *arg), const void *arg)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		seq_printf(p, " %10llu", (unsigned long long)count(cpu, arg));
}

static u64 irq_count_cpu(unsigned int cpu, const void *arg)
{
	return READ_ONCE(irq_desc[*(const unsigned int *)arg].count[cpu]);
}

static u64 loc_count(unsigned int cpu, const void *arg)
{
	return apic_timer_irq_count(cpu);
}

static u64 ipi_count(unsigned int cpu, const void *arg)
{
	const struct ipi_stats *st = ipi_stats(cpu);
	size_t off = (size_t)arg;

	return READ_ONCE(*(const u64 *)((const char *)st + off));
}

/*
 * /proc/interrupts (Linux's show_interrupts() and arch_show_interrupts();
 * the shell's "irqs" prints the same):  a column per
 * online CPU; one line per requested line with its chip, then the local
 * APIC's own interrupts (LOC: timer, RES: reschedule IPIs, CAL:
 * function-call IPIs, TLB: shootdowns, ERR: APIC errors) and stray
 * vectors.
 */
int show_interrupts(struct seq_file *p, void *v)
{
	const char *name;
	unsigned int cpu;

	seq_printf(p, "    ");
	for_each_online_cpu(cpu)
		seq_printf(p, "       CPU%-u", cpu);
	seq_printf(p, "\n");
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		irq_count(irq, &name);
		if (!name)
			continue;
		seq_printf(p, "%3u:", irq);
		show_cpu_counts(p, irq_count_cpu, &irq);
		seq_printf(p, "  %-8s %s\n", chip ? chip->name : "-", name);
	}
	seq_printf(p, "LOC:");
	show_cpu_counts(p, loc_count, NULL);
	seq_printf(p, "  Local timer interrupts\n");
	seq_printf(p, "RES:");
	show_cpu_counts(p, ipi_count, (const void *)offsetof(struct ipi_stats, resched));
	seq_printf(p, "  Rescheduling interrupts\n");
	seq_printf(p, "CAL:");
	show_cpu_counts(p, ipi_count, (const void *)offsetof(struct ipi_stats, call_function));
	seq_printf(p, "  Function call interrupts\n");
	seq_printf(p, "TLB:");
	show_cpu_counts(p, ipi_count, (const void *)offsetof(struct ipi_stats, tlb));
	seq_printf(p, "  TLB shootdowns\n");
	seq_printf(p, "ERR: %10llu\n", (unsigned long long)apic_error_count());
	seq_printf(p, "spurious: %llu\n",
		   (unsigned long long)(spurious_count + apic_spurious_count()));
	return 0;
}
