/* Time sources of the x86 machine (arch/x86_64/time/). */
#ifndef _ASM_TIMER_H
#define _ASM_TIMER_H

#include <linux/types.h>

/* The TSC at the kernel's first C instruction (head64.c): a TSC clock
 * source passes it on as boot_cycles, so time counts from there. */
extern u64 boot_tsc;

/* Calibrates the TSC and registers it as a clock source when reliable. */
void tsc_init(void);
/* TSC ticks per second, 0 if unknown. */
u64 tsc_khz_get(void);

#endif
