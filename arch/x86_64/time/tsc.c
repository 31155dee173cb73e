/*
 * The time stamp counter: a 64-bit counter of CPU clock cycles, read in
 * a few nanoseconds with rdtsc. Its rate is found from CPUID leaf 0x15
 * (or 0x16) when the CPU reports it, else measured against the HPET (or
 * the PIT's channel 2 when there is no HPET). It becomes the clock source (rating 300) only when invariant
 * (CPUID 0x80000007 EDX bit 8): otherwise its rate may follow P-states
 * and stop in deep C-states. Mirrors tsc_init(), native_calibrate_tsc()
 * and quick_pit_calibrate() in Linux's arch/x86/kernel/tsc.c, without the
 * watchdog that keeps checking the TSC against the HPET afterwards.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/clocksource.h>
#include <linux/sched/clock.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <asm/processor.h>
#include <asm/timer.h>

#define CPUID_1_EDX_TSC (1U << 4)
#define CPUID_80000007_EDX_INVTSC (1U << 8)
#define CALIBRATE_US 30000	/* one PIT channel 2 run (at most ~54 ms) */
#define REF_CALIBRATE_US 10000	/* against the HPET: Linux's 10 ms */

static u64 tsc_khz;
static bool tsc_reliable;
/* sched_clock()'s scale: ns = cycles * cyc2ns_mul >> CYC2NS_SHIFT; 0
 * until the TSC's rate is known. */
static u64 cyc2ns_mul;
#define CYC2NS_SHIFT 32

/*
 * "tsc=reliable": use the TSC as clock source even when CPUID does not
 * call it invariant (in Linux it also skips the TSC watchdog). Emulators
 * like QEMU's TCG never set the invariant bit, though their TSC is steady.
 */
static int __init tsc_param(char *val)
{
	if (strcmp(val, "reliable"))
		return -EINVAL;
	tsc_reliable = true;
	return 0;
}
early_param("tsc=", tsc_param);

u64 tsc_khz_get(void)
{
	return tsc_khz;
}

/**
 * sched_clock - nanoseconds since the kernel's first instruction
 *
 * The TSC scaled by one multiply, as Linux's native_sched_clock() with
 * its cyc2ns: the scheduler reads it on every wake-up and switch, and
 * needs neither the clock source's indirect call nor its bookkeeping.
 * Before the TSC's rate is known (and without a TSC) it is the time of
 * day, ktime_get_ns(), which starts later: the clock only jumps forward.
 */
u64 sched_clock(void)
{
	u64 mul = READ_ONCE(cyc2ns_mul);

	if (unlikely(!mul))
		return ktime_get_ns();
	return (u64)(((unsigned __int128)(rdtsc() - boot_tsc) * mul) >> CYC2NS_SHIFT);
}

static u64 tsc_read(void)
{
	return rdtsc();
}

static struct clocksource clocksource_tsc = {
	.name = "tsc",
	.read = tsc_read,
	.mask = CLOCKSOURCE_MASK(64),
	.rating = 300,
};

static u32 cpuid_max(u32 leaf)
{
	u32 a, b, c, d;

	cpuid(leaf, &a, &b, &c, &d);
	return a;
}

/*
 * Leaf 0x15: TSC = crystal * EBX / EAX; leaf 0x16 EAX: base MHz, which
 * Linux's native_calibrate_tsc() takes when the crystal rate is missing.
 * Returns kHz, or 0 when the CPU does not say.
 */
static u64 cpuid_tsc_khz(void)
{
	u32 den, num, crystal_hz, d, base_mhz = 0, b, c;
	u32 max = cpuid_max(0);

	if (max < 0x15)
		return 0;
	cpuid(0x15, &den, &num, &crystal_hz, &d);
	if (max >= 0x16)
		cpuid(0x16, &base_mhz, &b, &c, &d);
	if (!den || !num)
		return 0;
	if (crystal_hz)
		return (u64)crystal_hz / 1000 * num / den;
	return (u64)base_mhz * 1000;
}

static bool tsc_invariant(void)
{
	u32 a, b, c, d;

	if (cpuid_max(0x80000000) < 0x80000007)
		return false;
	cpuid(0x80000007, &a, &b, &c, &d);
	return d & CPUID_80000007_EDX_INVTSC;
}

const struct clocksource *tsc_reference(void)
{
	return tsc_khz ? &clocksource_tsc : NULL;
}

/* A hardware clock source already running (the HPET) times the TSC in
 * one short run; jiffies (1 kHz) cannot. Returns kHz, 0 if there is none
 * or the run was disturbed. */
static u64 tsc_calibrate_against_clocksource(void)
{
	const struct clocksource *ref = clocksource_current();
	u64 khz;

	if (!ref || ref->freq_hz < 1000000)
		return 0;
	khz = ref_calibrate(tsc_read, ref, REF_CALIBRATE_US) / 1000;
	if (khz)
		pr_info("tsc: calibrated against the %s\n", ref->name);
	return khz;
}

/* The TSC rate in kHz from CPUID if plausible, else measured against the
 * HPET or the PIT; 0 if none works. */
static u64 tsc_find_khz(void)
{
	u64 khz = cpuid_tsc_khz();

	if (khz >= 100000 && khz <= 10000000) {		/* 100 MHz..10 GHz */
		pr_info("tsc: frequency from CPUID leaf 0x15/0x16\n");
		return khz;
	}
	khz = tsc_calibrate_against_clocksource();
	if (khz)
		return khz;
	khz = pit_calibrate(tsc_read, CALIBRATE_US) / 1000;
	if (khz)
		pr_info("tsc: calibrated against the PIT\n");
	return khz;
}

/**
 * tsc_init - find the TSC's rate and offer it as a clock source
 *
 * Context: time_init(), interrupts off. Afterwards tsc_khz_get() gives the
 * rate (0 if unknown) for udelay() and other calibrations.
 */
void tsc_init(void)
{
	u32 a, b, c, d;
	u64 khz;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & CPUID_1_EDX_TSC)) {
		pr_warn("tsc: no TSC (CPUID.1:EDX bit 4)\n");
		return;
	}
	khz = tsc_find_khz();
	if (!khz) {
		pr_warn("tsc: PIT calibration failed (no PIT?); TSC not used\n");
		return;
	}
	tsc_khz = khz;
	clocksource_tsc.freq_hz = khz * 1000;	/* for tsc_reference() */
	/* Linux's sched_clock() uses the TSC even when it is not invariant. */
	WRITE_ONCE(cyc2ns_mul, ((u64)NSEC_PER_MSEC << CYC2NS_SHIFT) / khz);
	pr_info("tsc: Detected %llu.%03llu MHz processor\n",
		(unsigned long long)(khz / 1000), (unsigned long long)(khz % 1000));
	if (!tsc_invariant()) {
		if (!tsc_reliable) {
			pr_info("tsc: not invariant (CPUID 0x80000007 EDX bit 8 clear): "
				"its rate may change with power states; not a clock source\n");
			return;
		}
		pr_info("tsc: not invariant, but tsc=reliable: used as clock source\n");
	}
	/* The TSC ran since the kernel's first instruction: time 0 is there. */
	clocksource_tsc.boot_cycles = boot_tsc;
	clocksource_register_hz(&clocksource_tsc, khz * 1000);
}
