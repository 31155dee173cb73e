/*
 * The local APIC timer as the periodic tick. Its input is the APIC bus
 * (or core crystal) clock, whose rate no register tells, so it is first
 * taken from CPUID leaf 0x15's crystal, or measured: count down from
 * 0xFFFFFFFF (divide by 16) while the TSC (or, if its rate is unknown,
 * the ACPI PM timer, the PIT's channel 2 or the HPET) measures a known
 * interval. Then it runs periodic at HZ on
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
#include <linux/sched.h>
#include <spindle/config.h>
#include <spindle/tick.h>

#define CALIBRATE_US 30000	/* one PIT channel 2 run (at most ~54 ms) */
/* Against the TSC 2 ms are plenty: the tick's rate only has to be close,
 * since jiffies follow the clock source, not the count of ticks. */
#define TSC_CALIBRATE_US 2000
#define REF_CALIBRATE_US 10000	/* against the PM timer or the HPET */
#define APIC_DIVISOR 16

static u64 local_timer_irqs[NR_CPUS];
static u32 apic_timer_count;	/* initial count for HZ, 0: not calibrated */

u64 apic_timer_irq_count(unsigned int cpu)
{
	return READ_ONCE(local_timer_irqs[cpu]);
}

/* EOI first: whatever the tick leads to later (a context switch) must
 * not hold up the next timer interrupt. */
static void apic_timer_interrupt(struct pt_regs *regs)
{
	local_timer_irqs[smp_processor_id()]++;
	apic_eoi();
	tick_periodic();
}

/* Counts up: the timer counts down from 0xFFFFFFFF during calibration. */
static u64 apic_timer_elapsed(void)
{
	return 0xFFFFFFFFU - apic_read(APIC_TMCCT);
}

/*
 * CPUID leaf 0x15 ECX: the core crystal clock, which on CPUs that report
 * it also drives the local APIC timer (Linux's native_calibrate_tsc()
 * sets lapic_timer_period from it). 0 when not reported.
 */
static u64 apic_crystal_hz(void)
{
	u32 max, b, c, d, den, num, crystal_hz;

	cpuid(0, &max, &b, &c, &d);
	if (max < 0x15)
		return 0;
	cpuid(0x15, &den, &num, &crystal_hz, &d);
	return crystal_hz;
}

/* The timer's rate (divided by 16) against @ref, NULL-safe. */
static u64 apic_timer_against(const struct clocksource *ref, unsigned int us)
{
	return ref ? ref_calibrate_retry(apic_timer_elapsed, ref, us) : 0;
}

/*
 * The bus clock in Hz: from CPUID's crystal when given, else the timer's
 * rate (divided by 16) times 16, measured against the TSC when its rate
 * is known, else the PM timer, the PIT or the HPET.
 */
static u64 calibrate_apic_clock(void)
{
	u64 hz = apic_crystal_hz();
	const char *by = "CPUID leaf 0x15 crystal";

	if (hz)
		goto out;
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, 0xFFFFFFFF);
	if ((hz = apic_timer_against(tsc_reference(), TSC_CALIBRATE_US)))
		by = "TSC";
	else if ((hz = apic_timer_against(acpi_pm_reference(), REF_CALIBRATE_US)))
		by = "PM timer";
	else if ((hz = pit_calibrate(apic_timer_elapsed, CALIBRATE_US)))
		by = "PIT";
	else if ((hz = apic_timer_against(hpet_reference(), REF_CALIBRATE_US)))
		by = "HPET";
	apic_write(APIC_TMICT, 0);
	hz *= APIC_DIVISOR;
out:
	if (hz)
		pr_info("APIC timer: calibrated against the %s\n", by);
	return hz;
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
	apic_timer_count = count;
	pit_stop();
	pr_info("APIC timer: calibrated to %llu Hz bus clock; periodic tick at %d Hz\n",
		(unsigned long long)bus_hz, HZ);
	return 0;
}

/**
 * apic_timer_setup_secondary - this CPU's tick, at the boot CPU's rate
 *
 * Every local APIC timer runs from the same bus clock, so the boot CPU's
 * calibration serves all, as Linux's setup_secondary_APIC_clock(). When
 * the boot CPU kept the PIT, the other CPUs get no tick of their own.
 * Context: start_secondary(), interrupts off.
 */
void apic_timer_setup_secondary(void)
{
	if (!apic_timer_count)
		return;
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_TIMER_PERIODIC);
	apic_write(APIC_TMICT, apic_timer_count);
}
