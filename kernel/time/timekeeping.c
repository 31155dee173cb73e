/*
 * Timekeeping: monotonic nanoseconds from the best registered clock
 * source, as Linux's kernel/time/timekeeping.c and clocksource.c, much
 * reduced. Switching sources folds the time so far into a base, so the
 * clock never jumps back. The first counter that knows its value at the
 * kernel's first instruction (the TSC) moves time 0 there; until then
 * time starts with the first source (jiffies, at time_init()).
 */
#include <linux/clocksource.h>
#include <linux/timekeeping.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <spindle/arch.h>

static struct clocksource *cur;
static u64 base_ns;		/* time when cur became current */
static u64 base_cycles;		/* cur's counter then */
static bool from_boot;		/* time 0 is the kernel's first instruction */
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
		u64 now = ktime_get_ns(), cycles = cs->read();

		base_cycles = cycles;
		base_ns = now;
		/* Count from the first instruction when the counter knows it:
		 * that time is later than `now` (which began at time_init), so
		 * the clock still never goes back. */
		if (cs->boot_cycles && !from_boot &&
		    cycles_to_ns(cs, (cycles - cs->boot_cycles) & cs->mask) >= now) {
			base_cycles = cs->boot_cycles;
			base_ns = 0;
			from_boot = true;
		}
		WRITE_ONCE(cur, cs);
	}
	raw_spin_unlock_irqrestore(&tk_lock, flags);
	if (cur == cs)
		pr_info("clocksource: switched to %s (%llu.%03llu MHz)%s\n", cs->name,
			(unsigned long long)(hz / 1000000),
			(unsigned long long)(hz / 1000 % 1000),
			from_boot && base_cycles == cs->boot_cycles ?
			"; time counts from the kernel's first instruction" : "");
}

const struct clocksource *clocksource_current(void)
{
	return cur;
}

/* The wall clock is the monotonic clock plus an offset: read from the
 * RTC at boot, moved by settimeofday (Linux's offs_real). */
static s64 real_offset_ns;

u64 ktime_get_real_ns(void)
{
	return ktime_get_ns() + READ_ONCE(real_offset_ns);
}

void do_settimeofday64(u64 real_ns)
{
	WRITE_ONCE(real_offset_ns, (s64)(real_ns - ktime_get_ns()));
}

void timekeeping_init(void)
{
	s64 secs = arch_read_persistent_clock();

	do_settimeofday64((u64)secs * NSEC_PER_SEC);
}
