/*
 * The periodic tick: the architecture's timer interrupt calls
 * tick_periodic() HZ times a second, which advances jiffies and does the
 * tick's work. Mirrors tick_periodic() in kernel/time/tick-common.c.
 *
 * jiffies follows the clock source, not the count of interrupts, as
 * Linux's tick_do_update_jiffies64(): a tick that arrives late (an
 * emulator on a busy host delays or merges timer interrupts) advances
 * jiffies by every tick period that has passed, so sleeps keep real time.
 * jiffies is also the clock source of last resort.
 */
#include <linux/sched/loadavg.h>
#include <linux/jiffies.h>
#include <linux/clocksource.h>
#include <linux/kernel.h>
#include <spindle/printk.h>
#include <linux/timer.h>
#include <linux/timekeeping.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <spindle/tick.h>
#include <spindle/sched.h>
#include <spindle/rcu.h>
#include <linux/kernel_stat.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>

volatile unsigned long jiffies;

static u64 jiffies_read(void)
{
	return jiffies;
}

static struct clocksource clocksource_jiffies = {
	.name = "jiffies",
	.read = jiffies_read,
	.mask = CLOCKSOURCE_MASK(64),
	.rating = 1,
};

/*
 * Context: the timer interrupt. Advances time, then does the tick's work
 * for this CPU, as Linux's tick_periodic() + update_process_times():
 * due timers (through TIMER_SOFTIRQ) and the scheduler's accounting.
 */

static u64 last_jiffies_update;	/* ns, a whole number of ticks ago */
/* Linux's jiffies_lock: the tick and jiffies_sync() on any CPU. */
static DEFINE_RAW_SPINLOCK(jiffies_lock);
/* The CPU whose tick advances jiffies (Linux's tick_do_timer_cpu). */
#define TICK_DO_TIMER_CPU 0

/* Adds the tick periods that have passed since the last update. Caller
 * has interrupts off. */
static void catch_up_jiffies(void)
{
	u64 now, ticks;

	raw_spin_lock(&jiffies_lock);
	now = ktime_get_ns();
	if (now >= last_jiffies_update + TICK_NSEC) {
		ticks = (now - last_jiffies_update) / TICK_NSEC;
		last_jiffies_update += ticks * TICK_NSEC;
		jiffies += ticks;
	}
	raw_spin_unlock(&jiffies_lock);
}

/* Every CPU ticks; one of them keeps time, as Linux's tick_do_timer_cpu. */
static void tick_do_update_jiffies(void)
{
	if (smp_processor_id() != TICK_DO_TIMER_CPU)
		return;
	if (clocksource_current() == &clocksource_jiffies || !last_jiffies_update) {
		last_jiffies_update = ktime_get_ns();
		jiffies++;
		return;
	}
	catch_up_jiffies();
}

/**
 * jiffies_sync - bring jiffies up to date before using it as a base
 *
 * A timer interrupt may be overdue (an emulated CPU on a busy host), and
 * then jiffies lags real time; a timeout counted from that stale value
 * would end early. schedule_timeout() calls this first.
 * Context: any.
 */
void jiffies_sync(void)
{
	unsigned long flags;

	if (clocksource_current() == &clocksource_jiffies || !last_jiffies_update)
		return;
	local_irq_save(flags);
	catch_up_jiffies();
	local_irq_restore(flags);
}

/* Did this tick interrupt user mode? (Linux: user_mode(get_irq_regs())) */
static int user_tick_regs(void)
{
	struct pt_regs *regs = get_irq_regs();

	return regs && user_mode(regs);
}

void tick_periodic(void)
{
	tick_do_update_jiffies();
	if (smp_processor_id() == 0)
		calc_global_load_tick();	/* Linux: in do_timer() */
	account_process_tick(current, user_tick_regs());
	run_local_timers();
	rcu_sched_clock_irq();
	scheduler_tick();
	console_tick();
}

void tick_init(void)
{
	clocksource_register_hz(&clocksource_jiffies, HZ);
}
