/*
 * Preemptible tree RCU, after Linux's kernel/rcu/tree.c and
 * tree_plugin.h (CONFIG_PREEMPT_RCU): the grace-period kthread
 * rcu_preempt, quiescent states, callbacks, rcu_barrier().
 *
 * A grace period (GP): rcu_preempt starts one when callbacks wait for it
 * (rcu_gp_init: every online CPU owes a quiescent state, a bit in
 * rnp->qsmask), waits until each CPU has passed one (a context switch, the
 * idle loop, or a tick outside any reader) and no task preempted inside a
 * reader that began before the GP is still inside (rnp->blkd_tasks), then
 * ends it (rcu_gp_cleanup). Callbacks are invoked by RCU_SOFTIRQ
 * (rcu_core), in call_rcu() order.
 *
 * Simplified: one rcu_node (leaf and root: up to 64 CPUs) instead of a
 * tree; a blocked task records whether it holds up the current GP
 * (t->rcu_blocks_gp, with a count) where Linux keeps rnp->gp_tasks, a
 * pointer into the list; no dynticks (the periodic tick sees idle CPUs);
 * no callback offloading or batch limits.
 * CPU hotplug: RCU keeps its own set of CPUs it waits for
 * (rcu_state.qsmaskinitnext, Linux's rnp->qsmaskinitnext): a CPU joins it
 * in rcu_cpu_starting(), before it is online, and leaves it in
 * rcu_report_dead(), from its idle loop after it went offline, reporting
 * a last quiescent state so that a grace period in progress stops
 * waiting for it. Its callbacks move to the CPU that took it down
 * (rcutree_migrate_callbacks()).
 * Locking: rdp->lock guards a CPU's callback list (rcu_barrier() reaches
 * other CPUs' through it); rnp->lock guards the GP state, qsmask and the
 * blocked tasks. Order: rdp->lock, rnp->lock; wake-ups after both.
 */
#include <linux/rcupdate.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/jiffies.h>
#include <linux/cpu.h>
#include <spindle/rcu.h>
#include <spindle/sched.h>
#include <spindle/system_state.h>
#include "rcu.h"

#define RCU_GP_FLAG_INIT 0x1		/* a GP is wanted */
#define RCU_JIFFIES_TILL_FQS 3		/* scan for quiescent states this often */

struct rcu_node {
	raw_spinlock_t lock;
	unsigned long qsmask;		/* CPUs that owe this GP a QS */
	struct list_head blkd_tasks;	/* tasks preempted inside a reader */
	int nr_blkd_tasks;
	int gp_blocked;			/* of those, how many hold up this GP */
};

struct rcu_data {
	raw_spinlock_t lock;
	struct rcu_segcblist cblist;
	unsigned long n_cbs_invoked;
	struct rcu_head barrier_head;
	int cpu;
};

struct rcu_state {
	struct rcu_node node;
	unsigned long gp_seq;		/* see rcu.h */
	unsigned long gp_seq_needed;	/* the furthest GP end someone waits for */
	unsigned int gp_flags;		/* RCU_GP_FLAG_* */
	unsigned long n_gps;
	unsigned long qsmaskinitnext;	/* CPUs the next GP waits for */
	struct task_struct *gp_kthread;
	struct wait_queue_head gp_wq;
	bool expedite;			/* synchronize_rcu_expedited() waits */

	struct mutex barrier_mutex;
	int barrier_cpu_count;		/* atomic */
	struct completion barrier_completion;
	struct mutex exp_mutex;
};

struct rcu_cpu_qs rcu_cpu_qs[NR_CPUS];
static struct rcu_data rcu_data[NR_CPUS];
static struct rcu_state rcu_state = {
	.gp_wq = __WAIT_QUEUE_HEAD_INITIALIZER(rcu_state.gp_wq),
	.qsmaskinitnext = 1,		/* the boot CPU */
};

/* The WQ_MEM_RECLAIM workqueues of expedited grace periods (Linux's
 * rcu_gp_wq and rcu_par_gp_wq, made in rcu_init()). */
