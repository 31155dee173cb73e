/*
 * Workqueues, after Linux's kernel/workqueue.c (6.1): work items run in
 * process context by the kworker threads of worker pools. Each CPU has
 * two pools (nice 0 and nice -20, "kworker/N:M" and "kworker/N:MH");
 * unbound pools ("kworker/uP:M") serve WQ_UNBOUND workqueues on any CPU.
 * A workqueue reaches its pools through one pool_workqueue (pwq) per pool,
 * which counts active items (max_active) and flush colours.
 *
 * Concurrency management, as Linux: a per-CPU pool wakes a worker only
 * when none of its workers is running (pool->nr_running == 0); the
 * scheduler tells the pool when a worker blocks (wq_worker_sleeping()), so
 * another takes the next item. The pool keeps one idle worker ready; when
 * none is left the worker that finds work becomes the manager and creates
 * one. Extra idle workers exit after IDLE_WORKER_TIMEOUT. If creation keeps
 * failing, the mayday timer calls the rescuer threads of WQ_MEM_RECLAIM
 * workqueues that have items waiting.
 *
 * Simplified: unbound pools are a fixed pair (nice 0, nice -20), one per
 * attribute set as Linux has one per attrs, without NUMA; the busy-worker
 * hash is a list; pwqs are not reference counted (destroy_workqueue()
 * drains first, so nothing refers to them).
 *
 * Several CPUs, as Linux: the per-CPU pools of every possible CPU (below
 * nr_cpu_ids, known from the MADT in setup_arch()) get their ids in
 * workqueue_init_early(), before the unbound pools, so two CPUs give
 * "kworker/u4:0". A pool's workers are bound to its CPU. A CPU that is not
 * online yet has its pools POOL_DISASSOCIATED (workers not counted, as
 * Linux's unbound_pool state) until it comes up: CPUHP_WORKQUEUE_PREP
 * creates its first workers (workqueue_prepare_cpu(), on the CPU calling
 * cpu_up()), CPUHP_AP_WORKQUEUE_ONLINE associates them (workqueue_online_cpu()).
 * A CPU going down unbinds its pools (workqueue_offline_cpu(), Linux's
 * unbind_workers()): POOL_DISASSOCIATED, every worker WORKER_UNBOUND and
 * allowed on every CPU, so the items still queued there and those queued
 * later run elsewhere, without concurrency management; coming back, the
 * workers are bound to the CPU again (rebind_workers()).
 *
 * Locking: wq_pool_attach_mutex keeps a pool's association and its
 * workers' CPUs in step (create_worker() against hotplug);
 * pool->lock (raw, irqsave) guards a pool, its workers' state and
 * the pwqs on it; wq->mutex serialises flushers and drainers; wq_pool_mutex
 * guards the list of workqueues and pool creation; wq_mayday_lock (inside
 * pool->lock) the mayday lists. Order: wq_pool_mutex, wq->mutex,
 * pool->lock, wq_mayday_lock, then rq->lock (wake-ups).
 * queue_work() and the worker loop never allocate.
 */
#include <linux/workqueue.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <spindle/task.h>
#include <spindle/sched.h>

enum {
	/* pool->flags */
	POOL_MANAGER_ACTIVE = 1 << 0,	/* a worker is creating workers */
	POOL_DISASSOCIATED = 1 << 2,	/* unbound: workers not bound to a CPU */

	/* worker->flags */
	WORKER_DIE = 1 << 1,		/* destroy_worker() told it to exit */
	WORKER_IDLE = 1 << 2,		/* on the idle list */
	WORKER_PREP = 1 << 3,		/* between items: not counted */
	WORKER_CPU_INTENSIVE = 1 << 6,	/* runs a WQ_CPU_INTENSIVE item */
	WORKER_UNBOUND = 1 << 7,	/* in an unbound or disassociated pool */
	WORKER_REBOUND = 1 << 8,	/* pool associated: counted from next item */
	WORKER_NOT_RUNNING = WORKER_PREP | WORKER_CPU_INTENSIVE | WORKER_UNBOUND |
			     WORKER_REBOUND,

	NR_STD_WORKER_POOLS = 2,	/* per CPU: normal and highpri */
	NR_UNBOUND_POOLS = 2,		/* unbound: nice 0 and nice -20 */
	MAX_WORKER_POOLS = NR_CPUS * NR_STD_WORKER_POOLS + NR_UNBOUND_POOLS,
	WORKER_ID_MAX = 256,		/* kworker/N:M, M below this */
	WORKER_ID_LONGS = WORKER_ID_MAX / 64,

	MAX_IDLE_WORKERS_RATIO = 4,	/* 1/4 of busy can be idle */
	IDLE_WORKER_TIMEOUT = 300 * HZ,	/* keep idle ones for 5 mins */
	MAYDAY_INITIAL_TIMEOUT = HZ / 100 >= 2 ? HZ / 100 : 2,	/* 10 ms */
	MAYDAY_INTERVAL = HZ / 10,	/* and then every 100 ms */
	CREATE_COOLDOWN = HZ,		/* retry creation after 1 s */
	HIGHPRI_NICE_LEVEL = MIN_NICE,
	WORK_NO_COLOR = WORK_NR_COLORS,
	WORKER_DESC_LEN = 24,
};

struct worker_pool {
	raw_spinlock_t lock;
	int cpu;			/* its CPU; -1 if unbound */
	int id;				/* in worker_pools_by_id[]; -1: none yet */
	unsigned int flags;		/* POOL_* */
	int nice;
	unsigned long cpumask;		/* where its workers may run */
	unsigned long watchdog_ts;	/* jiffies when an item was last taken */

	struct list_head worklist;	/* items ready to run */
	int nr_workers;
	int nr_idle;
	int nr_running;			/* workers running, not NOT_RUNNING */

	struct list_head idle_list;	/* idle workers, last idled first */
	struct timer_list idle_timer;	/* reaps idle workers */
	struct timer_list mayday_timer;	/* calls the rescuers */
	struct list_head busy_list;	/* workers running an item (busy_hash) */
	struct worker *manager;
	struct list_head workers;	/* all attached workers */
	unsigned long worker_ids[WORKER_ID_LONGS];
};

/* The link between a workqueue and a pool; aligned so that work->data
 * can carry flags in its low bits. */
struct pool_workqueue {
	struct worker_pool *pool;
	struct workqueue_struct *wq;
	int work_color;			/* colour of new items */
	int flush_color;		/* colour being flushed; -1: none */
	int nr_in_flight[WORK_NR_COLORS];	/* queued or running, by colour */
	int nr_active;			/* on the pool's worklist or running */
	int max_active;
	struct list_head inactive_works;	/* waiting for max_active */
	struct list_head pwqs_node;	/* in wq->pwqs */
	struct list_head mayday_node;	/* in wq->maydays */
} __aligned(1 << WORK_STRUCT_FLAG_BITS);

/* One flush_workqueue() caller. */
struct wq_flusher {
	int flush_color;
	struct completion done;
};

struct workqueue_struct {
	struct list_head pwqs;		/* its pool_workqueues */
	struct list_head list;		/* in workqueues */
	struct mutex mutex;		/* flushers, drainers */
	int work_color;
	int nr_drainers;
	int saved_max_active;
	struct wq_flusher *first_flusher;
	int nr_pwqs_to_flush;		/* atomic */
	struct list_head maydays;	/* pwqs asking the rescuer (wq_mayday_lock) */
	struct worker *rescuer;
	unsigned int flags;		/* WQ_* */
	struct pool_workqueue *cpu_pwqs[NR_CPUS];	/* bound wq */
	struct pool_workqueue *unbound_pwq;		/* WQ_UNBOUND */
	char name[WORKER_DESC_LEN];
};

struct worker {
	struct list_head entry;		/* pool->idle_list or busy_list */
	struct work_struct *current_work;
	work_func_t current_func;
	struct pool_workqueue *current_pwq;
	int current_color;
	struct list_head scheduled;	/* items to run next, in order */
	struct task_struct *task;
	struct worker_pool *pool;
	struct list_head node;		/* in pool->workers */
	unsigned long last_active;	/* jiffies when it became idle */
	unsigned int flags;		/* WORKER_*, under pool->lock */
	int id;
	int sleeping;			/* wq_worker_sleeping() counted it out */
	char desc[WORKER_DESC_LEN];	/* last workqueue it ran an item of */
	struct workqueue_struct *rescue_wq;	/* the rescuer's workqueue */
};

