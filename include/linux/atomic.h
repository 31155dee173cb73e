/*
 * Atomic counters, as Linux's include/linux/atomic.h (with the functions
 * its scripts generate into linux/atomic/atomic-instrumented.h and
 * atomic-long.h). Three types, each with the same families:
 *   atomic_t (int), atomic64_t (s64), atomic_long_t (long; = atomic64_t)
 *
 * Ordering, as Documentation/atomic_t.txt states it:
 *   - read/set, and the operations that return nothing (add, sub, inc,
 *     dec, and, or, xor, andnot), are unordered (relaxed);
 *   - those that return a value (*_return, fetch_*, xchg, cmpxchg,
 *     try_cmpxchg, *_and_test, add_negative, add_unless, inc_not_zero)
 *     are fully ordered, like smp_mb() on both sides;
 *   - the _relaxed, _acquire and _release forms order only as named;
 *   - a cmpxchg that fails orders nothing.
 * Spindle builds the families from the compiler's __atomic builtins
 * (which emit the same `lock`-prefixed instructions as Linux's
 * arch/x86/include/asm/atomic.h) with one generator macro per family,
 * where Linux generates the text with scripts/atomic/.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <asm/cmpxchg.h>

/* One function per ordering: @gen(suffix, memory order, ...). */
#define __ATOMIC_ORDERINGS(gen, ...)                 \
	gen(, __ATOMIC_SEQ_CST, __VA_ARGS__)         \
	gen(_relaxed, __ATOMIC_RELAXED, __VA_ARGS__) \
	gen(_acquire, __ATOMIC_ACQUIRE, __VA_ARGS__) \
	gen(_release, __ATOMIC_RELEASE, __VA_ARGS__)

/* pfx_op(i, v): no value, no ordering. */
#define __ATOMIC_GEN_OP(pfx, T, CT, op, expr)                               \
	static __always_inline void pfx##_##op(CT i, T *v)                  \
	{                                                                   \
		__atomic_fetch_##expr;                                      \
	}

/* pfx_op_return*(i, v): the new value. */
#define __ATOMIC_GEN_OP_RETURN(sfx, order, pfx, T, CT, op)                  \
	static __always_inline CT pfx##_##op##_return##sfx(CT i, T *v)      \
	{                                                                   \
		return __atomic_##op##_fetch(&v->counter, i, order);        \
	}

/* pfx_fetch_op*(i, v): the old value. */
#define __ATOMIC_GEN_FETCH_OP(sfx, order, pfx, T, CT, op, val)              \
	static __always_inline CT pfx##_fetch_##op##sfx(CT i, T *v)         \
	{                                                                   \
		return __atomic_fetch_##val(&v->counter, i, order);         \
	}

#define __ATOMIC_GEN_FETCH_ANDNOT(sfx, order, pfx, T, CT)                   \
	static __always_inline CT pfx##_fetch_andnot##sfx(CT i, T *v)       \
	{                                                                   \
		return __atomic_fetch_and(&v->counter, ~i, order);          \
	}

/* inc/dec forms of the returning operations. */
#define __ATOMIC_GEN_INC_DEC(sfx, order, pfx, T, CT)                        \
	static __always_inline CT pfx##_inc_return##sfx(T *v)               \
	{                                                                   \
		return __atomic_add_fetch(&v->counter, 1, order);           \
	}                                                                   \
	static __always_inline CT pfx##_dec_return##sfx(T *v)               \
	{                                                                   \
		return __atomic_sub_fetch(&v->counter, 1, order);           \
	}                                                                   \
	static __always_inline CT pfx##_fetch_inc##sfx(T *v)                \
	{                                                                   \
		return __atomic_fetch_add(&v->counter, 1, order);           \
	}                                                                   \
	static __always_inline CT pfx##_fetch_dec##sfx(T *v)                \
	{                                                                   \
		return __atomic_fetch_sub(&v->counter, 1, order);           \
	}

