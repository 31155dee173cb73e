/*
 * CPU exceptions (vectors 0..31). In user mode each becomes a signal to
 * the faulting task (force_sig_fault(), delivered on the way back to
 * user mode), as Linux's do_trap()/do_error_trap(). In kernel mode a
 * fault at an instruction of the exception table (a user access) resumes
 * at its fixup; any other prints an oops in the form Linux uses (what
 * happened, the error code, the registers with RIP as symbol+offset, CR2
 * for a page fault, a call trace) and dies with die(). Page faults go to
 * do_page_fault() (arch/x86_64/mm/fault.c). Mirrors arch/x86/kernel/traps.c.
 *
 * After the report, die() kills the faulting thread or panics (see
 * oops_end() in dumpstack.c); #BP (int3) only reports.
 */
#include <linux/kernel.h>
#include <asm/traps.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <linux/vmalloc.h>
#include <spindle/arch.h>
#include <spindle/oops.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/preempt.h>
#include <asm/extable.h>
#include <asm/fpu.h>

static const char *const exception_names[32] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "NMI",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection fault",
	[X86_TRAP_PF] = "page fault",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "simd exception",
	[X86_TRAP_VE] = "virtualization exception",
	[X86_TRAP_CP] = "control protection",
	[X86_TRAP_VC] = "VMM communication",
	[X86_TRAP_SX] = "security exception",
};

const char *exception_name(unsigned int vector)
{
	if (vector < 32 && exception_names[vector])
		return exception_names[vector];
	return "reserved exception";
}

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PROT (1 << 0)
#define PF_WRITE (1 << 1)
#define PF_USER (1 << 2)
#define PF_RSVD (1 << 3)
#define PF_INSTR (1 << 4)

/* The lines Linux's page_fault_oops() prints before the oops itself. */
static void report_page_fault(const struct pt_regs *regs, unsigned long addr)
{
	unsigned long code = regs->error_code;

	if (addr < PAGE_SIZE_FOR_NULL)
		pr_alert("BUG: kernel NULL pointer dereference, address: %016lx\n",
			 addr);
	else
		pr_alert("BUG: unable to handle page fault for address: %016lx\n",
			 addr);
	if ((code & PF_INSTR) && (code & PF_PROT))
		pr_crit("kernel tried to execute NX-protected page - exploit attempt?\n");
	pr_alert("#PF: %s %s in %s mode\n",
		 code & PF_USER ? "user" : "supervisor",
		 code & PF_INSTR ? "instruction fetch" :
		 code & PF_WRITE ? "write access" : "read access",
		 code & PF_USER ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", code,
		 code & PF_RSVD ? "reserved bit violation" :
		 code & PF_PROT ? "permissions violation" : "not-present page");
}

/**
 * page_fault_oops - report a kernel page fault nobody can fix, and die
 * @regs: the fault's registers
 * @address: CR2
 *
 * The end of arch/x86_64/mm/fault.c's kernel paths (Linux's
 * page_fault_oops()).
 */
void page_fault_oops(struct pt_regs *regs, unsigned long address)
{
	report_page_fault(regs, address);
	die("Oops", regs, regs->error_code);
}

/* Dies on the top of the overflowing task's own stack (see below). */
static void die_on_task_stack(void *regs)
{
	struct pt_regs *r = regs;

	die("kernel stack overflow (double-fault)", r, r->error_code);
}

/*
 * A double fault whose CR2 lies in a kernel stack's guard page is a stack
 * overflow: the page fault could not push its frame on the exhausted
 * stack, so the CPU raised #DF on its own IST stack. Linux's
 * handle_stack_overflow() reports it the same way.
 *
 * Then, unlike Linux (which panics here), a kernel thread that overflowed
 * its own stack is killed like any oopsing thread: its frames are lost
 * anyway, so die() runs on the top of that same stack, not on this CPU's
 * #DF stack, which the next double fault would reuse under the dying
 * thread. Any other overflow (a borrowed stack, atomic context) panics.
 */
static void report_stack_overflow(struct pt_regs *regs)
{
	unsigned long cr2 = read_cr2();
	struct vm_struct *stack = find_vm_area_by_guard((void *)cr2);

	if (!stack || !(stack->flags & VM_KSTACK))
		return;
	pr_emerg("BUG: stack guard page was hit at %px (stack is %px..%px)\n",
		 (void *)cr2, stack->addr, (char *)stack->addr + stack->size - 1);
	pr_emerg("kernel stack overflow in %s\n", stack->owner ?: "(unknown owner)");
	if (stack->addr == current->stack && !preempt_count())
		arch_call_on_stack((char *)stack->addr + stack->size, die_on_task_stack,
				   regs);
	/* Counted as an interrupt, as Linux's nmi_enter(): oops_end() panics. */
	__preempt_count_add(HARDIRQ_OFFSET);
	die("kernel stack overflow (double-fault)", regs, regs->error_code);
}

