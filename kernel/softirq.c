/*
 * Softirqs, after Linux's kernel/softirq.c: work an interrupt handler
 * defers to run soon after, with interrupts enabled. Handlers are raised
 * per CPU (a bit in the pending mask) and run on the way out of the
 * interrupt (irq_exit) or when bottom halves are re-enabled; each run
 * handles at most MAX_SOFTIRQ_RESTART rounds so that a flood cannot keep
 * the CPU from tasks. (The ksoftirqd threads that take over under load
 * come in a later chapter; for now leftover work waits for the next
 * interrupt.)
 */
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <spindle/sched.h>

#define MAX_SOFTIRQ_RESTART 10

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

/* Context: any; interrupts may be on. */
void raise_softirq(unsigned int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	or_softirq_pending(1UL << nr);
	local_irq_restore(flags);
}

/* Runs the pending handlers with interrupts enabled. Context: not in an
 * interrupt, softirqs not disabled; interrupts off on entry and exit. */
static void __do_softirq(void)
{
	int restart = MAX_SOFTIRQ_RESTART;
	unsigned long pending;

	__preempt_count_add(SOFTIRQ_OFFSET);
	while ((pending = local_softirq_pending()) && restart--) {
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
