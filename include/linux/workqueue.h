/*
 * Workqueues, as Linux's include/linux/workqueue.h: a work item is a
 * function to call later in process context, by a kernel thread of a
 * worker pool (kworker/N:M). kernel/workqueue.c has the machinery.
 *
 * work->data packs the work item's state, as in Linux: the low
 * WORK_STRUCT_FLAG_BITS are flags (PENDING, INACTIVE, PWQ, LINKED, the
 * flush colour); the rest is the pool_workqueue while the item is queued
 * (PWQ set), or the id of the pool it last ran on once it is off queue.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/timer.h>
#include <linux/compiler.h>
#include <spindle/config.h>

struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

enum {
	WORK_STRUCT_PENDING_BIT = 0,	/* queued, or about to be */
	WORK_STRUCT_INACTIVE_BIT = 1,	/* over max_active: waits on the pwq */
	WORK_STRUCT_PWQ_BIT = 2,	/* data points at a pool_workqueue */
	WORK_STRUCT_LINKED_BIT = 3,	/* the next item goes with this one */
	WORK_STRUCT_COLOR_SHIFT = 4,
	WORK_STRUCT_COLOR_BITS = 4,

	WORK_STRUCT_PENDING = 1 << WORK_STRUCT_PENDING_BIT,
	WORK_STRUCT_INACTIVE = 1 << WORK_STRUCT_INACTIVE_BIT,
	WORK_STRUCT_PWQ = 1 << WORK_STRUCT_PWQ_BIT,
	WORK_STRUCT_LINKED = 1 << WORK_STRUCT_LINKED_BIT,

	WORK_NR_COLORS = 1 << WORK_STRUCT_COLOR_BITS,
	WORK_CPU_UNBOUND = NR_CPUS,

	/* A pool_workqueue is aligned so that these bits are free. */
	WORK_STRUCT_FLAG_BITS = WORK_STRUCT_COLOR_SHIFT + WORK_STRUCT_COLOR_BITS,

	/* Off queue: a cancel is in progress; the rest is the pool id. */
	WORK_OFFQ_CANCELING_BIT = WORK_STRUCT_FLAG_BITS,
	WORK_OFFQ_CANCELING = 1 << WORK_OFFQ_CANCELING_BIT,
	WORK_OFFQ_POOL_SHIFT = WORK_OFFQ_CANCELING_BIT + 1,
};

#define WORK_STRUCT_FLAG_MASK ((1UL << WORK_STRUCT_FLAG_BITS) - 1)
#define WORK_STRUCT_WQ_DATA_MASK (~WORK_STRUCT_FLAG_MASK)
#define WORK_OFFQ_POOL_NONE (~0UL >> WORK_OFFQ_POOL_SHIFT)
#define WORK_STRUCT_NO_POOL (WORK_OFFQ_POOL_NONE << WORK_OFFQ_POOL_SHIFT)

struct work_struct {
	unsigned long data;		/* flags and pwq or pool id, see above */
	struct list_head entry;		/* on a worklist while queued */
	work_func_t func;
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;	/* queues @work when it fires */
	struct workqueue_struct *wq;	/* where the timer queues it */
	int cpu;
};

void delayed_work_timer_fn(struct timer_list *t);

#define __WORK_INITIALIZER(n, f) {                                        \
	.data = WORK_STRUCT_NO_POOL,                                      \
	.entry = LIST_HEAD_INIT((n).entry),                               \
	.func = (f),                                                      \
}

#define __DELAYED_WORK_INITIALIZER(n, f) {                                \
	.work = __WORK_INITIALIZER((n).work, (f)),                        \
	.timer = { .entry = LIST_HEAD_INIT((n).timer.entry),              \
		   .function = delayed_work_timer_fn },                   \
}

#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f)

#define INIT_WORK(_work, _func)                                           \
	do {                                                              \
		(_work)->data = WORK_STRUCT_NO_POOL;                      \
		INIT_LIST_HEAD(&(_work)->entry);                          \
		(_work)->func = (_func);                                  \
	} while (0)
#define INIT_WORK_ONSTACK(_work, _func) INIT_WORK(_work, _func)

#define INIT_DELAYED_WORK(_work, _func)                                   \
	do {                                                              \
		INIT_WORK(&(_work)->work, (_func));                       \
		timer_setup(&(_work)->timer, delayed_work_timer_fn, 0);   \
	} while (0)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define work_data_bits(work) ((unsigned long *)(&(work)->data))
#define work_pending(work) \
	(!!(READ_ONCE(*work_data_bits(work)) & WORK_STRUCT_PENDING))
#define delayed_work_pending(w) work_pending(&(w)->work)

/* alloc_workqueue() flags, Linux's values. */
enum {
	WQ_UNBOUND = 1 << 1,		/* served by an unbound pool */
	WQ_FREEZABLE = 1 << 2,		/* (no suspend here: a plain wq) */
	WQ_MEM_RECLAIM = 1 << 3,	/* has a rescuer thread */
	WQ_HIGHPRI = 1 << 4,		/* served by the nice -20 pool */
	WQ_CPU_INTENSIVE = 1 << 5,	/* not counted for concurrency */

	__WQ_DRAINING = 1 << 16,	/* drain_workqueue() in progress */
	__WQ_ORDERED = 1 << 17,		/* one item at a time, in order */

	WQ_MAX_ACTIVE = 512,
	WQ_UNBOUND_MAX_ACTIVE = WQ_MAX_ACTIVE,
	WQ_DFL_ACTIVE = WQ_MAX_ACTIVE / 2,
};

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;

/**
 * alloc_workqueue - create a workqueue
 * @fmt: printf format of its name (shown by ps on its rescuer and busy
 *       workers)
 * @flags: WQ_*
 * @max_active: items of it that may run at once per CPU (per pool for
 *              WQ_UNBOUND); 0 for the default
 *
 * Context: process; sleeps. Return: the workqueue, or NULL.
 */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...) __printf(1, 4);

#define alloc_ordered_workqueue(fmt, flags, args...) \
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | (flags), 1, ##args)
#define create_workqueue(name) alloc_workqueue("%s", WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) \
	alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, name)

void destroy_workqueue(struct workqueue_struct *wq);

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *work, unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay);

void flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
bool flush_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
struct work_struct *current_work(void);

/* Queue on the CPU the caller runs on (unbound wq: any CPU). */
static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool queue_delayed_work(struct workqueue_struct *wq,
				      struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool mod_delayed_work(struct workqueue_struct *wq,
				    struct delayed_work *dwork, unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork,
					 unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

static inline void flush_scheduled_work(void)
{
	flush_workqueue(system_wq);
}

/* Boot (init/main.c): before kthreadd, then once it runs. */
void workqueue_init_early(void);
void workqueue_init(void);
/* CPU hotplug (kernel/cpu.c): CPUHP_WORKQUEUE_PREP, CPUHP_AP_WORKQUEUE_ONLINE. */
int workqueue_prepare_cpu(unsigned int cpu);
int workqueue_online_cpu(unsigned int cpu);
int workqueue_offline_cpu(unsigned int cpu);

struct task_struct;
/* Kernel/sched/core.c: a worker blocks, or runs again (PF_WQ_WORKER). */
void wq_worker_sleeping(struct task_struct *task);
void wq_worker_running(struct task_struct *task);
/* The name ps shows: comm, then "+wq" while running an item of wq, or
 * "-wq" for the last one run (Linux's wq_worker_comm()). */
void wq_worker_comm(char *buf, size_t size, struct task_struct *task);

#endif
