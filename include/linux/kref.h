/*
 * Reference-counted objects, as Linux's include/linux/kref.h: embed a
 * struct kref, kref_init() it to 1, kref_get() for each new user, and
 * kref_put(ref, release) when done; the put that drops the last
 * reference calls release(), which frees the containing object (found
 * with container_of()). Built on refcount_t, so misuse saturates and
 * WARNs instead of freeing an object still in use.
 */
#ifndef _LINUX_KREF_H
#define _LINUX_KREF_H

#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n) { .refcount = REFCOUNT_INIT(n), }

static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

/* Takes a reference; the caller must already hold one. */
static inline void kref_get(struct kref *kref)
{
	refcount_inc(&kref->refcount);
}

/**
 * kref_put - drop a reference; release the object with the last one
 * @kref: the object's kref
 * @release: called with @kref when the count hits 0; frees the object
 *
 * Return: 1 if the object was released, else 0 (the object may be gone
 * by the time the caller looks again: another user may release it).
 */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

/* As kref_put(), but calls @release with @lock held (it must unlock). */
static inline int kref_put_mutex(struct kref *kref,
				 void (*release)(struct kref *kref),
				 struct mutex *lock)
{
	if (refcount_dec_and_mutex_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

static inline int kref_put_lock(struct kref *kref,
				void (*release)(struct kref *kref),
				spinlock_t *lock)
{
	if (refcount_dec_and_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

/**
 * kref_get_unless_zero - take a reference unless the object is being released
 * @kref: the object's kref, found through a lookup structure whose lock
 *        (or RCU) keeps the memory valid
 *
 * Return: nonzero if a reference was taken.
 */
static inline int __must_check kref_get_unless_zero(struct kref *kref)
{
	return refcount_inc_not_zero(&kref->refcount);
}

#endif
