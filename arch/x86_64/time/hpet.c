/*
 * The HPET's main counter as a clock source: a free-running counter of
 * at least 10 MHz in MMIO, found through the ACPI "HPET" table, whose
 * period (in femtoseconds) the capabilities register states, so no
 * calibration is needed. Its comparators are not used (the local APIC
 * timer or the PIT gives the tick). Mirrors hpet_enable(), hpet_counting()
 * and the "hpet" clocksource of Linux's arch/x86/kernel/hpet.c.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/clocksource.h>
#include <asm/acpi.h>
#include <asm/delay.h>
#include <asm/hpet.h>
#include <asm/io.h>
#include <asm/timer.h>

static volatile u8 *hpet_base;
static bool hpet_disabled;

/* "hpet=disable", as Linux: leaves the HPET alone. */
static int __init hpet_param(char *val)
{
	if (strcmp(val, "disable"))
		return -EINVAL;
	hpet_disabled = true;
	return 0;
}
early_param("hpet=", hpet_param);

static u64 hpet_read64(void)
{
	return readq(hpet_base + HPET_COUNTER);
}

static u64 hpet_last32;	/* a 32-bit counter widened: counter_extend() */

/* A 32-bit HPET wraps every 43 s at 100 MHz: widen it. */
static u64 hpet_read32(void)
{
	return counter_extend(&hpet_last32, readl(hpet_base + HPET_COUNTER),
			      CLOCKSOURCE_MASK(32));
}

static struct clocksource clocksource_hpet = {
	.name = "hpet",
	.rating = 250,
};

/* Maps the block the ACPI table describes; NULL (with a message) if none. */
static volatile u8 *hpet_map(void)
{
	const struct acpi_table_hpet *t = (const void *)acpi_get_table("HPET", 0);
	volatile u8 *base;

	if (!t || t->header.length < sizeof(*t)) {
		pr_info("hpet: no ACPI HPET table\n");
		return NULL;
	}
	if (t->address.space_id != ACPI_ADR_SPACE_SYSTEM_MEMORY || !t->address.address) {
		pr_warn("hpet: the HPET table gives no MMIO address\n");
		return NULL;
	}
	base = ioremap(t->address.address, 1024);
	if (base)
		pr_info("hpet: at MMIO 0x%llx\n", (unsigned long long)t->address.address);
	return base;
}

/* Linux's hpet_counting(): some boards ship an HPET that never counts. */
static bool hpet_counting(u64 (*read)(void))
{
	u64 start = read();

	udelay(100);
	return read() != start;
}

static bool hpet_registered;

const struct clocksource *hpet_reference(void)
{
	return hpet_registered ? &clocksource_hpet : NULL;
}

int hpet_enable(void)
{
	u64 id, period, cfg, hz;

	if (hpet_disabled) {
		pr_info("hpet: disabled by hpet=disable\n");
		return -ENODEV;
	}
	hpet_base = hpet_map();
	if (!hpet_base)
		return -ENODEV;
	id = readq(hpet_base + HPET_ID);
	period = id >> 32;
	if (!period || period > HPET_MAX_PERIOD_FS) {
		pr_warn("hpet: invalid period %llu fs; not used\n", (unsigned long long)period);
		return -ENODEV;
	}
	/* Start the counter; legacy replacement off so that the PIT's IRQ 0
	 * still reaches us if the PIT has to provide the tick. */
	cfg = readq(hpet_base + HPET_CFG);
	cfg = (cfg | HPET_CFG_ENABLE) & ~HPET_CFG_LEGACY;
	writeq(cfg, hpet_base + HPET_CFG);
	clocksource_hpet.read = id & HPET_ID_64BIT ? hpet_read64 : hpet_read32;
	clocksource_hpet.mask = CLOCKSOURCE_MASK(64);
	hpet_last32 = readl(hpet_base + HPET_COUNTER);
	if (!hpet_counting(clocksource_hpet.read)) {
		pr_warn("hpet: the counter does not count; not used\n");
		return -ENODEV;
	}
	hz = (FSEC_PER_SEC + period / 2) / period;
	pr_info("hpet: %llu comparators, %u-bit %llu.%06llu MHz counter\n",
		(unsigned long long)((id & HPET_ID_NUMBER_MASK) >> HPET_ID_NUMBER_SHIFT) + 1,
		id & HPET_ID_64BIT ? 64 : 32, (unsigned long long)(hz / 1000000),
		(unsigned long long)(hz % 1000000));
	clocksource_register_hz(&clocksource_hpet, hz);
	hpet_registered = true;
	return 0;
}
