/*
 * Waiting and waking, after Linux's kernel/futex/waitwake.c.
 *
 * Linux reads the futex word with the bucket lock held and page faults
 * disabled; Spindle queues the sleeper first and reads the word after,
 * which closes the same window (a waker that changed the word before our
 * read finds us queued) without reading user memory under a spinlock.
 * Lock: see futex.h.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/bitops.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <uapi/linux/futex.h>
#include <asm/futex.h>
#include "futex.h"

/*
 * Unqueues @q unless a waker did (Linux's futex_unqueue()). A requeue may
 * move @q to another bucket under both locks, so lock the bucket @q names
 * and check that it still names it.
 * Return: true if it had been woken.
 */
static bool futex_unqueue(struct futex_q *q)
{
	struct futex_hash_bucket *hb;
	bool woken;

	for (;;) {
		hb = READ_ONCE(q->hb);
		spin_lock(&hb->lock);
		if (hb == READ_ONCE(q->hb))
			break;
		spin_unlock(&hb->lock);
	}
	woken = q->woken;
	if (!woken)
		list_del(&q->list);
	spin_unlock(&hb->lock);
	return woken;
}

/**
 * futex_wait - sleep while *@uaddr == @val
 * @uaddr: the futex word
 * @flags: FLAGS_SHARED or 0
 * @val: the value the caller saw
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 * @bitset: which FUTEX_WAKE_BITSET calls may wake us
 *
 * Mirrors futex_wait(). A requeue may move us to another word meanwhile;
 * the wake-up that counts then comes from there.
 * Return: 0 when woken, -EAGAIN (the word had changed), -ETIMEDOUT,
 * -ERESTARTSYS or -EINTR (a signal), -EFAULT, -EINVAL.
 */
long futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, long timeout, u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	struct futex_hash_bucket *hb;
	u32 uval;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, flags, &q.key);
	if (err)
		return err;
	hb = futex_hash(&q.key);
	q.hb = hb;
	spin_lock(&hb->lock);
	list_add_tail(&q.list, &hb->chain);
	spin_unlock(&hb->lock);

	if (get_user(uval, uaddr)) {
		err = -EFAULT;
	} else if (uval != val) {
		err = -EAGAIN;
	} else {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!READ_ONCE(q.woken) && !signal_pending(current) && timeout)
			timeout = schedule_timeout(timeout);
		__set_current_state(TASK_RUNNING);
		err = !timeout ? -ETIMEDOUT : -ERESTARTSYS;
	}
	if (futex_unqueue(&q))
		return 0;	/* a wake won, whatever else happened */
	/* A timed wait interrupted by a signal is not restarted (Linux
	 * restarts it with the time left; Spindle leaves that to the caller). */
	if (err == -ERESTARTSYS && timeout != MAX_SCHEDULE_TIMEOUT)
		err = -EINTR;
	return err;
}

/* Wakes up to @nr sleepers of @key in @hb whose bitset meets @bitset.
 * Caller holds hb->lock. Return: how many. */
static int wake_matching(struct futex_hash_bucket *hb, const struct futex_key *key, int nr,
			 u32 bitset)
{
	struct futex_q *q, *next;
	int woken = 0;

	list_for_each_entry_safe(q, next, &hb->chain, list) {
		if (woken >= nr)
			break;
		if (futex_match(&q->key, key) && (q->bitset & bitset)) {
			futex_wake_mark(q);
			woken++;
		}
	}
	return woken;
}

/* Mirrors futex_wake(): wakes up to @nr_wake sleepers whose bitset
 * matches. Return: how many, or -EINVAL/-EFAULT. */
long futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_key key;
	int woken, err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, flags, &key);
	if (err)
		return err;
	hb = futex_hash(&key);
	spin_lock(&hb->lock);
	woken = wake_matching(hb, &key, nr_wake, bitset);
	spin_unlock(&hb->lock);
	return woken;
}

/* FUTEX_WAKE_OP's comparison of the old value with cmparg (Linux's
 * futex_atomic_op_inuser() tail). */
static int futex_op_compare(unsigned int cmp, int oldval, int cmparg)
{
	switch (cmp) {
	case FUTEX_OP_CMP_EQ:
		return oldval == cmparg;
	case FUTEX_OP_CMP_NE:
		return oldval != cmparg;
	case FUTEX_OP_CMP_LT:
		return oldval < cmparg;
	case FUTEX_OP_CMP_LE:
		return oldval <= cmparg;
	case FUTEX_OP_CMP_GT:
		return oldval > cmparg;
	case FUTEX_OP_CMP_GE:
		return oldval >= cmparg;
	}
	return -ENOSYS;
}

/* Decodes @encoded_op, applies it to *@uaddr and compares the old value.
 * Return: 1 or 0 (the comparison), or -EFAULT/-ENOSYS. */
static int futex_atomic_op_inuser(u32 encoded_op, u32 __user *uaddr)
{
	unsigned int op = (encoded_op >> 28) & 7;
	unsigned int cmp = (encoded_op >> 24) & 15;
	int oparg = sign_extend32(encoded_op >> 12, 11);
	int cmparg = sign_extend32(encoded_op, 11);
	int oldval, err;

	if (encoded_op & (FUTEX_OP_OPARG_SHIFT << 28)) {
		if (oparg < 0 || oparg > 31)
			return -EINVAL;	/* Linux warns and refuses too */
		oparg = 1 << oparg;
	}
	err = arch_futex_atomic_op_inuser(op, oparg, &oldval, uaddr);
	if (err)
		return err;
	return futex_op_compare(cmp, oldval, cmparg);
}

/**
 * futex_wake_op - FUTEX_WAKE_OP: change a second word, then wake on both
 * @uaddr1: the first futex: up to @nr_wake sleepers are woken
 * @flags: FLAGS_SHARED or 0
 * @uaddr2: the second: @op is applied to it atomically, and if its old
 *          value passes @op's comparison, up to @nr_wake2 of its sleepers
 *          are woken too
 * @nr_wake: see @uaddr1
 * @nr_wake2: see @uaddr2
 * @op: FUTEX_OP(op, oparg, cmp, cmparg)
 *
 * Mirrors futex_wake_op(); old glibc condition variables used it.
 * Return: how many were woken in all, or a negative errno.
 */
long futex_wake_op(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_wake2, u32 op)
{
	struct futex_key key1, key2;
	struct futex_hash_bucket *hb1, *hb2;
	int woken, cmp, err;

	err = get_futex_key(uaddr1, flags, &key1) ?: get_futex_key(uaddr2, flags, &key2);
	if (err)
		return err;
	/* The operation may fault (and sleep): done before the buckets are
	 * locked. A sleeper that queues meanwhile re-reads its word after
	 * queueing, so it is not lost. */
	cmp = futex_atomic_op_inuser(op, uaddr2);
	if (cmp < 0)
		return cmp;
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	double_lock_hb(hb1, hb2);
	woken = wake_matching(hb1, &key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (cmp)
		woken += wake_matching(hb2, &key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	double_unlock_hb(hb1, hb2);
	return woken;
}