static struct workqueue_struct *rcu_gp_wq;
static struct workqueue_struct *rcu_par_gp_wq;

static struct rcu_data *this_cpu_rdp(void)
{
	return &rcu_data[smp_processor_id()];
}

static bool rcu_gp_in_progress(void)
{
	return rcu_seq_state(READ_ONCE(rcu_state.gp_seq));
}

/* Every CPU reported and no reader holds it up. Caller holds rnp->lock
 * or reads a hint. */
static bool rcu_gp_done(void)
{
	struct rcu_node *rnp = &rcu_state.node;

	return !READ_ONCE(rnp->qsmask) && !READ_ONCE(rnp->gp_blocked);
}

static void rcu_gp_kthread_wake(void)
{
	struct task_struct *t = READ_ONCE(rcu_state.gp_kthread);

	if (!t || t == current)
		return;
	wake_up(&rcu_state.gp_wq);
}

/* ---- callbacks ---- */

/*
 * Asks for the GP ending at @seq (Linux's rcu_start_this_gp()).
 * Return: true if the GP kthread must be woken to start one.
 */
static bool rcu_start_this_gp(unsigned long seq)
{
	struct rcu_node *rnp = &rcu_state.node;
	bool wake = false;

	raw_spin_lock(&rnp->lock);
	if (ULONG_CMP_LT(rcu_state.gp_seq_needed, seq)) {
		rcu_state.gp_seq_needed = seq;
		if (!rcu_gp_in_progress()) {
			rcu_state.gp_flags |= RCU_GP_FLAG_INIT;
			wake = true;
		}
	}
	raw_spin_unlock(&rnp->lock);
	return wake;
}

/* Gives new callbacks their GP and asks for it. Caller holds rdp->lock. */
static bool rcu_accelerate_cbs(struct rcu_data *rdp)
{
	struct rcu_node *rnp = &rcu_state.node;
	unsigned long seq;

	raw_spin_lock(&rnp->lock);
	seq = rcu_seq_snap(&rcu_state.gp_seq);
	raw_spin_unlock(&rnp->lock);
	rcu_segcblist_accelerate(&rdp->cblist, seq);
	if (!rcu_segcblist_nextgp(&rdp->cblist, &seq))
		return false;
	return rcu_start_this_gp(seq);
}

/* Enqueues on @rdp; returns whether the GP kthread must be woken. */
static bool rcu_enqueue(struct rcu_data *rdp, struct rcu_head *head)
{
	unsigned long flags;
	bool wake;

	raw_spin_lock_irqsave(&rdp->lock, flags);
	rcu_segcblist_enqueue(&rdp->cblist, head);
	wake = rcu_accelerate_cbs(rdp);
	raw_spin_unlock_irqrestore(&rdp->lock, flags);
	return wake;
}

/**
 * call_rcu - call @func(@head) after a grace period
 * @head: an rcu_head inside the object
 * @func: the callback; runs from RCU_SOFTIRQ, must not sleep
 *
 * Callbacks queued on one CPU run in the order they were queued. As in
 * Linux, this only appends to the CPU's list: the next tick sees the new
 * callbacks (rcu_pending()) and rcu_core() asks for their grace period,
 * so a thread's exit, which frees it through here, stays cheap.
 * Context: any. Never sleeps.
 */
void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	struct rcu_data *rdp;
	unsigned long flags;

	head->func = func;
	local_irq_save(flags);
	rdp = this_cpu_rdp();
	raw_spin_lock(&rdp->lock);
	rcu_segcblist_enqueue(&rdp->cblist, head);
	raw_spin_unlock(&rdp->lock);
	local_irq_restore(flags);
}

/* call_rcu() for a caller about to wait for it (synchronize_rcu(),
 * rcu_barrier()): ask for the grace period now (Linux's call_rcu_hurry()). */
static void call_rcu_hurry(struct rcu_data *rdp, struct rcu_head *head,
			   rcu_callback_t func)
{
	head->func = func;
	if (rcu_enqueue(rdp, head))
		rcu_gp_kthread_wake();
}

