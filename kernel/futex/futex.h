/*
 * What the parts of kernel/futex/ share, as Linux's kernel/futex/futex.h:
 * keys, sleepers and their hash buckets.
 * Lock: each bucket's spinlock guards its chain and its sleepers' woken
 * flags; two buckets are taken in address order (double_lock_hb()).
 */
#ifndef _KERNEL_FUTEX_H
#define _KERNEL_FUTEX_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

/* Flags from the operation word, as Linux's FLAGS_*. */
#define FLAGS_SHARED	0x01	/* no FUTEX_PRIVATE_FLAG: may be shared */
#define FLAGS_CLOCKRT	0x02	/* FUTEX_CLOCK_REALTIME */

/*
 * Which futex: a word of one address space (@object is its mm, @offset
 * the address: Linux's private key), or a word of a page shared between
 * processes (@object is the page, @offset the word's offset in it; Linux
 * keys shared memory by inode and offset). An mm and a page never share
 * an address, so the two kinds cannot collide.
 */
struct futex_key {
	void *object;
	unsigned long offset;
};

/* One sleeper (Linux's struct futex_q), on its waiter's stack. @key and
 * @hb change only under the locks of both buckets (a requeue). */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct futex_hash_bucket *hb;	/* Linux's lock_ptr */
	struct futex_key key;
	u32 bitset;
	bool woken;
};

struct futex_hash_bucket {
	spinlock_t lock;
	struct list_head chain;
};

int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key);
struct futex_hash_bucket *futex_hash(const struct futex_key *key);

static inline bool futex_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->object == b->object && a->offset == b->offset;
}

void futex_wake_mark(struct futex_q *q);
void double_lock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b);
void double_unlock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b);

/* waitwake.c */
long futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, long timeout, u32 bitset);
long futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset);
long futex_wake_op(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_wake2, u32 op);

/* requeue.c */
long futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_requeue, const u32 *cmpval);

#endif
