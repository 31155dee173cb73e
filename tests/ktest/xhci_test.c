/*
 * In-kernel tests of the xHCI driver's BIOS handoff (drivers/usb/host/
 * xhci.c: xhci_bios_handoff()), which QEMU cannot exercise: its xHCI has
 * no USB legacy support capability. A page of memory plays the
 * controller's capability registers - HCCPARAMS1 pointing at a
 * protocol capability and then a legacy support one - and a timer plays
 * the BIOS that lets go of the controller.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <asm/io.h>
#include <spindle/ktest.h>
#include "../../drivers/usb/host/xhci.h"

#define LEGSUP 0x100		/* where the fake legacy capability sits */
#define PROTO 0x80		/* a supported-protocol capability before it */

static void *fake_cap(bool bios_owned)
{
	void *cap = (void *)get_zeroed_page(GFP_KERNEL);

	if (!cap)
		return NULL;
	writel((PROTO / 4) << 16, cap + XHCI_HCCPARAMS1);
	writel(2 | ((LEGSUP - PROTO) / 4) << 8, cap + PROTO);	/* id 2, next */
	writel(XHCI_EXT_CAPS_LEGACY | (bios_owned ? XHCI_HC_BIOS_OWNED : 0), cap + LEGSUP);
	/* SMIs on, as a BIOS driving a USB keyboard leaves them. */
	writel(0x7 << 1 | 0xFF << 5 | 0x7 << 17 | 1, cap + LEGSUP + XHCI_LEGACY_CONTROL_OFFSET);
	return cap;
}

static void check_smis_off(struct ktest *t, void *cap)
{
	u32 ctl = readl(cap + LEGSUP + XHCI_LEGACY_CONTROL_OFFSET);

	KTEST_EXPECT_EQ(t, ctl & XHCI_LEGACY_DISABLE_SMI, 0);
	KTEST_EXPECT_EQ(t, ctl & 1, 1);		/* other bits kept */
}

static void *bios_cap;

static void bios_lets_go(struct timer_list *timer)
{
	writel(readl(bios_cap + LEGSUP) & ~XHCI_HC_BIOS_OWNED, bios_cap + LEGSUP);
}

static void handoff_waits_for_the_bios(struct ktest *t)
{
	struct timer_list bios;

	bios_cap = fake_cap(true);
	KTEST_ASSERT_TRUE(t, bios_cap);
	timer_setup(&bios, bios_lets_go, 0);
	mod_timer(&bios, jiffies + msecs_to_jiffies(20));
	KTEST_EXPECT_EQ(t, xhci_bios_handoff(bios_cap, "ktest"), 0);
	del_timer_sync(&bios);
	KTEST_EXPECT_EQ(t, readl(bios_cap + LEGSUP) & (XHCI_HC_BIOS_OWNED | XHCI_HC_OS_OWNED),
			XHCI_HC_OS_OWNED);
	check_smis_off(t, bios_cap);
	free_page((unsigned long)bios_cap);
}

static void handoff_overrules_a_silent_bios(struct ktest *t)
{
	void *cap = fake_cap(true);

	KTEST_ASSERT_TRUE(t, cap);
	KTEST_EXPECT_EQ(t, xhci_bios_handoff(cap, "ktest"), -ETIMEDOUT);
	KTEST_EXPECT_EQ(t, readl(cap + LEGSUP) & (XHCI_HC_BIOS_OWNED | XHCI_HC_OS_OWNED),
			XHCI_HC_OS_OWNED);
	check_smis_off(t, cap);
	free_page((unsigned long)cap);
}

static void handoff_claims_an_unowned_controller(struct ktest *t)
{
	void *cap = fake_cap(false);

	KTEST_ASSERT_TRUE(t, cap);
	KTEST_EXPECT_EQ(t, xhci_bios_handoff(cap, "ktest"), 0);
	KTEST_EXPECT_TRUE(t, readl(cap + LEGSUP) & XHCI_HC_OS_OWNED);
	check_smis_off(t, cap);
	free_page((unsigned long)cap);
}

static void no_legacy_capability_is_fine(struct ktest *t)
{
	void *cap = fake_cap(true);

	KTEST_ASSERT_TRUE(t, cap);
	writel(2, cap + PROTO);		/* the list ends before the legacy one */
	KTEST_EXPECT_EQ(t, xhci_bios_handoff(cap, "ktest"), 0);
	KTEST_EXPECT_EQ(t, readl(cap + LEGSUP) & XHCI_HC_OS_OWNED, 0);
	free_page((unsigned long)cap);
}

static const struct ktest_case xhci_cases[] = {
	KTEST_CASE(handoff_waits_for_the_bios),
	KTEST_CASE(handoff_overrules_a_silent_bios),
	KTEST_CASE(handoff_claims_an_unowned_controller),
	KTEST_CASE(no_legacy_capability_is_fine),
	{}
};

static const struct ktest_suite xhci_suite = {
	.name = "xhci",
	.cases = xhci_cases,
};
ktest_register_suite(xhci_suite);
