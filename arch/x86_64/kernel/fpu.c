/*
 * FPU/SSE state of user tasks, as Linux's arch/x86/kernel/fpu/init.c and
 * core.c with only the fxsave format: each task with user state keeps a
 * 512-byte image in its thread_struct, written by __switch_to when it
 * leaves the CPU and read back when it returns (eager switching, so no
 * #NM traps). Fork copies the parent's live registers, execve starts
 * from the fninit state.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <asm/fpu.h>

static u32 mxcsr_mask = 0xffbf;	/* the default when the CPU reports 0 */

void fpu__init_cpu(void)
{
	static struct fxregs_state probe;
	unsigned long cr0 = read_cr0();

	cr0 |= X86_CR0_MP | X86_CR0_NE;
	cr0 &= ~(X86_CR0_EM | X86_CR0_TS);
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(cr0) : "memory");
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit" : : : "memory");
	/* The CPU says which MXCSR bits exist (Intel SDM 11.6.6). */
	fxsave(&probe);
	if (probe.mxcsr_mask)
		mxcsr_mask = probe.mxcsr_mask;
}

u32 fpu__mxcsr_mask(void)
{
	return mxcsr_mask;
}

void fpu__init_state(struct fxregs_state *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->cwd = FCW_DEFAULT;
	fx->mxcsr = MXCSR_DEFAULT;	/* twd 0: every x87 register empty */
}

/**
 * fpu__clear_user_state - give current a fresh FPU for a new program
 *
 * Called by start_thread() on execve. From here on current has user
 * state, which __switch_to saves and restores.
 * Context: process.
 */
void fpu__clear_user_state(void)
{
	struct thread_struct *t = &current->thread;

	preempt_disable();	/* the switch must not save over the new image */
	fpu__init_state(&t->fpu);
	fxrstor(&t->fpu);
	t->user_state = true;
	preempt_enable();
}
