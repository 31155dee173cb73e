/*
 * Softirqs, after Linux's kernel/softirq.c: work an interrupt handler
 * defers to run soon after, with interrupts enabled. Handlers are raised
 * per CPU (a bit in the pending mask) and run on the way out of the
 * interrupt (irq_exit) or when bottom halves are re-enabled. Each run
 * stops after MAX_SOFTIRQ_RESTART rounds or MAX_SOFTIRQ_TIME, so that a
 * flood cannot keep the CPU from tasks: what is left is handed to
 * ksoftirqd/N, a per-CPU thread (smpboot) that runs it as an ordinary
 * fair task. A softirq raised outside interrupt context wakes ksoftirqd
 * too, since no interrupt exit may come soon to run it.
 *
 * Differs from Linux 6.1: irq_exit() always runs pending softirqs, even
 * while ksoftirqd is runnable (6.1's ksoftirqd_running() deferral was
 * reverted in 6.2 for the latency it caused; Spindle's timers, the
 * soft-lockup watchdog's included, run from TIMER_SOFTIRQ and must not
 * wait behind a starved ksoftirqd).
 */
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/smpboot.h>
#include <linux/jiffies.h>
#include <linux/init.h>
#include <linux/cpu.h>
#include <spindle/sched.h>

#define MAX_SOFTIRQ_RESTART 10
#define MAX_SOFTIRQ_TIME_MS 2	/* Linux's MAX_SOFTIRQ_TIME, msecs_to_jiffies(2) */

/* Each CPU's ksoftirqd, or NULL before spawn_ksoftirqd(). */
static struct task_struct *ksoftirqd[NR_CPUS];

static void (*softirq_vec[NR_SOFTIRQS])(void);

const char *const softirq_to_name[NR_SOFTIRQS] = {
	"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET",
	"SCHED", "HRTIMER", "RCU"
};

static unsigned long softirq_count_by_nr[NR_SOFTIRQS];

void open_softirq(int nr, void (*action)(void))
{
	softirq_vec[nr] = action;
}

struct task_struct *this_cpu_ksoftirqd(void)
{
	return ksoftirqd[smp_processor_id()];
}

/* Lets this CPU's ksoftirqd run what is pending (Linux's wakeup_softirqd). */
static void wakeup_softirqd(void)
{
	struct task_struct *tsk = this_cpu_ksoftirqd();

	if (tsk)
		wake_up_process(tsk);
}

/* Marks @nr pending and nothing more: for callers that know an interrupt
 * exit or local_bh_enable() comes soon. Context: interrupts off. */
void __raise_softirq_irqoff(unsigned int nr)
{
	or_softirq_pending(1UL << nr);
}

/*
 * raise_softirq_irqoff - mark @nr pending on this CPU
 *
 * In an interrupt (or with bottom halves off) the handler runs on the way
 * out; otherwise nothing would run it soon, so ksoftirqd is woken, as in
 * Linux. Context: interrupts off.
 */
void raise_softirq_irqoff(unsigned int nr)
{
	__raise_softirq_irqoff(nr);
	if (!in_interrupt())
		wakeup_softirqd();
}

/* Context: any; interrupts may be on. */
void raise_softirq(unsigned int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	raise_softirq_irqoff(nr);
	local_irq_restore(flags);
}

/* One round: every handler pending at its start, interrupts on. */
static void handle_pending_softirqs(unsigned long pending)
{
	set_softirq_pending(0);
	local_irq_enable();
	for (int nr = 0; pending; nr++, pending >>= 1) {
		if ((pending & 1) && softirq_vec[nr]) {
			softirq_count_by_nr[nr]++;
			softirq_vec[nr]();
		}
	}
	local_irq_disable();
}

/*
 * Runs the pending handlers, round after round while handlers raise more,
 * as Linux's __do_softirq(): at most MAX_SOFTIRQ_RESTART rounds, for at
 * most MAX_SOFTIRQ_TIME, and not when a task waits for the CPU; then
 * whatever is still pending goes to ksoftirqd.
 * Context: not in an interrupt, softirqs not disabled; interrupts off on
 * entry and exit.
 */
