/*
 * The kernel thread API, as Linux's include/linux/kthread.h, with its
 * semantics (see docs/kthreads.md): kthread_create() asks kthreadd to
 * create the thread and waits; the thread exists, sleeping, and runs its
 * function only after wake_up_process(); kthread_stop() sets a flag the
 * function polls with kthread_should_stop(), wakes it, and waits for it to
 * return.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct completion;

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...);

#define NUMA_NO_NODE (-1)

/**
 * kthread_create - create a kernel thread, stopped
 * @threadfn: the function to run once woken
 * @data: its argument
 * @namefmt: printf-style name (cut to 15 characters in comm)
 *
 * Return: the task (sleeping; wake it with wake_up_process()), or
 * ERR_PTR(-ENOMEM) / ERR_PTR(-EINTR).
 */
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

/* kthread_create() and wake_up_process() in one. */
#define kthread_run(threadfn, data, namefmt, ...)                          \
	({                                                                 \
		struct task_struct *__k =                                  \
			kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
		if (!IS_ERR(__k))                                          \
			wake_up_process(__k);                              \
		__k;                                                       \
	})

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt);

void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, unsigned long mask);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool kthread_should_stop_or_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
void *kthread_data(struct task_struct *k);
bool kthread_is_per_cpu(struct task_struct *k);
void kthread_exit(long result) __attribute__((noreturn));
void kthread_complete_and_exit(struct completion *comp, long code)
	__attribute__((noreturn));

/* A kernel thread works in a process's address space for a while (Linux's
 * kthread_use_mm()); the caller holds a user reference (mmget). */
struct mm_struct;
void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);

/* The function and data a thread was created with (NULL for others). */
void *kthread_func(struct task_struct *k);
void *kthread_probe_data(struct task_struct *k);
/* Marks @k as the per-CPU thread of @cpu (or, with cpu < 0, not one). */
void kthread_set_per_cpu(struct task_struct *k, int cpu);

/**
 * kthread_run_on_cpu - create a thread bound to @cpu and wake it
 * @threadfn: its function
 * @data: its argument
 * @cpu: the CPU, also formatted into the name
 * @namefmt: the name, with one %u for the CPU
 *
 * Return: the task, or an ERR_PTR().
 */
static inline struct task_struct *kthread_run_on_cpu(int (*threadfn)(void *data),
						     void *data, unsigned int cpu,
						     const char *namefmt)
{
	struct task_struct *p = kthread_create_on_cpu(threadfn, data, cpu, namefmt);

	if (!IS_ERR(p))
		wake_up_process(p);
	return p;
}

/*
 * kthread_worker: one dedicated thread serving a queue of work
 * (kernel/kthread_worker.c; docs/kthread-worker.md). Linux's rules: the
 * worker runs one work at a time, in the order queued; a work is on at
 * most one worker (queuing it elsewhere WARNs); a queued work cannot be
 * queued again until it has started; cancel and flush wait for a work
 * that is running.
 */
struct kthread_work;
typedef void (*kthread_work_func_t)(struct kthread_work *work);

enum {
	KTW_FREEZABLE = 1 << 0,	/* the thread freezes during a suspend */
};

struct kthread_worker {
	unsigned int flags;
	raw_spinlock_t lock;		/* the lists, current_work, work->worker */
	struct list_head work_list;	/* ready, in order */
	struct list_head delayed_work_list;	/* timers running */
	struct task_struct *task;
	struct kthread_work *current_work;
};

struct kthread_work {
	struct list_head node;		/* on a worker's list, or empty */
	kthread_work_func_t func;
	struct kthread_worker *worker;	/* the last worker it was queued on */
	int canceling;			/* cancels in progress: no queuing */
};

struct kthread_delayed_work {
	struct kthread_work work;
	struct timer_list timer;
};

#define KTHREAD_WORKER_INIT(worker) {                                   \
	.lock = __RAW_SPIN_LOCK_UNLOCKED,                               \
	.work_list = LIST_HEAD_INIT((worker).work_list),                \
	.delayed_work_list = LIST_HEAD_INIT((worker).delayed_work_list), \
	}

#define KTHREAD_WORK_INIT(work, fn) {                   \
	.node = LIST_HEAD_INIT((work).node),            \
	.func = (fn),                                   \
	}

#define DEFINE_KTHREAD_WORKER(worker) \
	struct kthread_worker worker = KTHREAD_WORKER_INIT(worker)
#define DEFINE_KTHREAD_WORK(work, fn) \
	struct kthread_work work = KTHREAD_WORK_INIT(work, fn)

void kthread_delayed_work_timer_fn(struct timer_list *t);

void kthread_init_worker(struct kthread_worker *worker);

static inline void kthread_init_work(struct kthread_work *work, kthread_work_func_t fn)
{
	*work = (struct kthread_work){ .func = fn };
	INIT_LIST_HEAD(&work->node);
}

static inline void kthread_init_delayed_work(struct kthread_delayed_work *dwork,
					     kthread_work_func_t fn)
{
	kthread_init_work(&dwork->work, fn);
	timer_setup(&dwork->timer, kthread_delayed_work_timer_fn, 0);
}

int kthread_worker_fn(void *worker_ptr);

__printf(2, 3)
struct kthread_worker *kthread_create_worker(unsigned int flags, const char namefmt[], ...);
__printf(3, 4)
struct kthread_worker *kthread_create_worker_on_cpu(int cpu, unsigned int flags,
						    const char namefmt[], ...);

bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work);
bool kthread_queue_delayed_work(struct kthread_worker *worker,
				struct kthread_delayed_work *dwork, unsigned long delay);
bool kthread_mod_delayed_work(struct kthread_worker *worker,
			      struct kthread_delayed_work *dwork, unsigned long delay);
void kthread_flush_work(struct kthread_work *work);
void kthread_flush_worker(struct kthread_worker *worker);
bool kthread_cancel_work_sync(struct kthread_work *work);
bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *work);
void kthread_destroy_worker(struct kthread_worker *worker);

int kthreadd(void *unused);
extern struct task_struct *kthreadd_task;

#endif
