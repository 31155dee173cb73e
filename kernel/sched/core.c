/*
 * The scheduler core, after Linux's kernel/sched/core.c: the run queues,
 * schedule() and its helpers, wake-ups, the tick, preemption, and the
 * policy and nice setters. The classes (stop, rt, fair, idle) decide the
 * order; this file does the switching.
 *
 * Locking: rq->lock, with interrupts off. It is taken in __schedule() and
 * released by the task that runs next (finish_task_switch), as in Linux.
 * Preemption: the per-CPU preempt count is 1 across every switch.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>
#include <linux/errno.h>
#include <spindle/sched_arch.h>
#include <spindle/sched.h>
#include <spindle/task.h>
#include <spindle/trace.h>
#include <spindle/rcu.h>
#include <linux/workqueue.h>
#include "sched.h"

struct rq runqueues[NR_CPUS];

static const struct sched_class *const sched_classes[] = {
	&stop_sched_class, &rt_sched_class, &fair_sched_class, &idle_sched_class,
};

void update_rq_clock(struct rq *rq)
{
	rq->clock = sched_clock();
}

/* The flag is the task's (TIF_NEED_RESCHED); the running task's is also
 * folded into this CPU's preempt count for preempt_enable(). */
void resched_curr(struct rq *rq)
{
	WRITE_ONCE(rq->curr->need_resched, 1);
	if (rq->curr == current)
		set_preempt_need_resched();
}

/* Charges the running task's time since it last started (non-fair classes). */
void update_curr_common(struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	s64 delta = rq->clock - curr->se.exec_start;

	if (delta > 0) {
		curr->se.sum_exec_runtime += delta;
		curr->se.exec_start = rq->clock;
	}
}

static void enqueue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->enqueue_task(rq, p, flags);
	p->on_rq = 1;
	rq->nr_running++;
}

static void dequeue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->dequeue_task(rq, p, flags);
	p->on_rq = 0;
	rq->nr_running--;
}

/* Is @a's class above @b's? The array is highest first. */
static bool class_above(const struct sched_class *a, const struct sched_class *b)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(sched_classes); i++) {
		if (sched_classes[i] == b)
			return false;
		if (sched_classes[i] == a)
			return true;
	}
	return false;
}

/* A task became runnable: should it take the CPU from rq->curr? */
static void check_preempt_curr(struct rq *rq, struct task_struct *p)
{
	if (likely(p->sched_class == &fair_sched_class &&
		   rq->curr->sched_class == &fair_sched_class))
		fair_sched_class.check_preempt_curr(rq, p);
	else if (p->sched_class == rq->curr->sched_class)
		p->sched_class->check_preempt_curr(rq, p);
	else if (class_above(p->sched_class, rq->curr->sched_class))
		resched_curr(rq);
	/* A switch follows at once: the clock this wake-up just read serves
	 * it too (Linux's rq_clock_skip_update()). */
	if (rq->curr->on_rq && READ_ONCE(rq->curr->need_resched))
		rq->clock_skip = true;
}

/* The first runnable task of the highest class that has one. */
static struct task_struct *pick_next_task(struct rq *rq, struct task_struct *prev)
{
	prev->sched_class->put_prev_task(rq, prev);
	/* As Linux: when every runnable task is fair (the usual case), the
	 * stop and rt classes have nothing; ask the fair class alone. */
	if (likely(rq->nr_running == rq->cfs.nr_running)) {
		struct task_struct *p = fair_sched_class.pick_next_task(rq);

		return p ? p : idle_sched_class.pick_next_task(rq);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(sched_classes); i++) {
		struct task_struct *p = sched_classes[i]->pick_next_task(rq);

		if (p)
			return p;
	}
	BUG();		/* the idle class always has the idle task */
}

/* The new task's side of a switch: drop the lock __schedule() took and
 * let go of a dead predecessor. */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	unsigned int prev_state = READ_ONCE(prev->__state);

	raw_spin_unlock(&rq->lock);
	local_irq_enable();
	if (unlikely(prev_state == TASK_DEAD))
		put_task_struct_rcu_user(prev);	/* the reference it held alive */
}

/* First code a new task runs (from ret_from_fork_asm). */
void schedule_tail(struct task_struct *prev)
{
	trace_first_run(prev);
	finish_task_switch(prev);
	preempt_enable();
}

