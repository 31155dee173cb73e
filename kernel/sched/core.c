/*
 * The scheduler core, after Linux's kernel/sched/core.c: the run queues,
 * schedule() and its helpers, wake-ups, the tick, preemption, and the
 * policy and nice setters. The classes (stop, rt, fair, idle) decide the
 * order; this file does the switching.
 *
 * Locking: rq->lock, with interrupts off. It is taken in __schedule() and
 * released by the task that runs next (finish_task_switch), as in Linux.
 * Preemption: the per-CPU preempt count is 1 across every switch.
 *
 * SMP: each CPU schedules from its own run queue under its own lock. A
 * task's run queue is task_rq(p) (p->cpu), which changes only under the
 * old queue's lock, so task_rq_lock() locks and re-checks. Since
 * rq->lock is held across the whole switch, whoever holds it and sees a
 * task not queued knows that task is off every CPU (Linux needs p->on_cpu
 * for that; Spindle's lock hand-over gives it for free). Two run queues
 * are locked in address order (double_rq_lock()). See docs/smp.md.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>
#include <linux/errno.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/stop_machine.h>
#include <spindle/arch.h>
#include <linux/interrupt.h>
#include <spindle/sched_arch.h>
#include <spindle/sched.h>
#include <spindle/task.h>
#include <spindle/trace.h>
#include <spindle/rcu.h>
#include <linux/workqueue.h>
#include <linux/sched/mm.h>
#include <linux/sched/stat.h>
#include <linux/kthread.h>
#include <linux/cpu.h>
#include <linux/rcupdate.h>
#include "sched.h"

struct rq runqueues[NR_CPUS];

static const struct sched_class *const sched_classes[] = {
	&stop_sched_class, &rt_sched_class, &fair_sched_class, &idle_sched_class,
};

void update_rq_clock(struct rq *rq)
{
	rq->clock = sched_clock();
}

/*
 * The flag is the task's (TIF_NEED_RESCHED); the running task's is also
 * folded into this CPU's preempt count for preempt_enable(). Another
 * CPU's task is told by a reschedule IPI, unless its flag was set
 * already (an IPI is then on its way), as Linux's resched_curr().
 * Caller holds rq->lock.
 */
void resched_curr(struct rq *rq)
{
	struct task_struct *curr = rq->curr;

	if (rq->cpu == smp_processor_id()) {
		WRITE_ONCE(curr->need_resched, 1);
		set_preempt_need_resched();
		return;
	}
	if (READ_ONCE(curr->need_resched))
		return;
	WRITE_ONCE(curr->need_resched, 1);
	arch_smp_send_reschedule(rq->cpu);
}

/* The reschedule IPI arrived: fold the running task's flag into this
 * CPU's preempt count; the interrupt's exit then switches (Linux's
 * scheduler_ipi()). */
void scheduler_ipi(void)
{
	if (READ_ONCE(current->need_resched))
		set_preempt_need_resched();
}

/* Locks the run queue @p is on, re-checking that @p did not move
 * meanwhile (Linux's task_rq_lock()). */
static __always_inline struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags)
{
	for (;;) {
		struct rq *rq = task_rq(p);

		raw_spin_lock_irqsave(&rq->lock, *flags);
		if (likely(rq == task_rq(p)))
			return rq;
		raw_spin_unlock_irqrestore(&rq->lock, *flags);
	}
}

static __always_inline void task_rq_unlock(struct rq *rq, unsigned long *flags)
{
	raw_spin_unlock_irqrestore(&rq->lock, *flags);
}

/*
 * task_rq_lock() for those who may move a task that is not queued
 * (set_task_cpu() from outside a wake-up). A waker that moves @p marks it
 * TASK_WAKING, sets its CPU under the old queue's lock and takes the new
 * queue's lock only after dropping the old one: in between, the new
 * queue's lock can be had with @p not queued, and moving @p then would
 * leave the waker enqueueing it on a queue that is no longer task_rq(p).
 * Linux keeps that out with p->pi_lock; Spindle waits for the wake-up to
 * finish (a few instructions, interrupts off on the waker's side).
 * Not a hot path: affinity changes only.
 */
static struct rq *task_rq_lock_not_waking(struct task_struct *p, unsigned long *flags)
{
	for (;;) {
		struct rq *rq = task_rq_lock(p, flags);

		if (READ_ONCE(p->__state) != TASK_WAKING)
			return rq;
		task_rq_unlock(rq, flags);
		cpu_relax();
	}
}

