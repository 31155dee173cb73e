/*
 * The ACPI power management timer: a counter at 3.579545 MHz, 24 bits
 * wide (32 when the FADT's TMR_VAL_EXT flag says so), at the I/O port the
 * FADT's PM_TMR_BLK (or X_PM_TMR_BLK) names. Every ACPI PC has one, also
 * those without a PIT or an HPET, so it is the reference that calibrates
 * the TSC and the local APIC timer there, and a clock source (rating 200,
 * below the HPET) for the time of day. Mirrors Linux's
 * drivers/clocksource/acpi_pm.c (init_acpi_pm_clocksource()), without its
 * quirks for chipsets whose reads need repeating.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/clocksource.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/timer.h>

#define PMTMR_TICKS_PER_SEC 3579545
/* Reads until the counter must have moved: a read takes about 1 us on a
 * PC and the counter ticks every 279 ns, so a few would do. */
#define PMTMR_CHECK_READS 100000

static u16 pmtmr_ioport;
static u32 pmtmr_mask;		/* 24 or 32 bits */
static bool pmtmr_registered;
static u64 pmtmr_last;		/* widened to 64 bits: counter_extend() */
static bool pmtmr_override;
static u16 pmtmr_override_port;

/* "pmtmr=PORT" (hex), Linux's parse_pmtmr(): the PM timer's I/O port
 * instead of the FADT's; pmtmr=0 means no PM timer. */
static int __init pmtmr_param(char *val)
{
	unsigned int port;

	if (kstrtouint(val, 16, &port) || port > 0xFFFC) {
		pr_warn("PMTMR: invalid 'pmtmr=' value: '%s'\n", val);
		return -EINVAL;
	}
	pmtmr_override = true;
	pmtmr_override_port = port;
	return 0;
}
early_param("pmtmr=", pmtmr_param);

static u32 acpi_pm_read_raw(void)
{
	return inl(pmtmr_ioport) & pmtmr_mask;
}

static u64 acpi_pm_read(void)
{
	return counter_extend(&pmtmr_last, acpi_pm_read_raw(), pmtmr_mask);
}

static struct clocksource clocksource_acpi_pm = {
	.name = "acpi_pm",
	.read = acpi_pm_read,
	.mask = CLOCKSOURCE_MASK(64),
	.rating = 200,
};

/* Linux's "verify that the PM timer counts": a port that reads a
 * constant (or all ones, nothing there) is no timer. */
static bool acpi_pm_counting(void)
{
	u32 first = acpi_pm_read_raw();

	for (int i = 0; i < PMTMR_CHECK_READS; i++)
		if (acpi_pm_read_raw() != first)
			return true;
	return false;
}

/**
 * acpi_pm_init - find the ACPI PM timer and register it as a clock source
 *
 * Context: time_init(), after the FADT was read; before tsc_init(), which
 * calibrates against it.
 * Return: 0, or -ENODEV without a usable PM timer (reported).
 */
int acpi_pm_init(void)
{
	const struct acpi_fadt_info *fadt = acpi_fadt();
	const struct acpi_generic_address *blk = fadt ? &fadt->pm_timer : NULL;
	struct acpi_generic_address forced = { .space_id = ACPI_ADR_SPACE_SYSTEM_IO };

	if (pmtmr_override) {
		pr_info("PMTMR IOPort override: 0x%04llx -> 0x%04x\n",
			blk ? (unsigned long long)blk->address : 0ULL, pmtmr_override_port);
		forced.address = pmtmr_override_port;
		blk = &forced;
	}
	if (!blk || !blk->address) {
		pr_info("clocksource: acpi_pm: no PM timer%s\n",
			pmtmr_override ? " (pmtmr=0)" : " in the FADT");
		return -ENODEV;
	}
	if (blk->space_id != ACPI_ADR_SPACE_SYSTEM_IO || blk->address > 0xFFFC) {
		pr_warn("clocksource: acpi_pm: PM timer at 0x%llx is not an I/O port; "
			"not used\n", (unsigned long long)blk->address);
		return -ENODEV;
	}
	pmtmr_ioport = blk->address;
	pmtmr_mask = CLOCKSOURCE_MASK(fadt && (fadt->flags & ACPI_FADT_32BIT_TIMER) ?
				      32 : 24);
	if (!acpi_pm_counting()) {
		pr_warn("clocksource: acpi_pm: PM timer at I/O 0x%x does not count; "
			"not used\n", pmtmr_ioport);
		return -ENODEV;
	}
	pmtmr_last = acpi_pm_read_raw();
	pr_info("clocksource: acpi_pm: mask: 0x%x, %u Hz, I/O 0x%x\n", pmtmr_mask,
		PMTMR_TICKS_PER_SEC, pmtmr_ioport);
	clocksource_register_hz(&clocksource_acpi_pm, PMTMR_TICKS_PER_SEC);
	pmtmr_registered = true;
	return 0;
}

const struct clocksource *acpi_pm_reference(void)
{
	return pmtmr_registered ? &clocksource_acpi_pm : NULL;
}
