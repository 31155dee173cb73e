/*
 * Host shim for arch/x86_64/include/asm/irqflags.h: there are no
 * interrupts to mask in a test process, so the interrupt flag is a plain
 * variable. Saving, disabling and restoring it as the kernel does lets a
 * test check that every path out of the allocators restored it (see
 * irqs_disabled() in tests/host/mm_support.c's checks).
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#define X86_EFLAGS_IF 0x200UL

/* RFLAGS as the code under test sees it; starts with IF set. */
extern unsigned long host_rflags;

static inline unsigned long arch_local_save_flags(void)
{
	return host_rflags;
}

static inline void arch_local_irq_disable(void)
{
	host_rflags &= ~X86_EFLAGS_IF;
}

static inline void arch_local_irq_enable(void)
{
	host_rflags |= X86_EFLAGS_IF;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	arch_local_irq_disable();
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		arch_local_irq_enable();
}

static inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

#define local_irq_disable() arch_local_irq_disable()
#define local_irq_enable() arch_local_irq_enable()
#define local_irq_save(flags) ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define irqs_disabled() arch_irqs_disabled_flags(arch_local_save_flags())

#endif
