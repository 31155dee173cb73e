/*
 * The out-of-line half of refcount_t, as Linux's lib/refcount.c: the
 * saturation report and the decrements that take a lock when they drop
 * the last reference. The inline half is in include/linux/refcount.h.
 */
#include <linux/refcount.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

#define REFCOUNT_WARN(str) WARN_ONCE(1, "refcount_t: " str ".\n")

/**
 * refcount_warn_saturate - report a misuse of @r and saturate it
 * @r: the refcount
 * @t: what went wrong
 *
 * The counter is set to REFCOUNT_SATURATED first, so that whatever other
 * CPUs do next cannot bring it to 0 and free an object in use.
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	refcount_set(r, REFCOUNT_SATURATED);

	switch (t) {
	case REFCOUNT_ADD_NOT_ZERO_OVF:
		REFCOUNT_WARN("saturated; leaking memory");
		break;
	case REFCOUNT_ADD_OVF:
		REFCOUNT_WARN("saturated; leaking memory");
		break;
	case REFCOUNT_ADD_UAF:
		REFCOUNT_WARN("addition on 0; use-after-free");
		break;
	case REFCOUNT_SUB_UAF:
		REFCOUNT_WARN("underflow; use-after-free");
		break;
	case REFCOUNT_DEC_LEAK:
		REFCOUNT_WARN("decrement hit 0; leaking memory");
		break;
	default:
		REFCOUNT_WARN("unknown saturation event!?");
	}
}

/**
 * refcount_dec_if_one - drop the reference only if it is the last one
 * @r: the refcount
 *
 * Return: true if the count went from 1 to 0.
 */
bool refcount_dec_if_one(refcount_t *r)
{
	int val = 1;

	return atomic_try_cmpxchg_release(&r->refs, &val, 0);
}

/**
 * refcount_dec_not_one - drop a reference unless it is the last one
 * @r: the refcount
 *
 * Return: false if the count was 1 (left alone), else true. A saturated
 * count stays saturated.
 */
bool refcount_dec_not_one(refcount_t *r)
{
	unsigned int new, val = atomic_read(&r->refs);

	do {
		if (unlikely((int)val == REFCOUNT_SATURATED))
			return true;
		if (val == 1)
			return false;
		new = val - 1;
		if (new > val) {
			WARN_ONCE(new > val, "refcount_t: underflow; use-after-free.\n");
			return true;
		}
	} while (!atomic_try_cmpxchg_release(&r->refs, (int *)&val, new));
	return true;
}

/**
 * refcount_dec_and_mutex_lock - drop a reference; lock @lock if it was the last
 * @r: the refcount
 * @lock: the mutex guarding the object's lookup structure
 *
 * Context: may sleep.
 * Return: true, with @lock held, if the count hit 0; else false.
 */
bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	mutex_lock(lock);
	if (!refcount_dec_and_test(r)) {
		mutex_unlock(lock);
		return false;
	}
	return true;
}

/**
 * refcount_dec_and_lock - drop a reference; take @lock if it was the last
 * @r: the refcount
 * @lock: the spinlock guarding the object's lookup structure
 *
 * Return: true, with @lock held, if the count hit 0; else false.
 */
bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	spin_lock(lock);
	if (!refcount_dec_and_test(r)) {
		spin_unlock(lock);
		return false;
	}
	return true;
}
