/* Busy-wait delays for arch code (arch/x86_64/time/delay.c). */
#ifndef _ASM_DELAY_H
#define _ASM_DELAY_H

/**
 * udelay - spin for at least @usecs microseconds
 *
 * Uses the TSC once tsc_init() has calibrated it, the PIT's channel 2
 * before. Context: any; interrupts may be off. Meant for short waits.
 */
void udelay(unsigned long usecs);

static inline void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}

#endif
