/*
 * The registers saved on entry to an exception or interrupt, in the order
 * arch/x86_64/kernel/entry.asm pushes them (lowest address first). Same
 * idea and names as Linux's struct pt_regs.
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#include <linux/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	u64 rax, rcx, rdx, rsi, rdi;
	u64 vector;		/* which IDT entry we came through */
	u64 error_code;		/* the CPU's, or 0 */
	/* pushed by the CPU */
	u64 rip, cs, rflags, rsp, ss;
};

#endif