/* Runs the callbacks whose GP ended (Linux's rcu_do_batch()). */
static void rcu_do_batch(struct rcu_data *rdp)
{
	struct rcu_head *list, *next;
	unsigned long flags;
	long count = 0;

	raw_spin_lock_irqsave(&rdp->lock, flags);
	list = rcu_segcblist_extract_done(&rdp->cblist);
	raw_spin_unlock_irqrestore(&rdp->lock, flags);
	for (; list; list = next, count++) {
		unsigned long offset = (unsigned long)list->func;

		next = list->next;
		if (__is_kvfree_rcu_offset(offset))
			kfree((void *)list - offset);	/* kfree_rcu() */
		else
			list->func(list);
	}
	raw_spin_lock_irqsave(&rdp->lock, flags);
	rdp->cblist.len -= count;
	rdp->n_cbs_invoked += count;
	raw_spin_unlock_irqrestore(&rdp->lock, flags);
}

/* ---- quiescent states ---- */

/* @cpu passed a QS since the GP began: clear its bit (Linux's
 * rcu_report_qs_rdp()). Return: true if that ended the wait. */
static bool rcu_report_qs_cpu(int cpu)
{
	struct rcu_node *rnp = &rcu_state.node;
	unsigned long flags;
	bool done = false;

	raw_spin_lock_irqsave(&rnp->lock, flags);
	if (rcu_gp_in_progress() && (rnp->qsmask & (1UL << cpu)) &&
	    !READ_ONCE(rcu_cpu_qs[cpu].no_qs)) {
		rnp->qsmask &= ~(1UL << cpu);
		done = rcu_gp_done();
	}
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
	return done;
}

/*
 * rcu_report_qs_switch - the first context switch of @cpu in this GP
 *
 * Reports the QS; if that ends the wait, wakes rcu_preempt, even when it
 * is the task being switched out (it then stays runnable, as any task
 * woken before it slept). Context: __schedule(), before rq->lock.
 */
void rcu_report_qs_switch(int cpu)
{
	WRITE_ONCE(rcu_cpu_qs[cpu].no_qs, false);
	if (rcu_report_qs_cpu(cpu) && READ_ONCE(rcu_state.gp_kthread))
		wake_up(&rcu_state.gp_wq);
}

/*
 * rcu_note_preempted_reader - @t is switched out inside a reader
 *
 * It joins the blocked-tasks list (Linux's rcu_preempt_ctxt_queue()). It
 * holds up the current GP if this CPU has not reported its QS yet: its
 * reader may then have begun before the GP did.
 * Context: __schedule(), preemption off.
 */
void rcu_note_preempted_reader(struct task_struct *t)
{
	struct rcu_node *rnp = &rcu_state.node;
	unsigned long flags;

	if (t->rcu_read_unlock_special & RCU_SPECIAL_BLOCKED)
		return;
	raw_spin_lock_irqsave(&rnp->lock, flags);
	WRITE_ONCE(t->rcu_read_unlock_special,
		   t->rcu_read_unlock_special | RCU_SPECIAL_BLOCKED);
	list_add(&t->rcu_node_entry, &rnp->blkd_tasks);
	rnp->nr_blkd_tasks++;
	t->rcu_blocks_gp = rcu_gp_in_progress() &&
			   (rnp->qsmask & (1UL << smp_processor_id()));
	if (t->rcu_blocks_gp)
		rnp->gp_blocked++;
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
}

/*
 * __rcu_read_unlock_special - a task preempted in a reader left it
 * @t: current, its nesting now 0
 *
 * Leaves the blocked-tasks list; if it was the last thing holding up the
 * GP, wakes rcu_preempt (Linux's rcu_read_unlock_special()).
 */
void __rcu_read_unlock_special(struct task_struct *t)
{
	struct rcu_node *rnp = &rcu_state.node;
	unsigned long flags;
	bool wake = false;

	raw_spin_lock_irqsave(&rnp->lock, flags);
	if (t->rcu_read_unlock_special & RCU_SPECIAL_BLOCKED) {
		list_del_init(&t->rcu_node_entry);
		rnp->nr_blkd_tasks--;
		WRITE_ONCE(t->rcu_read_unlock_special,
			   t->rcu_read_unlock_special & ~RCU_SPECIAL_BLOCKED);
		if (t->rcu_blocks_gp) {
			t->rcu_blocks_gp = false;
			rnp->gp_blocked--;
			wake = rcu_gp_done();
		}
	}
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
	if (wake)
		rcu_gp_kthread_wake();
}