static void __do_softirq(void)
{
	unsigned long end = jiffies + msecs_to_jiffies(MAX_SOFTIRQ_TIME_MS);
	int max_restart = MAX_SOFTIRQ_RESTART;
	unsigned long pending;

	__preempt_count_add(SOFTIRQ_OFFSET);
	for (;;) {
		handle_pending_softirqs(local_softirq_pending());
		pending = local_softirq_pending();
		if (!pending)
			break;
		if (time_before(jiffies, end) && !need_resched() && --max_restart)
			continue;
		wakeup_softirqd();
		break;
	}
	__preempt_count_sub(SOFTIRQ_OFFSET);
}

void do_softirq(void)
{
	unsigned long flags;

	if (in_interrupt())
		return;
	local_irq_save(flags);
	if (local_softirq_pending())
		__do_softirq();
	local_irq_restore(flags);
}

void irq_enter(void)
{
	__preempt_count_add(HARDIRQ_OFFSET);
}

/* Leaving a hard interrupt: run softirqs if this was the outermost one. */
void irq_exit(void)
{
	__preempt_count_sub(HARDIRQ_OFFSET);
	if (!in_interrupt() && local_softirq_pending())
		__do_softirq();
}

void local_bh_disable(void)
{
	__preempt_count_add(SOFTIRQ_DISABLE_OFFSET);
	barrier();
}

void local_bh_enable(void)
{
	barrier();
	__preempt_count_sub(SOFTIRQ_DISABLE_OFFSET);
	if (!in_interrupt() && local_softirq_pending())
		do_softirq();
	if (!preempt_count() && need_resched() && !irqs_disabled())
		preempt_schedule();
}

unsigned long softirq_count_of(int nr)
{
	return softirq_count_by_nr[nr];
}

/* What a CPU taken offline left pending, for the CPU that took it down. */
static unsigned long softirq_orphaned[NR_CPUS];

/**
 * softirq_cpu_dying_stash - put this dead CPU's pending softirqs aside
 *
 * Its last interrupts may have raised some (a timer tick, an RCU
 * callback batch); nothing will run them here any more.
 * Context: cpuhp_report_idle_dead(), on the dead CPU, interrupts off.
 */
void softirq_cpu_dying_stash(void)
{
	unsigned int cpu = smp_processor_id();

	__atomic_fetch_or(&softirq_orphaned[cpu], local_softirq_pending(), __ATOMIC_RELEASE);
	set_softirq_pending(0);
}

/**
 * softirq_dead_cpu - CPUHP_SOFTIRQ_DEAD teardown: run a dead CPU's softirqs here
 * @cpu: the dead CPU
 *
 * Linux's takeover_tasklets() moves the dead CPU's tasklets and raises
 * their softirq on the CPU taking it down; Spindle has no tasklets and
 * hands over every pending bit instead: the handlers look at this CPU's
 * data, which now holds the dead CPU's timers and RCU callbacks.
 * Context: cpu_down(), process context. Return: 0.
 */
int softirq_dead_cpu(unsigned int cpu)
{
	unsigned long pending = __atomic_exchange_n(&softirq_orphaned[cpu], 0,
						    __ATOMIC_ACQUIRE);

	local_irq_disable();
	for (unsigned int nr = 0; nr < NR_SOFTIRQS; nr++)
		if (pending & (1UL << nr))
			raise_softirq_irqoff(nr);
	local_irq_enable();
	return 0;
}

static int ksoftirqd_should_run(unsigned int cpu)
{
	return local_softirq_pending();
}

/* ksoftirqd's work (Linux's run_ksoftirqd()): the same __do_softirq() as
 * an interrupt exit, but in a task the scheduler can preempt between
 * rounds, so a flood shares the CPU fairly with other tasks. */
static void run_ksoftirqd(unsigned int cpu)
{
	local_irq_disable();
	if (local_softirq_pending()) {
		__do_softirq();
		local_irq_enable();
		cond_resched();
		return;
	}
	local_irq_enable();
}

static struct smp_hotplug_thread softirq_threads = {
	.store = ksoftirqd,
	.thread_should_run = ksoftirqd_should_run,
	.thread_fn = run_ksoftirqd,
	.thread_comm = "ksoftirqd/%u",
};

/* An early initcall, as in Linux: before smp_init(). */
static __init int spawn_ksoftirqd(void)
{
	BUG_ON(smpboot_register_percpu_thread(&softirq_threads));
	return 0;
}
early_initcall(spawn_ksoftirqd);
