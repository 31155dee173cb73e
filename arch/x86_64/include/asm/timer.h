/* Time sources of the x86 machine (arch/x86_64/time/). */
#ifndef _ASM_TIMER_H
#define _ASM_TIMER_H

#include <linux/types.h>

/* Calibrates the TSC and registers it as a clock source when reliable. */
void tsc_init(void);
/* TSC ticks per second, 0 if unknown. */
u64 tsc_khz_get(void);

#endif