/* Has this CPU work for rcu_core(): a QS to report, new callbacks to give
 * a grace period, ready ones to invoke? (Linux's rcu_pending().) */
static bool rcu_pending(int cpu)
{
	struct rcu_data *rdp = &rcu_data[cpu];
	unsigned long seq;
	bool pending;

	if ((READ_ONCE(rcu_state.node.qsmask) & (1UL << cpu)) &&
	    !READ_ONCE(rcu_cpu_qs[cpu].no_qs))
		return true;
	raw_spin_lock(&rdp->lock);
	pending = rcu_segcblist_ready_cbs(&rdp->cblist) ||
		  rcu_segcblist_next_pending(&rdp->cblist) ||
		  (rcu_segcblist_nextgp(&rdp->cblist, &seq) &&
		   ULONG_CMP_GE(READ_ONCE(rcu_state.gp_seq), seq));
	raw_spin_unlock(&rdp->lock);
	return pending;
}

static void rcu_qs_from_irq(void);

/*
 * rcu_sched_clock_irq - RCU's part of the tick
 *
 * A tick that interrupted the idle loop, or a task outside any reader with
 * preemption and softirqs enabled, is a quiescent state (preemptible RCU's
 * rcu_flavor_sched_clock_irq()). Context: hard interrupt.
 */
void rcu_sched_clock_irq(void)
{
	rcu_qs_from_irq();
}

/* The tick's and the expedited IPI's test: the interrupted code is
 * outside any reader, with preemption and softirqs enabled (or it is the
 * idle loop), so this CPU has passed a QS. Context: hard interrupt. */
static void rcu_qs_from_irq(void)
{
	struct task_struct *t = current;
	int cpu = smp_processor_id();
	int outer = preempt_count() - HARDIRQ_OFFSET;	/* the interrupted code's */

	/* The idle loop runs with preemption off; a softirq it runs may be
	 * inside a reader, so only the preemption bits are forgiven there. */
	if (!t->rcu_read_lock_nesting &&
	    !(outer & (SOFTIRQ_MASK | (is_idle_task(t) ? 0 : 0xff))))
		WRITE_ONCE(rcu_cpu_qs[cpu].no_qs, false);
	if (rcu_pending(cpu))
		raise_softirq(RCU_SOFTIRQ);
}

/* RCU_SOFTIRQ (Linux's rcu_core()): report a QS, move callbacks on,
 * ask for the GP they need, and invoke the ready ones. */
static void rcu_core(void)
{
	struct rcu_data *rdp = this_cpu_rdp();
	unsigned long flags;
	bool wake;

	if (rcu_report_qs_cpu(rdp->cpu))
		rcu_gp_kthread_wake();
	raw_spin_lock_irqsave(&rdp->lock, flags);
	rcu_segcblist_advance(&rdp->cblist, READ_ONCE(rcu_state.gp_seq));
	wake = rcu_accelerate_cbs(rdp);
	raw_spin_unlock_irqrestore(&rdp->lock, flags);
	if (wake)
		rcu_gp_kthread_wake();
	if (rcu_segcblist_ready_cbs(&rdp->cblist))
		rcu_do_batch(rdp);
}

/* ---- the grace-period kthread ---- */

