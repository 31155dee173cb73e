/*
 * The system-call table and the entry's C half (arch/x86_64/entry/),
 * as Linux's arch/x86/include/asm/syscall.h.
 */
#ifndef _ASM_SYSCALL_H
#define _ASM_SYSCALL_H

#include <linux/types.h>

struct pt_regs;

/* Every entry takes the six argument registers (rdi, rsi, rdx, r10, r8,
 * r9); a call that declares fewer or narrower parameters reads only
 * what it declares, which the x86-64 calling convention allows. */
typedef long (*sys_call_ptr_t)(unsigned long, unsigned long, unsigned long,
			       unsigned long, unsigned long, unsigned long);

extern const sys_call_ptr_t sys_call_table[];
extern const char *const syscall_names[];
extern sys_call_ptr_t syscall_test_hook;

bool do_syscall_64(struct pt_regs *regs, int nr);

/* The work before any return to user mode (entry/common.c): reschedule,
 * deliver signals. Return with interrupts off. */
void syscall_exit_to_user_mode(struct pt_regs *regs);
void irqentry_exit_to_user_mode(struct pt_regs *regs);

/* Per CPU: program the syscall MSRs (EFER.SCE, STAR, LSTAR, SFMASK). */
void syscall_init(void);

#endif
