/*
 * The registers saved on entry to the kernel, in the order the entry code
 * (arch/x86_64/kernel/entry.asm for interrupts and exceptions,
 * arch/x86_64/entry/entry_64.asm for system calls) pushes them, lowest
 * address first. Same names and idea as Linux's struct pt_regs; Spindle
 * keeps the IDT vector and the error code in slots of their own, so
 * orig_rax is only the system-call number (-1 outside a system call).
 * A task entering from user mode has its frame at the top of its kernel
 * stack: task_pt_regs().
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#include <linux/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	u64 rax, rcx, rdx, rsi, rdi;
	u64 orig_rax;		/* system-call number, or -1 */
	u64 vector;		/* which IDT entry we came through, or -1 */
	u64 error_code;		/* the CPU's, or 0 */
	/* pushed by the CPU (by entry_SYSCALL_64 for a system call) */
	u64 rip, cs, rflags, rsp, ss;
};

/* True if the frame was saved on entry from ring 3. */
static inline bool user_mode(const struct pt_regs *regs)
{
	return regs->cs & 3;
}

struct task_struct;

/* The user-mode frame at the top of @p's kernel stack, as Linux's
 * task_pt_regs(): where entry from ring 3 saves the registers and the
 * return to ring 3 finds them. */
struct pt_regs *task_pt_regs(struct task_struct *p);
#define current_pt_regs() task_pt_regs(current)
/* The user rsp of current, as it entered the kernel (sigaltstack). */
#define current_user_stack_pointer() (current_pt_regs()->rsp)

#endif
