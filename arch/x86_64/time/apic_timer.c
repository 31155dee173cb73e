/*
 * The local APIC timer as the periodic tick. Its input is the APIC bus
 * (or core crystal) clock, whose rate no register tells, so it is first
 * measured: count down from 0xFFFFFFFF (divide by 16) while the TSC (or,
 * if its rate is unknown, the PIT's channel 2) measures a known interval. Then it runs periodic at HZ on
 * LOCAL_TIMER_VECTOR and the PIT's channel 0 is stopped. Mirrors
 * setup_boot_APIC_clock(), calibrate_APIC_clock() and
 * sysvec_apic_timer_interrupt() in Linux's arch/x86/kernel/apic/apic.c,
 * without clockevents: the timer always runs periodic.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/apic.h>
#include <asm/i8253.h>
#include <asm/irq.h>
#include <asm/timer.h>
#include <spindle/config.h>
#include <spindle/tick.h>

#define CALIBRATE_US 30000	/* one PIT channel 2 run (at most ~54 ms) */
/* Against the TSC 2 ms are plenty: the tick's rate only has to be close,
 * since jiffies follow the clock source, not the count of ticks. */
#define TSC_CALIBRATE_US 2000
#define APIC_DIVISOR 16

static u64 local_timer_irqs;

u64 apic_timer_irq_count(void)
{
	return local_timer_irqs;
}

/* EOI first: whatever the tick leads to later (a context switch) must
 * not hold up the next timer interrupt. */
static void apic_timer_interrupt(struct pt_regs *regs)
{
	local_timer_irqs++;
	apic_eoi();
	tick_periodic();
}

/* Counts up: the timer counts down from 0xFFFFFFFF during calibration. */
static u64 apic_timer_elapsed(void)
{
	return 0xFFFFFFFFU - apic_read(APIC_TMCCT);
}

/* The bus clock in Hz: the timer's rate (divided by 16) times 16,
 * measured against the TSC when its rate is known, else the PIT. */
static u64 calibrate_apic_clock(void)
{
	const struct clocksource *tsc = tsc_reference();
	u64 hz = 0;

	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, 0xFFFFFFFF);
	if (tsc)
		hz = ref_calibrate(apic_timer_elapsed, tsc, TSC_CALIBRATE_US);
	if (!hz)
		hz = pit_calibrate(apic_timer_elapsed, CALIBRATE_US);
	apic_write(APIC_TMICT, 0);
	return hz * APIC_DIVISOR;
}

/**
 * apic_timer_init - calibrate the local APIC timer and make it the tick
 *
 * Context: time_init(), interrupts off, after apic_init().
 * Return: 0 when the timer ticks at HZ; -ENODEV without a local APIC, -EIO
 * when calibration gave an implausible rate (the caller keeps the PIT).
 */
int apic_timer_init(void)
{
	u64 bus_hz;
	u32 count;

	if (!apic_in_use())
		return -ENODEV;
	bus_hz = calibrate_apic_clock();
	/* Real bus clocks run from tens of MHz to a few GHz. */
	if (bus_hz < 1000000 || bus_hz > 10000000000ULL) {
		pr_warn("APIC timer: calibration gave %llu Hz; using the PIT tick\n",
			(unsigned long long)bus_hz);
		return -EIO;
	}
	count = bus_hz / APIC_DIVISOR / HZ;
	set_system_vector(LOCAL_TIMER_VECTOR, apic_timer_interrupt);
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_TIMER_PERIODIC);
	apic_write(APIC_TMICT, count);
	pit_stop();
	pr_info("APIC timer: calibrated to %llu Hz bus clock; periodic tick at %d Hz\n",
		(unsigned long long)bus_hz, HZ);
	return 0;
}
