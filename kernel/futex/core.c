/*
 * Fast user-space mutexes, after Linux's kernel/futex/core.c: keys, the
 * hash of sleepers, and what happens to a thread's futexes when it exits
 * or executes a new program (the robust-list walk). A thread whose lock
 * word in user memory says "taken" sleeps in FUTEX_WAIT (waitwake.c)
 * until the owner's FUTEX_WAKE; the kernel keeps no state per futex, only
 * queues of sleepers hashed by key.
 *
 * Simplified: no PI futexes (FUTEX_LOCK_PI answers -ENOSYS; a PI word on
 * a robust list is still marked FUTEX_OWNER_DIED at exit). Shared memory
 * is keyed by its page, which stays put here (no swap, no migration).
 * Lock: see futex.h; get_futex_key() takes mmap_lock for shared keys, so
 * keys are computed before any bucket lock is taken.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/futex.h>
#include <uapi/linux/futex.h>
#include <asm/futex.h>
#include "futex.h"

#define FUTEX_HASH_BITS 6

static struct futex_hash_bucket futex_queues[1 << FUTEX_HASH_BITS];

static int __init futex_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(futex_queues); i++) {
		spin_lock_init(&futex_queues[i].lock);
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
	return 0;
}
core_initcall(futex_init);

/* Mirrors futex_hash(). */
struct futex_hash_bucket *futex_hash(const struct futex_key *key)
{
	unsigned long h = (key->offset >> 2) ^ ((unsigned long)key->object >> 6);

	h ^= h >> FUTEX_HASH_BITS ^ h >> (2 * FUTEX_HASH_BITS);
	return &futex_queues[h & ((1 << FUTEX_HASH_BITS) - 1)];
}

/* The page behind @address if it lies in a shared mapping, else NULL. */
static struct page *shared_futex_page(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma;
	struct page *page = NULL;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, address);
	if (vma && vma->vm_start <= address && (vma->vm_flags & VM_SHARED))
		page = follow_page(mm, address);	/* shared pages are never absent */
	mutex_unlock(&mm->mmap_lock);
	return page;
}

/**
 * get_futex_key - which futex @uaddr names
 * @uaddr: the user word
 * @flags: FLAGS_SHARED unless the caller said FUTEX_PRIVATE_FLAG
 * @key: filled in
 *
 * Mirrors get_futex_key(): a private futex is (mm, address); a word in a
 * MAP_SHARED mapping, asked for without FUTEX_PRIVATE_FLAG, is (page,
 * offset), so processes mapping it at different addresses meet. Any
 * other word is private even without the flag, as on Linux.
 * Context: process context, may sleep (mmap_lock); no bucket lock held.
 * Return: 0, -EINVAL (misaligned) or -EFAULT.
 */
int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct page *page;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !mm)
		return -EFAULT;
	key->object = mm;
	key->offset = address;
	if (flags & FLAGS_SHARED) {
		page = shared_futex_page(mm, address);
		if (page) {
			key->object = page;
			key->offset = offset_in_page(address);
		}
	}
	return 0;
}

/* Takes @q off its queue and wakes it (Linux's futex_wake_mark()).
 * Caller holds the bucket lock. */
void futex_wake_mark(struct futex_q *q)
{
	list_del_init(&q->list);
	WRITE_ONCE(q->woken, true);
	wake_up_process(q->task);
}

/* Locks two buckets in address order, so two callers cannot deadlock. */
void double_lock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
{
	struct futex_hash_bucket *t;

	if (a > b) {
		t = a;
		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	if (a != b)
		spin_lock_nested(&b->lock, SINGLE_DEPTH_NESTING);
}

void double_unlock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/* ---- robust futexes: locks a dying thread still holds ---- */

/*
 * Mirrors handle_futex_death(): if the word at @uaddr names @curr as its
 * owner, mark it FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and wake one
 * waiter, whose lock call then returns EOWNERDEAD. @pending: the lock the
 * thread was taking or releasing when it died; if that one is free, a
 * waiter may have missed the unlock's wake-up, so wake one anyway.
 * Return: 0, or -EFAULT to stop the walk.
 */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *curr, bool pi,
			      bool pending)
{
	u32 uval, cur, mval;

	if ((unsigned long)uaddr % sizeof(u32))
		return -EFAULT;
	if (get_user(uval, uaddr))
		return -EFAULT;
	for (;;) {
		if (pending && !pi && !uval) {
			futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if ((uval & FUTEX_TID_MASK) != (u32)curr->pid)
			return 0;	/* not ours (any more) */
		mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		if (futex_atomic_cmpxchg_inatomic(&cur, uaddr, uval, mval))
			return -EFAULT;
		if (cur == uval)
			break;
		uval = cur;	/* a waiter set FUTEX_WAITERS meanwhile */
	}
	/* PI waiters would sleep in the kernel's PI state, which Spindle
	 * lacks; plain waiters sleep on the word. */
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* Reads one list pointer; bit 0 of an entry says "PI futex". */
static int fetch_robust_entry(struct robust_list __user **entry,
			      struct robust_list __user *__user *head, bool *pi)
{
	unsigned long uentry;

	if (get_user(uentry, (unsigned long __user *)head))
		return -EFAULT;
	*entry = (struct robust_list __user *)(uentry & ~1UL);
	*pi = uentry & 1;
	return 0;
}

/*
 * Mirrors exit_robust_list(): walk the list of locks @curr holds, which
 * lives in user memory and may be garbage: every read may fault, and the
 * walk stops after ROBUST_LIST_LIMIT entries in case it loops.
 */
static void exit_robust_list(struct task_struct *curr)
{
	struct robust_list_head __user *head = curr->robust_list;
	struct robust_list __user *entry, *next, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, next_pi, pending_pi;
	long futex_offset;
	int err;

	if (fetch_robust_entry(&entry, &head->list.next, &pi) ||
	    get_user(futex_offset, &head->futex_offset) ||
	    fetch_robust_entry(&pending, &head->list_op_pending, &pending_pi))
		return;
	while (entry != &head->list) {
		/* Read the next entry first: the word may be the lock's
		 * memory, freed once a waiter has taken it. */
		err = fetch_robust_entry(&next, &entry->next, &next_pi);
		if (entry != pending &&
		    handle_futex_death((u32 __user *)((char __user *)entry + futex_offset),
				       curr, pi, false))
			return;
		if (err || !--limit)
			return;
		entry = next;
		pi = next_pi;
		cond_resched();
	}
	if (pending)
		handle_futex_death((u32 __user *)((char __user *)pending + futex_offset),
				   curr, pending_pi, true);
}

/* Mirrors futex_cleanup(). */
static void futex_cleanup(struct task_struct *tsk)
{
	if (tsk->robust_list) {
		exit_robust_list(tsk);
		tsk->robust_list = NULL;
	}
}

/**
 * futex_exit_release - let go of the futexes of an exiting thread
 * @tsk: current, still with its mm
 *
 * Locks on its robust list are marked FUTEX_OWNER_DIED and their waiters
 * woken. Mirrors futex_exit_release(); the CLONE_CHILD_CLEARTID wake-up
 * follows in mm_release() (kernel/fork.c).
 */
void futex_exit_release(struct task_struct *tsk)
{
	futex_cleanup(tsk);
}

/**
 * futex_exec_release - the same at execve(), before the old mm goes
 * @tsk: current
 *
 * The new program starts with no robust list registered, as on Linux.
 */
void futex_exec_release(struct task_struct *tsk)
{
	futex_cleanup(tsk);
}
