/*
 * kthread_worker: a dedicated kernel thread serving a queue of work, the
 * second half of Linux's kernel/kthread.c (kept in its own file here).
 * Where a workqueue shares pools of kworkers among all users, a
 * kthread_worker is one thread of the user's own: its name, priority
 * (sched_set_fifo() for a real-time driver) and CPU are the user's to
 * choose, and works run strictly one at a time, in queue order.
 *
 * Locking: worker->lock (a raw spinlock, interrupts off: the delayed
 * works' timers take it in softirq context) guards both lists,
 * worker->current_work, and each work's node, worker and canceling
 * fields. A work's func runs without it.
 * A KTW_FREEZABLE worker's thread is freezable (linux/freezer.h): it
 * freezes between works.
 */
#include <linux/kthread.h>
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/lockdep.h>
#include <linux/cpumask.h>
#include <linux/freezer.h>

/**
 * kthread_init_worker - set up a worker that a thread will serve
 * @worker: the worker; run kthread_worker_fn() with it in a kthread
 */
void kthread_init_worker(struct kthread_worker *worker)
{
	memset(worker, 0, sizeof(*worker));
	raw_spin_lock_init(&worker->lock);
	INIT_LIST_HEAD(&worker->work_list);
	INIT_LIST_HEAD(&worker->delayed_work_list);
}

/* Takes the first ready work off the list, or NULL; it becomes current. */
static struct kthread_work *kthread_next_work(struct kthread_worker *worker)
{
	struct kthread_work *work = NULL;

	raw_spin_lock_irq(&worker->lock);
	if (!list_empty(&worker->work_list)) {
		work = list_first_entry(&worker->work_list, struct kthread_work, node);
		list_del_init(&work->node);
	}
	worker->current_work = work;
	raw_spin_unlock_irq(&worker->lock);
	return work;
}

/**
 * kthread_worker_fn - the thread function that serves a worker
 * @worker_ptr: the struct kthread_worker
 *
 * Runs the queued works one by one until kthread_stop(). The state is
 * set before the queue is checked, so a work queued in between wakes the
 * thread instead of being missed.
 * Return: 0, when stopped.
 */
int kthread_worker_fn(void *worker_ptr)
{
	struct kthread_worker *worker = worker_ptr;
	struct kthread_work *work;

	WARN_ON(worker->task && worker->task != current);
	worker->task = current;
	if (worker->flags & KTW_FREEZABLE)
		set_freezable();
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			raw_spin_lock_irq(&worker->lock);
			worker->task = NULL;
			raw_spin_unlock_irq(&worker->lock);
			return 0;
		}
		work = kthread_next_work(worker);
		if (work) {
			__set_current_state(TASK_RUNNING);
			work->func(work);	/* may free the work: no touching after */
		} else if (!freezing(current)) {
			schedule();
		}
		try_to_freeze();
		cond_resched();
	}
}

static struct kthread_worker *
__kthread_create_worker(int cpu, unsigned int flags, const char namefmt[], va_list args)
{
	struct kthread_worker *worker = kzalloc(sizeof(*worker), GFP_KERNEL);
	struct task_struct *task;
	char name[TASK_COMM_LEN];

	if (!worker)
		return ERR_PTR(-ENOMEM);
	kthread_init_worker(worker);
	vscnprintf(name, sizeof(name), namefmt, args);
	task = kthread_create(kthread_worker_fn, worker, "%s", name);
	if (IS_ERR(task)) {
		kfree(worker);
		return ERR_CAST(task);
	}
	if (cpu >= 0)
		kthread_bind(task, cpu);
	worker->flags = flags;
	worker->task = task;
	wake_up_process(task);
	return worker;
}

/**
 * kthread_create_worker - create a worker and its thread, running
 * @flags: KTW_FREEZABLE or 0
 * @namefmt: printf-style name of the thread
 *
 * Return: the worker, or ERR_PTR(-ENOMEM) / the kthread_create() error.
 */
struct kthread_worker *kthread_create_worker(unsigned int flags, const char namefmt[], ...)
{
	struct kthread_worker *worker;
	va_list args;

	va_start(args, namefmt);
	worker = __kthread_create_worker(-1, flags, namefmt, args);
	va_end(args);
	return worker;
}

/**
 * kthread_create_worker_on_cpu - as kthread_create_worker(), bound to @cpu
 * @cpu: the CPU the thread may run on
 * @flags: KTW_FREEZABLE or 0
 * @namefmt: printf-style name (the caller formats the CPU into it)
 *
 * Return: the worker, or an ERR_PTR(); -EINVAL for a CPU that is not online.
 */
struct kthread_worker *kthread_create_worker_on_cpu(int cpu, unsigned int flags,
						    const char namefmt[], ...)
{
	struct kthread_worker *worker;
	va_list args;

	if (cpu < 0 || !cpu_online(cpu))
		return ERR_PTR(-EINVAL);
	va_start(args, namefmt);
	worker = __kthread_create_worker(cpu, flags, namefmt, args);
	va_end(args);
	return worker;
}

