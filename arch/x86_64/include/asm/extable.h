/*
 * The exception table, as Linux's arch/x86/include/asm/extable.h: pairs
 * of (instruction that may fault on a user address, where to resume),
 * emitted into the __ex_table section next to each user access
 * (arch/x86_64/lib/copy_user_64.asm) and collected by linker.ld.
 */
#ifndef _ASM_EXTABLE_H
#define _ASM_EXTABLE_H

#include <linux/types.h>

struct pt_regs;

struct exception_table_entry {
	unsigned long insn;	/* address of the instruction */
	unsigned long fixup;	/* where to go instead if it faults */
};

/* The entry for @addr, or NULL. */
const struct exception_table_entry *search_exception_tables(unsigned long addr);

/**
 * fixup_exception - resume a kernel-mode fault at its fixup, if it has one
 * @regs: the registers at the fault (rip is changed on success)
 * @trapnr: the exception vector (X86_TRAP_PF, X86_TRAP_GP, ...)
 * @error_code: the CPU's error code
 * @fault_addr: the faulting address for #PF, else 0
 *
 * For the page-fault handler and traps.c, for faults in kernel mode.
 * Return: true if regs->rip was in the table and now points at the fixup.
 */
bool fixup_exception(struct pt_regs *regs, int trapnr, unsigned long error_code,
		     unsigned long fault_addr);

#endif
