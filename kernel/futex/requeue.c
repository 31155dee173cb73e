/*
 * Moving sleepers from one futex to another, after Linux's
 * kernel/futex/requeue.c: a condition variable's broadcast wakes one
 * waiter and hands the rest to the mutex's word, so they do not all
 * rush for the mutex at once. No PI requeue (FUTEX_CMP_REQUEUE_PI).
 * Lock: both buckets, in address order (double_lock_hb()).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <uapi/linux/futex.h>
#include "futex.h"

/**
 * futex_requeue - wake some sleepers of @uaddr1 and move others to @uaddr2
 * @uaddr1: the futex whose sleepers are taken
 * @flags: FLAGS_SHARED or 0
 * @uaddr2: where the moved sleepers will wait
 * @nr_wake: how many to wake
 * @nr_requeue: how many more to move
 * @cmpval: with FUTEX_CMP_REQUEUE, the value *@uaddr1 must still hold
 *
 * Mirrors futex_requeue().
 * Return: how many were woken or moved, or -EAGAIN/-EFAULT/-EINVAL.
 */
long futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_requeue, const u32 *cmpval)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	struct futex_q *q, *next;
	long done = 0, todo;
	int err;
	u32 uval;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_futex_key(uaddr1, flags, &key1) ?: get_futex_key(uaddr2, flags, &key2);
	if (err)
		return err;
	/* Read before locking; a sleeper queued meanwhile re-reads the word
	 * after queueing itself, so the check cannot lose it. */
	if (cmpval && get_user(uval, uaddr1))
		return -EFAULT;
	if (cmpval && uval != *cmpval)
		return -EAGAIN;
	todo = (long)nr_wake + nr_requeue;	/* callers pass INT_MAX */
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	double_lock_hb(hb1, hb2);
	list_for_each_entry_safe(q, next, &hb1->chain, list) {
		if (!futex_match(&q->key, &key1))
			continue;
		if (done >= todo)
			break;
		if (done++ < nr_wake) {
			futex_wake_mark(q);
		} else {
			q->key = key2;
			WRITE_ONCE(q->hb, hb2);
			list_move_tail(&q->list, &hb2->chain);
		}
	}
	double_unlock_hb(hb1, hb2);
	return done;
}
