/*
 * The time stamp counter: a 64-bit counter of CPU clock cycles, read in
 * a few nanoseconds with rdtsc. Its rate is found from CPUID leaf 0x15
 * (or 0x16) when the CPU reports it, else measured against the ACPI PM
 * timer, the PIT's channel 2 or the HPET, whichever answers first, and
 * cross-checked against the next one (a PC may lack the PIT and the HPET;
 * the PM timer is the one every ACPI PC has). It becomes the clock source (rating 300) only when invariant
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

/*
 * The references a TSC can be measured against, in the order they are
 * tried (after CPUID): the ACPI PM timer, which every ACPI PC has, then
 * the PIT, then the HPET. Names as in Linux's messages.
 */
enum tsc_ref { TSC_REF_PMTIMER, TSC_REF_PIT, TSC_REF_HPET, NR_TSC_REFS };

static const char *const tsc_ref_name[NR_TSC_REFS] = { "PM timer", "PIT", "HPET" };

/* The TSC's rate in kHz against reference @r; 0 if it is absent or failed. */
static u64 tsc_calibrate_with(enum tsc_ref r)
{
	const struct clocksource *ref = NULL;

	switch (r) {
	case TSC_REF_PMTIMER:
		ref = acpi_pm_reference();
		break;
	case TSC_REF_PIT:
		return pit_calibrate(tsc_read, CALIBRATE_US) / 1000;
	case TSC_REF_HPET:
		ref = hpet_reference();
		break;
	default:
		break;
	}
	return ref ? ref_calibrate_retry(tsc_read, ref, REF_CALIBRATE_US) / 1000 : 0;
}

/* Two measurements agree when they differ by less than 1% (Linux's
 * check of the PIT against the HPET or PM timer allows 10%). */
static bool tsc_khz_agree(u64 a, u64 b)
{
	return (a > b ? a - b : b - a) * 100 < max(a, b);
}

/*
 * Measures the TSC against another reference than @skip (the one that
 * gave @khz; NR_TSC_REFS for CPUID) and says whether the two agree.
 * The clock sources come first: one 10 ms run each, where the PIT takes
 * three of 30 ms. Keeps @khz either way: the first source in the order
 * is the more trusted.
 */
static void tsc_cross_check(u64 khz, const char *what, enum tsc_ref skip)
{
	static const enum tsc_ref order[] = { TSC_REF_HPET, TSC_REF_PMTIMER, TSC_REF_PIT };

	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++) {
		enum tsc_ref r = order[i];
		u64 other = r == skip ? 0 : tsc_calibrate_with(r);

		if (!other)
			continue;
		if (tsc_khz_agree(khz, other))
			pr_info("tsc: %s calibration matches %s (%llu vs %llu kHz)\n",
				what, tsc_ref_name[r], (unsigned long long)khz,
				(unsigned long long)other);
		else
			pr_warn("tsc: %s calibration deviates from %s: %llu vs %llu kHz; "
				"keeping %s\n", what, tsc_ref_name[r],
				(unsigned long long)khz, (unsigned long long)other, what);
		return;
	}
	pr_info("tsc: no second reference to cross-check the %s calibration\n", what);
}

/*
 * The TSC rate in kHz: from CPUID leaf 0x15/0x16 when it gives one, else
 * measured against the PM timer, the PIT or the HPET, in that order; the
 * result is checked against another source that works. 0 if none does.
 */
static u64 tsc_find_khz(void)
{
	u64 khz = cpuid_tsc_khz();

	if (khz >= 100000 && khz <= 10000000) {		/* 100 MHz..10 GHz */
		pr_info("tsc: frequency from CPUID leaf 0x15/0x16\n");
		tsc_cross_check(khz, "CPUID", NR_TSC_REFS);
		return khz;
	}
	for (enum tsc_ref r = 0; r < NR_TSC_REFS; r++) {
		khz = tsc_calibrate_with(r);
		if (!khz)
			continue;
		pr_info("tsc: Fast TSC calibration using %s\n", tsc_ref_name[r]);
		tsc_cross_check(khz, tsc_ref_name[r], r);
		return khz;
	}
	return 0;
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
		pr_warn("tsc: Fast TSC calibration failed: no PM timer, PIT or HPET "
			"answered; TSC not used\n");
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
