/*
 * The x87/MMX/SSE registers of user tasks, as Linux's arch/x86/kernel/fpu/
 * (core.c, init.c) in its simplest form: fxsave/fxrstor images (no XSAVE,
 * so CPUID tells user space OSXSAVE is off and it keeps to SSE), saved
 * eagerly on every switch away from a task with user state. The kernel
 * itself is built without SSE and never touches these registers.
 */
#ifndef _ASM_FPU_H
#define _ASM_FPU_H

#include <asm/processor.h>

#define MXCSR_DEFAULT 0x1f80	/* all exceptions masked, round to nearest */
#define FCW_DEFAULT 0x037f	/* what fninit sets */

static inline void fxsave(struct fxregs_state *fx)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(*fx));
}

static inline void fxrstor(const struct fxregs_state *fx)
{
	__asm__ __volatile__("fxrstor64 %0" : : "m"(*fx));
}

/* Per CPU: CR0.MP/NE on, EM/TS off, CR4.OSFXSR and OSXMMEXCPT on. */
void fpu__init_cpu(void);
/* Fills @fx with the state after fninit and MXCSR 0x1f80. */
void fpu__init_state(struct fxregs_state *fx);
/* execve: current gets a clean FPU, loaded now. Context: process. */
void fpu__clear_user_state(void);
/* The MXCSR bits fxrstor accepts; others would #GP in the kernel. */
u32 fpu__mxcsr_mask(void);

#endif
