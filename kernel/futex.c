/*
 * Fast user-space mutexes, after Linux's kernel/futex/ (core.c,
 * waitwake.c, syscalls.c): a thread whose lock word in user memory says
 * "taken" sleeps in FUTEX_WAIT until the owner's FUTEX_WAKE. The kernel
 * keeps no state per futex, only queues of sleepers hashed by address.
 *
 * Linux reads the futex word with the bucket lock held and page faults
 * disabled; Spindle queues the sleeper first and reads the word after,
 * which closes the same window (a waker that changed the word before our
 * read finds us queued) without reading user memory under a spinlock.
 * Simplified: a futex is keyed by (address space, address), which is
 * Linux's FUTEX_PRIVATE_FLAG key for every futex: processes sharing a
 * futex through a MAP_SHARED mapping are not matched. No PI futexes, no
 * robust-list walk at exit.
 * Lock: each bucket's spinlock around its queue and the q->woken flags.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/time.h>
#include <linux/init.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <uapi/linux/time_types.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

#define FUTEX_HASH_BITS 6

struct futex_key {
	struct mm_struct *mm;
	unsigned long address;
};

/* One sleeper (Linux's struct futex_q), on its waiter's stack. */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;
	bool woken;
};

struct futex_hash_bucket {
	spinlock_t lock;
	struct list_head chain;
};

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

static struct futex_hash_bucket *hash_futex(const struct futex_key *key)
{
	unsigned long h = (key->address >> 2) ^ ((unsigned long)key->mm >> 6);

	h ^= h >> FUTEX_HASH_BITS ^ h >> (2 * FUTEX_HASH_BITS);
	return &futex_queues[h & ((1 << FUTEX_HASH_BITS) - 1)];
}

/* Linux's get_futex_key(): the word must be aligned and in user space. */
static int get_futex_key(u32 __user *uaddr, struct futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !current->mm)
		return -EFAULT;
	key->mm = current->mm;
	key->address = address;
	return 0;
}

static bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->address == b->address;
}

/* Takes @q off its queue and wakes it. Caller holds the bucket lock. */
static void futex_wake_one(struct futex_q *q)
{
	list_del_init(&q->list);
	WRITE_ONCE(q->woken, true);
	wake_up_process(q->task);
}

/* Unqueues @q unless a waker did. Return: true if it had been woken. */
static bool futex_unqueue(struct futex_hash_bucket *hb, struct futex_q *q)
{
	bool woken;

	spin_lock(&hb->lock);
	woken = q->woken;
	if (!woken)
		list_del(&q->list);
	spin_unlock(&hb->lock);
	return woken;
}

/* Mirrors futex_wait(): sleeps while *@uaddr == @val, up to @timeout
 * jiffies (MAX_SCHEDULE_TIMEOUT: no limit). */
static long futex_wait(u32 __user *uaddr, u32 val, long timeout, u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	struct futex_hash_bucket *hb;
	u32 uval;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, &q.key);
	if (err)
		return err;
	hb = hash_futex(&q.key);
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
	if (futex_unqueue(hb, &q))
		return 0;	/* a wake won, whatever else happened */
	/* A timed wait interrupted by a signal is not restarted (Linux
	 * restarts it with the time left; Spindle leaves that to the caller). */
	if (err == -ERESTARTSYS && timeout != MAX_SCHEDULE_TIMEOUT)
		err = -EINTR;
	return err;
}

/* Mirrors futex_wake(): wakes up to @nr sleepers whose bitset matches. */
static long futex_wake(u32 __user *uaddr, int nr, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_q *q, *next;
	struct futex_key key;
	int woken = 0, err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, &key);
	if (err)
		return err;
	hb = hash_futex(&key);
	spin_lock(&hb->lock);
	list_for_each_entry_safe(q, next, &hb->chain, list) {
		if (woken >= nr)
			break;
		if (match_futex(&q->key, &key) && (q->bitset & bitset)) {
			futex_wake_one(q);
			woken++;
		}
	}
	spin_unlock(&hb->lock);
	return woken;
}

