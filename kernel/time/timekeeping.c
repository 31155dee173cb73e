/*
 * Timekeeping: monotonic nanoseconds from the best registered clock
 * source, as Linux's kernel/time/timekeeping.c and clocksource.c, much
 * reduced. Switching sources folds the time so far into a base, so the
 * clock never jumps back.
 */
#include <linux/clocksource.h>
#include <linux/timekeeping.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>

static struct clocksource *cur;
static u64 base_ns;		/* time when cur became current */
static u64 base_cycles;		/* cur's counter then */
static DEFINE_RAW_SPINLOCK(tk_lock);

static u64 cycles_to_ns(const struct clocksource *cs, u64 cycles)
{
	return (u64)(((unsigned __int128)cycles * cs->mult) >> cs->shift);
}

/* Picks mult and shift so that ns = cycles * mult >> shift stays exact to
 * about one part in 2^32 for counters up to a few GHz. */
static void set_scale(struct clocksource *cs, u64 hz)
{
	cs->freq_hz = hz;
	cs->shift = 32;
	while (cs->shift && (1000000000ULL << cs->shift) / hz > U32_MAX)
		cs->shift--;
	cs->mult = (u32)((1000000000ULL << cs->shift) / hz);
}

u64 ktime_get_ns(void)
{
	struct clocksource *cs = READ_ONCE(cur);

	if (!cs)
		return 0;
	return base_ns + cycles_to_ns(cs, (cs->read() - base_cycles) & cs->mask);
}

void clocksource_register_hz(struct clocksource *cs, u64 hz)
{
	unsigned long flags;

	if (WARN_ON(!hz || !cs->read))
		return;
	set_scale(cs, hz);
	raw_spin_lock_irqsave(&tk_lock, flags);
	if (!cur || cs->rating > cur->rating) {
		u64 now = ktime_get_ns();

		base_cycles = cs->read();
		base_ns = now;
		WRITE_ONCE(cur, cs);
	}
	raw_spin_unlock_irqrestore(&tk_lock, flags);
	if (cur == cs)
		pr_info("clocksource: switched to %s (%llu.%03llu MHz)\n", cs->name,
			(unsigned long long)(hz / 1000000),
			(unsigned long long)(hz / 1000 % 1000));
}

const struct clocksource *clocksource_current(void)
{
	return cur;
}