/* Both queues, lower address first (Linux's double_rq_lock()). Caller
 * has interrupts off. */
static void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		raw_spin_lock(&a->lock);
		return;
	}
	if (a > b) {
		struct rq *t = a;

		a = b;
		b = t;
	}
	raw_spin_lock(&a->lock);
	arch_spin_lock(&b->lock);
}

static void double_rq_unlock(struct rq *a, struct rq *b)
{
	if (a != b)
		arch_spin_unlock(&b->lock);
	raw_spin_unlock(&a->lock);
}

/*
 * Moves @p, which is not queued and not running, to @cpu's run queue
 * (Linux's set_task_cpu()). A fair task keeps its lag: its vruntime is
 * made relative to the new queue's min_vruntime. Caller holds the old
 * queue's lock.
 */
static void set_task_cpu(struct task_struct *p, int cpu)
{
	struct rq *from = task_rq(p), *to = cpu_rq(cpu);

	if (from == to)
		return;
	if (p->sched_class == &fair_sched_class)
		p->se.vruntime = p->se.vruntime - from->cfs.min_vruntime +
				 READ_ONCE(to->cfs.min_vruntime);
	p->nr_migrations++;
	WRITE_ONCE(p->cpu, cpu);
}

int idle_cpu(int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	return READ_ONCE(rq->curr) == rq->idle && !READ_ONCE(rq->nr_running);
}

/* Every CPU the machine has (Linux's cpu_possible_mask). */
static unsigned long cpu_possible_bits(void)
{
	return nr_cpu_ids >= 64 ? ~0UL : (1UL << nr_cpu_ids) - 1;
}

/*
 * A task none of whose CPUs is active (Linux's select_fallback_rq()).
 * One of its CPUs may still be online: a CPU coming up or going down
 * runs its own per-CPU threads, and a task bound there may run there
 * until the CPU's tasks are moved away. Otherwise a per-CPU kthread made
 * before its CPU came up (woken to park) runs here meanwhile, its mask
 * unchanged; any other task can run nowhere it is allowed: its affinity
 * is broken (every CPU allowed), with Linux's message. Linux prints it
 * only for user tasks; Spindle for kernel threads too, so that a thread
 * bound with kthread_bind() shows the same thing. Caller holds
 * @p's run-queue lock.
 */
static noinline int select_fallback_rq(struct task_struct *p, int prev)
{
	unsigned long online = READ_ONCE(__cpu_online_mask);
	unsigned long allowed = p->cpus_mask & online;
	int this = smp_processor_id();

	if (allowed)
		return (allowed >> prev) & 1 ? prev : __builtin_ctzl(allowed);
	if (!kthread_is_per_cpu(p)) {
		p->cpus_mask = cpu_possible_bits();
		p->nr_cpus_allowed = hweight_long(p->cpus_mask);
		pr_info("process %d (%s) no longer affine to cpu%d\n", p->pid, p->comm, prev);
		allowed = p->cpus_mask & READ_ONCE(__cpu_active_mask);
		if (allowed)
			return (allowed >> this) & 1 ? this : __builtin_ctzl(allowed);
	}
	return cpu_online(this) ? this : __builtin_ctzl(online);
}

/*
 * Where a waking task should run (Linux's select_task_rq() with the idea
 * of select_idle_sibling()): its previous CPU when allowed and idle (its
 * cache is warm), else an idle allowed CPU, else the previous one, else
 * any allowed active CPU; select_fallback_rq() when it has none. Reads
 * other queues without their locks: a hint.
 */
static __always_inline int select_task_rq(struct task_struct *p)
{
	unsigned long allowed = p->cpus_mask & READ_ONCE(__cpu_active_mask);
	int prev = task_cpu(p), cpu;

	if (likely(allowed == (1UL << prev)))
		return prev;
	if (unlikely(!allowed))
		return select_fallback_rq(p, prev);
	if ((allowed >> prev) & 1 && idle_cpu(prev))
		return prev;
	for_each_cpu(cpu, &allowed)
		if (idle_cpu(cpu))
			return cpu;
	if ((allowed >> prev) & 1)
		return prev;
	return __builtin_ctzl(allowed);
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

static void trigger_load_balance(struct rq *rq);

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
	struct mm_struct *mm = rq->prev_mm;
	unsigned int prev_state = READ_ONCE(prev->__state);

	rq->prev_mm = NULL;
	raw_spin_unlock(&rq->lock);
	local_irq_enable();
	if (mm)
		mmdrop(mm);	/* the lazy reference prev held */
	if (unlikely(prev_state == TASK_DEAD))
		put_task_struct_rcu_user(prev);	/* the reference it held alive */
}