struct workqueue_struct *system_wq __ro_after_init;
struct workqueue_struct *system_highpri_wq __ro_after_init;
struct workqueue_struct *system_long_wq __ro_after_init;
struct workqueue_struct *system_unbound_wq __ro_after_init;
struct workqueue_struct *system_freezable_wq __ro_after_init;

static struct worker_pool cpu_worker_pools[NR_CPUS][NR_STD_WORKER_POOLS];
static struct worker_pool unbound_pools[NR_UNBOUND_POOLS];
static struct worker_pool *worker_pools_by_id[MAX_WORKER_POOLS];
static int nr_worker_pool_ids;

static DEFINE_MUTEX(wq_pool_mutex);
static DEFINE_MUTEX(wq_pool_attach_mutex);
static DEFINE_RAW_SPINLOCK(wq_mayday_lock);
static LIST_HEAD(workqueues);
static bool wq_online;		/* workqueue_init() ran: workers may be made */
static struct kmem_cache *pwq_cache;
static DECLARE_WAIT_QUEUE_HEAD(wq_cancel_waitq);

static int worker_thread(void *__worker);
static void pwq_dec_nr_in_flight(struct pool_workqueue *pwq, unsigned long work_data);

/* ---- work->data ---- */

static void set_work_data(struct work_struct *work, unsigned long data)
{
	WRITE_ONCE(work->data, data);
}

static void set_work_pwq(struct work_struct *work, struct pool_workqueue *pwq,
			 unsigned long flags)
{
	set_work_data(work, (unsigned long)pwq | WORK_STRUCT_PENDING |
		      WORK_STRUCT_PWQ | flags);
}

static void set_work_pool_and_keep_pending(struct work_struct *work, int pool_id)
{
	set_work_data(work, ((unsigned long)pool_id << WORK_OFFQ_POOL_SHIFT) |
		      WORK_STRUCT_PENDING);
}

/* The item leaves its queue to run: from here it may be queued again. */
static void set_work_pool_and_clear_pending(struct work_struct *work, int pool_id)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	set_work_data(work, (unsigned long)pool_id << WORK_OFFQ_POOL_SHIFT);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void clear_work_data(struct work_struct *work)
{
	set_work_data(work, WORK_STRUCT_NO_POOL);
}

static bool test_and_set_pending(struct work_struct *work)
{
	return __atomic_fetch_or(&work->data, WORK_STRUCT_PENDING,
				 __ATOMIC_SEQ_CST) & WORK_STRUCT_PENDING;
}

static int get_work_color(unsigned long work_data)
{
	return (work_data >> WORK_STRUCT_COLOR_SHIFT) & (WORK_NR_COLORS - 1);
}

static unsigned long work_color_to_flags(int color)
{
	return (unsigned long)color << WORK_STRUCT_COLOR_SHIFT;
}

static struct pool_workqueue *get_work_pwq(struct work_struct *work)
{
	unsigned long data = READ_ONCE(work->data);

	if (data & WORK_STRUCT_PWQ)
		return (struct pool_workqueue *)(data & WORK_STRUCT_WQ_DATA_MASK);
	return NULL;
}

/* The pool @work is queued on or last ran on, or NULL. */
static struct worker_pool *get_work_pool(struct work_struct *work)
{
	unsigned long data = READ_ONCE(work->data);
	unsigned long pool_id;

	if (data & WORK_STRUCT_PWQ)
		return ((struct pool_workqueue *)(data & WORK_STRUCT_WQ_DATA_MASK))->pool;
	pool_id = data >> WORK_OFFQ_POOL_SHIFT;
	if (pool_id >= (unsigned long)nr_worker_pool_ids)
		return NULL;
	return worker_pools_by_id[pool_id];
}

static int get_work_pool_id(struct work_struct *work)
{
	struct worker_pool *pool = get_work_pool(work);

	return pool ? pool->id : (int)WORK_OFFQ_POOL_NONE;
}

static bool work_is_canceling(struct work_struct *work)
{
	unsigned long data = READ_ONCE(work->data);

	return !(data & WORK_STRUCT_PWQ) && (data & WORK_OFFQ_CANCELING);
}

/* ---- pool state: Linux's helpers, same names and meaning ---- */

static bool __need_more_worker(struct worker_pool *pool)
{
	return !pool->nr_running;
}

/* Items wait and no worker is running: one must be woken. */
static bool need_more_worker(struct worker_pool *pool)
{
	return !list_empty(&pool->worklist) && __need_more_worker(pool);
}

static bool may_start_working(struct worker_pool *pool)
{
	return pool->nr_idle;
}

/* The running worker goes on to the next item if it is the only one. */
static bool keep_working(struct worker_pool *pool)
{
	return !list_empty(&pool->worklist) && pool->nr_running <= 1;
}

static bool need_to_create_worker(struct worker_pool *pool)
{
	return need_more_worker(pool) && !may_start_working(pool);
}

/* More than two idle, and idle >= busy / 4 + 2. */
static bool too_many_workers(struct worker_pool *pool)
{
	bool managing = pool->flags & POOL_MANAGER_ACTIVE;
	int nr_idle = pool->nr_idle + managing;
	int nr_busy = pool->nr_workers - nr_idle;

	return nr_idle > 2 && (nr_idle - 2) * MAX_IDLE_WORKERS_RATIO >= nr_busy;
}

static struct worker *first_idle_worker(struct worker_pool *pool)
{
	if (list_empty(&pool->idle_list))
		return NULL;
	return list_first_entry(&pool->idle_list, struct worker, entry);
}

/* Caller holds pool->lock. */
static void wake_up_worker(struct worker_pool *pool)
{
	struct worker *worker = first_idle_worker(pool);

	if (likely(worker))
		wake_up_process(worker->task);
}

/* nr_running follows the NOT_RUNNING flags. Caller holds pool->lock. */
static void worker_set_flags(struct worker *worker, unsigned int flags)
{
	struct worker_pool *pool = worker->pool;

	if ((flags & WORKER_NOT_RUNNING) && !(worker->flags & WORKER_NOT_RUNNING))
		pool->nr_running--;
	worker->flags |= flags;
}

static void worker_clr_flags(struct worker *worker, unsigned int flags)
{
	struct worker_pool *pool = worker->pool;
	unsigned int oflags = worker->flags;

	worker->flags &= ~flags;
	if ((flags & WORKER_NOT_RUNNING) && (oflags & WORKER_NOT_RUNNING) &&
	    !(worker->flags & WORKER_NOT_RUNNING))
		pool->nr_running++;
}

/* Caller holds pool->lock. */
static void worker_enter_idle(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (WARN_ON_ONCE(worker->flags & WORKER_IDLE))
		return;
	worker->flags |= WORKER_IDLE;
	pool->nr_idle++;
	worker->last_active = jiffies;
	list_add(&worker->entry, &pool->idle_list);
	if (too_many_workers(pool) && !timer_pending(&pool->idle_timer))
		mod_timer(&pool->idle_timer, jiffies + IDLE_WORKER_TIMEOUT);
}

static void worker_leave_idle(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (WARN_ON_ONCE(!(worker->flags & WORKER_IDLE)))
		return;
	worker->flags &= ~WORKER_IDLE;
	pool->nr_idle--;
	list_del_init(&worker->entry);
}

/* The worker of this pool running @work now, if any (Linux's
 * find_worker_executing_work(): same item and same function). */
static struct worker *find_worker_executing_work(struct worker_pool *pool,
						 struct work_struct *work)
{
	struct worker *worker;

	list_for_each_entry(worker, &pool->busy_list, entry)
		if (worker->current_work == work && worker->current_func == work->func)
			return worker;
	return NULL;
}

/* Moves @work, and the items linked behind it (flush barriers), to the
 * tail of @head. Caller holds pool->lock. */
static void move_linked_works(struct work_struct *work, struct list_head *head)
{
	for (;;) {
		struct work_struct *next = list_next_entry(work, entry);
		bool linked = READ_ONCE(work->data) & WORK_STRUCT_LINKED;

		list_move_tail(&work->entry, head);
		if (!linked)
			break;
		work = next;
	}
}

