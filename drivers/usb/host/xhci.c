/*
 * The xHCI host controller (USB 3 and earlier), after Linux's
 * drivers/usb/host/xhci.c: halt, reset and start the controller, and
 * give a device a slot, an address and endpoints (Address Device,
 * Evaluate Context, Configure Endpoint). The other parts, as in Linux:
 * xhci-mem.c (rings, contexts, the device context base array),
 * xhci-ring.c (commands, transfers, the event ring and the interrupt),
 * xhci-hub.c (the root hub's ports), xhci-pci.c (the PCI probe, MSI) and
 * pci-quirks.c (the BIOS handoff).
 *
 * Simplified: one controller, one event ring segment, rings of one page,
 * at most XHCI_MAX_SLOTS devices, no isochronous or bulk transfers, no
 * USB 3 link power management, no suspend. Every wait is bounded and
 * reported when it runs out. Locking: xhci->lock (irqsave) guards the
 * rings and devs[]; cmd_mutex serialises commands; commands and control
 * transfers sleep, so they run in the hub thread's work only.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include <asm/io.h>
#include <asm/page.h>
#include "xhci.h"

/**
 * xhci_handshake - wait until (*@reg & @mask) == @done, at most @usec
 * Return: 0, or -ETIMEDOUT (Linux's xhci_handshake()).
 */
int xhci_handshake(void *reg, u32 mask, u32 done, unsigned int usec)
{
	for (unsigned int waited = 0; ; waited += 10) {
		u32 v = readl(reg);

		if (v == ~0U)
			return -ENODEV;		/* the controller went away */
		if ((v & mask) == done)
			return 0;
		if (waited >= usec)
			return -ETIMEDOUT;
		udelay(10);
	}
}

static u32 xhci_speed_id(enum usb_device_speed speed)
{
	switch (speed) {
	case USB_SPEED_LOW:
		return XDEV_LS;
	case USB_SPEED_HIGH:
		return XDEV_HS;
	case USB_SPEED_SUPER:
		return XDEV_SS;
	default:
		return XDEV_FS;
	}
}

/* The slot context of @udev, with @last_dci context entries. */
static void xhci_fill_slot_ctx(struct usb_device *udev, u32 *slot, unsigned int last_dci)
{
	slot[0] = SLOT_ROUTE(udev->route) | SLOT_SPEED(xhci_speed_id(udev->speed)) |
		  LAST_CTX(last_dci) | (udev->maxchild ? SLOT_HUB : 0);
	slot[1] = ROOT_HUB_PORT(udev->root_port) | XHCI_MAX_PORTS(udev->maxchild);
	slot[2] = 0;
	slot[3] = 0;
}

/* Endpoint 0's largest packet before the descriptor says: Linux's
 * initial guess by speed. */
static u16 xhci_ep0_maxp(enum usb_device_speed speed)
{
	switch (speed) {
	case USB_SPEED_SUPER:
		return 512;
	case USB_SPEED_HIGH:
		return 64;
	default:
		return 8;
	}
}

/**
 * xhci_alloc_dev - give @udev a device slot and an address
 *
 * Enable Slot, then Address Device with the slot context (route string,
 * speed, root port) and endpoint 0 (Linux's xhci_alloc_dev() and
 * xhci_address_device()).
 * Context: the hub thread; sleeps. Return: 0 or a negative errno.
 */
int xhci_alloc_dev(struct usb_device *udev)
{
	struct xhci_hcd *xhci = udev->hcd;
	struct xhci_virt_device *vdev;
	u32 slot_id = 0, *ctrl, *ep0;
	int code;

	vdev = xhci_new_slot(xhci, &slot_id);
	if (!vdev)
		return -ENOSPC;
	vdev->udev = udev;
	udev->slot_id = slot_id;
	ctrl = vdev->in_ctx;
	ctrl[1] = 0x3;				/* add the slot and endpoint 0 */
	xhci_fill_slot_ctx(udev, xhci_ctx(xhci, vdev->in_ctx, 1), 1);
	ep0 = xhci_ctx(xhci, vdev->in_ctx, 2);
	ep0[1] = ERROR_COUNT(3) | EP_TYPE(CTRL_EP) | MAX_PACKET(xhci_ep0_maxp(udev->speed));
	*(u64 *)&ep0[2] = vdev->ep0.dma | EP_CTX_DCS;
	ep0[4] = EP_AVG_TRB_LENGTH(8);
	code = xhci_command(xhci, __pa(vdev->in_ctx),
			    TRB_TYPE(TRB_ADDR_DEV) | TRB_SLOT(slot_id), NULL);
	if (code != COMP_SUCCESS) {
		pr_err("usb %s: device not accepting address (xHCI code %d)\n",
		       udev->name, code);
		xhci_free_dev(udev);
		return -EIO;
	}
	return 0;
}

/* Linux's xhci_free_dev(): Disable Slot and free what the slot had. */
void xhci_free_dev(struct usb_device *udev)
{
	struct xhci_hcd *xhci = udev->hcd;

	if (!udev->slot_id)
		return;
	xhci_command(xhci, 0, TRB_TYPE(TRB_DISABLE_SLOT) | TRB_SLOT(udev->slot_id), NULL);
	xhci_free_virt_device(xhci, udev->slot_id);
	udev->slot_id = 0;
}

/* Endpoint 0's max packet size differs from the guess (a full-speed
 * device said 64): Evaluate Context, as Linux's xhci_check_maxpacket(). */