/* First code a new task runs (from ret_from_fork_asm). */
void schedule_tail(struct task_struct *prev)
{
	trace_first_run(prev);
	finish_task_switch(prev);
	preempt_enable();
	/* CLONE_CHILD_SETTID: the child writes its own TID, in its own
	 * address space (a failure is ignored, as Linux). */
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

/*
 * The address-space half of a switch, as Linux's context_switch(). A
 * kernel thread (mm NULL) keeps whatever is loaded and borrows it as
 * active_mm (lazy TLB: no CR3 write, no TLB flush), holding an mm_count
 * reference so it cannot be freed under the loaded CR3. A task with an
 * mm loads it; a borrowed mm it replaces is dropped after the switch
 * (rq->prev_mm, in finish_task_switch()), outside the run-queue lock.
 */
static void context_switch_mm(struct rq *rq, struct task_struct *prev,
			      struct task_struct *next)
{
	if (unlikely(!prev->active_mm)) {	/* an idle task's first switch */
		prev->active_mm = &init_mm;
		mmgrab(&init_mm);
	}
	if (!next->mm) {
		next->active_mm = prev->active_mm;
		if (prev->mm)
			mmgrab(prev->active_mm);
		else
			prev->active_mm = NULL;	/* the reference moves to next */
		return;
	}
	switch_mm(prev->active_mm, next->mm, next);
	next->active_mm = next->mm;
	if (!prev->mm) {
		rq->prev_mm = prev->active_mm;
		prev->active_mm = NULL;
	}
}

static void context_switch(struct rq *rq, struct task_struct *prev,
			   struct task_struct *next)
{
	trace_sched_switch(prev, next);
	context_switch_mm(rq, prev, next);
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
	if (!preempt && prev_state != TASK_RUNNING && prev->on_rq) {
		/* A signal that came before the sleep ends it (Linux's
		 * signal_pending_state() check). */
		if (unlikely(signal_pending_state(prev_state, prev)))
			WRITE_ONCE(prev->__state, TASK_RUNNING);
		else
			dequeue_task(rq, prev, DEQUEUE_SLEEP);
	}
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
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);
	int cpu;

	if (!(READ_ONCE(p->__state) & state)) {
		task_rq_unlock(rq, &flags);
		return 0;
	}
	trace_sched_wakeup(p);
	if (p->on_rq)
		goto out;	/* it never got off the CPU: only the state */
	/* Not queued under our lock: it is off every CPU and may move. */
	cpu = select_task_rq(p);
	if (cpu != rq->cpu) {
		/* Other wakers see TASK_WAKING and leave it to us. */
		WRITE_ONCE(p->__state, TASK_WAKING);
		set_task_cpu(p, cpu);
		arch_spin_unlock(&rq->lock);
		rq = cpu_rq(cpu);
		arch_spin_lock(&rq->lock);
	}
	update_rq_clock(rq);
	enqueue_task(rq, p, ENQUEUE_WAKEUP);
	check_preempt_curr(rq, p);
out:
	WRITE_ONCE(p->__state, TASK_RUNNING);
	task_rq_unlock(rq, &flags);
	return 1;
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

/* As Linux's kick_process(): a reschedule IPI is enough, since every
 * return to user mode looks at pending signals. */
void kick_process(struct task_struct *p)
{
	int cpu;

	preempt_disable();
	cpu = task_cpu(p);
	if (cpu != smp_processor_id() && READ_ONCE(cpu_rq(cpu)->curr) == p)
		arch_smp_send_reschedule(cpu);
	preempt_enable();
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
	struct rq *rq;
	unsigned long flags;

	trace_task_newtask(p);
	/* Nobody else knows it yet: it may start on any allowed CPU
	 * (Linux balances at fork the same way). */
	p->cpu = select_task_rq(p);
	rq = task_rq(p);
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
	trigger_load_balance(rq);
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
	unsigned long flags;
	struct rq *rq;

	nice = clamp(nice, (long)MIN_NICE, (long)MAX_NICE);
	rq = task_rq_lock(p, &flags);
	change_sched(rq, p, apply_nice, nice);
	task_rq_unlock(rq, &flags);
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
	unsigned long flags;
	int prio = param->sched_priority;
	struct rq *rq;

	if (policy != SCHED_NORMAL && policy != SCHED_BATCH && !rt_policy(policy))
		return -EINVAL;
	if (rt_policy(policy) ? prio < 1 || prio > MAX_RT_PRIO - 1 : prio != 0)
		return -EINVAL;
	if (is_idle_task(p) || p->sched_class == &stop_sched_class)
		return -EPERM;
	rq = task_rq_lock(p, &flags);
	change_sched(rq, p, apply_policy, ((long)policy << 8) | prio);
	task_rq_unlock(rq, &flags);
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

/* Makes @p, parked, the stop-class task of @cpu (the migration threads). */
void sched_set_stop_task(int cpu, struct task_struct *p)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);

	WARN_ON(p->on_rq);
	set_task_cpu(p, cpu);
	p->sched_class = &stop_sched_class;
	p->policy = SCHED_FIFO;
	p->prio = 0;
	cpu_rq(cpu)->stop = p;
	task_rq_unlock(rq, &flags);
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
	sched_balance_init();
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
	idle->cpus_mask = 1UL << cpu;
	idle->nr_cpus_allowed = 1;
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

/* Tasks runnable on every CPU now, for /proc/stat and loadavg. */
unsigned int nr_running(void)
{
	unsigned int n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		n += READ_ONCE(cpu_rq(cpu)->nr_running);
	return n;
}

/* Context switches on all CPUs since boot (/proc/stat's ctxt). */
u64 nr_context_switches(void)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(cpu_rq(cpu)->nr_switches);
	return n;
}

