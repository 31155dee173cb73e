/*
 * Completions (see include/linux/completion.h), after Linux's
 * kernel/sched/completion.c: a counter and a queue of waiting tasks under
 * one lock. As in Linux (which uses a "simple" swait queue here), the
 * queue holds only tasks: complete() takes the lock once, counts the
 * event and wakes the first waiter directly, with no wake function; a
 * waiter checks the counter, queues itself and sleeps under the same
 * lock, so a complete() between the check and the sleep is never lost.
 * Locking: x->wait.lock, with interrupts off (complete() may be called
 * from an interrupt handler).
 */
#include <linux/completion.h>
#include <linux/kernel.h>

/* Caller holds the lock: wake the first waiter, which leaves the queue. */
static void wake_first(struct completion *x)
{
	struct wait_queue_entry *w;

	if (list_empty(&x->wait.head))
		return;
	w = list_first_entry(&x->wait.head, struct wait_queue_entry, entry);
	list_del_init(&w->entry);
	wake_up_process(w->private);
}

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != COMPLETE_ALL_DONE)
		x->done++;
	wake_first(x);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = COMPLETE_ALL_DONE;
	while (!list_empty(&x->wait.head))
		wake_first(x);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/*
 * Caller holds the lock with interrupts off. Sleeps in @state until an
 * event is counted or @timeout (jiffies) runs out; takes the event.
 * Return: 0 on timeout, else the jiffies left (at least 1).
 */
static long do_wait_for_common(struct completion *x, long timeout, int state)
{
	struct wait_queue_entry wait;	/* only private and entry are used */

	if (!x->done && !timeout)
		return 0;
	if (!x->done) {
		wait.private = current;
		INIT_LIST_HEAD(&wait.entry);
		do {
			if (list_empty(&wait.entry))
				list_add_tail(&wait.entry, &x->wait.head);
			__set_current_state(state);
			spin_unlock_irq(&x->wait.lock);
			if (timeout == MAX_SCHEDULE_TIMEOUT)
				schedule();
			else
				timeout = schedule_timeout(timeout);
			spin_lock_irq(&x->wait.lock);
		} while (!x->done && timeout);
		if (!list_empty(&wait.entry))
			list_del(&wait.entry);
		__set_current_state(TASK_RUNNING);
		if (!x->done)
			return timeout;
	}
	if (x->done != COMPLETE_ALL_DONE)
		x->done--;
	return timeout ? timeout : 1;
}

static long wait_for_common(struct completion *x, long timeout, int state)
{
	might_sleep();
	spin_lock_irq(&x->wait.lock);
	timeout = do_wait_for_common(x, timeout, state);
	spin_unlock_irq(&x->wait.lock);
	return timeout;
}

void wait_for_completion(struct completion *x)
{
	wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

int wait_for_completion_killable(struct completion *x)
{
	wait_for_completion(x);
	return 0;
}

int wait_for_completion_interruptible(struct completion *x)
{
	wait_for_completion(x);
	return 0;
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool got = false;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done) {
		if (x->done != COMPLETE_ALL_DONE)
			x->done--;
		got = true;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return got;
}

bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