/* ---- the scheduler hooks ---- */

/**
 * wq_worker_sleeping - a worker is about to block
 * @task: the worker (current), called from schedule() with preemption off
 *
 * Mirrors Linux's wq_worker_sleeping(): if it was counted as running and
 * it was the last one, wake an idle worker for the items waiting.
 */
void wq_worker_sleeping(struct task_struct *task)
{
	struct worker *worker = kthread_data(task);
	struct worker_pool *pool = worker->pool;
	unsigned long flags;

	if (worker->flags & WORKER_NOT_RUNNING)
		return;
	worker->sleeping = 1;
	/* The pool of this worker's CPU: with several CPUs, a worker of
	 * another CPU's pool queues or wakes here only under this lock. */
	raw_spin_lock_irqsave(&pool->lock, flags);
	/* Linux's recheck: the flags may have changed before the lock. */
	if (unlikely(worker->flags & WORKER_NOT_RUNNING)) {
		raw_spin_unlock_irqrestore(&pool->lock, flags);
		return;
	}
	pool->nr_running--;
	if (need_more_worker(pool))
		wake_up_worker(pool);
	raw_spin_unlock_irqrestore(&pool->lock, flags);
}

/* Linux's wq_worker_running(): back from schedule(), counted again. */
void wq_worker_running(struct task_struct *task)
{
	struct worker *worker = kthread_data(task);
	unsigned long flags;

	if (!worker->sleeping)
		return;
	raw_spin_lock_irqsave(&worker->pool->lock, flags);
	if (!(worker->flags & WORKER_NOT_RUNNING))
		worker->pool->nr_running++;
	raw_spin_unlock_irqrestore(&worker->pool->lock, flags);
	worker->sleeping = 0;
}

/* Which worker is current, if current is a worker. */
static struct worker *current_wq_worker(void)
{
	if (in_task() && (current->flags & PF_WQ_WORKER))
		return kthread_data(current);
	return NULL;
}

/**
 * current_work - the work item the current task is running
 *
 * Return: it, or NULL when current is not a worker running one.
 */
struct work_struct *current_work(void)
{
	struct worker *worker = current_wq_worker();

	return worker ? worker->current_work : NULL;
}

/* Is current a worker running an item of @wq (may requeue on it)? */
static bool is_chained_work(struct workqueue_struct *wq)
{
	struct worker *worker = current_wq_worker();

	return worker && worker->current_pwq && worker->current_pwq->wq == wq;
}

/* ---- queueing ---- */

/* Links @work into @head for @pwq. Caller holds pool->lock. */
static void insert_work(struct pool_workqueue *pwq, struct work_struct *work,
			struct list_head *head, unsigned long extra_flags)
{
	struct worker_pool *pool = pwq->pool;

	set_work_pwq(work, pwq, extra_flags);
	list_add_tail(&work->entry, head);
	if (__need_more_worker(pool))
		wake_up_worker(pool);
}

static struct pool_workqueue *select_pwq(struct workqueue_struct *wq, int *cpu)
{
	if (wq->flags & WQ_UNBOUND)
		return wq->unbound_pwq;
	if (*cpu == WORK_CPU_UNBOUND)
		*cpu = raw_smp_processor_id();
	/* An offline CPU's pool is unbound: its workers run the item elsewhere. */
	return wq->cpu_pwqs[*cpu];
}

/*
 * Mirrors __queue_work(): pick the pwq, keep the item on the pool where it
 * still runs (no two instances of one item run at once), count it in its
 * flush colour and let it run now or wait for max_active.
 * Context: interrupts off; the caller owns the PENDING bit.
 */
static void __queue_work(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	struct pool_workqueue *pwq;
	struct worker_pool *last_pool;
	struct list_head *worklist;
	unsigned long work_flags;

	if (unlikely(wq->flags & __WQ_DRAINING) && WARN_ON_ONCE(!is_chained_work(wq)))
		return;
	pwq = select_pwq(wq, &cpu);
	last_pool = get_work_pool(work);
	if (last_pool && last_pool != pwq->pool) {
		struct worker *worker;

		raw_spin_lock(&last_pool->lock);
		worker = find_worker_executing_work(last_pool, work);
		if (worker && worker->current_pwq->wq == wq) {
			pwq = worker->current_pwq;
		} else {
			raw_spin_unlock(&last_pool->lock);
			raw_spin_lock(&pwq->pool->lock);
		}
	} else {
		raw_spin_lock(&pwq->pool->lock);
	}
	pwq->nr_in_flight[pwq->work_color]++;
	work_flags = work_color_to_flags(pwq->work_color);
	if (likely(pwq->nr_active < pwq->max_active)) {
		pwq->nr_active++;
		worklist = &pwq->pool->worklist;
		if (list_empty(worklist))
			pwq->pool->watchdog_ts = jiffies;
	} else {
		work_flags |= WORK_STRUCT_INACTIVE;
		worklist = &pwq->inactive_works;
	}
	insert_work(pwq, work, worklist, work_flags);
	raw_spin_unlock(&pwq->pool->lock);
}

/**
 * queue_work_on - queue a work item on a CPU's pool
 * @cpu: the CPU, or WORK_CPU_UNBOUND for the caller's (ignored for
 *       WQ_UNBOUND workqueues)
 * @wq: the workqueue
 * @work: the item
 *
 * Context: any. Never allocates.
 * Return: false if @work was already pending (it is not queued twice),
 * true if this call queued it.
 */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	if (!test_and_set_pending(work)) {
		__queue_work(cpu, wq, work);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/* The timer of a delayed work item: queue it now (softirq context). */
void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);
	unsigned long flags;

	local_irq_save(flags);
	__queue_work(dwork->cpu, dwork->wq, &dwork->work);
	local_irq_restore(flags);
}

/* Caller owns PENDING and has interrupts off. */
static void __queue_delayed_work(int cpu, struct workqueue_struct *wq,
				 struct delayed_work *dwork, unsigned long delay)
{
	WARN_ON_ONCE(dwork->timer.function != delayed_work_timer_fn);
	dwork->wq = wq;
	dwork->cpu = cpu;
	if (!delay) {
		__queue_work(cpu, wq, &dwork->work);
		return;
	}
	mod_timer(&dwork->timer, jiffies + delay);
}

/**
 * queue_delayed_work_on - queue a work item after a delay
 * @cpu: as queue_work_on()
 * @wq: the workqueue
 * @dwork: the item
 * @delay: jiffies to wait first (0: queue now)
 *
 * Return: false if it was already pending, true if queued.
 */
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	if (!test_and_set_pending(&dwork->work)) {
		__queue_delayed_work(cpu, wq, dwork, delay);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/*
 * Mirrors try_to_grab_pending(): take the PENDING bit of @work, taking it
 * off its timer or queue if it was pending.
 * Return: 1 if it was pending and is now ours, 0 if it was idle and is now
 * ours (both with interrupts off, *@flags to restore), -EAGAIN to retry,
 * -ENOENT if someone else is cancelling it.
 */
static int try_to_grab_pending(struct work_struct *work, bool is_dwork,
			       unsigned long *flags)
{
	struct worker_pool *pool;
	struct pool_workqueue *pwq;

	local_irq_save(*flags);
	if (is_dwork && del_timer(&to_delayed_work(work)->timer))
		return 1;
	if (!test_and_set_pending(work))
		return 0;
	pool = get_work_pool(work);
	if (!pool)
		goto fail;
	raw_spin_lock(&pool->lock);
	pwq = get_work_pwq(work);
	if (pwq && pwq->pool == pool) {
		unsigned long data = READ_ONCE(work->data);

		list_del_init(&work->entry);
		pwq_dec_nr_in_flight(pwq, data);
		set_work_pool_and_keep_pending(work, pool->id);
		raw_spin_unlock(&pool->lock);
		return 1;
	}
	raw_spin_unlock(&pool->lock);
fail:
	local_irq_restore(*flags);
	if (work_is_canceling(work))
		return -ENOENT;
	cpu_relax();
	return -EAGAIN;
}

/**
 * mod_delayed_work_on - queue a delayed item, or change its delay
 * @cpu: as queue_work_on()
 * @wq: the workqueue
 * @dwork: the item
 * @delay: jiffies from now
 *
 * Return: true if it was pending (its timer is now @delay), false if it
 * was idle and is now queued.
 */
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay)
{
	unsigned long flags;
	int ret;

	do {
		ret = try_to_grab_pending(&dwork->work, true, &flags);
	} while (unlikely(ret == -EAGAIN));
	if (likely(ret >= 0)) {
		__queue_delayed_work(cpu, wq, dwork, delay);
		local_irq_restore(flags);
	}
	return ret > 0;
}

