/*
 * The periodic tick: the architecture's timer interrupt calls
 * tick_periodic() HZ times a second, which advances jiffies. Mirrors
 * tick_periodic() in kernel/time/tick-common.c; the scheduler's tick and
 * timers join here later. jiffies is also the fallback clock source.
 */
#include <linux/jiffies.h>
#include <linux/clocksource.h>
#include <linux/kernel.h>
#include <linux/timer.h>
#include <spindle/tick.h>
#include <spindle/sched.h>

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
void tick_periodic(void)
{
	jiffies++;
	run_local_timers();
	scheduler_tick();
}

void tick_init(void)
{
	clocksource_register_hz(&clocksource_jiffies, HZ);
}
