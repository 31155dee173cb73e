/*
 * Completions (see include/linux/completion.h), after Linux's
 * kernel/sched/completion.c: a counter and a wait queue under its lock.
 */
#include <linux/completion.h>
#include <linux/kernel.h>

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != COMPLETE_ALL_DONE)
		x->done++;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	/* Wake outside the lock: the waiter takes it to consume done. */
	__wake_up(&x->wait, TASK_NORMAL, 1, NULL);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = COMPLETE_ALL_DONE;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	__wake_up(&x->wait, TASK_NORMAL, 0, NULL);
}

/* Takes one event if there is one. */
static bool consume(struct completion *x)
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

static long do_wait_for_common(struct completion *x, long timeout, int state)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&x->wait, &wait, state);
		if (consume(x))
			break;
		if (!timeout) {
			finish_wait(&x->wait, &wait);
			return 0;
		}
		timeout = schedule_timeout(timeout);
	}
	finish_wait(&x->wait, &wait);
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *x)
{
	if (!consume(x))
		do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
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
	if (consume(x))
		return timeout ? timeout : 1;
	return do_wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

bool try_wait_for_completion(struct completion *x)
{
	return consume(x);
}

bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
