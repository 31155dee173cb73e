/*
 * Host shim for arch/x86_64/include/asm/processor.h: only cpu_relax(),
 * which spinlock.h calls while it waits for a lock to be released. A test
 * is one thread, so nobody will ever release it: waiting means the code
 * under test took a lock it already holds. host_cpu_relax() reports that
 * deadlock and aborts, rather than spinning until the harness times out.
 * struct thread_struct only completes struct task_struct, which the mm
 * headers reach through mm_struct's lock; no host test runs a task.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <linux/compiler.h>

struct thread_struct {
	unsigned long sp;
};

void host_cpu_relax(void) __noreturn;

static inline void cpu_relax(void)
{
	host_cpu_relax();
}

#endif