/* Number of context switches on @cpu, for reports. */
u64 nr_context_switches_cpu(int cpu)
{
	return cpu_rq(cpu)->nr_switches;
}

/**
 * wait_task_inactive - wait until @p is off its CPU in @state
 * @p: the task
 * @state: the sleeping state it must be in
 *
 * Holding @p's run-queue lock and seeing it not queued means its switch
 * away has finished (the lock is held across the switch), so it is safe
 * to change its CPU afterwards. Mirrors Linux's wait_task_inactive().
 * Context: process context; yields while waiting.
 */
void wait_task_inactive(struct task_struct *p, unsigned int state)
{
	for (;;) {
		unsigned long flags;
		struct rq *rq = task_rq_lock(p, &flags);
		bool off = READ_ONCE(p->__state) == state && !p->on_rq && rq->curr != p;

		task_rq_unlock(rq, &flags);
		if (off)
			return;
		yield();
	}
}

/**
 * do_set_cpus_allowed - set the CPUs an inactive task may run on
 * @p: a task that is not running and not queued (kthread_bind())
 * @mask: the CPUs
 *
 * Its CPU becomes the first allowed one if its current one is not, so
 * ps shows where it will run; the wake-up picks among @mask anyway.
 */
void do_set_cpus_allowed(struct task_struct *p, unsigned long mask)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock_not_waking(p, &flags);

	p->cpus_mask = mask;
	p->nr_cpus_allowed = hweight_long(mask);
	if (!p->on_rq && rq->curr != p && !(mask & (1UL << task_cpu(p))))
		set_task_cpu(p, __builtin_ctzl(mask));
	task_rq_unlock(rq, &flags);
}

/*
 * Moves the queued, not running task @p from @src to @dst (Linux's
 * move_queued_task()). Caller holds both locks.
 */
static void move_queued_task(struct rq *src, struct rq *dst, struct task_struct *p)
{
	update_rq_clock(src);
	dequeue_task(src, p, 0);
	set_task_cpu(p, dst->cpu);
	update_rq_clock(dst);
	enqueue_task(dst, p, 0);
	check_preempt_curr(dst, p);
}

struct migration_arg {
	struct task_struct *task;
	int dest_cpu;
};

/*
 * Runs in the stopper (migration/N) of the CPU @p was on (Linux's
 * migration_cpu_stop()). The stopper preempted @p, so @p is queued, not
 * running: it can be moved. It may have gone to sleep or moved already;
 * then its next wake-up picks an allowed CPU and nothing is left to do.
 */
static int migration_cpu_stop(void *data)
{
	struct migration_arg *arg = data;
	struct task_struct *p = arg->task;
	struct rq *src = this_rq(), *dst = cpu_rq(arg->dest_cpu);

	local_irq_disable();
	double_rq_lock(src, dst);
	if (task_rq(p) == src && p->on_rq && src->curr != p &&
	    (p->cpus_mask >> dst->cpu) & 1 && cpu_online(dst->cpu))
		move_queued_task(src, dst, p);
	double_rq_unlock(src, dst);
	local_irq_enable();
	return 0;
}