/* Sleeps in TASK_IDLE (ps: I) until @cond or @timeout jiffies pass. */
static void rcu_gp_wait(bool (*cond)(void), long timeout)
{
	struct wait_queue_entry wait;

	init_waitqueue_entry(&wait, current);
	add_wait_queue(&rcu_state.gp_wq, &wait);
	for (;;) {
		set_current_state(TASK_IDLE);
		if (cond() || !timeout)
			break;
		timeout = schedule_timeout(timeout);
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(&rcu_state.gp_wq, &wait);
}

static bool rcu_gp_wanted(void)
{
	return READ_ONCE(rcu_state.gp_flags) & RCU_GP_FLAG_INIT;
}

/* Starts a GP if one is wanted (Linux's rcu_gp_init()). */
static bool rcu_gp_init(void)
{
	struct rcu_node *rnp = &rcu_state.node;
	struct task_struct *t;
	unsigned long mask = 0;

	raw_spin_lock_irq(&rnp->lock);
	WRITE_ONCE(rcu_state.gp_flags, 0);
	if (!ULONG_CMP_LT(rcu_state.gp_seq, rcu_state.gp_seq_needed)) {
		raw_spin_unlock_irq(&rnp->lock);
		return false;
	}
	rcu_seq_start(&rcu_state.gp_seq);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(rcu_state.qsmaskinitnext & (1UL << cpu)))
			continue;
		WRITE_ONCE(rcu_cpu_qs[cpu].no_qs, true);
		mask |= 1UL << cpu;
	}
	WRITE_ONCE(rnp->qsmask, mask);
	/* Readers preempted before the GP began hold it up. */
	list_for_each_entry(t, &rnp->blkd_tasks, rcu_node_entry) {
		t->rcu_blocks_gp = true;
		rnp->gp_blocked++;
	}
	raw_spin_unlock_irq(&rnp->lock);
	return true;
}

/* The GP kthread reports for CPUs that passed a QS since it began
 * (Linux's force_qs_rnp(), without the dynticks test). */
static void rcu_force_qs(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (READ_ONCE(rcu_state.node.qsmask) & (1UL << cpu))
			rcu_report_qs_cpu(cpu);
}

/* Waits for the QSes and the blocked readers (Linux's rcu_gp_fqs_loop()). */
static void rcu_gp_fqs_loop(void)
{
	for (;;) {
		rcu_gp_wait(rcu_gp_done, READ_ONCE(rcu_state.expedite) ? 1 :
			    RCU_JIFFIES_TILL_FQS);
		if (rcu_gp_done())
			break;
		rcu_force_qs();
	}
}

/* Ends the GP; callbacks waiting for it become ready (rcu_gp_cleanup()). */
static void rcu_gp_cleanup(void)
{
	struct rcu_node *rnp = &rcu_state.node;

	raw_spin_lock_irq(&rnp->lock);
	rcu_seq_end(&rcu_state.gp_seq);
	rcu_state.n_gps++;
	if (ULONG_CMP_LT(rcu_state.gp_seq, rcu_state.gp_seq_needed))
		WRITE_ONCE(rcu_state.gp_flags, RCU_GP_FLAG_INIT);
	raw_spin_unlock_irq(&rnp->lock);
	/* This CPU's callbacks now; other CPUs' from their next tick. */
	local_bh_disable();
	raise_softirq(RCU_SOFTIRQ);
	local_bh_enable();
}

/* rcu_preempt: one grace period after another, while they are wanted. */
static int rcu_gp_kthread(void *unused)
{
	for (;;) {
		rcu_gp_wait(rcu_gp_wanted, MAX_SCHEDULE_TIMEOUT);
		if (!rcu_gp_init())
			continue;
		rcu_gp_fqs_loop();
		rcu_gp_cleanup();
	}
	return 0;
}

/* Linux's rcu_spawn_gp_kthread(), an early initcall: through kthreadd,
 * so its parent is PID 2. Callbacks queued before it exists are served
 * from its first pass. */
static int __init rcu_spawn_gp_kthread(void)
{
	struct task_struct *t = kthread_run(rcu_gp_kthread, NULL, "rcu_preempt");

	if (IS_ERR(t))
		panic("rcu: cannot create rcu_preempt: %ld", PTR_ERR(t));
	WRITE_ONCE(rcu_state.gp_kthread, t);
	wake_up(&rcu_state.gp_wq);
	return 0;
}
early_initcall(rcu_spawn_gp_kthread);

/* ---- waiting for grace periods ---- */

struct rcu_synchronize {
	struct rcu_head head;
	struct completion completion;
};

