/*
 * Wait queues (see include/linux/wait.h), after Linux's
 * kernel/sched/wait.c. Locking: wq->lock (irqsave), so interrupt handlers
 * may wake.
 */
#include <linux/wait.h>
#include <linux/kernel.h>

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	e->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	list_add(&e->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	e->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&e->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del(&e->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Queues @e (once) and sets the task state, both under the lock, so a
 * waker either sees the entry or the waiter sees the condition. */
static void __prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e,
			      int state, bool exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&e->entry)) {
		if (exclusive) {
			e->flags |= WQ_FLAG_EXCLUSIVE;
			list_add_tail(&e->entry, &wq->head);
		} else {
			e->flags &= ~WQ_FLAG_EXCLUSIVE;
			list_add(&e->entry, &wq->head);
		}
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, int state)
{
	__prepare_to_wait(wq, e, state, false);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *e, int state)
{
	__prepare_to_wait(wq, e, state, true);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (list_empty(&e->entry))	/* autoremove did it */
		return;
	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&e->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

int default_wake_function(struct wait_queue_entry *e, unsigned int mode, int flags,
			  void *key)
{
	return wake_up_state(e->private, mode);
}

int autoremove_wake_function(struct wait_queue_entry *e, unsigned int mode,
			     int flags, void *key)
{
	int ret = default_wake_function(e, mode, flags, key);

	if (ret)
		list_del_init(&e->entry);
	return ret;
}

void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr, void *key)
{
	struct wait_queue_entry *e, *next;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry_safe(e, next, &wq->head, entry) {
		unsigned int eflags = e->flags;

		if (e->func(e, mode, 0, key) && (eflags & WQ_FLAG_EXCLUSIVE) && !--nr)
			break;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}