static void context_switch(struct rq *rq, struct task_struct *prev,
			   struct task_struct *next)
{
	trace_sched_switch(prev, next);
	prev = arch_switch_to(prev, next);
	finish_task_switch(prev);
}

/*
 * __schedule - pick a task and switch to it
 * @preempt: true when the current task is being preempted, in which case
 * it stays on the run queue whatever its state says. Otherwise a task
 * that set itself to sleep is taken off the queue: this is why the
 * "set_current_state(); if (!cond) schedule();" order loses no wake-up.
 *
 * Context: preemption disabled (count 1), interrupts on or off.
 */
static void __schedule(bool preempt)
{
	struct rq *rq = this_rq();
	struct task_struct *prev = rq->curr, *next;
	unsigned int prev_state;

	rcu_note_context_switch(prev, rq->cpu);
	local_irq_disable();
	raw_spin_lock(&rq->lock);
	if (likely(!rq->clock_skip))
		update_rq_clock(rq);
	rq->clock_skip = false;
	prev_state = READ_ONCE(prev->__state);
	if (!preempt && prev_state != TASK_RUNNING && prev->on_rq)
		dequeue_task(rq, prev, DEQUEUE_SLEEP);
	next = pick_next_task(rq, prev);
	WRITE_ONCE(prev->need_resched, 0);
	clear_preempt_need_resched();
	if (prev == next) {
		raw_spin_unlock(&rq->lock);
		local_irq_enable();
		return;
	}
	rq->nr_switches++;
	if (preempt || prev_state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	rq->curr = next;
	context_switch(rq, prev, next);
}

static void schedule_debug(void)
{
	if (unlikely(preempt_count() != 0)) {
		pr_err("BUG: scheduling while atomic: %s/%d/0x%08x\n",
		       current->comm, current->pid, preempt_count());
		dump_stack();
	}
}

/* A workqueue worker about to block lets its pool run another (Linux's
 * sched_submit_work(); wq_worker_running() is its sched_update_worker()). */
static noinline void sched_submit_work(struct task_struct *tsk)
{
	if (task_state(tsk) == TASK_RUNNING)
		return;
	preempt_disable();
	wq_worker_sleeping(tsk);
	preempt_enable_no_resched();
}

/**
 * schedule - give up the CPU
 *
 * If the caller set its state to a sleeping one, it sleeps until someone
 * wakes it; otherwise it only lets other runnable tasks go first.
 * Context: process context, preemption enabled, no spinlock held.
 */
void schedule(void)
{
	struct task_struct *tsk = current;

	schedule_debug();
	if (unlikely(tsk->flags & PF_WQ_WORKER))
		sched_submit_work(tsk);
	do {
		preempt_disable();
		__schedule(false);
		preempt_enable_no_resched();
	} while (need_resched());
	if (unlikely(tsk->flags & PF_WQ_WORKER))
		wq_worker_running(tsk);
}

/* For callers already at preempt count 1 (rest_init, kthread()). */
void schedule_preempt_disabled(void)
{
	preempt_enable_no_resched();
	schedule();
	preempt_disable();
}

/* The idle loop's way in: it runs with preemption disabled. */
void schedule_idle(void)
{
	do {
		__schedule(false);
	} while (need_resched());
}

/* preempt_enable() found the count at 0 with a reschedule pending. */
void preempt_schedule(void)
{
	if (preempt_count() || irqs_disabled())
		return;
	do {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	} while (need_resched());
}

/* Return from an interrupt into preemptible kernel code (irq.c). */
void preempt_schedule_irq(void)
{
	do {
		preempt_disable();
		local_irq_enable();
		__schedule(true);
		local_irq_disable();
		preempt_enable_no_resched();
	} while (need_resched());
}

int __cond_resched(void)
{
	if (need_resched() && !preempt_count()) {
		preempt_schedule();
		return 1;
	}
	return 0;
}

void yield(void)
{
	struct rq *rq = this_rq();
	unsigned long flags;

	raw_spin_lock_irqsave(&rq->lock, flags);
	current->sched_class->yield_task(rq);
	raw_spin_unlock_irqrestore(&rq->lock, flags);
	schedule();
}

/**
 * try_to_wake_up - make a sleeping task runnable
 * @p: the task
 * @state: wake it only if its state is one of these
 *
 * Context: any, including interrupts.
 * Return: 1 if @p was woken, 0 if it was not in @state.
 */
static __always_inline int try_to_wake_up(struct task_struct *p, unsigned int state)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;
	int woken = 0;

	raw_spin_lock_irqsave(&rq->lock, flags);
	if (READ_ONCE(p->__state) & state) {
		if (!p->on_rq) {
			update_rq_clock(rq);
			enqueue_task(rq, p, ENQUEUE_WAKEUP);
			check_preempt_curr(rq, p);
		}
		WRITE_ONCE(p->__state, TASK_RUNNING);
		woken = 1;
		trace_sched_wakeup(p);
	}
	raw_spin_unlock_irqrestore(&rq->lock, flags);
	return woken;
}