static void wakeme_after_rcu(struct rcu_head *head)
{
	complete(&container_of(head, struct rcu_synchronize, head)->completion);
}

/**
 * synchronize_rcu - wait until every reader that began before has ended
 *
 * Context: process, outside any reader; sleeps. Before rcu_preempt exists
 * and while only the boot task runs, any moment is a grace period.
 */
void synchronize_rcu(void)
{
	struct rcu_synchronize rs;

	if (WARN_ON_ONCE(rcu_preempt_depth()))
		return;
	if (!READ_ONCE(rcu_state.gp_kthread) && system_state < SYSTEM_SCHEDULING)
		return;
	init_completion(&rs.completion);
	preempt_disable();
	call_rcu_hurry(this_cpu_rdp(), &rs.head, wakeme_after_rcu);
	preempt_enable();
	wait_for_completion(&rs.completion);
}

static void rcu_barrier_callback(struct rcu_head *head)
{
	if (__atomic_sub_fetch(&rcu_state.barrier_cpu_count, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&rcu_state.barrier_completion);
}

/**
 * rcu_barrier - wait until every callback queued so far has been invoked
 *
 * Puts a callback behind the others on each CPU that has some (they run
 * in order) and waits for all of them (Linux's rcu_barrier()).
 * Context: process; sleeps.
 */
void rcu_barrier(void)
{
	mutex_lock(&rcu_state.barrier_mutex);
	init_completion(&rcu_state.barrier_completion);
	__atomic_store_n(&rcu_state.barrier_cpu_count, 1, __ATOMIC_RELEASE);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rcu_data *rdp = &rcu_data[cpu];
		unsigned long flags;
		bool wake;

		/* Checked and queued under the lock that
		 * rcutree_migrate_callbacks() takes: an empty list stays
		 * empty, a full one moves with our callback in it. */
		raw_spin_lock_irqsave(&rdp->lock, flags);
		if (!rcu_segcblist_n_cbs(&rdp->cblist)) {
			raw_spin_unlock_irqrestore(&rdp->lock, flags);
			continue;
		}
		__atomic_add_fetch(&rcu_state.barrier_cpu_count, 1, __ATOMIC_ACQ_REL);
		rdp->barrier_head.func = rcu_barrier_callback;
		rcu_segcblist_enqueue(&rdp->cblist, &rdp->barrier_head);
		wake = rcu_accelerate_cbs(rdp);
		raw_spin_unlock_irqrestore(&rdp->lock, flags);
		if (wake)
			rcu_gp_kthread_wake();
	}
	rcu_barrier_callback(NULL);	/* drop the initial count */
	wait_for_completion(&rcu_state.barrier_completion);
	mutex_unlock(&rcu_state.barrier_mutex);
}

/*
 * Expedited grace periods, as Linux's tree_exp.h reduced to its shape:
 * synchronize_rcu_expedited() queues rcu_exp_work on rcu_gp_wq, which
 * starts a normal GP with rcu_preempt scanning every jiffy instead of
 * every RCU_JIFFIES_TILL_FQS, and, each jiffy until it ends, queues the
 * per-node CPU scan on rcu_par_gp_wq (one node here). The scan sends an
 * IPI to every other CPU that still owes a QS (Linux's
 * sync_rcu_exp_select_cpus() and rcu_exp_handler()): one interrupted
 * outside a reader reports at once, as from its tick. Unlike Linux it is
 * the normal GP that is pushed along (no separate expedited sequence),
 * so it still waits for every online CPU and every blocked reader.
 * Both workqueues are WQ_MEM_RECLAIM: their rescuers are the rcu_gp and
 * rcu_par_gp threads.
 */
struct rcu_exp_work {
	struct work_struct work;	/* on rcu_gp_wq */
	struct work_struct node_work;	/* on rcu_par_gp_wq */
};

/* Linux's rcu_exp_handler(), on a CPU that owes the GP a QS. */
static void rcu_exp_handler(void *unused)
{
	rcu_qs_from_irq();
}

