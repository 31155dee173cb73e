/*
 * Page faults, after Linux's arch/x86/mm/fault.c: a fault on a user
 * address is looked up among current->mm's regions (growing a stack
 * region downwards when the address is just below it), checked against
 * the region's rights, and resolved by handle_mm_fault(). A user access
 * that cannot be served gets SIGSEGV (SEGV_MAPERR: nothing mapped,
 * SEGV_ACCERR: not allowed) or SIGBUS; a kernel access to user memory
 * (uaccess) is fixed up through the exception table, or oopses. Faults
 * on kernel addresses are always kernel bugs here: oops.
 *
 * Locking: mm->mmap_lock (a mutex) around the lookup and the fault, so
 * interrupts are turned back on first if the faulting context had them.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/preempt.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/trap_pf.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/extable.h>

#define X86_CR4_SMAP (1UL << 21)

/* A kernel fault nobody can serve: the exception table, or an oops. */
static void kernelmode_fixup_or_oops(struct pt_regs *regs, unsigned long error_code,
				     unsigned long address)
{
	if (fixup_exception(regs, X86_TRAP_PF, error_code, address))
		return;
	page_fault_oops(regs, address);
}

static void bad_area(struct pt_regs *regs, unsigned long error_code,
		     unsigned long address, int si_code)
{
	if (!user_mode(regs)) {
		kernelmode_fixup_or_oops(regs, error_code, address);
		return;
	}
	pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
		current->comm, current->pid, address, (unsigned long)regs->rip,
		(unsigned long)regs->rsp, error_code);
	force_sig_fault(SIGSEGV, si_code, (void __user *)address);
}

/* Does @vma forbid this access? (Linux's access_error()) */
static bool access_error(unsigned long error_code, const struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	if (error_code & X86_PF_PROT)	/* a present page it may not read */
		return true;
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/* The region for @address, grown down to it if it is a stack; or NULL. */
static struct vm_area_struct *lock_vma(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma = find_vma(mm, address);

	if (!vma || vma->vm_start <= address)
		return vma;
	if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address))
		return NULL;
	return vma;
}

/* No memory for the fault: let the OOM killer free some, then retry. */
static void fault_oom(struct pt_regs *regs, unsigned long error_code,
		      unsigned long address)
{
	if (!user_mode(regs)) {
		kernelmode_fixup_or_oops(regs, error_code, address);
		return;
	}
	if (!out_of_memory())
		force_sig(SIGKILL);	/* nothing else to kill: this one */
}

static void do_user_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned int flags = 0;
	vm_fault_t fault;

	if (!user_mode(regs) && ((error_code & X86_PF_INSTR) ||
	    ((read_cr4() & X86_CR4_SMAP) && !(regs->rflags & X86_EFLAGS_AC)))) {
		kernelmode_fixup_or_oops(regs, error_code, address);	/* SMEP/SMAP */
		return;
	}
	if (regs->rflags & X86_EFLAGS_IF)
		local_irq_enable();
	if (!mm || in_atomic() || (error_code & X86_PF_RSVD)) {
		bad_area(regs, error_code, address, SEGV_MAPERR);
		return;
	}
	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (error_code & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;

	mutex_lock(&mm->mmap_lock);
	vma = lock_vma(mm, address);
	if (!vma || access_error(error_code, vma)) {
		mutex_unlock(&mm->mmap_lock);
		bad_area(regs, error_code, address, vma ? SEGV_ACCERR : SEGV_MAPERR);
		return;
	}
	fault = handle_mm_fault(vma, address, flags, regs);
	mutex_unlock(&mm->mmap_lock);
	if (!(fault & VM_FAULT_ERROR)) {
		current->min_flt++;
		return;
	}
	if (fault & VM_FAULT_OOM)
		fault_oom(regs, error_code, address);
	else if (!user_mode(regs))
		kernelmode_fixup_or_oops(regs, error_code, address);
	else if (fault & VM_FAULT_SIGBUS)
		force_sig_fault(SIGBUS, BUS_ADRERR, (void __user *)address);
	else
		force_sig_fault(SIGSEGV, SEGV_MAPERR, (void __user *)address);
}

/**
 * do_page_fault - vector 14
 * @regs: the registers at the fault
 * @error_code: the CPU's error code (X86_PF_*)
 * @address: CR2, read before interrupts could be enabled
 *
 * Context: exception, interrupts off on entry; they are re-enabled while
 * a user address is served if the faulting context had them, and are off
 * again on return.
 */
void do_page_fault(struct pt_regs *regs, unsigned long error_code,
		   unsigned long address)
{
	if (address >= TASK_SIZE) {
		/* Kernel addresses are mapped once, at boot or by vmalloc. */
		if (user_mode(regs))
			bad_area(regs, error_code, address, SEGV_MAPERR);
		else
			kernelmode_fixup_or_oops(regs, error_code, address);
		return;
	}
	do_user_addr_fault(regs, error_code, address);
	local_irq_disable();
}
