/*
 * TEMPORARY (uentry): the smallest page-fault handler, to be replaced by
 * the umm helper's arch/x86_64/mm/fault.c (Linux's arch/x86/mm/fault.c:
 * VMAs, demand paging, COW). A user-mode fault is a SIGSEGV; a kernel
 * fault at a user access resumes at its exception-table fixup; any other
 * kernel fault is the oops it always was.
 */
#include <linux/kernel.h>
#include <linux/sched/signal.h>
#include <asm/extable.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

#define X86_PF_PROT (1 << 0)

void do_page_fault(struct pt_regs *regs, unsigned long error_code,
		   unsigned long address)
{
	if (user_mode(regs)) {
		force_sig_fault(SIGSEGV, error_code & X86_PF_PROT ? SEGV_ACCERR :
				SEGV_MAPERR, (void __user *)address);
		return;
	}
	if (fixup_exception(regs, X86_TRAP_PF, error_code, address))
		return;
	page_fault_oops(regs, address);
}