static void sync_rcu_exp_select_node_cpus(struct work_struct *work)
{
	unsigned long mask;

	preempt_disable();
	mask = READ_ONCE(rcu_state.node.qsmask) & ~(1UL << smp_processor_id());
	if (rcu_gp_in_progress() && mask)
		smp_call_function_many(&mask, rcu_exp_handler, NULL, 1);
	preempt_enable();
	rcu_force_qs();
}

static void wait_rcu_exp_gp(struct work_struct *work)
{
	struct rcu_exp_work *rew = container_of(work, struct rcu_exp_work, work);
	struct rcu_synchronize rs;

	WRITE_ONCE(rcu_state.expedite, true);
	INIT_WORK(&rew->node_work, sync_rcu_exp_select_node_cpus);
	init_completion(&rs.completion);
	preempt_disable();
	call_rcu_hurry(this_cpu_rdp(), &rs.head, wakeme_after_rcu);
	preempt_enable();
	while (!wait_for_completion_timeout(&rs.completion, 1)) {
		queue_work(rcu_par_gp_wq, &rew->node_work);
		flush_work(&rew->node_work);
	}
	WRITE_ONCE(rcu_state.expedite, false);
}

/**
 * synchronize_rcu_expedited - synchronize_rcu(), with the GP pushed along
 *
 * Context: process; sleeps.
 */
void synchronize_rcu_expedited(void)
{
	struct rcu_exp_work rew;

	if (!rcu_gp_wq) {
		synchronize_rcu();
		return;
	}
	mutex_lock(&rcu_state.exp_mutex);
	INIT_WORK_ONSTACK(&rew.work, wait_rcu_exp_gp);
	queue_work(rcu_gp_wq, &rew.work);
	flush_work(&rew.work);
	mutex_unlock(&rcu_state.exp_mutex);
}

/* ---- CPU hotplug ---- */

/* CPUHP_RCUTREE_PREP startup: nothing owed yet (Linux's
 * rcutree_prepare_cpu() sets up the rcu_data). */
int rcutree_prepare_cpu(unsigned int cpu)
{
	WRITE_ONCE(rcu_cpu_qs[cpu].no_qs, false);
	return 0;
}

/* Its teardown, on the BP after the CPU died: its callbacks have moved
 * (takedown_cpu()); nothing may be left. */
int rcutree_dead_cpu(unsigned int cpu)
{
	WARN_ON_ONCE(rcu_segcblist_n_cbs(&rcu_data[cpu].cblist));
	return 0;
}

/* CPUHP_AP_RCUTREE_DYING teardown, on the dying CPU: Linux only traces. */
int rcutree_dying_cpu(unsigned int cpu)
{
	return 0;
}

/* CPUHP_AP_RCUTREE_ONLINE: Linux adjusts boost and no-CB kthreads. */
int rcutree_online_cpu(unsigned int cpu)
{
	return 0;
}

int rcutree_offline_cpu(unsigned int cpu)
{
	return 0;
}

/**
 * rcu_cpu_starting - grace periods starting from now wait for @cpu
 * @cpu: this CPU, coming up, not online yet, interrupts off
 *
 * A grace period already running does not: no reader on this CPU can be
 * older than it.
 */
void rcu_cpu_starting(unsigned int cpu)
{
	struct rcu_node *rnp = &rcu_state.node;
	unsigned long flags;

	raw_spin_lock_irqsave(&rnp->lock, flags);
	rcu_state.qsmaskinitnext |= 1UL << cpu;
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
}

/**
 * rcu_report_dead - @cpu leaves: no grace period waits for it any more
 * @cpu: this CPU, offline, in its idle loop (a quiescent state), about
 *	to halt; interrupts off
 *
 * Reports its quiescent state for a grace period in progress and removes
 * it from the set later ones wait for (Linux's rcu_report_dead()).
 */
