/* Time sources of the x86 machine (arch/x86_64/time/). */
#ifndef _ASM_TIMER_H
#define _ASM_TIMER_H

#include <linux/types.h>

/* The TSC at the kernel's first C instruction (head64.c): a TSC clock
 * source passes it on as boot_cycles, so time counts from there. */
extern u64 boot_tsc;

/* Calibrates the TSC and registers it as a clock source when invariant
 * (or when tsc=reliable says so). */
void tsc_init(void);
/* The TSC's rate in kHz (Linux's tsc_khz), 0 if unknown. */
u64 tsc_khz_get(void);

/* calibrate.c: a counter's rate in Hz measured against the PIT, 0 if
 * the PIT does not work. @read must count up. */
u64 pit_calibrate(u64 (*read)(void), unsigned int us);
/* The same against a running clock source of known rate, in one run of
 * @us; 0 if the reference stalled or the reads were too disturbed. */
struct clocksource;
u64 ref_calibrate(u64 (*read)(void), const struct clocksource *ref, unsigned int us);
/* The TSC as a reference for other calibrations once its rate is known,
 * whether or not it became the clock source; NULL before that. */
const struct clocksource *tsc_reference(void);

#endif
