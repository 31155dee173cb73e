/*
 * TEMPORARY weak stand-in for the exception table (uentry's
 * arch/x86_64/mm/extable.c): no fixups, so a kernel fault on a user
 * address that the fault handler cannot resolve oopses. Delete once
 * uentry is merged.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/ptrace.h>

bool fixup_exception(struct pt_regs *regs, int trapnr, unsigned long error_code,
		     unsigned long fault_addr);

__weak bool fixup_exception(struct pt_regs *regs, int trapnr,
			    unsigned long error_code, unsigned long fault_addr)
{
	return false;
}
