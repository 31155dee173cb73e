/*
 * Memory barriers on x86-64, as Linux's arch/x86/include/asm/barrier.h.
 * x86 is "total store order": loads are not reordered with loads, nor
 * stores with stores, nor a store with an earlier load. The only reorder
 * the CPU does is a later load passing an earlier store (through the
 * store buffer). So smp_rmb(), smp_wmb(), acquire and release need only
 * stop the compiler; smp_mb() needs a real fence. Like Linux, it uses a
 * locked add to the stack instead of mfence: same effect, and cheaper.
 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux/compiler.h>
#include <asm/processor.h>	/* cpu_relax() */

/* Order against devices too (non-temporal stores, MMIO). */
#define mb() __asm__ __volatile__("mfence" ::: "memory")
#define rmb() __asm__ __volatile__("lfence" ::: "memory")
#define wmb() __asm__ __volatile__("sfence" ::: "memory")

/* Orders this CPU's accesses as other CPUs see them. */
#define __smp_mb() __asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc")
#define __smp_rmb() barrier()
#define __smp_wmb() barrier()

/* A locked instruction (every atomic RMW on x86) is a full barrier
 * already: only the compiler must be stopped around it. */
#define __smp_mb__before_atomic() barrier()
#define __smp_mb__after_atomic() barrier()

/* Under TSO a plain load is an acquire and a plain store a release. */
#define __smp_load_acquire(p)                       \
	({                                          \
		__typeof__(*(p)) ___p1 = READ_ONCE(*(p)); \
		barrier();                          \
		___p1;                              \
	})

#define __smp_store_release(p, v)   \
	do {                        \
		barrier();          \
		WRITE_ONCE(*(p), v); \
	} while (0)

#include <asm-generic/barrier.h>

#endif