/* xchg, cmpxchg and try_cmpxchg; a failed compare orders nothing. */
#define __ATOMIC_GEN_XCHG(sfx, order, pfx, T, CT)                           \
	static __always_inline CT pfx##_xchg##sfx(T *v, CT new)             \
	{                                                                   \
		return __atomic_exchange_n(&v->counter, new, order);        \
	}                                                                   \
	static __always_inline CT pfx##_cmpxchg##sfx(T *v, CT old, CT new) \
	{                                                                   \
		__atomic_compare_exchange_n(&v->counter, &old, new, false,  \
					    order, __ATOMIC_RELAXED);       \
		return old;                                                 \
	}                                                                   \
	static __always_inline bool pfx##_try_cmpxchg##sfx(T *v, CT *old,  \
							   CT new)          \
	{                                                                   \
		return __atomic_compare_exchange_n(&v->counter, old, new,   \
						   false, order,            \
						   __ATOMIC_RELAXED);       \
	}

/* The conditional operations, built on try_cmpxchg as Linux's fallbacks. */
#define __ATOMIC_GEN_CONDITIONAL(pfx, T, CT)                                \
	static __always_inline CT pfx##_fetch_add_unless(T *v, CT a, CT u)  \
	{                                                                   \
		CT c = pfx##_read(v);                                       \
                                                                            \
		do {                                                        \
			if (unlikely(c == u))                               \
				break;                                      \
		} while (!pfx##_try_cmpxchg(v, &c, c + a));                 \
		return c;                                                   \
	}                                                                   \
	static __always_inline bool pfx##_add_unless(T *v, CT a, CT u)      \
	{                                                                   \
		return pfx##_fetch_add_unless(v, a, u) != u;                \
	}                                                                   \
	static __always_inline bool pfx##_inc_not_zero(T *v)                \
	{                                                                   \
		return pfx##_add_unless(v, 1, 0);                           \
	}                                                                   \
	static __always_inline bool pfx##_inc_unless_negative(T *v)         \
	{                                                                   \
		CT c = pfx##_read(v);                                       \
                                                                            \
		do {                                                        \
			if (unlikely(c < 0))                                \
				return false;                               \
		} while (!pfx##_try_cmpxchg(v, &c, c + 1));                 \
		return true;                                                \
	}                                                                   \
	static __always_inline bool pfx##_dec_unless_positive(T *v)         \
	{                                                                   \
		CT c = pfx##_read(v);                                       \
                                                                            \
		do {                                                        \
			if (unlikely(c > 0))                                \
				return false;                               \
		} while (!pfx##_try_cmpxchg(v, &c, c - 1));                 \
		return true;                                                \
	}                                                                   \
	/* Decrements only if the result is >= 0; returns old - 1 anyway. */ \
	static __always_inline CT pfx##_dec_if_positive(T *v)               \
	{                                                                   \
		CT dec, c = pfx##_read(v);                                  \
                                                                            \
		do {                                                        \
			dec = c - 1;                                        \
			if (unlikely(dec < 0))                              \
				break;                                      \
		} while (!pfx##_try_cmpxchg(v, &c, dec));                   \
		return dec;                                                 \
	}

#define __ATOMIC_GEN_ALL(pfx, T, CT)                                        \
	static __always_inline CT pfx##_read(const T *v)                    \
	{                                                                   \
		return READ_ONCE(v->counter);                               \
	}                                                                   \
	static __always_inline CT pfx##_read_acquire(const T *v)            \
	{                                                                   \
		return smp_load_acquire(&v->counter);                       \
	}                                                                   \
	static __always_inline void pfx##_set(T *v, CT i)                   \
	{                                                                   \
		WRITE_ONCE(v->counter, i);                                  \
	}                                                                   \
	static __always_inline void pfx##_set_release(T *v, CT i)           \
	{                                                                   \
		smp_store_release(&v->counter, i);                          \
	}                                                                   \
	__ATOMIC_GEN_OP(pfx, T, CT, add, add(&v->counter, i, __ATOMIC_RELAXED)) \
	__ATOMIC_GEN_OP(pfx, T, CT, sub, sub(&v->counter, i, __ATOMIC_RELAXED)) \
	__ATOMIC_GEN_OP(pfx, T, CT, and, and(&v->counter, i, __ATOMIC_RELAXED)) \
	__ATOMIC_GEN_OP(pfx, T, CT, or, or(&v->counter, i, __ATOMIC_RELAXED)) \
	__ATOMIC_GEN_OP(pfx, T, CT, xor, xor(&v->counter, i, __ATOMIC_RELAXED)) \
	__ATOMIC_GEN_OP(pfx, T, CT, andnot, and(&v->counter, ~i, __ATOMIC_RELAXED)) \
	static __always_inline void pfx##_inc(T *v)                         \
	{                                                                   \
		pfx##_add(1, v);                                            \
	}                                                                   \
	static __always_inline void pfx##_dec(T *v)                         \
	{                                                                   \
		pfx##_sub(1, v);                                            \
	}                                                                   \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_OP_RETURN, pfx, T, CT, add)         \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_OP_RETURN, pfx, T, CT, sub)         \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_FETCH_OP, pfx, T, CT, add, add)     \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_FETCH_OP, pfx, T, CT, sub, sub)     \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_FETCH_OP, pfx, T, CT, and, and)     \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_FETCH_OP, pfx, T, CT, or, or)       \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_FETCH_OP, pfx, T, CT, xor, xor)     \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_FETCH_ANDNOT, pfx, T, CT)           \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_INC_DEC, pfx, T, CT)                \
	__ATOMIC_ORDERINGS(__ATOMIC_GEN_XCHG, pfx, T, CT)                   \
	static __always_inline bool pfx##_sub_and_test(CT i, T *v)          \
	{                                                                   \
		return pfx##_sub_return(i, v) == 0;                         \
	}                                                                   \
	static __always_inline bool pfx##_dec_and_test(T *v)                \
	{                                                                   \
		return pfx##_dec_return(v) == 0;                            \
	}                                                                   \
	static __always_inline bool pfx##_inc_and_test(T *v)                \
	{                                                                   \
		return pfx##_inc_return(v) == 0;                            \
	}                                                                   \
	static __always_inline bool pfx##_add_negative(CT i, T *v)          \
	{                                                                   \
		return pfx##_add_return(i, v) < 0;                          \
	}                                                                   \
	__ATOMIC_GEN_CONDITIONAL(pfx, T, CT)

