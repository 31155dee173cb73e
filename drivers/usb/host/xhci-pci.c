/*
 * The xHCI controller on PCI, after Linux's drivers/usb/host/xhci-pci.c
 * and usb_add_hcd(): find it (class 0x0C0330), map its registers, take it
 * from the BIOS, reset it, set up its memory, route its interrupt as MSI
 * (or MSI-X) to the boot CPU and start it; then the root hub. Spindle
 * drives the first controller only.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <asm/io.h>
#include <asm/pci.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include "xhci.h"

static struct xhci_hcd xhci_hcd;
static bool xhci_running;	/* set before the first MSI can come */

static void xhci_msi_interrupt(struct pt_regs *regs)
{
	if (xhci_running)
		xhci_irq(&xhci_hcd);
	apic_eoi();
}

static int xhci_setup(struct xhci_hcd *xhci, struct pci_dev *pdev)
{
	u32 hcs1, hcc;
	int err;

	xhci->cap = pci_iomap(pdev, 0, 0);
	if (!xhci->cap)
		return -ENODEV;
	xhci->name = pdev->name;
	/* CAPLENGTH and HCIVERSION share a register: read it whole. */
	xhci->op = xhci->cap + (readl(xhci->cap + XHCI_CAPLENGTH) & 0xFF);
	xhci->run = xhci->cap + (readl(xhci->cap + XHCI_RTSOFF) & ~0x1F);
	xhci->db = xhci->cap + (readl(xhci->cap + XHCI_DBOFF) & ~0x3);
	hcs1 = readl(xhci->cap + XHCI_HCSPARAMS1);
	hcc = readl(xhci->cap + XHCI_HCCPARAMS1);
	xhci->max_slots = min_t(u32, HCS_MAX_SLOTS(hcs1), XHCI_MAX_SLOTS);
	xhci->max_ports = HCS_MAX_PORTS(hcs1);
	xhci->ctx_size = HCC_64BYTE_CONTEXT(hcc) ? 64 : 32;
	spin_lock_init(&xhci->lock);
	mutex_init(&xhci->cmd_mutex);
	init_completion(&xhci->cmd_done);
	pci_enable_device_mem(pdev);
	pci_set_master(pdev);
	xhci_bios_handoff(xhci->cap, xhci->name);
	err = xhci_reset(xhci);
	if (err)
		return err;
	err = xhci_mem_init(xhci);
	if (err) {
		pr_err("xhci_hcd %s: out of memory for the rings\n", xhci->name);
		return err;
	}
	pr_info("xhci_hcd %s: hcc params 0x%08x hci version 0x%x, %u ports, %u slots, "
		"%u-byte contexts\n", xhci->name, hcc, readl(xhci->cap + XHCI_CAPLENGTH) >> 16,
		xhci->max_ports, xhci->max_slots, xhci->ctx_size);
	return 0;
}

/* Linux's xhci_pci_probe() and usb_add_hcd(), for the first controller. */
static int __init xhci_hcd_init(void)
{
	struct pci_dev *pdev = pci_get_class(PCI_CLASS_SERIAL_USB_XHCI, NULL);
	struct xhci_hcd *xhci = &xhci_hcd;
	int err;

	if (!pdev)
		return 0;
	if (!apic_in_use()) {
		pr_warn("xhci_hcd %s: no local APIC for MSI; USB not used\n", pdev->name);
		return -ENODEV;
	}
	pr_info("xhci_hcd %s: xHCI Host Controller\n", pdev->name);
	err = xhci_setup(xhci, pdev);
	if (err)
		return err;
	set_system_vector(XHCI_MSI_VECTOR, xhci_msi_interrupt);
	if (pci_enable_msi_vector(pdev, XHCI_MSI_VECTOR, apic_id())) {
		pr_warn("xhci_hcd %s: no MSI or MSI-X capability; USB not used\n",
			xhci->name);
		return -ENODEV;
	}
	xhci_running = true;
	err = xhci_run(xhci);
	if (err)
		return err;
	xhci_root_ports_power_on(xhci);
	xhci_setup_port_arrays(xhci);
	for (int rh = 0; rh < 2; rh++) {
		if (!xhci_rh_nports(xhci, rh))
			continue;
		pr_info("xhci_hcd %s: new USB bus registered, assigned bus number %d\n",
			xhci->name, rh + 1);
		xhci->root[rh] = usb_root_hub(xhci, rh);
	}
	usb_hub_wait_initial_scan();
	for (struct pci_dev *d = pci_get_class(PCI_CLASS_SERIAL_USB_XHCI, pdev); d;
	     d = pci_get_class(PCI_CLASS_SERIAL_USB_XHCI, d))
		pr_info("xhci_hcd %s: a second xHCI controller; Spindle drives one\n", d->name);
	return 0;
}

late_initcall(xhci_hcd_init);