/* ---- running items ---- */

/* A pwq may take an item off its inactive list. Caller holds pool->lock. */
static void pwq_activate_first_inactive(struct pool_workqueue *pwq)
{
	struct work_struct *work = list_first_entry(&pwq->inactive_works,
						    struct work_struct, entry);

	pwq->nr_active++;
	if (list_empty(&pwq->pool->worklist))
		pwq->pool->watchdog_ts = jiffies;
	move_linked_works(work, &pwq->pool->worklist);
	__atomic_and_fetch(&work->data, ~(unsigned long)WORK_STRUCT_INACTIVE,
			   __ATOMIC_RELAXED);
	if (__need_more_worker(pwq->pool))
		wake_up_worker(pwq->pool);
}

/*
 * An item of @pwq finished or was cancelled (Linux's
 * pwq_dec_nr_in_flight()): let the next inactive one in, and complete the
 * flush waiting for this colour if it was the last. Caller holds pool->lock.
 */
static void pwq_dec_nr_in_flight(struct pool_workqueue *pwq, unsigned long work_data)
{
	int color = get_work_color(work_data);

	if (!(work_data & WORK_STRUCT_INACTIVE)) {
		pwq->nr_active--;
		if (!list_empty(&pwq->inactive_works) && pwq->nr_active < pwq->max_active)
			pwq_activate_first_inactive(pwq);
	}
	pwq->nr_in_flight[color]--;
	if (likely(pwq->flush_color != color) || pwq->nr_in_flight[color])
		return;
	pwq->flush_color = -1;
	if (__atomic_sub_fetch(&pwq->wq->nr_pwqs_to_flush, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&pwq->wq->first_flusher->done);
}

/*
 * Mirrors process_one_work(): run @work once. Called with pool->lock held
 * (interrupts off); drops it around the function.
 */
static void process_one_work(struct worker *worker, struct work_struct *work)
{
	struct pool_workqueue *pwq = get_work_pwq(work);
	struct worker_pool *pool = worker->pool;
	bool cpu_intensive = pwq->wq->flags & WQ_CPU_INTENSIVE;
	unsigned long work_data;
	struct worker *collision;

	/* Still running on another worker here: it runs this one next. */
	collision = find_worker_executing_work(pool, work);
	if (unlikely(collision)) {
		move_linked_works(work, &collision->scheduled);
		return;
	}
	list_add(&worker->entry, &pool->busy_list);
	worker->current_work = work;
	worker->current_func = work->func;
	worker->current_pwq = pwq;
	work_data = READ_ONCE(work->data);
	worker->current_color = get_work_color(work_data);
	strscpy(worker->desc, pwq->wq->name, WORKER_DESC_LEN);
	list_del_init(&work->entry);
	if (unlikely(cpu_intensive))
		worker_set_flags(worker, WORKER_CPU_INTENSIVE);
	/* Unbound and CPU-intensive workers do not hold others back. */
	if (need_more_worker(pool))
		wake_up_worker(pool);
	set_work_pool_and_clear_pending(work, pool->id);
	raw_spin_unlock_irq(&pool->lock);

	worker->current_func(work);
	cond_resched();

	raw_spin_lock_irq(&pool->lock);
	if (unlikely(cpu_intensive))
		worker_clr_flags(worker, WORKER_CPU_INTENSIVE);
	list_del_init(&worker->entry);
	worker->current_work = NULL;
	worker->current_func = NULL;
	worker->current_pwq = NULL;
	worker->current_color = INT_MAX;
	pwq_dec_nr_in_flight(pwq, work_data);
}

static void process_scheduled_works(struct worker *worker)
{
	while (!list_empty(&worker->scheduled)) {
		struct work_struct *work = list_first_entry(&worker->scheduled,
							    struct work_struct, entry);

		process_one_work(worker, work);
	}
}

/* ---- workers: creation, attachment, destruction ---- */

static struct worker *alloc_worker(void)
{
	struct worker *worker = kzalloc(sizeof(*worker), GFP_KERNEL);

	if (worker) {
		INIT_LIST_HEAD(&worker->entry);
		INIT_LIST_HEAD(&worker->scheduled);
		INIT_LIST_HEAD(&worker->node);
		worker->flags = WORKER_PREP;
		worker->id = -1;
		worker->current_color = INT_MAX;
	}
	return worker;
}

/* Sets PF_WQ_WORKER under tasklist_lock, which ps holds while it reads
 * a worker's state (Linux uses wq_pool_attach_mutex). */
static void set_pf_worker(bool val)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	if (val)
		current->flags |= PF_WQ_WORKER;
	else
		current->flags &= ~PF_WQ_WORKER;
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void worker_attach_to_pool(struct worker *worker, struct worker_pool *pool)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&pool->lock, flags);
	if (pool->flags & POOL_DISASSOCIATED)
		worker->flags |= WORKER_UNBOUND;
	else
		worker->flags &= ~WORKER_UNBOUND;
	list_add_tail(&worker->node, &pool->workers);
	worker->pool = pool;
	raw_spin_unlock_irqrestore(&pool->lock, flags);
}

/* The rescuer leaves a pool; @pool stays its last (for ps). */
static void worker_detach_from_pool(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;
	unsigned long flags;

	raw_spin_lock_irqsave(&pool->lock, flags);
	list_del_init(&worker->node);
	if (worker->id >= 0)
		__atomic_and_fetch(&pool->worker_ids[worker->id / 64],
				   ~(1UL << (worker->id % 64)), __ATOMIC_RELAXED);
	raw_spin_unlock_irqrestore(&pool->lock, flags);
}

/* The smallest free worker id of @pool (Linux's ida_alloc()), or -ENOSPC. */
/* Every CPU the machine has (Linux's wq_unbound_cpumask). */
static unsigned long wq_unbound_cpumask(void)
{
	return nr_cpu_ids >= 64 ? ~0UL : (1UL << nr_cpu_ids) - 1;
}

static int worker_id_alloc(struct worker_pool *pool)
{
	unsigned long flags;
	int id = -ENOSPC;

	raw_spin_lock_irqsave(&pool->lock, flags);
	for (int i = 0; i < WORKER_ID_MAX; i++) {
		unsigned long bit = 1UL << (i % 64);

		if (!(pool->worker_ids[i / 64] & bit)) {
			pool->worker_ids[i / 64] |= bit;
			id = i;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&pool->lock, flags);
	return id;
}

static void worker_id_free(struct worker_pool *pool, int id)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&pool->lock, flags);
	pool->worker_ids[id / 64] &= ~(1UL << (id % 64));
	raw_spin_unlock_irqrestore(&pool->lock, flags);
}

/*
 * Mirrors create_worker(): a new kworker, made by kthreadd, bound to the
 * pool's CPUs at the pool's nice, and put on the idle list.
 * Context: process; sleeps; no pool lock held. Return: it, or NULL.
 */
static struct worker *create_worker(struct worker_pool *pool)
{
	struct worker *worker;
	int id = worker_id_alloc(pool);
	char id_buf[16];

	if (id < 0)
		return NULL;
	worker = alloc_worker();
	if (!worker)
		goto fail;
	worker->id = id;
	if (pool->cpu >= 0)
		snprintf(id_buf, sizeof(id_buf), "%d:%d%s", pool->cpu, id,
			 pool->nice < 0 ? "H" : "");
	else
		snprintf(id_buf, sizeof(id_buf), "u%d:%d", pool->id, id);
	worker->task = kthread_create_on_node(worker_thread, worker, NUMA_NO_NODE,
					      "kworker/%s", id_buf);
	if (IS_ERR(worker->task))
		goto fail;
	set_user_nice(worker->task, pool->nice);
	/* A pool whose CPU is down is unbound: its workers run anywhere. */
	mutex_lock(&wq_pool_attach_mutex);
	kthread_bind_mask(worker->task, pool->flags & POOL_DISASSOCIATED ?
			  wq_unbound_cpumask() : pool->cpumask);
	worker_attach_to_pool(worker, pool);
	mutex_unlock(&wq_pool_attach_mutex);

