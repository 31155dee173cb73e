/*
 * Signal-frame helpers of arch/x86_64/kernel/signal.c, as Linux's
 * asm/sighandling.h.
 */
#ifndef _ASM_SIGHANDLING_H
#define _ASM_SIGHANDLING_H

struct ksignal;
struct pt_regs;

/* Builds the rt_sigframe for @ksig on the user stack and points @regs at
 * the handler. Return: 0, or -EFAULT if the frame cannot be written (or
 * the action has no SA_RESTORER). Called by arch_do_signal_or_restart();
 * exposed for tests/ktest/usermode_test.c. */
int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs);

#endif
