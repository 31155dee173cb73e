/*
 * Exception-table lookup, as Linux's arch/x86/mm/extable.c and
 * kernel/extable.c. Linux sorts the table at build time and searches it
 * by bisection; Spindle's has a few dozen entries, all in
 * arch/x86_64/lib/copy_user_64.asm, so a linear scan is as fast and
 * needs no sorting step. The table is read-only: no locking.
 */
#include <linux/kernel.h>
#include <asm/extable.h>
#include <asm/ptrace.h>

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs, int trapnr, unsigned long error_code,
		     unsigned long fault_addr)
{
	const struct exception_table_entry *e = search_exception_tables(regs->rip);

	if (!e)
		return false;
	regs->rip = e->fixup;
	return true;
}