	raw_spin_lock_irq(&pool->lock);
	pool->nr_workers++;
	worker_enter_idle(worker);
	wake_up_process(worker->task);
	raw_spin_unlock_irq(&pool->lock);
	return worker;
fail:
	worker_id_free(pool, id);
	kfree(worker);
	return NULL;
}

/* Tells an idle worker to exit. Caller holds pool->lock. */
static void destroy_worker(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (WARN_ON(worker->current_work) || WARN_ON(!(worker->flags & WORKER_IDLE)))
		return;
	pool->nr_workers--;
	pool->nr_idle--;
	list_del_init(&worker->entry);
	worker->flags |= WORKER_DIE;
	wake_up_process(worker->task);
}

/* Mirrors idle_worker_timeout(): reap idle workers idle for too long. */
static void idle_worker_timeout(struct timer_list *t)
{
	struct worker_pool *pool = from_timer(pool, t, idle_timer);
	unsigned long flags;

	raw_spin_lock_irqsave(&pool->lock, flags);
	while (too_many_workers(pool)) {
		struct worker *worker = list_last_entry(&pool->idle_list,
							struct worker, entry);
		unsigned long expires = worker->last_active + IDLE_WORKER_TIMEOUT;

		if (time_before(jiffies, expires)) {
			mod_timer(&pool->idle_timer, expires);
			break;
		}
		destroy_worker(worker);
	}
	raw_spin_unlock_irqrestore(&pool->lock, flags);
}

/* Asks the rescuer of @work's workqueue for help. Caller holds pool->lock
 * and wq_mayday_lock. */
static void send_mayday(struct work_struct *work)
{
	struct pool_workqueue *pwq = get_work_pwq(work);
	struct workqueue_struct *wq = pwq->wq;

	if (!wq->rescuer)
		return;
	if (list_empty(&pwq->mayday_node)) {
		list_add_tail(&pwq->mayday_node, &wq->maydays);
		wake_up_process(wq->rescuer->task);
	}
}

/* Mirrors pool_mayday_timeout(): worker creation is taking too long. */
static void pool_mayday_timeout(struct timer_list *t)
{
	struct worker_pool *pool = from_timer(pool, t, mayday_timer);
	struct work_struct *work;
	unsigned long flags;

	raw_spin_lock_irqsave(&pool->lock, flags);
	raw_spin_lock(&wq_mayday_lock);
	if (need_to_create_worker(pool))
		list_for_each_entry(work, &pool->worklist, entry)
			send_mayday(work);
	raw_spin_unlock(&wq_mayday_lock);
	raw_spin_unlock_irqrestore(&pool->lock, flags);
	mod_timer(&pool->mayday_timer, jiffies + MAYDAY_INTERVAL);
}

/*
 * Mirrors maybe_create_worker(): create workers until one is idle, calling
 * the rescuers if it takes long. Drops pool->lock (held on entry and exit,
 * interrupts off) and sleeps.
 */
static void maybe_create_worker(struct worker_pool *pool)
{
restart:
	raw_spin_unlock_irq(&pool->lock);
	mod_timer(&pool->mayday_timer, jiffies + MAYDAY_INITIAL_TIMEOUT);
	for (;;) {
		if (create_worker(pool) || !need_to_create_worker(pool))
			break;
		schedule_timeout_interruptible(CREATE_COOLDOWN);
		if (!need_to_create_worker(pool))
			break;
	}
	del_timer_sync(&pool->mayday_timer);
	raw_spin_lock_irq(&pool->lock);
	if (need_to_create_worker(pool))
		goto restart;
}

/* Mirrors manage_workers(): become the pool's manager, unless one is. */
static bool manage_workers(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (pool->flags & POOL_MANAGER_ACTIVE)
		return false;
	pool->flags |= POOL_MANAGER_ACTIVE;
	pool->manager = worker;
	maybe_create_worker(pool);
	pool->manager = NULL;
	pool->flags &= ~POOL_MANAGER_ACTIVE;
	return true;
}

/* A worker told to die: leave the pool and return from worker_thread(). */
static int worker_exit(struct worker *worker)
{
	set_pf_worker(false);
	set_task_comm(current, "kworker/dying");
	worker_detach_from_pool(worker);
	kfree(worker);
	return 0;
}

/*
 * worker_thread - the function of every kworker (Linux's worker_thread())
 *
 * Sleeps on the idle list; woken, it runs items from the pool's worklist
 * while it is the only running worker, becoming the manager first if no
 * idle worker would be left to take over when it blocks.
 */
static int worker_thread(void *__worker)
{
	struct worker *worker = __worker;
	struct worker_pool *pool = worker->pool;

	set_pf_worker(true);
woke_up:
	raw_spin_lock_irq(&pool->lock);
	if (unlikely(worker->flags & WORKER_DIE)) {
		raw_spin_unlock_irq(&pool->lock);
		return worker_exit(worker);
	}
	worker_leave_idle(worker);
recheck:
	if (!need_more_worker(pool))
		goto sleep;
	if (unlikely(!may_start_working(pool)) && manage_workers(worker))
		goto recheck;
	worker_clr_flags(worker, WORKER_PREP | WORKER_REBOUND);
	do {
		struct work_struct *work = list_first_entry(&pool->worklist,
							    struct work_struct, entry);

		pool->watchdog_ts = jiffies;
		move_linked_works(work, &worker->scheduled);
		process_scheduled_works(worker);
	} while (keep_working(pool));
	worker_set_flags(worker, WORKER_PREP);
sleep:
	worker_enter_idle(worker);
	__set_current_state(TASK_IDLE);
	raw_spin_unlock_irq(&pool->lock);
	schedule();
	goto woke_up;
}

/* The rescuer takes over the items of @pwq waiting on its pool. */
static void rescue_pwq(struct worker *rescuer, struct pool_workqueue *pwq)
{
	struct worker_pool *pool = pwq->pool;
	struct work_struct *work;

	/* Linux's worker_attach_to_pool() moves it to the pool's CPUs. */
	set_cpus_allowed_ptr(rescuer->task, &pool->cpumask);
	worker_attach_to_pool(rescuer, pool);
	raw_spin_lock_irq(&pool->lock);
restart:
	list_for_each_entry(work, &pool->worklist, entry) {
		if (get_work_pwq(work) == pwq) {
			/* moves linked barriers too: walk again from the head */
			move_linked_works(work, &rescuer->scheduled);
			goto restart;
		}
	}
	if (!list_empty(&rescuer->scheduled)) {
		process_scheduled_works(rescuer);
		/* Still short of workers and more of ours came: stay asked. */
		raw_spin_lock(&wq_mayday_lock);
		if (pwq->nr_active && need_to_create_worker(pool) &&
		    list_empty(&pwq->mayday_node))
			list_add_tail(&pwq->mayday_node, &pwq->wq->maydays);
		raw_spin_unlock(&wq_mayday_lock);
	}
	if (need_more_worker(pool))
		wake_up_worker(pool);
	raw_spin_unlock_irq(&pool->lock);
	worker_detach_from_pool(rescuer);
}

/*
 * rescuer_thread - the thread of a WQ_MEM_RECLAIM workqueue, named after
 * it (Linux's rescuer_thread()). Sleeps until a pool that cannot create
 * workers sends a mayday, then runs that workqueue's items there itself,
 * so reclaim that waits on them always makes progress.
 */