/**
 * wake_up_process - wake a task in any sleeping state but TASK_PARKED
 * @p: the task
 *
 * Return: 1 if it was woken, 0 if it was running already.
 */
int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL);
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	return try_to_wake_up(p, state);
}

/* Scheduler fields of a task being created (Linux's sched_fork()). */
void sched_fork(struct task_struct *p)
{
	p->__state = TASK_NEW;
	p->on_rq = 0;
	p->need_resched = 0;
	p->policy = SCHED_NORMAL;
	p->static_prio = p->normal_prio = p->prio = DEFAULT_PRIO;
	p->rt_priority = 0;
	p->sched_class = &fair_sched_class;
	p->se = (struct sched_entity){ 0 };
	RB_CLEAR_NODE(&p->se.run_node);
	INIT_LIST_HEAD(&p->rt.run_list);
	p->rt.on_rq = false;
	p->cpu = smp_processor_id();
	p->cpus_mask = ~0UL;
	p->nr_cpus_allowed = NR_CPUS;
	set_load_weight(p);
}

/* A task leaves TASK_NEW: it joins a run queue for the first time.
 * A new kernel thread is first woken inside kernel_thread(); its
 * function decides what happens next (kthread() sleeps at once). */
void wake_up_new_task(struct task_struct *p)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;

	trace_task_newtask(p);
	raw_spin_lock_irqsave(&rq->lock, flags);
	update_rq_clock(rq);
	if (p->sched_class->task_fork)
		p->sched_class->task_fork(p);
	WRITE_ONCE(p->__state, TASK_RUNNING);
	enqueue_task(rq, p, 0);
	check_preempt_curr(rq, p);
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}

/* Called from the timer interrupt on every tick. */
void scheduler_tick(void)
{
	struct rq *rq = this_rq();
	struct task_struct *curr;

	raw_spin_lock(&rq->lock);
	update_rq_clock(rq);
	curr = rq->curr;
	curr->sched_class->task_tick(rq, curr);
	raw_spin_unlock(&rq->lock);
}

/* Requeues @p under a new class or priority, keeping its place fair.
 * Caller holds rq->lock. */
static void change_sched(struct rq *rq, struct task_struct *p,
			 void (*change)(struct task_struct *p, long arg), long arg)
{
	bool queued = p->on_rq, running = rq->curr == p;
	int oldprio = p->prio;

	update_rq_clock(rq);
	if (running)
		p->sched_class->put_prev_task(rq, p);
	if (queued)
		dequeue_task(rq, p, 0);
	change(p, arg);
	if (queued)
		enqueue_task(rq, p, 0);
	if (p->sched_class->prio_changed)
		p->sched_class->prio_changed(rq, p, oldprio);
	if (queued && !running)
		check_preempt_curr(rq, p);
	else if (running)
		resched_curr(rq);
}

static void apply_nice(struct task_struct *p, long nice)
{
	p->static_prio = NICE_TO_PRIO(nice);
	if (!task_has_rt_policy(p))
		p->prio = p->normal_prio = p->static_prio;
	set_load_weight(p);
}

/**
 * set_user_nice - change a task's nice value (-20..19)
 * @p: the task
 * @nice: the new value; out-of-range values are clamped, as Linux does
 *
 * A fair task's share of the CPU follows its weight: about 1.25x more per
 * step down. For a real-time task only the stored value changes.
 */
void set_user_nice(struct task_struct *p, long nice)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;

	nice = clamp(nice, (long)MIN_NICE, (long)MAX_NICE);
	raw_spin_lock_irqsave(&rq->lock, flags);
	change_sched(rq, p, apply_nice, nice);
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}

int task_nice(const struct task_struct *p)
{
	return PRIO_TO_NICE(p->static_prio);
}

