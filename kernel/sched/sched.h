/*
 * Scheduler internals shared by the files in kernel/sched/, as Linux's
 * kernel/sched/sched.h: the per-CPU run queue and the scheduling classes.
 *
 * Locking: rq->lock (taken with interrupts off) guards everything in the
 * run queue and the scheduling fields of the tasks queued on it.
 */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/rbtree.h>
#include <spindle/config.h>

#define ENQUEUE_WAKEUP 0x01
#define DEQUEUE_SLEEP 0x01
#define NICE_0_LOAD 1024UL

/* The fair class's queue: runnable tasks by vruntime. */
struct cfs_rq {
	struct rb_root_cached tasks_timeline;
	unsigned int nr_running;
	unsigned long load;		/* sum of the queued weights */
	u64 min_vruntime;		/* never goes back: where newcomers start */
	struct sched_entity *curr;	/* the running fair task, or NULL */
};

/* The real-time class's queue: one list per priority and a bitmap. */
struct rt_rq {
	unsigned long bitmap[(MAX_RT_PRIO + 63) / 64];
	struct list_head queue[MAX_RT_PRIO];
	unsigned int nr_running;
};

struct rq {
	raw_spinlock_t lock;
	unsigned int nr_running;
	u64 clock;			/* ns, updated at each scheduling event */
	bool clock_skip;		/* the next __schedule() may keep clock */
	u64 nr_switches;
	struct task_struct *curr;
	struct task_struct *idle;
	struct task_struct *stop;	/* the stop-class task, if any */
	struct cfs_rq cfs;
	struct rt_rq rt;
	int cpu;
	unsigned int balance_ticks;	/* since the last periodic balance */
	struct mm_struct *prev_mm;	/* lazy mm to drop after the switch */
};

/*
 * A scheduling class, highest first: stop, rt, fair, idle. The core asks
 * each in turn for a task (pick_next_task), so a runnable task of a higher
 * class always runs before any of a lower one.
 */
struct sched_class {
	const char *name;
	void (*enqueue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*dequeue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*yield_task)(struct rq *rq);
	/* May @p, just woken, preempt rq->curr (same class)? */
	void (*check_preempt_curr)(struct rq *rq, struct task_struct *p);
	struct task_struct *(*pick_next_task)(struct rq *rq);
	/* @p stops running (it may stay queued). */
	void (*put_prev_task)(struct rq *rq, struct task_struct *p);
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	/* Account the running task's time up to rq->clock. */
	void (*update_curr)(struct rq *rq);
	/* A new task of this class is about to be woken for the first time. */
	void (*task_fork)(struct task_struct *p);
	void (*prio_changed)(struct rq *rq, struct task_struct *p, int oldprio);
};

extern const struct sched_class stop_sched_class;
extern const struct sched_class rt_sched_class;
extern const struct sched_class fair_sched_class;
extern const struct sched_class idle_sched_class;

extern struct rq runqueues[NR_CPUS];

static inline struct rq *cpu_rq(int cpu)
{
	return &runqueues[cpu];
}

static inline struct rq *this_rq(void)
{
	return cpu_rq(smp_processor_id());
}

static inline struct rq *task_rq(const struct task_struct *p)
{
	return cpu_rq(task_cpu(p));
}

static inline void lockdep_assert_rq_held(struct rq *rq)
{
	WARN_ON_ONCE(!raw_spin_is_locked(&rq->lock));
}

/* Marks the running task to be switched out at the next chance. */
void resched_curr(struct rq *rq);
void update_rq_clock(struct rq *rq);
void update_curr_common(struct rq *rq);

/* Weights: Linux's sched_prio_to_weight, about 1.25x per nice step. */
extern const int sched_prio_to_weight[40];
extern const u32 sched_prio_to_wmult[40];
void set_load_weight(struct task_struct *p);

void init_cfs_rq(struct cfs_rq *cfs);
void init_rt_rq(struct rt_rq *rt);

static inline bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

static inline bool task_has_rt_policy(const struct task_struct *p)
{
	return rt_policy(p->policy);
}

/* Tunables, as Linux's defaults for one CPU (ns). */
#define SYSCTL_SCHED_LATENCY 6000000ULL
#define SYSCTL_SCHED_MIN_GRANULARITY 750000ULL
#define SYSCTL_SCHED_WAKEUP_GRANULARITY 1000000ULL
#define RR_TIMESLICE (100 * HZ / 1000)

#endif