static int rescuer_thread(void *__rescuer)
{
	struct worker *rescuer = __rescuer;
	struct workqueue_struct *wq = rescuer->rescue_wq;
	bool should_stop;

	set_pf_worker(true);
	for (;;) {
		set_current_state(TASK_IDLE);
		should_stop = kthread_should_stop();
		raw_spin_lock_irq(&wq_mayday_lock);
		while (!list_empty(&wq->maydays)) {
			struct pool_workqueue *pwq = list_first_entry(&wq->maydays,
					struct pool_workqueue, mayday_node);

			__set_current_state(TASK_RUNNING);
			list_del_init(&pwq->mayday_node);
			raw_spin_unlock_irq(&wq_mayday_lock);
			rescue_pwq(rescuer, pwq);
			raw_spin_lock_irq(&wq_mayday_lock);
		}
		raw_spin_unlock_irq(&wq_mayday_lock);
		if (should_stop)
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	set_pf_worker(false);
	return 0;
}

/* Mirrors init_rescuer(): WQ_MEM_RECLAIM workqueues get their thread. */
static int init_rescuer(struct workqueue_struct *wq)
{
	struct worker *rescuer;

	if (!(wq->flags & WQ_MEM_RECLAIM))
		return 0;
	rescuer = alloc_worker();
	if (!rescuer)
		return -ENOMEM;
	rescuer->rescue_wq = wq;
	rescuer->task = kthread_create(rescuer_thread, rescuer, "%s", wq->name);
	if (IS_ERR(rescuer->task)) {
		int err = PTR_ERR(rescuer->task);

		kfree(rescuer);
		return err;
	}
	wq->rescuer = rescuer;
	wake_up_process(rescuer->task);
	return 0;
}

/* ---- flushing and cancelling ---- */

struct wq_barrier {
	struct work_struct work;
	struct completion done;
};

static void wq_barrier_func(struct work_struct *work)
{
	struct wq_barrier *barr = container_of(work, struct wq_barrier, work);

	complete(&barr->done);
}

/*
 * Mirrors insert_wq_barrier(): queue @barr right behind @target (linked,
 * so it moves with it), or first on the worker's scheduled list if @target
 * is running. It has @target's colour and no share of nr_active.
 * Caller holds pool->lock.
 */
static void insert_wq_barrier(struct pool_workqueue *pwq, struct wq_barrier *barr,
			      struct work_struct *target, struct worker *worker)
{
	unsigned long work_flags = WORK_STRUCT_INACTIVE;
	struct list_head *head;
	int color;

	INIT_WORK_ONSTACK(&barr->work, wq_barrier_func);
	barr->work.data |= WORK_STRUCT_PENDING;
	init_completion(&barr->done);
	if (worker) {
		head = worker->scheduled.next;
		color = worker->current_color;
	} else {
		unsigned long data = READ_ONCE(target->data);

		head = target->entry.next;
		work_flags |= data & WORK_STRUCT_LINKED;
		color = get_work_color(data);
		__atomic_or_fetch(&target->data, WORK_STRUCT_LINKED, __ATOMIC_RELAXED);
	}
	pwq->nr_in_flight[color]++;
	work_flags |= work_color_to_flags(color);
	set_work_pwq(&barr->work, pwq, work_flags);
	list_add_tail(&barr->work.entry, head);
}

/* Queues a barrier behind @work if it is queued or running. */
static bool start_flush_work(struct work_struct *work, struct wq_barrier *barr)
{
	struct worker *worker = NULL;
	struct worker_pool *pool;
	struct pool_workqueue *pwq;

	local_irq_disable();
	pool = get_work_pool(work);
	if (!pool) {
		local_irq_enable();
		return false;
	}
	raw_spin_lock(&pool->lock);
	pwq = get_work_pwq(work);
	if (pwq) {
		if (unlikely(pwq->pool != pool))
			goto already_gone;
	} else {
		worker = find_worker_executing_work(pool, work);
		if (!worker)
			goto already_gone;
		pwq = worker->current_pwq;
	}
	insert_wq_barrier(pwq, barr, work, worker);
	raw_spin_unlock_irq(&pool->lock);
	return true;
already_gone:
	raw_spin_unlock_irq(&pool->lock);
	return false;
}

/**
 * flush_work - wait until a work item has finished its last queueing
 * @work: the item
 *
 * Context: process; sleeps.
 * Return: true if it waited, false if @work was idle.
 */
bool flush_work(struct work_struct *work)
{
	struct wq_barrier barr;

	if (WARN_ON(!wq_online) || WARN_ON(!work->func))
		return false;
	if (!start_flush_work(work, &barr))
		return false;
	wait_for_completion(&barr.done);
	return true;
}

/* Mirrors __cancel_work_timer(): take PENDING, wait for a running
 * instance, then leave the item idle. */
static bool __cancel_work_sync(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	int ret;

	do {
		ret = try_to_grab_pending(work, is_dwork, &flags);
		if (unlikely(ret == -ENOENT))
			wait_event(wq_cancel_waitq, !work_is_canceling(work));
	} while (unlikely(ret < 0));
	/* Queueing attempts fail while we hold PENDING; mark CANCELING so
	 * another canceller waits for us instead of spinning. */
	set_work_data(work, ((unsigned long)get_work_pool_id(work) << WORK_OFFQ_POOL_SHIFT) |
		      WORK_OFFQ_CANCELING | WORK_STRUCT_PENDING);
	local_irq_restore(flags);
	if (wq_online)
		flush_work(work);
	clear_work_data(work);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (waitqueue_active(&wq_cancel_waitq))
		wake_up(&wq_cancel_waitq);
	return ret;
}

/**
 * cancel_work_sync - cancel a work item and wait for it to finish
 * @work: the item; it may requeue itself, the cancel wins
 *
 * Context: process; sleeps. Return: true if it was pending.
 */
bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false);
}

static bool __cancel_work(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	int ret;

	do {
		ret = try_to_grab_pending(work, is_dwork, &flags);
	} while (unlikely(ret == -EAGAIN));
	if (unlikely(ret < 0))
		return false;
	set_work_data(work, (unsigned long)get_work_pool_id(work) << WORK_OFFQ_POOL_SHIFT);
	local_irq_restore(flags);
	return ret;
}

/* Takes @work off its queue if pending; does not wait. */
bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}

/**
 * cancel_delayed_work - stop a delayed item's timer or take it off queue
 * @dwork: the item
 *
 * Does not wait for a running instance. Context: any.
 * Return: true if it was pending.
 */
bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, true);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true);
}

/**
 * flush_delayed_work - queue a delayed item now and wait for it
 * @dwork: the item
 *
 * Return: true if it waited.
 */
bool flush_delayed_work(struct delayed_work *dwork)
{
	local_irq_disable();
	if (del_timer_sync(&dwork->timer))
		__queue_work(dwork->cpu, dwork->wq, &dwork->work);
	local_irq_enable();
	return flush_work(&dwork->work);
}

static int work_next_color(int color)
{
	return (color + 1) % WORK_NR_COLORS;
}

/*
 * Mirrors __flush_workqueue(), one flusher at a time: switch the
 * workqueue to the next colour, then wait until no item of the old colour
 * is in flight on any pwq. Items queued after the switch are not waited for.
 */
