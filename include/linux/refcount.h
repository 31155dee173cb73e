/*
 * Reference counts that cannot overflow, as Linux's include/linux/refcount.h
 * and lib/refcount.c. A refcount_t is an atomic_t with rules: it never
 * goes from 0 back up (that is a use after free), and it never wraps.
 * Any misuse leaves the counter "saturated" at REFCOUNT_SATURATED
 * (INT_MIN / 2), from where neither increments nor decrements can bring
 * it to 0: the object leaks instead of being freed while still in use,
 * and a WARN names the misuse once, with Linux's messages:
 *   refcount_t: saturated; leaking memory.
 *   refcount_t: addition on 0; use-after-free.
 *   refcount_t: underflow; use-after-free.
 *   refcount_t: decrement hit 0; leaking memory.
 * The overflow tests add in unsigned arithmetic: Linux builds with
 * -fno-strict-overflow, Spindle does not, so a signed overflow there
 * would be undefined and the compiler could drop the test.
 * Ordering (Documentation/core-api/refcount-vs-atomic.rst): increments
 * are relaxed; a decrement is a release, and the one that hits 0 is also
 * an acquire, so the freeing sees every earlier user's stores.
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/kernel.h>

struct mutex;
struct spinlock;

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_MAX INT_MAX
#define REFCOUNT_SATURATED (INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

/* Saturates @r and WARNs once per kind of misuse (lib/refcount.c). */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

/* old + i, wrapping as Linux's -fno-strict-overflow makes it wrap. */
static inline int __refcount_sum(int old, int i)
{
	return (int)((unsigned int)old + (unsigned int)i);
}

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

/**
 * refcount_add_not_zero - add @i unless the count is 0
 * @i: the amount
 * @r: the refcount
 *
 * Return: false if the count was 0 (the object is being freed: do not
 * use it), else true. Saturates on overflow.
 */
static inline bool refcount_add_not_zero(int i, refcount_t *r)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg_relaxed(&r->refs, &old, __refcount_sum(old, i)));
	if (unlikely(old < 0 || __refcount_sum(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old;
}

static inline bool refcount_inc_not_zero(refcount_t *r)
{
	return refcount_add_not_zero(1, r);
}

/**
 * refcount_add - add @i to a count the caller already holds a reference on
 * @i: the amount
 * @r: the refcount; 0 here means a use after free and WARNs
 */
static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add_relaxed(i, &r->refs);

	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || __refcount_sum(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

/**
 * refcount_sub_and_test - drop @i references
 * @i: the amount
 * @r: the refcount
 *
 * Return: true if that dropped the last reference: the caller frees the
 * object. A saturated counter never returns true.
 */
static inline bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub_release(i, &r->refs);

	if (old == i) {
		smp_acquire__after_ctrl_dep();
		return true;
	}
	if (unlikely(old < 0 || __refcount_sum(old, -i) < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

static inline bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

/* Drops a reference that must not be the last (that would leak). */
static inline void refcount_dec(refcount_t *r)
{
	if (unlikely(atomic_fetch_sub_release(1, &r->refs) <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

bool refcount_dec_if_one(refcount_t *r);
bool refcount_dec_not_one(refcount_t *r);
bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);
bool refcount_dec_and_lock(refcount_t *r, struct spinlock *lock);

#endif
