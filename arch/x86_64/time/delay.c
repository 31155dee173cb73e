/*
 * Busy-wait delays, as Linux's arch/x86/lib/delay.c: with a calibrated
 * TSC, spin until it has advanced far enough (delay_tsc()); before that,
 * count down the PIT's channel 2 (which is what calibrates the TSC).
 * Both loops are bounded, so a missing PIT cannot hang the caller.
 */
#include <linux/kernel.h>
#include <asm/delay.h>
#include <asm/i8253.h>
#include <asm/processor.h>
#include <asm/timer.h>

/* Channel 2 counts 16 bits at 1.193182 MHz: at most ~54 ms per round. */
#define PIT_MAX_WAIT_US 50000
/* No x86 TSC runs faster than this: bounds a wait for a PIT that is absent. */
#define TSC_MAX_CYCLES_PER_US 10000

static void delay_tsc(unsigned long usecs, u64 khz)
{
	u64 start = rdtsc();
	u64 cycles = (u64)usecs * khz / 1000;

	while (rdtsc() - start < cycles)
		cpu_relax();
}

static void delay_pit(unsigned long usecs)
{
	while (usecs) {
		unsigned int chunk = min_t(unsigned long, usecs, PIT_MAX_WAIT_US);
		u64 start = rdtsc();

		pit_wait_start(chunk);
		while (!pit_wait_done() &&
		       rdtsc() - start < (u64)chunk * TSC_MAX_CYCLES_PER_US)
			;
		usecs -= chunk;
	}
}

void udelay(unsigned long usecs)
{
	u64 khz = tsc_khz_get();

	if (khz)
		delay_tsc(usecs, khz);
	else
		delay_pit(usecs);
}