void flush_workqueue(struct workqueue_struct *wq)
{
	struct wq_flusher this_flusher;
	struct pool_workqueue *pwq;
	int next;

	if (WARN_ON(!wq_online))
		return;
	mutex_lock(&wq->mutex);
	this_flusher.flush_color = wq->work_color;
	init_completion(&this_flusher.done);
	next = work_next_color(wq->work_color);
	wq->work_color = next;
	wq->first_flusher = &this_flusher;
	__atomic_store_n(&wq->nr_pwqs_to_flush, 1, __ATOMIC_RELEASE);
	list_for_each_entry(pwq, &wq->pwqs, pwqs_node) {
		struct worker_pool *pool = pwq->pool;

		raw_spin_lock_irq(&pool->lock);
		WARN_ON_ONCE(pwq->flush_color != -1);
		if (pwq->nr_in_flight[this_flusher.flush_color]) {
			pwq->flush_color = this_flusher.flush_color;
			__atomic_add_fetch(&wq->nr_pwqs_to_flush, 1, __ATOMIC_ACQ_REL);
		}
		pwq->work_color = next;
		raw_spin_unlock_irq(&pool->lock);
	}
	if (__atomic_sub_fetch(&wq->nr_pwqs_to_flush, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&this_flusher.done);
	wait_for_completion(&this_flusher.done);
	wq->first_flusher = NULL;
	mutex_unlock(&wq->mutex);
}

static bool pwq_busy(struct pool_workqueue *pwq)
{
	bool busy;

	raw_spin_lock_irq(&pwq->pool->lock);
	busy = pwq->nr_active || !list_empty(&pwq->inactive_works);
	raw_spin_unlock_irq(&pwq->pool->lock);
	return busy;
}

/**
 * drain_workqueue - flush until the workqueue is empty
 * @wq: the workqueue
 *
 * While it drains, only its own items may queue more on it (chained
 * work); anything else is refused with a warning, as in Linux.
 * Context: process; sleeps.
 */
void drain_workqueue(struct workqueue_struct *wq)
{
	unsigned int flush_cnt = 0;
	struct pool_workqueue *pwq;

	mutex_lock(&wq->mutex);
	if (!wq->nr_drainers++)
		wq->flags |= __WQ_DRAINING;
	mutex_unlock(&wq->mutex);
reflush:
	flush_workqueue(wq);
	mutex_lock(&wq->mutex);
	list_for_each_entry(pwq, &wq->pwqs, pwqs_node) {
		if (!pwq_busy(pwq))
			continue;
		if (++flush_cnt == 10 || (flush_cnt % 100 == 0 && flush_cnt <= 1000))
			pr_warn("workqueue %s: drain_workqueue() isn't complete after %u tries\n",
				wq->name, flush_cnt);
		mutex_unlock(&wq->mutex);
		goto reflush;
	}
	if (!--wq->nr_drainers)
		wq->flags &= ~__WQ_DRAINING;
	mutex_unlock(&wq->mutex);
}

/* ---- pools and workqueues ---- */

static void init_worker_pool(struct worker_pool *pool, int cpu, int nice)
{
	raw_spin_lock_init(&pool->lock);
	pool->cpu = cpu;
	pool->id = -1;
	pool->nice = nice;
	pool->cpumask = cpu >= 0 ? 1UL << cpu : (1UL << NR_CPUS) - 1;
	pool->flags = cpu >= 0 ? 0 : POOL_DISASSOCIATED;
	pool->watchdog_ts = jiffies;
	INIT_LIST_HEAD(&pool->worklist);
	INIT_LIST_HEAD(&pool->idle_list);
	INIT_LIST_HEAD(&pool->busy_list);
	INIT_LIST_HEAD(&pool->workers);
	timer_setup(&pool->idle_timer, idle_worker_timeout, 0);
	timer_setup(&pool->mayday_timer, pool_mayday_timeout, 0);
}

/* Gives @pool the next id (Linux's worker_pool_assign_id()). The id is
 * the "P" of kworker/uP:M. Caller holds wq_pool_mutex, or is early boot. */
static void worker_pool_assign_id(struct worker_pool *pool)
{
	if (pool->id >= 0)
		return;
	BUG_ON(nr_worker_pool_ids >= MAX_WORKER_POOLS);
	pool->id = nr_worker_pool_ids;
	worker_pools_by_id[nr_worker_pool_ids++] = pool;
}

/* The unbound pool for these attributes (Linux's get_unbound_pool()); its
 * first worker is created now if workers can be. */
static struct worker_pool *get_unbound_pool(bool highpri)
{
	struct worker_pool *pool = &unbound_pools[highpri];

	if (pool->id < 0) {
		worker_pool_assign_id(pool);
		if (wq_online && !create_worker(pool))
			pr_warn("workqueue: no first worker for unbound pool %d\n", pool->id);
	}
	return pool;
}

static struct pool_workqueue *alloc_pwq(struct workqueue_struct *wq,
					struct worker_pool *pool)
{
	struct pool_workqueue *pwq = kmem_cache_zalloc(pwq_cache, GFP_KERNEL);

	if (!pwq)
		return NULL;
	pwq->pool = pool;
	pwq->wq = wq;
	pwq->flush_color = -1;
	pwq->max_active = wq->saved_max_active;
	INIT_LIST_HEAD(&pwq->inactive_works);
	INIT_LIST_HEAD(&pwq->mayday_node);
	list_add_tail(&pwq->pwqs_node, &wq->pwqs);
	return pwq;
}

static void free_pwqs(struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq, *n;

	list_for_each_entry_safe(pwq, n, &wq->pwqs, pwqs_node) {
		list_del(&pwq->pwqs_node);
		kmem_cache_free(pwq_cache, pwq);
	}
}

/* Caller holds wq_pool_mutex. */
static int alloc_and_link_pwqs(struct workqueue_struct *wq)
{
	bool highpri = wq->flags & WQ_HIGHPRI;

	if (wq->flags & WQ_UNBOUND) {
		wq->unbound_pwq = alloc_pwq(wq, get_unbound_pool(highpri));
		return wq->unbound_pwq ? 0 : -ENOMEM;
	}
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		wq->cpu_pwqs[cpu] = alloc_pwq(wq, &cpu_worker_pools[cpu][highpri]);
		if (!wq->cpu_pwqs[cpu])
			return -ENOMEM;
	}
	return 0;
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq;
	va_list args;

	if ((flags & WQ_UNBOUND) && max_active == 1)
		flags |= __WQ_ORDERED;
	wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	if (!wq)
		return NULL;
	va_start(args, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);
	max_active = max_active ?: WQ_DFL_ACTIVE;
	wq->saved_max_active = clamp(max_active, 1, (int)WQ_MAX_ACTIVE);
	wq->flags = flags;
	mutex_init(&wq->mutex);
	INIT_LIST_HEAD(&wq->pwqs);
	INIT_LIST_HEAD(&wq->maydays);
	INIT_LIST_HEAD(&wq->list);

	mutex_lock(&wq_pool_mutex);
	if (alloc_and_link_pwqs(wq))
		goto err_unlock;
	/* Before workqueue_init(), the rescuer comes from there. */
	if (wq_online && init_rescuer(wq))
		goto err_unlock;
	list_add_tail(&wq->list, &workqueues);
	mutex_unlock(&wq_pool_mutex);
	return wq;
err_unlock:
	mutex_unlock(&wq_pool_mutex);
	free_pwqs(wq);
	kfree(wq);
	return NULL;
}

/**
 * destroy_workqueue - drain a workqueue and free it
 * @wq: the workqueue; nobody may queue on it any more
 *
 * Context: process; sleeps.
 */
void destroy_workqueue(struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq;

	drain_workqueue(wq);
	if (wq->rescuer) {
		struct worker *rescuer = wq->rescuer;

		raw_spin_lock_irq(&wq_mayday_lock);
		wq->rescuer = NULL;
		raw_spin_unlock_irq(&wq_mayday_lock);
		kthread_stop(rescuer->task);
		kfree(rescuer);
	}
	mutex_lock(&wq->mutex);
	list_for_each_entry(pwq, &wq->pwqs, pwqs_node) {
		for (int i = 0; i < WORK_NR_COLORS; i++) {
			if (WARN_ON(pwq->nr_in_flight[i])) {
				mutex_unlock(&wq->mutex);
				return;		/* leak rather than free in use */
			}
		}
	}
	mutex_unlock(&wq->mutex);
	mutex_lock(&wq_pool_mutex);
	list_del(&wq->list);
	mutex_unlock(&wq_pool_mutex);
	free_pwqs(wq);
	kfree(wq);
}

/**
 * wq_worker_comm - the name ps shows for a task
 * @buf: where to write it
 * @size: its size
 * @task: any task; workers get "+wq" (running an item of wq) or "-wq"
 *        (the last workqueue they ran an item of) after their comm
 *
 * Mirrors Linux's wq_worker_comm(), used by /proc; task->comm is unchanged.
 * Context: caller holds tasklist_lock (PF_WQ_WORKER cannot go meanwhile).
 */
void wq_worker_comm(char *buf, size_t size, struct task_struct *task)
{
	struct worker *worker;
	struct worker_pool *pool;
	unsigned long flags;
	size_t off;

	strscpy(buf, task->comm, size);
	if (!(task->flags & PF_WQ_WORKER))
		return;
	off = strlen(buf);
	worker = kthread_data(task);
	pool = worker->pool;
	if (!pool)
		return;
	raw_spin_lock_irqsave(&pool->lock, flags);
	if (worker->desc[0] != '\0')
		scnprintf(buf + off, size - off, "%c%s",
			  worker->current_work ? '+' : '-', worker->desc);
	raw_spin_unlock_irqrestore(&pool->lock, flags);
}

/**
 * workqueue_init_early - the pools and system workqueues, before threads
 *
 * Items may be queued from here on; they run once workqueue_init() has
 * made the workers. Mirrors Linux's workqueue_init_early(): the pools of
 * every possible CPU get ids 0..2*nr_cpu_ids-1 (setup_arch() counted the
 * MADT's CPUs), so the first unbound pool is "u2" with one CPU and "u4"
 * with two, as in Linux. Context: boot.
 */