int xhci_update_ep0_maxp(struct usb_device *udev, u16 maxp)
{
	struct xhci_hcd *xhci = udev->hcd;
	struct xhci_virt_device *vdev = xhci->devs[udev->slot_id];
	u32 *ctrl = vdev->in_ctx, *ep0 = xhci_ctx(xhci, vdev->in_ctx, 2);
	int code;

	memset(vdev->in_ctx, 0, 4096);
	ctrl[1] = 0x2;
	ep0[1] = ERROR_COUNT(3) | EP_TYPE(CTRL_EP) | MAX_PACKET(maxp);
	code = xhci_command(xhci, __pa(vdev->in_ctx),
			    TRB_TYPE(TRB_EVAL_CONTEXT) | TRB_SLOT(udev->slot_id), NULL);
	return code == COMP_SUCCESS ? 0 : -EIO;
}

/* Linux's xhci_get_endpoint_interval() for interrupt endpoints: the
 * exponent of 125 us units. */
static u32 xhci_int_interval(enum usb_device_speed speed, u8 binterval)
{
	u32 exp = 3;

	if (speed >= USB_SPEED_HIGH)
		return binterval ? min_t(u32, binterval, 16) - 1 : 0;
	/* Full and low speed: bInterval frames of 1 ms = 8 units of 125 us. */
	while (exp < 10 && (2U << exp) <= (u32)binterval * 8)
		exp++;
	return exp;
}

/**
 * xhci_enable_int_ep - Configure Endpoint for an interrupt IN endpoint
 * @complete: called from the interrupt for each finished transfer
 *
 * Context: the hub thread; sleeps. Return: 0 or a negative errno.
 */
int xhci_enable_int_ep(struct usb_device *udev, const struct usb_endpoint_descriptor *desc,
		       usb_complete_t complete)
{
	struct xhci_hcd *xhci = udev->hcd;
	struct xhci_virt_device *vdev = xhci->devs[udev->slot_id];
	unsigned int dci = (desc->bEndpointAddress & 0xF) * 2 + 1;
	u16 maxp = desc->wMaxPacketSize & 0x7FF;
	struct xhci_ep *ep;
	u32 *ctrl, *epctx;
	int code;

	if (!vdev || !(desc->bEndpointAddress & USB_DIR_IN) || dci >= 32)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep || xhci_ring_init(&ep->ring)) {
		kfree(ep);
		return -ENOMEM;
	}
	ep->complete = complete;
	memset(vdev->in_ctx, 0, 4096);
	ctrl = vdev->in_ctx;
	ctrl[1] = 1 | 1U << dci;
	xhci_fill_slot_ctx(udev, xhci_ctx(xhci, vdev->in_ctx, 1), dci);
	epctx = xhci_ctx(xhci, vdev->in_ctx, dci + 1);
	epctx[0] = EP_INTERVAL(xhci_int_interval(udev->speed, desc->bInterval));
	epctx[1] = ERROR_COUNT(3) | EP_TYPE(INT_IN_EP) | MAX_PACKET(maxp);
	*(u64 *)&epctx[2] = ep->ring.dma | EP_CTX_DCS;
	epctx[4] = EP_AVG_TRB_LENGTH(maxp) | EP_MAX_ESIT_PAYLOAD_LO(maxp);
	vdev->eps[dci] = ep;
	code = xhci_command(xhci, __pa(vdev->in_ctx),
			    TRB_TYPE(TRB_CONFIG_EP) | TRB_SLOT(udev->slot_id), NULL);
	if (code != COMP_SUCCESS) {
		pr_err("usb %s: Configure Endpoint 0x%02x failed (xHCI code %d)\n",
		       udev->name, desc->bEndpointAddress, code);
		vdev->eps[dci] = NULL;
		xhci_ring_free(&ep->ring);
		kfree(ep);
		return -EIO;
	}
	return 0;
}

/* Linux's xhci_halt() and xhci_reset(). */
int xhci_reset(struct xhci_hcd *xhci)
{
	xhci_op_write(xhci, XHCI_USBCMD, xhci_op_read(xhci, XHCI_USBCMD) & ~CMD_RUN);
	if (xhci_handshake(xhci->op + XHCI_USBSTS, STS_HALT, STS_HALT, XHCI_HANDSHAKE_US)) {
		pr_err("xhci_hcd %s: Host halt failed\n", xhci->name);
		return -ETIMEDOUT;
	}
	xhci_op_write(xhci, XHCI_USBCMD, CMD_RESET);
	if (xhci_handshake(xhci->op + XHCI_USBCMD, CMD_RESET, 0, 10 * XHCI_HANDSHAKE_US) ||
	    xhci_handshake(xhci->op + XHCI_USBSTS, STS_CNR, 0, 10 * XHCI_HANDSHAKE_US)) {
		pr_err("xhci_hcd %s: Host reset failed\n", xhci->name);
		return -ETIMEDOUT;
	}
	return 0;
}

int xhci_run(struct xhci_hcd *xhci)
{
	void *ir = xhci->run + XHCI_IR0;

	writel(4000, ir + IR_IMOD);		/* at most one interrupt per ms */
	writel(IMAN_IE | IMAN_IP, ir + IR_IMAN);
	xhci_op_write(xhci, XHCI_USBCMD, CMD_RUN | CMD_EIE);
	if (xhci_handshake(xhci->op + XHCI_USBSTS, STS_HALT, 0, XHCI_HANDSHAKE_US)) {
		pr_err("xhci_hcd %s: the controller does not start\n", xhci->name);
		return -ETIMEDOUT;
	}
	return 0;
}
