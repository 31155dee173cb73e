/*
 * Wait queues, as Linux's include/linux/wait.h: a task that must wait for
 * a condition puts an entry on a queue, sets its state, checks the
 * condition and sleeps; whoever makes the condition true calls wake_up().
 * The order "queue, set state, check, schedule" is what makes a wake-up
 * between the check and the sleep harmless (the state is then RUNNING).
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, int flags, void *key);

#define WQ_FLAG_EXCLUSIVE 0x01

struct wait_queue_entry {
	unsigned int flags;
	void *private;			/* the waiting task */
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;
typedef struct wait_queue_entry wait_queue_entry_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			  int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			     int flags, void *key);

#define DEFINE_WAIT(name)                                          \
	struct wait_queue_entry name = {                           \
		.private = current,                                \
		.func = autoremove_wake_function,                  \
		.entry = LIST_HEAD_INIT((name).entry),             \
	}

static inline void init_waitqueue_entry(struct wait_queue_entry *e,
					struct task_struct *p)
{
	e->flags = 0;
	e->private = p;
	e->func = default_wake_function;
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
void add_wait_queue_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *e, int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e);

/* Wakes every non-exclusive waiter and up to @nr exclusive ones. */
void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr, void *key);

#define wake_up(wq) __wake_up(wq, TASK_NORMAL, 1, NULL)
#define wake_up_nr(wq, nr) __wake_up(wq, TASK_NORMAL, nr, NULL)
#define wake_up_all(wq) __wake_up(wq, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(wq) __wake_up(wq, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(wq) __wake_up(wq, TASK_INTERRUPTIBLE, 0, NULL)

static inline bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/* The common loop of the wait_event*() macros: @cmd sleeps. */
#define ___wait_event(wq, condition, state, cmd)                          \
	({                                                                \
		DEFINE_WAIT(__wait);                                      \
		for (;;) {                                                \
			prepare_to_wait(&(wq), &__wait, state);           \
			if (condition)                                    \
				break;                                    \
			cmd;                                              \
		}                                                         \
		finish_wait(&(wq), &__wait);                              \
	})

/* Sleeps (uninterruptibly) until @condition is true. */
#define wait_event(wq, condition)                                         \
	do {                                                              \
		if (!(condition))                                         \
			___wait_event(wq, condition, TASK_UNINTERRUPTIBLE, \
				      schedule());                        \
	} while (0)

/* Spindle has no signals: an interruptible wait ends only on @condition,
 * and returns 0 as Linux's does then. */
#define wait_event_interruptible(wq, condition)                           \
	({                                                                \
		if (!(condition))                                         \
			___wait_event(wq, condition, TASK_INTERRUPTIBLE,  \
				      schedule());                        \
		0;                                                        \
	})

#define wait_event_killable(wq, condition) wait_event_interruptible(wq, condition)

/* Returns 0 if @timeout (jiffies) passed with @condition false, else the
 * jiffies left (at least 1). */
#define wait_event_timeout(wq, condition, timeout)                        \
	({                                                                \
		long __ret = (timeout);                                   \
		if (!(condition)) {                                       \
			___wait_event(wq, (condition) || !__ret,          \
				      TASK_UNINTERRUPTIBLE,               \
				      __ret = schedule_timeout(__ret));   \
			if ((condition) && !__ret)                        \
				__ret = 1;                                \
		} else if (!__ret) {                                      \
			__ret = 1;                                        \
		}                                                         \
		__ret;                                                    \
	})

#define wait_event_interruptible_timeout(wq, condition, timeout) \
	wait_event_timeout(wq, condition, timeout)

#endif