/* ktest only (tests/ktest/usermode_test.c): sees a user-mode trap's
 * signal first; true means it dealt with it (no signal is sent). */
bool (*user_trap_test_hook)(struct pt_regs *regs, int sig, int code);

static void user_trap(struct pt_regs *regs, int sig, int code, unsigned long addr)
{
	if (user_trap_test_hook && user_trap_test_hook(regs, sig, code))
		return;
	force_sig_fault(sig, code, (void __user *)addr);
}

/**
 * user_bad_iret - a return to user mode that iret could not make
 * @regs: the user registers, whose rip is not canonical
 *
 * iretq to a non-canonical rip raises #GP in ring 0, after the exit path
 * has swapped GS back to the user's: Linux catches that fault and turns
 * it into the user's #GP (fixup_bad_iret()). Spindle checks rip before
 * the return instead (entry/common.c) and sends the same SIGSEGV.
 * Only the kernel sets such a rip (execve's entry point, rt_sigreturn).
 */
void user_bad_iret(struct pt_regs *regs)
{
	user_trap(regs, SIGSEGV, SI_KERNEL, 0);
}

/* si_code of an unmasked x87 or SSE exception (Linux's fpu__exception_code). */
static int fpu_exception_code(unsigned int vector)
{
	struct fxregs_state *fx = &current->thread.fpu;
	unsigned int status;

	fxsave(fx);	/* the live registers; the switch saves them anyway */
	if (vector == X86_TRAP_XF)
		status = fx->mxcsr & ~(fx->mxcsr >> 7);	/* flags not masked */
	else
		status = fx->swd & ~fx->cwd;
	if (status & 0x01)
		return FPE_FLTINV;
	if (status & 0x04)
		return FPE_FLTDIV;
	if (status & 0x08)
		return FPE_FLTOVF;
	if (status & 0x12)
		return FPE_FLTUND;
	if (status & 0x20)
		return FPE_FLTRES;
	return 0;	/* a spurious one, as Linux reports it */
}

/* An exception in ring 3: the signal Linux sends for it. */
static bool do_user_exception(struct pt_regs *regs, unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_DE:
		user_trap(regs, SIGFPE, FPE_INTDIV, regs->rip);
		return true;
	case X86_TRAP_DB:
		user_trap(regs, SIGTRAP, TRAP_TRACE, regs->rip);
		return true;
	case X86_TRAP_BP:
		user_trap(regs, SIGTRAP, SI_KERNEL, 0);
		return true;
	case X86_TRAP_OF:
	case X86_TRAP_BR:
	case X86_TRAP_TS:
	case X86_TRAP_GP:
		user_trap(regs, SIGSEGV, SI_KERNEL, 0);
		return true;
	case X86_TRAP_NP:
	case X86_TRAP_SS:
		user_trap(regs, SIGBUS, SI_KERNEL, 0);
		return true;
	case X86_TRAP_UD:
		user_trap(regs, SIGILL, ILL_ILLOPN, regs->rip);
		return true;
	case X86_TRAP_NM:	/* CR0.TS and EM stay clear: should not happen */
		user_trap(regs, SIGILL, ILL_COPROC, regs->rip);
		return true;
	case X86_TRAP_MF:
	case X86_TRAP_XF:
		user_trap(regs, SIGFPE, fpu_exception_code(vector), regs->rip);
		return true;
	case X86_TRAP_AC:
		user_trap(regs, SIGBUS, BUS_ADRALN, 0);
		return true;
	default:	/* #DF, NMI, #MC, ...: the machine's, not the task's */
		return false;
	}
}

void do_exception(struct pt_regs *regs)
{
	unsigned int vector = regs->vector;

	/* In user mode, a signal (a page fault goes on to do_page_fault()). */
	if (user_mode(regs) && do_user_exception(regs, vector))
		return;
	if (vector == X86_TRAP_GP && fixup_exception(regs, vector, regs->error_code, 0))
		return;

	if (vector == X86_TRAP_DF) {
		report_stack_overflow(regs);
		__die(exception_name(vector), regs, regs->error_code);
		panic("Machine halted.");	/* as Linux's exc_double_fault() */
	}

	if (vector == X86_TRAP_BP) {
		pr_warn("int3 at %pS\n", (void *)regs->rip);
		return;
	}
	if (vector == X86_TRAP_PF) {
		do_page_fault(regs, regs->error_code, read_cr2());
		return;
	}
	die(exception_name(vector), regs, regs->error_code);
}