/**
 * set_cpus_allowed_ptr - restrict @p to the CPUs in *@new_mask
 * @p: any task
 * @new_mask: the CPUs; at least one must be online
 *
 * If @p is on a CPU it may no longer use, it is moved: a sleeping task at
 * once, a queued or running one by the stopper of its CPU, which
 * preempts it (Linux's __set_cpus_allowed_ptr() and affine_move_task()).
 * Returns once @p is on an allowed CPU or asleep.
 * Context: process context; sleeps.
 * Return: 0, or -EINVAL when no CPU of the mask is online.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const unsigned long *new_mask)
{
	unsigned long mask = *new_mask, flags;
	struct migration_arg arg = { .task = p };
	struct rq *rq;
	int cpu;

	if (!(mask & READ_ONCE(__cpu_online_mask)))
		return -EINVAL;
	if (WARN_ON(is_idle_task(p) || p->sched_class == &stop_sched_class))
		return -EINVAL;
	rq = task_rq_lock_not_waking(p, &flags);
	p->cpus_mask = mask;
	p->nr_cpus_allowed = hweight_long(mask);
	cpu = task_cpu(p);
	arg.dest_cpu = __builtin_ctzl(mask & READ_ONCE(__cpu_online_mask));
	if (mask & READ_ONCE(__cpu_active_mask))
		arg.dest_cpu = __builtin_ctzl(mask & READ_ONCE(__cpu_active_mask));
	if ((mask >> cpu) & 1) {
		task_rq_unlock(rq, &flags);
		return 0;
	}
	if (!p->on_rq && rq->curr != p) {
		set_task_cpu(p, arg.dest_cpu);
		task_rq_unlock(rq, &flags);
		return 0;
	}
	task_rq_unlock(rq, &flags);
	stop_one_cpu(cpu, migration_cpu_stop, &arg);
	return 0;
}

/*
 * Load balancing, Linux's idea in a few lines: a CPU with nothing to run
 * pulls one runnable (queued, not running) fair task from the busiest
 * run queue (newidle balance, from the idle loop), and every
 * BALANCE_INTERVAL ticks each CPU evens out with the busiest queue (the
 * periodic balance, in SCHED_SOFTIRQ). Either way only from a queue with
 * at least two fair tasks more than this one: one more would only move
 * the imbalance, and a CPU running a single task has nothing to give.
 * There are no domains, no load averages: the count of runnable tasks is
 * the load.
 */
#define BALANCE_INTERVAL 4	/* ticks */
#define BALANCE_MIN_GAP 2	/* runnable tasks */

static struct rq *find_busiest_queue(struct rq *this)
{
	struct rq *busiest = NULL;
	unsigned int most = READ_ONCE(this->nr_running) + BALANCE_MIN_GAP - 1, cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		unsigned int n = READ_ONCE(rq->cfs.nr_running);

		if (rq != this && n > most) {
			most = n;
			busiest = rq;
		}
	}
	return busiest;
}

/* A fair task of @src that may run on @dst and is not running. */
static struct task_struct *pick_pullable(struct rq *src, struct rq *dst)
{
	struct rb_node *node;

	for (node = rb_first_cached(&src->cfs.tasks_timeline); node; node = rb_next(node)) {
		struct task_struct *p = rb_entry(node, struct task_struct, se.run_node);

		if (p != src->curr && (p->cpus_mask >> dst->cpu) & 1)
			return p;
	}
	return NULL;
}

/* Pulls one task to @this from the busiest queue, if busy enough.
 * Caller has interrupts off. Return: true if a task was moved. */
static bool pull_one_task(struct rq *this)
{
	struct rq *busiest;
	struct task_struct *p;
	bool moved = false;

	/* A CPU going down takes no work (Linux's balance rules for !active). */
	if (unlikely(!cpu_active(this->cpu)))
		return false;
	busiest = find_busiest_queue(this);
	if (!busiest)
		return false;
	double_rq_lock(this, busiest);
	if (busiest->cfs.nr_running >= this->nr_running + BALANCE_MIN_GAP) {
		p = pick_pullable(busiest, this);
		if (p) {
			move_queued_task(busiest, this, p);
			moved = true;
		}
	}
	double_rq_unlock(this, busiest);
	return moved;
}

