/*
 * Kernel timers, as Linux's include/linux/timer.h: run a function once,
 * when jiffies reaches @expires. Timer functions run in softirq context
 * (TIMER_SOFTIRQ) on the CPU that armed them: they must not sleep.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>

struct timer_list {
	struct list_head entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
};

#define TIMER_PENDING 0x1u	/* queued (entry is on a wheel slot) */
#define TIMER_MIGRATING 0x2u	/* moving between CPUs' wheels */
#define TIMER_CPUSHIFT 8	/* bits 8..15: the CPU whose wheel holds it */
#define TIMER_CPUMASK 0xFF00u

#define from_timer(var, timer, field) container_of(timer, __typeof__(*var), field)

void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *),
		 unsigned int flags);
/* Arms (or re-arms) @timer for @expires; returns 1 if it was pending. */
int mod_timer(struct timer_list *timer, unsigned long expires);
void add_timer(struct timer_list *timer);
/* Disarms; returns 1 if it was pending. The function may still be running. */
int del_timer(struct timer_list *timer);
/* Disarms and waits until the function is not running anywhere. */
int del_timer_sync(struct timer_list *timer);
#define timer_delete_sync del_timer_sync
#define timer_delete del_timer

static inline bool timer_pending(const struct timer_list *timer)
{
	return timer->flags & TIMER_PENDING;
}

/* Called from the tick: raises TIMER_SOFTIRQ when a timer is due. */
void run_local_timers(void);
void init_timers(void);

#endif