void rcu_report_dead(unsigned int cpu)
{
	struct rcu_node *rnp = &rcu_state.node;
	bool wake = false;

	raw_spin_lock(&rnp->lock);
	rcu_state.qsmaskinitnext &= ~(1UL << cpu);
	WRITE_ONCE(rcu_cpu_qs[cpu].no_qs, false);
	if (rnp->qsmask & (1UL << cpu)) {
		WRITE_ONCE(rnp->qsmask, rnp->qsmask & ~(1UL << cpu));
		wake = rcu_gp_in_progress() && rcu_gp_done();
	}
	raw_spin_unlock(&rnp->lock);
	if (wake)
		rcu_gp_kthread_wake();
}

/**
 * rcutree_migrate_callbacks - adopt the callbacks of dead @cpu
 * @cpu: a CPU that went offline
 *
 * They join this CPU's list behind its own, in their order, and wait for
 * a new grace period: simpler than Linux's rcu_segcblist_merge(), which
 * keeps each segment's grace period, and never early. rcu_barrier()'s
 * callback, if one is among them, moves with them.
 * Context: cpu_down(), process context.
 */
void rcutree_migrate_callbacks(int cpu)
{
	struct rcu_data *dead = &rcu_data[cpu], *my;
	struct rcu_head *list, **tail;
	unsigned long flags;
	long len;
	bool wake;

	local_irq_save(flags);
	my = this_cpu_rdp();
	/* Two rdp locks: lower CPU first. */
	if (dead->cpu < my->cpu) {
		raw_spin_lock(&dead->lock);
		raw_spin_lock(&my->lock);
	} else {
		raw_spin_lock(&my->lock);
		raw_spin_lock(&dead->lock);
	}
	list = dead->cblist.head;
	tail = dead->cblist.tails[RCU_NEXT_TAIL];
	len = dead->cblist.len;
	rcu_segcblist_init(&dead->cblist);
	raw_spin_unlock(&dead->lock);
	if (list) {
		*my->cblist.tails[RCU_NEXT_TAIL] = list;
		my->cblist.tails[RCU_NEXT_TAIL] = tail;
		my->cblist.len += len;
	}
	wake = list && rcu_accelerate_cbs(my);
	raw_spin_unlock(&my->lock);
	local_irq_restore(flags);
	if (wake)
		rcu_gp_kthread_wake();
}

void rcu_get_stats(struct rcu_stats *st)
{
	struct rcu_node *rnp = &rcu_state.node;
	unsigned long flags;

	raw_spin_lock_irqsave(&rnp->lock, flags);
	st->gp_seq = rcu_state.gp_seq;
	st->gp_seq_needed = rcu_state.gp_seq_needed;
	st->n_gps = rcu_state.n_gps;
	st->qsmask = rnp->qsmask;
	st->blocked_tasks = rnp->nr_blkd_tasks;
	st->gp_blocked = rnp->gp_blocked;
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
	st->cbs_pending = 0;
	st->cbs_invoked = 0;
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		st->cbs_pending += rcu_segcblist_n_cbs(&rcu_data[cpu].cblist);
		st->cbs_invoked += READ_ONCE(rcu_data[cpu].n_cbs_invoked);
	}
}

/**
 * rcu_init - RCU's per-CPU data, its softirq and workqueues
 *
 * Mirrors Linux's rcu_init(), called by start_kernel() after
 * workqueue_init_early(): rcu_gp and rcu_par_gp exist from here, and get
 * their rescuer threads (PIDs 3 and 4) in workqueue_init().
 */
void __init rcu_init(void)
{
	raw_spin_lock_init(&rcu_state.node.lock);
	INIT_LIST_HEAD(&rcu_state.node.blkd_tasks);
	mutex_init(&rcu_state.barrier_mutex);
	mutex_init(&rcu_state.exp_mutex);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		raw_spin_lock_init(&rcu_data[cpu].lock);
		rcu_segcblist_init(&rcu_data[cpu].cblist);
		rcu_data[cpu].cpu = cpu;
	}
	open_softirq(RCU_SOFTIRQ, rcu_core);
	rcu_gp_wq = alloc_workqueue("rcu_gp", WQ_MEM_RECLAIM, 0);
	rcu_par_gp_wq = alloc_workqueue("rcu_par_gp", WQ_MEM_RECLAIM, 0);
	BUG_ON(!rcu_gp_wq || !rcu_par_gp_wq);
}
