/*
 * Clock sources: free-running counters the timekeeping core turns into
 * nanoseconds, as Linux's include/linux/clocksource.h. The architecture
 * registers what it has (TSC, HPET, PIT ticks); the highest rating wins.
 */
#ifndef _LINUX_CLOCKSOURCE_H
#define _LINUX_CLOCKSOURCE_H

#include <linux/types.h>

struct clocksource {
	const char *name;
	u64 (*read)(void);
	u64 mask;		/* counter width: wraps at mask + 1 */
	int rating;		/* higher is better: tsc 300, hpet 250, jiffies 1 */
	/* The counter's value at the kernel's first instruction, if known
	 * (the TSC: asm/timer.h's boot_tsc), else 0. The first such source
	 * makes the kernel's time count from there, as Linux's does from
	 * early boot, instead of from time_init(). */
	u64 boot_cycles;
	/* filled in at registration: ns = (cycles * mult) >> shift */
	u32 mult;
	u32 shift;
	u64 freq_hz;
};

/**
 * clocksource_register_hz - offer a clock source
 * @cs: the source, with name, read, mask and rating set
 * @hz: its frequency
 *
 * Switches timekeeping to @cs if it rates higher than the current one;
 * time stays continuous across the switch.
 */
void clocksource_register_hz(struct clocksource *cs, u64 hz);

/* The clock source in use, or NULL before the first registration. */
const struct clocksource *clocksource_current(void);

/* All ones in the low @bits bits; written so that 64 needs no 1 << 64. */
#define CLOCKSOURCE_MASK(bits) (~0ULL >> (64 - (bits)))

#endif
