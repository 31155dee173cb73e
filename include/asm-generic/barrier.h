/*
 * The generic names of the memory barriers, as Linux's
 * include/asm-generic/barrier.h: each architecture's asm/barrier.h
 * defines the __smp_*() forms and includes this file last.
 *
 * What each one promises (Documentation/memory-barriers.txt):
 *   smp_mb()   orders all earlier loads and stores before all later ones
 *   smp_rmb()  orders earlier loads before later loads
 *   smp_wmb()  orders earlier stores before later stores
 *   smp_load_acquire(p)     no later access moves before this load
 *   smp_store_release(p, v) no earlier access moves after this store
 * A release paired with an acquire that reads its value makes everything
 * before the release visible after the acquire.
 */
#ifndef _ASM_GENERIC_BARRIER_H
#define _ASM_GENERIC_BARRIER_H

#include <linux/compiler.h>

#define smp_mb() __smp_mb()
#define smp_rmb() __smp_rmb()
#define smp_wmb() __smp_wmb()
#define smp_mb__before_atomic() __smp_mb__before_atomic()
#define smp_mb__after_atomic() __smp_mb__after_atomic()
#define smp_load_acquire(p) __smp_load_acquire(p)
#define smp_store_release(p, v) __smp_store_release(p, v)

/* A store followed by a full barrier (set_current_state() uses it). */
#define smp_store_mb(var, value)          \
	do {                              \
		WRITE_ONCE(var, value);   \
		smp_mb();                 \
	} while (0)

/* After a control dependency (if on a loaded value), later loads are
 * ordered too: the dependency already orders the stores. */
#define smp_acquire__after_ctrl_dep() smp_rmb()

/**
 * smp_cond_load_acquire - spin until *@ptr satisfies @cond_expr
 * @ptr: the location to poll
 * @cond_expr: an expression of VAL, the value just loaded
 *
 * Return: the value that satisfied the condition, read with acquire
 * ordering.
 */
#define smp_cond_load_relaxed(ptr, cond_expr)                  \
	({                                                     \
		__typeof__(ptr) __PTR = (ptr);                 \
		__typeof__(*(ptr)) VAL;                        \
		for (;;) {                                     \
			VAL = READ_ONCE(*__PTR);               \
			if (cond_expr)                         \
				break;                         \
			cpu_relax();                           \
		}                                              \
		VAL;                                           \
	})

#define smp_cond_load_acquire(ptr, cond_expr)                              \
	({                                                                 \
		__typeof__(*(ptr)) _val = smp_cond_load_relaxed(ptr, cond_expr); \
		smp_acquire__after_ctrl_dep();                             \
		_val;                                                      \
	})

#endif