/**
 * idle_balance - the idle loop asks for work before halting
 *
 * Context: this CPU's idle task, interrupts off.
 * Return: true when a task was pulled here (need_resched is then set).
 */
bool idle_balance(void)
{
	if (likely(num_online_cpus() == 1))
		return false;
	return pull_one_task(this_rq());
}

static void run_rebalance(void)
{
	unsigned long flags;

	local_irq_save(flags);
	pull_one_task(this_rq());
	local_irq_restore(flags);
}

/* From scheduler_tick(): time for the periodic balance? */
static void trigger_load_balance(struct rq *rq)
{
	if (num_online_cpus() > 1 && ++rq->balance_ticks >= BALANCE_INTERVAL) {
		rq->balance_ticks = 0;
		raise_softirq(SCHED_SOFTIRQ);
	}
}

void sched_balance_init(void)
{
	open_softirq(SCHED_SOFTIRQ, run_rebalance);
}

/* ---- CPU hotplug (Linux's sched_cpu_*() callbacks) ---- */

/*
 * CPUHP_AP_SCHED_STARTING startup, on the CPU coming up, interrupts off:
 * its queue starts with a fresh clock and balance count. A CPU that comes
 * back restarts its idle task from scratch (a fresh preempt count), but
 * the task's need_resched flag may still be set from before it died:
 * resched_curr() would then send no IPI ever again (it takes the flag for
 * one on its way) and tasks woken there would wait while it halts. Found
 * by tests/e2e/test_cpu_hotplug.py: busybox's shell, woken on CPU 1 after
 * it came back, never ran.
 */
int sched_cpu_starting(unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	WRITE_ONCE(rq->idle->need_resched, 0);
	raw_spin_lock(&rq->lock);
	update_rq_clock(rq);
	rq->balance_ticks = 0;
	raw_spin_unlock(&rq->lock);
	return 0;
}

/* CPUHP_AP_ACTIVE startup, in cpuhp/N: wake-ups may pick the CPU. */
int sched_cpu_activate(unsigned int cpu)
{
	set_cpu_active(cpu, true);
	return 0;
}

/*
 * CPUHP_AP_ACTIVE teardown, the first step of a CPU going down, in
 * cpuhp/N: wake-ups and balancing stop picking it. As Linux, wait for a
 * grace period: a wake-up that read the old mask with interrupts off has
 * finished by then.
 */
int sched_cpu_deactivate(unsigned int cpu)
{
	set_cpu_active(cpu, false);
	synchronize_rcu();
	return 0;
}

/*
 * Moves @p, queued on the dying @rq and not running, to an online CPU it
 * may use; a task that may use none has its affinity broken (the message
 * comes from select_fallback_rq()). Caller holds @rq->lock, interrupts off.
 */
static void migrate_dying_task(struct rq *rq, struct task_struct *p)
{
	unsigned long allowed = p->cpus_mask & READ_ONCE(__cpu_active_mask);
	int dest = allowed ? __builtin_ctzl(allowed) : select_fallback_rq(p, rq->cpu);
	struct rq *dst = cpu_rq(dest);

	arch_spin_lock(&dst->lock);
	move_queued_task(rq, dst, p);
	arch_spin_unlock(&dst->lock);
}

/**
 * sched_cpu_dying - move every task queued on the dying CPU away
 * @cpu: this CPU, already out of cpu_online_mask
 *
 * CPUHP_AP_SCHED_STARTING teardown, run by take_cpu_down() under
 * stop_machine(): every other CPU spins in its stopper with interrupts
 * off, so no wake-up or switch runs anywhere and no lock is held. Only
 * this CPU's stopper (running) and idle task stay (Linux's
 * sched_cpu_dying() after balance_push(); Spindle moves them all here).
 * Return: 0.
 */
int sched_cpu_dying(unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	struct task_struct *p;

	raw_spin_lock(&tasklist_lock);
	arch_spin_lock(&rq->lock);
	update_rq_clock(rq);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p == rq->stop || p == rq->idle || task_rq(p) != rq || !p->on_rq)
			continue;
		if (p == rq->curr)	/* cannot be: the stopper runs */
			continue;
		migrate_dying_task(rq, p);
	}
	if (rq->nr_running > 1)
		pr_err("sched: dying CPU %u not properly vacated: %u tasks\n", cpu,
		       rq->nr_running);
	arch_spin_unlock(&rq->lock);
	raw_spin_unlock(&tasklist_lock);
	return 0;
}
