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

/**
 * counter_extend - widen a short hardware counter to 64 bits
 * @last: the widened value last returned (start it at a raw reading)
 * @now: the counter's raw value, just read
 * @mask: the counter's width (CLOCKSOURCE_MASK(24) for a PM timer)
 *
 * The timekeeping core takes a clock source's read as monotonic and never
 * folds it, so a 24-bit PM timer (which wraps every 4.7 s) or a 32-bit
 * HPET (43 s) is widened here, lock-free, as Linux's clocksource layer
 * does by bounding the time between reads. It must be read at least once
 * per half wrap (the tick reads it every millisecond). A reading older
 * than another CPU's last one gives that one: time never goes back.
 * The compare-and-exchange is local until include/linux/atomic.h has
 * atomic64_try_cmpxchg().
 * Return: the widened value.
 */
static inline u64 counter_extend(u64 *last, u64 now, u64 mask)
{
	u64 old = __atomic_load_n(last, __ATOMIC_RELAXED);

	for (;;) {
		u64 delta = (now - old) & mask;

		if (delta > mask / 2)
			return old;
		if (__atomic_compare_exchange_n(last, &old, old + delta, false,
						__ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return old + delta;
	}
}

/* acpi_pm.c: the ACPI PM timer as clock source (rating 200) and as a
 * calibration reference; acpi_pm_reference() is NULL without one. */
int acpi_pm_init(void);
const struct clocksource *acpi_pm_reference(void);
/* hpet.c: the HPET's clock source once enabled, else NULL. */
const struct clocksource *hpet_reference(void);
/* calibrate.c: ref_calibrate() tried a few times; 0 if none
 * of them was clean. */
u64 ref_calibrate_retry(u64 (*read)(void), const struct clocksource *ref,
			unsigned int us);

#endif
