/*
 * Compare-and-exchange and exchange, as Linux's
 * arch/x86/include/asm/cmpxchg.h: `lock cmpxchg` and `xchg` (implicitly
 * locked) on 1, 2, 4 or 8 bytes. The compiler's __atomic builtins emit
 * exactly those instructions and pick the size from the operand, which
 * Linux does with a switch on sizeof; both are full barriers on x86.
 */
#ifndef _ASM_X86_CMPXCHG_H
#define _ASM_X86_CMPXCHG_H

/* Stores @new in *@ptr if it holds @old; returns what *@ptr held. */
#define arch_cmpxchg(ptr, old, new)                                         \
	({                                                                  \
		__typeof__(*(ptr)) __old = (old);                           \
		__atomic_compare_exchange_n((ptr), &__old, (new), false,    \
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
		__old;                                                      \
	})

/* As arch_cmpxchg(), but true on success and *@pold updated on failure. */
#define arch_try_cmpxchg(ptr, pold, new)                                  \
	__atomic_compare_exchange_n((ptr), (pold), (new), false,          \
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

/* Stores @v in *@ptr; returns the old value. */
#define arch_xchg(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)

#endif
