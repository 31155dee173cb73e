/*
 * Taking the xHCI controller from the firmware, after Linux's
 * drivers/usb/host/pci-quirks.c (quirk_usb_handoff_xhci()): the USB
 * legacy support capability is a semaphore between the BIOS, which may
 * drive a USB keyboard through SMIs until the OS starts, and the OS.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/io.h>
#include "xhci.h"

/*
 * USB legacy support (xHCI 7.1): while the BIOS owns the controller it
 * may be driving a keyboard through SMIs. Ask for it (OS-owned
 * semaphore), wait up to a second for the BIOS to let go, then turn its
 * SMIs off; a BIOS that never answers is overruled, as Linux's
 * quirk_usb_handoff_xhci() does.
 */
static int xhci_legacy_handoff(void *legsup, const char *name)
{
	u32 val = readl(legsup);
	int ret = 0;

	writel(val | XHCI_HC_OS_OWNED, legsup);
	if (val & XHCI_HC_BIOS_OWNED) {
		ret = xhci_handshake(legsup, XHCI_HC_BIOS_OWNED, 0, XHCI_HANDSHAKE_US);
		if (ret) {
			pr_warn("xhci_hcd %s: xHCI BIOS handoff failed (BIOS bug?) %08x\n",
				name, readl(legsup));
			writel(readl(legsup) & ~XHCI_HC_BIOS_OWNED, legsup);
		} else {
			pr_info("xhci_hcd %s: took the controller from the BIOS\n", name);
		}
	}
	/* SMI enables off; the status bits are write-1-to-clear. */
	val = readl(legsup + XHCI_LEGACY_CONTROL_OFFSET);
	writel((val & ~XHCI_LEGACY_DISABLE_SMI) | XHCI_LEGACY_SMI_EVENTS,
	       legsup + XHCI_LEGACY_CONTROL_OFFSET);
	return ret;
}

/**
 * xhci_bios_handoff - find the USB legacy support capability and take
 * the controller from the BIOS
 * @cap: the capability registers
 * @name: for messages
 *
 * Context: probe, before the reset; spins up to a second.
 * Return: 0 (taken, or no legacy capability), or -ETIMEDOUT when the BIOS
 * did not let go and was overruled.
 */
int xhci_bios_handoff(void *cap, const char *name)
{
	u32 off = HCC_EXT_CAPS(readl(cap + XHCI_HCCPARAMS1)) * 4;

	for (int ttl = 64; off && ttl; ttl--) {
		u32 val = readl(cap + off);

		if ((val & 0xFF) == XHCI_EXT_CAPS_LEGACY)
			return xhci_legacy_handoff(cap + off, name);
		if (!((val >> 8) & 0xFF))
			break;
		off += ((val >> 8) & 0xFF) * 4;
	}
	return 0;
}
