/*
 * Mutexes (see include/linux/mutex.h), after Linux's
 * kernel/locking/mutex.c without optimistic spinning: a waiter queues
 * itself in FIFO order and sleeps; unlock hands the mutex straight to the
 * first waiter, so no later arrival can barge past it.
 * Locking: lock->wait_lock guards owner and wait_list.
 */
#include <linux/mutex.h>
#include <linux/kernel.h>

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
	bool granted;
};

int mutex_trylock(struct mutex *lock)
{
	int got = 0;

	spin_lock(&lock->wait_lock);
	if (!lock->owner) {
		lock->owner = current;
		got = 1;
	}
	spin_unlock(&lock->wait_lock);
	return got;
}

void mutex_lock(struct mutex *lock)
{
	struct mutex_waiter waiter = { .task = current };

	might_sleep();
	WARN_ON_ONCE(in_interrupt());
	spin_lock(&lock->wait_lock);
	if (!lock->owner) {
		lock->owner = current;
		spin_unlock(&lock->wait_lock);
		return;
	}
	WARN_ON_ONCE(lock->owner == current);	/* would deadlock */
	list_add_tail(&waiter.list, &lock->wait_list);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(waiter.granted))
			break;
		spin_unlock(&lock->wait_lock);
		schedule();
		spin_lock(&lock->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
	spin_unlock(&lock->wait_lock);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

int mutex_lock_killable(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

void mutex_unlock(struct mutex *lock)
{
	struct mutex_waiter *next;

	spin_lock(&lock->wait_lock);
	if (WARN_ON(lock->owner != current)) {
		spin_unlock(&lock->wait_lock);
		return;
	}
	next = list_first_entry_or_null(&lock->wait_list, struct mutex_waiter, list);
	if (next) {
		list_del(&next->list);
		lock->owner = next->task;	/* hand-off */
		WRITE_ONCE(next->granted, true);
		wake_up_process(next->task);
	} else {
		lock->owner = NULL;
	}
	spin_unlock(&lock->wait_lock);
}
