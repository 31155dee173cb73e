/*
 * The way back to user mode, shared by system calls, interrupts and
 * exceptions, as Linux's kernel/entry/common.c (exit_to_user_mode_loop())
 * and the MSR setup of arch/x86/kernel/cpu/common.c (syscall_init()).
 * Before any return to ring 3 the task reschedules if asked and takes
 * its pending signals; the loop repeats until neither is left, with
 * interrupts off from the last check to the iret/sysret so that no new
 * work can slip in unseen.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/traps.h>

extern char entry_SYSCALL_64[];

static bool canonical_address(unsigned long addr)
{
	return (unsigned long)((long)(addr << 16) >> 16) == addr;
}

static void exit_to_user_mode_loop(struct pt_regs *regs)
{
	for (;;) {
		bool resched, sigpending;

		/* iret would fault in ring 0: the task's SIGSEGV instead. */
		if (unlikely(!canonical_address(regs->rip)))
			user_bad_iret(regs);
		resched = need_resched();
		sigpending = signal_pending(current);

		if (!resched && !sigpending)
			return;
		local_irq_enable();
		if (resched)
			schedule();
		if (sigpending)
			arch_do_signal_or_restart(regs);
		local_irq_disable();
	}
}

/**
 * syscall_exit_to_user_mode - finish a system call before returning
 * @regs: the task's user registers (rax holds the result)
 *
 * Context: process, interrupts on or off; returns with them off.
 */
void syscall_exit_to_user_mode(struct pt_regs *regs)
{
	local_irq_disable();
	exit_to_user_mode_loop(regs);
}

/**
 * irqentry_exit_to_user_mode - the same after an interrupt or exception
 * @regs: the interrupted user registers
 *
 * Context: interrupt entry from ring 3, interrupts off.
 */
void irqentry_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode_loop(regs);
}

/*
 * syscall lands in entry_SYSCALL_64 with CS = STAR[47:32] (kernel code,
 * SS the next descriptor); sysret returns with CS = STAR[63:48] + 16 and
 * SS = STAR[63:48] + 8, both with RPL 3. With the GDT order kernel code
 * 0x08, kernel data 0x10, user data 0x18, user code 0x20, a base of 0x10
 * gives exactly 0x23 and 0x1b, the same selectors iret uses.
 */
#define STAR_SYSRET_BASE (GDT_KERNEL_DS | 3)
_Static_assert(STAR_SYSRET_BASE + 16 == GDT_USER_CS, "sysret CS");
_Static_assert(STAR_SYSRET_BASE + 8 == GDT_USER_DS, "sysret SS");
_Static_assert(GDT_KERNEL_CS + 8 == GDT_KERNEL_DS, "syscall SS");

/**
 * syscall_init - enable syscall/sysret on this CPU
 *
 * The mask clears IF (the entry must swapgs and switch stacks first), DF
 * (the C ABI), TF (no single-step into the kernel), AC (no user access
 * without stac) and NT (an iret with NT set would fault).
 * Context: CPU bring-up, interrupts off.
 */
void syscall_init(void)
{
	wrmsr(MSR_STAR, ((u64)STAR_SYSRET_BASE << 48) | ((u64)GDT_KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (unsigned long)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_DF | X86_EFLAGS_TF |
				X86_EFLAGS_AC | X86_EFLAGS_NT | X86_EFLAGS_IOPL);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