static void apply_policy(struct task_struct *p, long packed)
{
	int policy = packed >> 8, rt_prio = packed & 0xff;

	p->policy = policy;
	p->rt_priority = rt_prio;
	if (rt_policy(policy)) {
		p->normal_prio = p->prio = MAX_RT_PRIO - 1 - rt_prio;
		p->sched_class = &rt_sched_class;
	} else {
		p->normal_prio = p->prio = p->static_prio;
		p->sched_class = &fair_sched_class;
	}
	set_load_weight(p);
}

int sched_setscheduler_nocheck(struct task_struct *p, int policy,
			       const struct sched_param *param)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;
	int prio = param->sched_priority;

	if (policy != SCHED_NORMAL && policy != SCHED_BATCH && !rt_policy(policy))
		return -EINVAL;
	if (rt_policy(policy) ? prio < 1 || prio > MAX_RT_PRIO - 1 : prio != 0)
		return -EINVAL;
	if (is_idle_task(p) || p == rq->stop)
		return -EPERM;
	raw_spin_lock_irqsave(&rq->lock, flags);
	change_sched(rq, p, apply_policy, ((long)policy << 8) | prio);
	raw_spin_unlock_irqrestore(&rq->lock, flags);
	return 0;
}

/* There are no users to check permissions of: same as _nocheck. */
int sched_setscheduler(struct task_struct *p, int policy,
		       const struct sched_param *param)
{
	return sched_setscheduler_nocheck(p, policy, param);
}

/* Linux's helpers for kernel threads: FIFO at MAX_RT_PRIO / 2 or 1. */
void sched_set_fifo(struct task_struct *p)
{
	struct sched_param sp = { .sched_priority = MAX_RT_PRIO / 2 };

	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_FIFO, &sp));
}

void sched_set_fifo_low(struct task_struct *p)
{
	struct sched_param sp = { .sched_priority = 1 };

	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_FIFO, &sp));
}

void sched_set_normal(struct task_struct *p, int nice)
{
	struct sched_param sp = { .sched_priority = 0 };

	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_NORMAL, &sp));
	set_user_nice(p, nice);
}

/* Makes @p the stop-class task of its CPU (the migration threads). */
void sched_set_stop_task(struct task_struct *p)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;

	raw_spin_lock_irqsave(&rq->lock, flags);
	WARN_ON(p->on_rq);
	p->sched_class = &stop_sched_class;
	p->policy = SCHED_FIFO;
	p->prio = 0;
	rq->stop = p;
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}

/**
 * sched_init - set up the run queues; the boot task becomes CPU 0's idle
 *
 * Context: boot, interrupts off. Leaves preemption disabled, as Linux's
 * init_task runs until rest_init() hands the CPU to others.
 */
void sched_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		raw_spin_lock_init(&rq->lock);
		rq->cpu = cpu;
		init_cfs_rq(&rq->cfs);
		init_rt_rq(&rq->rt);
	}
	init_idle(&init_task, 0);
	preempt_disable();
}

/* Makes @idle the idle task of @cpu (PID 0, swapper/N). */
void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	idle->__state = TASK_RUNNING;
	idle->flags |= PF_IDLE | PF_KTHREAD;
	idle->sched_class = &idle_sched_class;
	idle->policy = SCHED_IDLE;
	idle->static_prio = idle->normal_prio = idle->prio = MAX_PRIO;
	idle->cpu = cpu;
	idle->on_rq = 0;
	snprintf(idle->comm, TASK_COMM_LEN, "swapper/%d", cpu);
	rq->idle = rq->curr = idle;
	idle->se.exec_start = sched_clock();
}

/* The last act of an exiting task: sleep as TASK_DEAD, never to return.
 * The task that runs next drops the reference (finish_task_switch). */
void do_task_dead(void)
{
	preempt_disable();
	WRITE_ONCE(current->__state, TASK_DEAD);
	__schedule(false);
	BUG();
	for (;;)
		;
}

/* Is @cpu running (has it an idle task)? Only the boot CPU, for now. */
bool cpu_online(int cpu)
{
	return cpu >= 0 && cpu < NR_CPUS && cpu_rq(cpu)->idle;
}

/* Number of context switches on @cpu, for reports. */
u64 nr_context_switches_cpu(int cpu)
{
	return cpu_rq(cpu)->nr_switches;
}