void __init workqueue_init_early(void)
{
	pwq_cache = kmem_cache_create("pool_workqueue", sizeof(struct pool_workqueue),
				      1 << WORK_STRUCT_FLAG_BITS, SLAB_PANIC, NULL);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		for (int i = 0; i < NR_STD_WORKER_POOLS; i++) {
			struct worker_pool *pool = &cpu_worker_pools[cpu][i];

			init_worker_pool(pool, cpu, i ? HIGHPRI_NICE_LEVEL : 0);
			/* Not up yet: as Linux's pools of offline CPUs. */
			if (!cpu_online(cpu))
				pool->flags |= POOL_DISASSOCIATED;
			/* Every possible CPU's, before the unbound pools'. */
			if ((unsigned int)cpu < nr_cpu_ids)
				worker_pool_assign_id(pool);
		}
	}
	init_worker_pool(&unbound_pools[0], -1, 0);
	init_worker_pool(&unbound_pools[1], -1, HIGHPRI_NICE_LEVEL);

	system_wq = alloc_workqueue("events", 0, 0);
	system_highpri_wq = alloc_workqueue("events_highpri", WQ_HIGHPRI, 0);
	system_long_wq = alloc_workqueue("events_long", 0, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND,
					    WQ_UNBOUND_MAX_ACTIVE);
	system_freezable_wq = alloc_workqueue("events_freezable", WQ_FREEZABLE, 0);
	BUG_ON(!system_wq || !system_highpri_wq || !system_long_wq ||
	       !system_unbound_wq || !system_freezable_wq);
}

/**
 * workqueue_init - the first threads: rescuers of early workqueues, then
 * one worker per pool
 *
 * Mirrors Linux's workqueue_init(), called by kernel_init_freeable() once
 * kthreadd runs: this is why rcu_gp, rcu_par_gp and then kworker/0:0,
 * kworker/0:0H and kworker/u2:0 have the lowest PIDs after kthreadd.
 * Context: process (init); sleeps.
 */
void __init workqueue_init(void)
{
	struct workqueue_struct *wq;

	mutex_lock(&wq_pool_mutex);
	list_for_each_entry(wq, &workqueues, list)
		WARN(init_rescuer(wq), "workqueue: failed to create early rescuer for %s",
		     wq->name);
	mutex_unlock(&wq_pool_mutex);

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		for (int i = 0; i < NR_STD_WORKER_POOLS; i++)
			BUG_ON(!create_worker(&cpu_worker_pools[cpu][i]));
	}
	for (int i = 0; i < NR_UNBOUND_POOLS; i++)
		if (unbound_pools[i].id >= 0)
			BUG_ON(!create_worker(&unbound_pools[i]));
	wq_online = true;
}

/*
 * Gives every worker of @pool the CPUs @mask, one at a time: the
 * workers' list may change while set_cpus_allowed_ptr() sleeps, so it is
 * walked again from the start for the next one not yet moved. Caller
 * holds wq_pool_attach_mutex, which keeps new workers out meanwhile.
 */
static void pool_workers_set_cpus(struct worker_pool *pool, unsigned long mask)
{
	for (;;) {
		struct task_struct *task = NULL;
		struct worker *worker;

		raw_spin_lock_irq(&pool->lock);
		list_for_each_entry(worker, &pool->workers, node) {
			if (worker->task->cpus_mask != mask &&
			    !(worker->task->flags & PF_EXITING)) {
				task = worker->task;
				get_task_struct(task);
				break;
			}
		}
		raw_spin_unlock_irq(&pool->lock);
		if (!task)
			return;
		if (set_cpus_allowed_ptr(task, &mask))
			task->cpus_mask = mask;	/* no CPU of it online yet */
		put_task_struct(task);
	}
}

/* Mirrors rebind_workers(): the pool's CPU is up; its workers, bound to it
 * again, are counted again from their next item (UNBOUND becomes REBOUND:
 * a worker running an item now must not change nr_running). Idle ones
 * are woken, as in Linux, so they go back to sleep on their CPU.
 * Caller holds pool->lock. */
static void rebind_workers(struct worker_pool *pool)
{
	struct worker *worker;

	list_for_each_entry(worker, &pool->workers, node) {
		if (!(worker->flags & WORKER_UNBOUND))
			continue;
		worker->flags &= ~WORKER_UNBOUND;
		worker->flags |= WORKER_REBOUND;
		if (worker->flags & WORKER_IDLE)
			wake_up_process(worker->task);
	}
}

/**
 * workqueue_prepare_cpu - CPUHP_WORKQUEUE_PREP: @cpu's first workers
 * @cpu: the CPU about to be started
 *
 * Mirrors Linux's workqueue_prepare_cpu(): one worker per standard pool
 * of @cpu (kworker/N:0 and kworker/N:0H, children of kthreadd), bound to
 * @cpu, so items queued there once it runs find a worker.
 * Context: the CPU calling cpu_up(); sleeps. Return: 0 or -ENOMEM.
 */
int workqueue_prepare_cpu(unsigned int cpu)
{
	int ret = 0;

	mutex_lock(&wq_pool_mutex);
	for (int i = 0; i < NR_STD_WORKER_POOLS; i++) {
		struct worker_pool *pool = &cpu_worker_pools[cpu][i];

		if (pool->nr_workers)
			continue;
		if (!create_worker(pool)) {
			ret = -ENOMEM;
			break;
		}
	}
	mutex_unlock(&wq_pool_mutex);
	return ret;
}

/**
 * workqueue_online_cpu - CPUHP_AP_WORKQUEUE_ONLINE: associate @cpu's pools
 * @cpu: this CPU, coming up
 *
 * Mirrors Linux's workqueue_online_cpu(): the pools stop being
 * POOL_DISASSOCIATED and concurrency management counts their workers.
 * Context: cpuhp/@cpu; sleeps.
 */
int workqueue_online_cpu(unsigned int cpu)
{
	mutex_lock(&wq_pool_mutex);
	mutex_lock(&wq_pool_attach_mutex);
	for (int i = 0; i < NR_STD_WORKER_POOLS; i++) {
		struct worker_pool *pool = &cpu_worker_pools[cpu][i];

		pool_workers_set_cpus(pool, pool->cpumask);
		raw_spin_lock_irq(&pool->lock);
		pool->flags &= ~POOL_DISASSOCIATED;
		rebind_workers(pool);
		raw_spin_unlock_irq(&pool->lock);
	}
	mutex_unlock(&wq_pool_attach_mutex);
	mutex_unlock(&wq_pool_mutex);
	return 0;
}

/**
 * workqueue_offline_cpu - CPUHP_AP_WORKQUEUE_ONLINE teardown: unbind @cpu's pools
 * @cpu: this CPU, going down
 *
 * Mirrors Linux's unbind_workers(): the pools become POOL_DISASSOCIATED
 * and their workers WORKER_UNBOUND, which takes them out of concurrency
 * management (nr_running is zeroed: nobody counts them any more), and
 * they may run on every CPU, so the work still queued here, and work
 * queued later, runs on the CPUs that stay. A worker is woken if items
 * wait. The items are not moved: the pool keeps them, and its unbound
 * workers run them elsewhere until the CPU returns.
 * Context: cpuhp/@cpu; sleeps. Return: 0.
 */
int workqueue_offline_cpu(unsigned int cpu)
{
	mutex_lock(&wq_pool_mutex);
	mutex_lock(&wq_pool_attach_mutex);
	for (int i = 0; i < NR_STD_WORKER_POOLS; i++) {
		struct worker_pool *pool = &cpu_worker_pools[cpu][i];
		struct worker *worker;

		raw_spin_lock_irq(&pool->lock);
		pool->flags |= POOL_DISASSOCIATED;
		list_for_each_entry(worker, &pool->workers, node)
			worker->flags |= WORKER_UNBOUND;
		pool->nr_running = 0;
		if (need_more_worker(pool))
			wake_up_worker(pool);
		raw_spin_unlock_irq(&pool->lock);
		pool_workers_set_cpus(pool, wq_unbound_cpumask());
	}
	mutex_unlock(&wq_pool_attach_mutex);
	mutex_unlock(&wq_pool_mutex);
	return 0;
}