__ATOMIC_GEN_ALL(atomic, atomic_t, int)
__ATOMIC_GEN_ALL(atomic64, atomic64_t, s64)
__ATOMIC_GEN_ALL(atomic_long, atomic_long_t, long)

/*
 * cmpxchg() and xchg() on a plain variable of 1, 2, 4 or 8 bytes, with
 * the same orderings as the atomic_t forms.
 */
#define cmpxchg(ptr, old, new) arch_cmpxchg(ptr, old, new)
#define try_cmpxchg(ptr, pold, new) arch_try_cmpxchg(ptr, pold, new)
#define xchg(ptr, v) arch_xchg(ptr, v)
#define cmpxchg64(ptr, old, new) cmpxchg(ptr, old, new)

#define __cmpxchg_order(ptr, old, new, order)                                \
	({                                                                   \
		__typeof__(*(ptr)) __o = (old);                              \
		__atomic_compare_exchange_n((ptr), &__o, (new), false, order, \
					    __ATOMIC_RELAXED);               \
		__o;                                                         \
	})
#define cmpxchg_relaxed(ptr, o, n) __cmpxchg_order(ptr, o, n, __ATOMIC_RELAXED)
#define cmpxchg_acquire(ptr, o, n) __cmpxchg_order(ptr, o, n, __ATOMIC_ACQUIRE)
#define cmpxchg_release(ptr, o, n) __cmpxchg_order(ptr, o, n, __ATOMIC_RELEASE)
#define xchg_relaxed(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_RELAXED)
#define xchg_acquire(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_ACQUIRE)
#define xchg_release(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_RELEASE)

/* Waits (spinning) until the counter satisfies @c, an expression of VAL. */
#define atomic_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))
#define atomic_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))

#endif
