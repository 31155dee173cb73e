/*
 * The registers of the interrupted context, per CPU, as Linux's
 * arch/x86/include/asm/irq_regs.h: the tick reads them to tell whether
 * it interrupted user or kernel mode (CPU time accounting). Set by
 * x86_interrupt() around each interrupt, nested ones restore the outer.
 */
#ifndef _ASM_IRQ_REGS_H
#define _ASM_IRQ_REGS_H

#include <asm/percpu.h>

struct pt_regs;

static __always_inline struct pt_regs *get_irq_regs(void)
{
	return (struct pt_regs *)this_cpu_read_8(irq_regs);
}

/* Return: the previous value, to restore when the interrupt ends. */
static __always_inline struct pt_regs *set_irq_regs(struct pt_regs *regs)
{
	struct pt_regs *old = get_irq_regs();

	this_cpu_write_8(irq_regs, regs);
	return old;
}

#endif