/* Queued, or being canceled: queuing must wait (Linux's queuing_blocked). */
static bool queuing_blocked(struct kthread_worker *worker, struct kthread_work *work)
{
	lockdep_assert_held(&worker->lock);
	return !list_empty(&work->node) || work->canceling;
}

static void kthread_insert_work_sanity_check(struct kthread_worker *worker,
					     struct kthread_work *work)
{
	lockdep_assert_held(&worker->lock);
	WARN_ON_ONCE(!list_empty(&work->node));
	/* A work may be used with one worker only. */
	WARN_ON_ONCE(work->worker && work->worker != worker);
}

/* Puts @work before @pos and wakes the thread if it is idle. */
static void kthread_insert_work(struct kthread_worker *worker,
				struct kthread_work *work, struct list_head *pos)
{
	kthread_insert_work_sanity_check(worker, work);
	list_add_tail(&work->node, pos);
	work->worker = worker;
	if (!worker->current_work && likely(worker->task))
		wake_up_process(worker->task);
}

/**
 * kthread_queue_work - queue @work on @worker
 * @worker: the worker
 * @work: the work; it must not be used with another worker
 *
 * Context: any (interrupts too).
 * Return: true if queued; false if it was already pending (queued and
 * not yet started) or is being canceled.
 */
bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work)
{
	unsigned long flags;
	bool ret = false;

	raw_spin_lock_irqsave(&worker->lock, flags);
	if (!queuing_blocked(worker, work)) {
		kthread_insert_work(worker, work, &worker->work_list);
		ret = true;
	}
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

/**
 * kthread_delayed_work_timer_fn - a delayed work's timer expired
 * @t: the timer inside a struct kthread_delayed_work
 *
 * Moves the work from the delayed list to the ready list, unless a
 * cancel is under way. Context: timer (softirq).
 */
void kthread_delayed_work_timer_fn(struct timer_list *t)
{
	struct kthread_delayed_work *dwork = from_timer(dwork, t, timer);
	struct kthread_work *work = &dwork->work;
	struct kthread_worker *worker = work->worker;
	unsigned long flags;

	if (WARN_ON_ONCE(!worker))
		return;
	raw_spin_lock_irqsave(&worker->lock, flags);
	WARN_ON_ONCE(work->worker != worker);
	WARN_ON_ONCE(list_empty(&work->node));
	list_del_init(&work->node);
	if (!work->canceling)
		kthread_insert_work(worker, work, &worker->work_list);
	raw_spin_unlock_irqrestore(&worker->lock, flags);
}

static void __kthread_queue_delayed_work(struct kthread_worker *worker,
					 struct kthread_delayed_work *dwork,
					 unsigned long delay)
{
	struct kthread_work *work = &dwork->work;

	if (!delay) {
		kthread_insert_work(worker, work, &worker->work_list);
		return;
	}
	kthread_insert_work_sanity_check(worker, work);
	list_add(&work->node, &worker->delayed_work_list);
	work->worker = worker;
	mod_timer(&dwork->timer, jiffies + delay);
}

/**
 * kthread_queue_delayed_work - queue @dwork after @delay jiffies
 * @worker: the worker
 * @dwork: the delayed work
 * @delay: jiffies to wait; 0 queues at once
 *
 * Return: false if @dwork was already pending (its timer is left alone),
 * true if queued.
 */
bool kthread_queue_delayed_work(struct kthread_worker *worker,
				struct kthread_delayed_work *dwork, unsigned long delay)
{
	unsigned long flags;
	bool ret = false;

	raw_spin_lock_irqsave(&worker->lock, flags);
	if (!queuing_blocked(worker, &dwork->work)) {
		__kthread_queue_delayed_work(worker, dwork, delay);
		ret = true;
	}
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

struct kthread_flush_work {
	struct kthread_work work;
	struct completion done;
};

static void kthread_flush_work_fn(struct kthread_work *work)
{
	struct kthread_flush_work *fwork = container_of(work, struct kthread_flush_work, work);

	complete(&fwork->done);
}

/**
 * kthread_flush_work - wait until @work has run, if it is queued or running
 * @work: the work
 *
 * Queues a marker right after @work (or first, if @work is running) and
 * waits for the worker to reach it. Context: process; sleeps.
 */
void kthread_flush_work(struct kthread_work *work)
{
	struct kthread_flush_work fwork;
	struct kthread_worker *worker;
	bool noop = false;

	might_sleep();
	worker = READ_ONCE(work->worker);
	if (!worker)
		return;
	kthread_init_work(&fwork.work, kthread_flush_work_fn);
	init_completion(&fwork.done);
	raw_spin_lock_irq(&worker->lock);
	WARN_ON_ONCE(work->worker != worker);
	if (!list_empty(&work->node))
		kthread_insert_work(worker, &fwork.work, work->node.next);
	else if (worker->current_work == work)
		kthread_insert_work(worker, &fwork.work, worker->work_list.next);
	else
		noop = true;
	raw_spin_unlock_irq(&worker->lock);
	if (!noop)
		wait_for_completion(&fwork.done);
}

/*
 * Stops a delayed work's timer. The worker lock is dropped around
 * del_timer_sync() (the timer function takes it); work->canceling keeps
 * anyone from queuing the work meanwhile. Called and returns with the
 * lock held, interrupts off (*@flags from the caller's irqsave).
 */
static void kthread_cancel_delayed_work_timer(struct kthread_work *work,
					      unsigned long *flags)
{
	struct kthread_delayed_work *dwork =
		container_of(work, struct kthread_delayed_work, work);
	struct kthread_worker *worker = work->worker;

	work->canceling++;
	raw_spin_unlock_irqrestore(&worker->lock, *flags);
	del_timer_sync(&dwork->timer);
	raw_spin_lock_irqsave(&worker->lock, *flags);
	work->canceling--;
}

/* Takes @work off its list; true if it was pending. */
static bool __kthread_cancel_work(struct kthread_work *work)
{
	if (!list_empty(&work->node)) {
		list_del_init(&work->node);
		return true;
	}
	return false;
}

/**
 * kthread_mod_delayed_work - (re)queue @dwork to run @delay jiffies from now
 * @worker: the worker
 * @dwork: the delayed work
 * @delay: jiffies; 0 queues it at once
 *
 * A pending @dwork is taken off its list and queued again with the new
 * delay. A @dwork being canceled is left to the cancel.
 * Return: false if @dwork was idle (now queued), true if it was pending
 * (now re-queued) or being canceled.
 */
bool kthread_mod_delayed_work(struct kthread_worker *worker,
			      struct kthread_delayed_work *dwork, unsigned long delay)
{
	struct kthread_work *work = &dwork->work;
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&worker->lock, flags);
	if (!work->worker) {
		ret = false;	/* never queued: nothing to cancel */
		goto fast_queue;
	}
	WARN_ON_ONCE(work->worker != worker);
	kthread_cancel_delayed_work_timer(work, &flags);
	if (work->canceling) {
		ret = true;	/* another cancel owns it */
		goto out;
	}
	ret = __kthread_cancel_work(work);
fast_queue:
	__kthread_queue_delayed_work(worker, dwork, delay);
out:
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

static bool __kthread_cancel_work_sync(struct kthread_work *work, bool is_dwork)
{
	struct kthread_worker *worker = READ_ONCE(work->worker);
	unsigned long flags;
	bool ret;

	might_sleep();
	if (!worker)
		return false;
	raw_spin_lock_irqsave(&worker->lock, flags);
	WARN_ON_ONCE(work->worker != worker);
	if (is_dwork)
		kthread_cancel_delayed_work_timer(work, &flags);
	ret = __kthread_cancel_work(work);
	if (worker->current_work == work) {
		/* Running: keep it from being queued again until it is done. */
		work->canceling++;
		raw_spin_unlock_irqrestore(&worker->lock, flags);
		kthread_flush_work(work);
		raw_spin_lock_irqsave(&worker->lock, flags);
		work->canceling--;
	}
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

/**
 * kthread_cancel_work_sync - cancel @work and wait for it to finish
 * @work: the work
 *
 * Afterwards @work is neither queued nor running (unless someone queued
 * it again after the return). Context: process; sleeps.
 * Return: true if @work was pending.
 */
bool kthread_cancel_work_sync(struct kthread_work *work)
{
	return __kthread_cancel_work_sync(work, false);
}

/* As kthread_cancel_work_sync(), stopping the timer of a delayed work too. */
bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *dwork)
{
	return __kthread_cancel_work_sync(&dwork->work, true);
}

/**
 * kthread_flush_worker - wait until every work queued so far has run
 * @worker: the worker
 *
 * Context: process; sleeps. Delayed works whose timer has not expired
 * are not waited for.
 */
void kthread_flush_worker(struct kthread_worker *worker)
{
	struct kthread_flush_work fwork;

	might_sleep();
	kthread_init_work(&fwork.work, kthread_flush_work_fn);
	init_completion(&fwork.done);
	kthread_queue_work(worker, &fwork.work);
	wait_for_completion(&fwork.done);
}

/**
 * kthread_destroy_worker - flush, stop the thread, free the worker
 * @worker: a worker from kthread_create_worker*(); no work may be
 *          queued on it any more, and no delayed work may be pending
 *          (cancel those first: they WARN here)
 */
void kthread_destroy_worker(struct kthread_worker *worker)
{
	struct task_struct *task = worker->task;

	if (WARN_ON(!task))
		return;
	kthread_flush_worker(worker);
	kthread_stop(task);
	WARN_ON(!list_empty(&worker->delayed_work_list));
	WARN_ON(!list_empty(&worker->work_list));
	kfree(worker);
}
