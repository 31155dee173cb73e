/*
 * Sleeping locks, as Linux's include/linux/mutex.h: a task that finds the
 * mutex taken sleeps until the owner releases it, instead of spinning.
 * Only the owner may unlock; a mutex may not be taken in interrupt
 * context. Debug: unlocking a mutex one does not own is reported.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/wait.h>

struct mutex {
	struct task_struct *owner;
	spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __MUTEX_INITIALIZER(name) \
	{ NULL, __SPIN_LOCK_UNLOCKED(name.wait_lock), LIST_HEAD_INIT(name.wait_list) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

static inline void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
}

void mutex_lock(struct mutex *lock);
/* No signals in Spindle: never interrupted, returns 0. */
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
/* Returns 1 if it took the lock, 0 if it is held. */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

static inline bool mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}

#endif