/* Locks two buckets in address order, so two requeues cannot deadlock. */
static void double_lock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
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

static void double_unlock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/*
 * Mirrors futex_requeue(): wakes @nr_wake sleepers of @uaddr1 and moves up
 * to @nr_requeue others to @uaddr2 (a condition variable's broadcast
 * hands them to the mutex). With @cmpval (FUTEX_CMP_REQUEUE) only if
 * *@uaddr1 still holds it.
 */
static long futex_requeue(u32 __user *uaddr1, u32 __user *uaddr2, int nr_wake,
			  int nr_requeue, const u32 *cmpval)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	struct futex_q *q, *next;
	int done = 0, err;
	u32 uval;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_futex_key(uaddr1, &key1) ?: get_futex_key(uaddr2, &key2);
	if (err)
		return err;
	/* Read before locking; a sleeper queued meanwhile re-reads the word
	 * after queueing itself, so the check cannot lose it. */
	if (cmpval && get_user(uval, uaddr1))
		return -EFAULT;
	if (cmpval && uval != *cmpval)
		return -EAGAIN;
	hb1 = hash_futex(&key1);
	hb2 = hash_futex(&key2);
	double_lock_hb(hb1, hb2);
	list_for_each_entry_safe(q, next, &hb1->chain, list) {
		if (!match_futex(&q->key, &key1))
			continue;
		if (done >= nr_wake + nr_requeue)
			break;
		if (done++ < nr_wake) {
			futex_wake_one(q);
		} else {
			q->key = key2;
			list_move_tail(&q->list, &hb2->chain);
		}
	}
	double_unlock_hb(hb1, hb2);
	return done;
}

/* The timeout of FUTEX_WAIT (relative) or FUTEX_WAIT_BITSET (absolute on
 * CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME), in
 * jiffies rounded up. */
static long futex_timeout(const struct __kernel_timespec __user *utime,
			  int cmd, int op)
{
	struct __kernel_timespec ts;
	long timeout;
	s64 ns;

	if (!utime)
		return MAX_SCHEDULE_TIMEOUT;
	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	if (cmd == FUTEX_WAIT_BITSET) {		/* a deadline: the time left */
		ns = timespec64_to_ns(&ts) -
		     ((op & FUTEX_CLOCK_REALTIME) ? ktime_get_real_ns() : ktime_get_ns());
		if (ns <= 0)
			return 0;
		ts.tv_sec = ns / NSEC_PER_SEC;
		ts.tv_nsec = ns % NSEC_PER_SEC;
	}
	timeout = timeout_to_jiffies(ts.tv_sec, ts.tv_nsec);
	/* One tick more: the current one has partly gone by already. */
	return timeout && timeout != MAX_SCHEDULE_TIMEOUT ? timeout + 1 : timeout;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec __user *, utime,
		u32 __user *, uaddr2, u32, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	long timeout;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;	/* Linux's answer too */
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAIT_BITSET:
		timeout = futex_timeout(utime, cmd, op);
		if (timeout < 0)
			return timeout;
		if (!timeout)
			return -ETIMEDOUT;
		return futex_wait(uaddr, val, timeout, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, val, val3);
	case FUTEX_REQUEUE:
		/* The fourth argument is a count, passed in the pointer's place. */
		return futex_requeue(uaddr, uaddr2, val, (unsigned long)utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, val, (unsigned long)utime, &val3);
	}
	return -ENOSYS;
}

/**
 * futex_exit_release - wake a thread waiting for current to exit
 *
 * CLONE_CHILD_CLEARTID: the exiting task's tid word was just zeroed; a
 * thread joining it sleeps on that word (Linux's mm_release()).
 */
void futex_exit_release(u32 __user *clear_child_tid)
{
	futex_wake(clear_child_tid, 1, FUTEX_BITSET_MATCH_ANY);
}
