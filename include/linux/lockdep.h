/*
 * Lock assertions, as the part of Linux's include/linux/lockdep.h that
 * code calls: lockdep_assert_held(&lock) states "the caller holds this
 * lock" where a comment would, and WARNs when it is not so.
 *
 * Divergence: Linux's lockdep tracks every lock each task holds. Spindle
 * has no lock tracking yet: for a mutex it checks that current is the
 * owner, for a spinlock only that somebody holds it (a spinlock records
 * no owner). A lock of any other type does not compile.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

#include <linux/bug.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

#define lockdep_is_held(l)                                                       \
	_Generic((l),                                                            \
		 raw_spinlock_t *: raw_spin_is_locked((raw_spinlock_t *)(void *)(l)), \
		 spinlock_t *: spin_is_locked((spinlock_t *)(void *)(l)),        \
		 struct mutex *: (READ_ONCE(((struct mutex *)(void *)(l))->owner) == current))

#define lockdep_assert_held(l) WARN_ON(!lockdep_is_held(l))
#define lockdep_assert_held_once(l) WARN_ON_ONCE(!lockdep_is_held(l))
/* Spindle cannot tell "held by someone else" from "held by me" for a
 * spinlock, so the converse is checked only for mutexes. */
#define lockdep_assert_not_held(l)                                               \
	_Generic((l),                                                            \
		 struct mutex *: WARN_ON(lockdep_is_held(l)),                     \
		 default: 0)

#endif
