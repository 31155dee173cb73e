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
#include <linux/errno.h>

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

/* Can a sleep in @state end early for a signal? */
#define ___wait_is_interruptible(state) \
	((state) == TASK_INTERRUPTIBLE || (state) == TASK_KILLABLE)

/*
 * The common loop of the wait_event*() macros, as Linux's ___wait_event():
 * queue, set @state, test @condition, sleep with @cmd. An interruptible
 * wait ends with -ERESTARTSYS when a signal is pending (a fatal one for a
 * killable wait); the value is then that, else @ret as @cmd updated it.
 */
#define ___wait_event(wq, condition, state, exclusive, ret, cmd)              \
	({                                                                    \
		DEFINE_WAIT(__wait);                                          \
		long __ret = ret;                                             \
		for (;;) {                                                    \
			if (exclusive)                                        \
				prepare_to_wait_exclusive(&(wq), &__wait, state); \
			else                                                  \
				prepare_to_wait(&(wq), &__wait, state);       \
			if (condition)                                        \
				break;                                        \
			if (___wait_is_interruptible(state) &&                \
			    signal_pending_state(state, current)) {           \
				__ret = -ERESTARTSYS;                         \
				break;                                        \
			}                                                     \
			cmd;                                                  \
		}                                                             \
		finish_wait(&(wq), &__wait);                                  \
		__ret;                                                        \
	})

/* The condition of a timed wait: true once @condition holds or time is
 * up; a condition that came true as time ran out still counts (ret 1). */
#define ___wait_cond_timeout(condition)                 \
	({                                              \
		bool __cond = (condition);              \
		if (__cond && !__ret)                   \
			__ret = 1;                      \
		__cond || !__ret;                       \
	})

/**
 * wait_event - sleep (uninterruptibly, D in ps) until @condition is true
 * @wq: the wait queue whoever makes @condition true wakes
 * @condition: a C expression, re-evaluated after every wake-up
 */
#define wait_event(wq, condition)                                            \
	do {                                                                 \
		might_sleep();                                               \
		if (!(condition))                                            \
			(void)___wait_event(wq, condition, TASK_UNINTERRUPTIBLE, \
					    0, 0, schedule());               \
	} while (0)

/* As wait_event(), but counted as idle, not as load (I in ps). */
#define wait_event_idle(wq, condition)                                       \
	do {                                                                 \
		might_sleep();                                               \
		if (!(condition))                                            \
			(void)___wait_event(wq, condition, TASK_IDLE, 0, 0,  \
					    schedule());                     \
	} while (0)

/**
 * wait_event_interruptible - sleep until @condition is true or a signal comes
 * @wq: the wait queue
 * @condition: a C expression
 *
 * Return: 0 once @condition holds; -ERESTARTSYS if a signal interrupted
 * the sleep.
 */
#define wait_event_interruptible(wq, condition)                              \
	({                                                                   \
		int __r = 0;                                                 \
		might_sleep();                                               \
		if (!(condition))                                            \
			__r = ___wait_event(wq, condition, TASK_INTERRUPTIBLE, \
					    0, 0, schedule());               \
		__r;                                                         \
	})

#define wait_event_interruptible_exclusive(wq, condition)                    \
	({                                                                   \
		int __r = 0;                                                 \
		might_sleep();                                               \
		if (!(condition))                                            \
			__r = ___wait_event(wq, condition, TASK_INTERRUPTIBLE, \
					    1, 0, schedule());               \
		__r;                                                         \
	})

/* As wait_event_interruptible(), but only a fatal signal (SIGKILL) ends it. */
#define wait_event_killable(wq, condition)                                   \
	({                                                                   \
		int __r = 0;                                                 \
		might_sleep();                                               \
		if (!(condition))                                            \
			__r = ___wait_event(wq, condition, TASK_KILLABLE, 0, \
					    0, schedule());                  \
		__r;                                                         \
	})

/* The timed forms: @state, @timeout in jiffies. */
#define __wait_event_timeout_state(wq, condition, state, timeout)            \
	({                                                                   \
		long __r = (timeout);                                        \
		might_sleep();                                               \
		if (!___wait_cond_timeout_r(condition, __r))                 \
			__r = ___wait_event(wq, ___wait_cond_timeout(condition), \
					    state, 0, __r,                   \
					    __ret = schedule_timeout(__ret)); \
		__r;                                                         \
	})

#define ___wait_cond_timeout_r(condition, r)            \
	({                                              \
		bool __c = (condition);                 \
		if (__c && !(r))                        \
			(r) = 1;                        \
		__c || !(r);                            \
	})

/**
 * wait_event_timeout - sleep until @condition is true or @timeout passes
 * @wq: the wait queue
 * @condition: a C expression
 * @timeout: the limit, in jiffies
 *
 * Return: 0 if @timeout elapsed with @condition false; else the jiffies
 * that were left (at least 1) when @condition became true.
 */
#define wait_event_timeout(wq, condition, timeout) \
	__wait_event_timeout_state(wq, condition, TASK_UNINTERRUPTIBLE, timeout)

#define wait_event_idle_timeout(wq, condition, timeout) \
	__wait_event_timeout_state(wq, condition, TASK_IDLE, timeout)

/* As wait_event_timeout(), or -ERESTARTSYS if a signal interrupted it. */
#define wait_event_interruptible_timeout(wq, condition, timeout) \
	__wait_event_timeout_state(wq, condition, TASK_INTERRUPTIBLE, timeout)

#define wait_event_killable_timeout(wq, condition, timeout) \
	__wait_event_timeout_state(wq, condition, TASK_KILLABLE, timeout)

/*
 * The freezable forms, for freezable kernel threads: an interruptible
 * sleep that enters the refrigerator when a freeze wakes it (Linux 6.1
 * freezes a TASK_FREEZABLE sleeper in place; Spindle, as Linux before
 * 6.1, wakes it and lets it freeze itself).
 */
#define wait_event_freezable(wq, condition)                                  \
	({                                                                   \
		int __r = 0;                                                 \
		might_sleep();                                               \
		if (!(condition))                                            \
			__r = ___wait_event(wq, condition, TASK_INTERRUPTIBLE, \
					    0, 0, { schedule(); try_to_freeze(); }); \
		__r;                                                         \
	})

#define wait_event_freezable_timeout(wq, condition, timeout)                 \
	({                                                                   \
		long __r = (timeout);                                        \
		might_sleep();                                               \
		if (!___wait_cond_timeout_r(condition, __r))                 \
			__r = ___wait_event(wq, ___wait_cond_timeout(condition), \
					    TASK_INTERRUPTIBLE, 0, __r,      \
					    { __ret = schedule_timeout(__ret); \
					      try_to_freeze(); });           \
		__r;                                                         \
	})

/* signal_pending_state() and try_to_freeze() for the macros above; the
 * first needs this file first. */
#include <linux/sched/signal.h>
#include <linux/freezer.h>

#endif
