/*
 * The xHCI host controller (USB 3 and earlier), after Linux's
 * drivers/usb/host/xhci.c, xhci-mem.c, xhci-ring.c, xhci-hub.c, xhci-pci.c
 * and the handoff of pci-quirks.c. The controller is found on PCI
 * (class 0x0C0330), taken from the firmware (USB legacy support
 * handoff), reset, and given its data structures: the device context
 * base array, a command ring, one event ring and interrupter 0, which
 * signals by MSI. The interrupt handler (xhci_irq()) consumes events:
 * command completions and control transfers wake the thread waiting for
 * them, interrupt transfers call their driver (the keyboard's reports),
 * port changes queue the hub thread's work (hub.c).
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
#include <linux/init.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pci.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include "xhci.h"

#define XHCI_CMD_TIMEOUT_MS 3000	/* a loaded emulator can be slow */
#define XHCI_HANDSHAKE_US 1000000

static struct xhci_hcd xhci_hcd;
static bool xhci_running;

static u32 xhci_op_read(struct xhci_hcd *xhci, u32 reg)
{
	return readl(xhci->op + reg);
}

static void xhci_op_write(struct xhci_hcd *xhci, u32 reg, u32 val)
{
	writel(val, xhci->op + reg);
}

/* A 64-bit register as two 32-bit writes, low first (for controllers
 * without 64-bit access; the xHCI spec allows either). */
static void xhci_write_64(u64 val, void *reg)
{
	writel((u32)val, reg);
	writel(val >> 32, reg + 4);
}

/**
 * xhci_handshake - wait until (*@reg & @mask) == @done, at most @usec
 * Return: 0, or -ETIMEDOUT (Linux's xhci_handshake()).
 */
static int xhci_handshake(void *reg, u32 mask, u32 done, unsigned int usec)
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

/* ---- memory: rings and contexts, one zeroed page each ---- */

static void *xhci_page(phys_addr_t *dma)
{
	void *p = (void *)get_zeroed_page(GFP_KERNEL);

	if (p && dma)
		*dma = __pa(p);
	return p;
}

static int xhci_ring_init(struct xhci_ring *ring)
{
	struct xhci_trb *link;

	ring->trbs = xhci_page(&ring->dma);
	if (!ring->trbs)
		return -ENOMEM;
	ring->enqueue = 0;
	ring->cycle = 1;
	link = &ring->trbs[TRBS_PER_RING - 1];
	link->param = ring->dma;
	link->control = TRB_TYPE(TRB_LINK) | TRB_LINK_TOGGLE;
	return 0;
}

static void xhci_ring_free(struct xhci_ring *ring)
{
	if (ring->trbs)
		free_page((unsigned long)ring->trbs);
	ring->trbs = NULL;
}

/*
 * Puts one TRB on @ring, the cycle bit written last so the controller
 * never sees half a TRB; at the link TRB, hands it over and toggles the
 * cycle. Returns the TRB's bus address. Caller holds xhci->lock.
 */
static phys_addr_t xhci_queue_trb(struct xhci_ring *ring, u64 param, u32 status,
				  u32 control)
{
	struct xhci_trb *trb = &ring->trbs[ring->enqueue];
	phys_addr_t at = ring->dma + ring->enqueue * sizeof(*trb);

	trb->param = param;
	trb->status = status;
	barrier();
	WRITE_ONCE(trb->control, (control & ~TRB_CYCLE) | ring->cycle);
	if (++ring->enqueue == TRBS_PER_RING - 1) {
		struct xhci_trb *link = &ring->trbs[TRBS_PER_RING - 1];

		WRITE_ONCE(link->control, (link->control & ~TRB_CYCLE) | ring->cycle);
		ring->cycle ^= 1;
		ring->enqueue = 0;
	}
	return at;
}

static void xhci_ring_doorbell(struct xhci_hcd *xhci, unsigned int slot, unsigned int target)
{
	writel(target, xhci->db + 4 * slot);
}

static void *xhci_ctx(struct xhci_hcd *xhci, void *ctx, unsigned int index)
{
	return ctx + index * xhci->ctx_size;
}

/* ---- commands ---- */

/*
 * Sends one command and waits for its completion event.
 * Return: the completion code (COMP_SUCCESS) or -ETIMEDOUT; @slot gets
 * the event's slot ID. Context: process, may sleep.
 */
static int xhci_command(struct xhci_hcd *xhci, u64 param, u32 control, u32 *slot)
{
	unsigned long flags;
	int ret;

	mutex_lock(&xhci->cmd_mutex);
	reinit_completion(&xhci->cmd_done);
	spin_lock_irqsave(&xhci->lock, flags);
	xhci_queue_trb(&xhci->cmd_ring, param, 0, control);
	xhci_ring_doorbell(xhci, 0, 0);
	spin_unlock_irqrestore(&xhci->lock, flags);
	if (!wait_for_completion_timeout(&xhci->cmd_done,
					 msecs_to_jiffies(XHCI_CMD_TIMEOUT_MS))) {
		pr_err("xhci_hcd %s: command (TRB type %u) timed out after %d ms\n",
		       xhci->name, TRB_FIELD_TO_TYPE(control), XHCI_CMD_TIMEOUT_MS);
		ret = -ETIMEDOUT;
	} else {
		ret = xhci->cmd_code;
		if (slot)
			*slot = xhci->cmd_slot;
	}
	mutex_unlock(&xhci->cmd_mutex);
	return ret;
}

/* ---- the interrupt: the event ring ---- */

static void xhci_handle_transfer(struct xhci_hcd *xhci, struct xhci_trb *ev)
{
	unsigned int slot = TRB_TO_SLOT(ev->control), dci = TRB_TO_EP(ev->control);
	struct xhci_virt_device *vdev = slot <= XHCI_MAX_SLOTS ? xhci->devs[slot] : NULL;
	u32 code = COMP_CODE(ev->status);
	struct xhci_ep *ep;

	if (!vdev)
		return;
	if (dci == 1) {
		vdev->ctrl_code = code;
		vdev->ctrl_residue = EVENT_LEN(ev->status);
		complete(&vdev->ctrl_done);
		return;
	}
	ep = dci < 32 ? vdev->eps[dci] : NULL;
	if (!ep || !ep->complete)
		return;
	ep->busy = false;
	/* The driver queues its next transfer from here: without the lock
	 * (interrupts stay off; only this handler consumes events). */
	spin_unlock(&xhci->lock);
	/* The event gives what was left untransferred. */
	ep->complete(vdev->udev, code == COMP_SUCCESS || code == COMP_SHORT_PACKET ?
		     0 : -EIO, ep->len - min(ep->len, EVENT_LEN(ev->status)));
	spin_lock(&xhci->lock);
}

static void xhci_handle_event(struct xhci_hcd *xhci, struct xhci_trb *ev)
{
	switch (TRB_FIELD_TO_TYPE(ev->control)) {
	case TRB_COMPLETION:
		xhci->cmd_code = COMP_CODE(ev->status);
		xhci->cmd_slot = TRB_TO_SLOT(ev->control);
		complete(&xhci->cmd_done);
		break;
	case TRB_TRANSFER:
		xhci_handle_transfer(xhci, ev);
		break;
	case TRB_PORT_STATUS:
		/* The hub thread reads PORTSC and clears the change bits. */
		if (xhci->root)
			usb_kick_hub_wq(xhci->root);
		break;
	}
}

/* Linux's xhci_irq(): acknowledge, consume every event, move ERDP. */
static void xhci_irq(struct xhci_hcd *xhci)
{
	struct xhci_ring *er = &xhci->event_ring;
	void *ir = xhci->run + XHCI_IR0;
	unsigned long flags;

	spin_lock_irqsave(&xhci->lock, flags);
	xhci->irqs++;
	xhci_op_write(xhci, XHCI_USBSTS, STS_EINT);
	writel(readl(ir + IR_IMAN) | IMAN_IP, ir + IR_IMAN);
	for (;;) {
		struct xhci_trb *ev = &er->trbs[er->enqueue];

		if ((READ_ONCE(ev->control) & TRB_CYCLE) != er->cycle)
			break;
		xhci_handle_event(xhci, ev);
		if (++er->enqueue == TRBS_PER_RING) {
			er->enqueue = 0;
			er->cycle ^= 1;
		}
	}
	xhci_write_64((er->dma + er->enqueue * sizeof(struct xhci_trb)) | ERDP_EHB,
		      ir + IR_ERDP);
	spin_unlock_irqrestore(&xhci->lock, flags);
}

static void xhci_msi_interrupt(struct pt_regs *regs)
{
	if (xhci_running)
		xhci_irq(&xhci_hcd);
	apic_eoi();
}

/* ---- devices: slots, contexts, transfers ---- */

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

static void xhci_free_virt_device(struct xhci_hcd *xhci, unsigned int slot)
{
	struct xhci_virt_device *vdev = xhci->devs[slot];
	unsigned long flags;

	if (!vdev)
		return;
	spin_lock_irqsave(&xhci->lock, flags);
	xhci->devs[slot] = NULL;
	xhci->dcbaa[slot] = 0;
	spin_unlock_irqrestore(&xhci->lock, flags);
	for (int i = 0; i < 32; i++) {
		if (vdev->eps[i]) {
			xhci_ring_free(&vdev->eps[i]->ring);
			kfree(vdev->eps[i]);
		}
	}
	xhci_ring_free(&vdev->ep0);
	if (vdev->out_ctx)
		free_page((unsigned long)vdev->out_ctx);
	if (vdev->in_ctx)
		free_page((unsigned long)vdev->in_ctx);
	kfree(vdev);
}

/* Enable Slot, then the contexts and endpoint 0's ring for the slot. */
static struct xhci_virt_device *xhci_new_slot(struct xhci_hcd *xhci, u32 *slot_id)
{
	struct xhci_virt_device *vdev;
	phys_addr_t out_dma = 0;
	int code = xhci_command(xhci, 0, TRB_TYPE(TRB_ENABLE_SLOT), slot_id);

	if (code != COMP_SUCCESS || !*slot_id || *slot_id > XHCI_MAX_SLOTS) {
		pr_err("xhci_hcd %s: Enable Slot failed (code %d, slot %u)\n",
		       xhci->name, code, *slot_id);
		return NULL;
	}
	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		goto fail;
	init_completion(&vdev->ctrl_done);
	vdev->out_ctx = xhci_page(&out_dma);
	vdev->in_ctx = xhci_page(NULL);
	if (!vdev->out_ctx || !vdev->in_ctx || xhci_ring_init(&vdev->ep0))
		goto fail;
	xhci->devs[*slot_id] = vdev;
	xhci->dcbaa[*slot_id] = out_dma;
	return vdev;
fail:
	if (vdev) {
		xhci->devs[*slot_id] = vdev;
		xhci_free_virt_device(xhci, *slot_id);
	}
	xhci_command(xhci, 0, TRB_TYPE(TRB_DISABLE_SLOT) | TRB_SLOT(*slot_id), NULL);
	return NULL;
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

/*
 * Endpoint 0 after a stall or error: Reset Endpoint, then Set TR
 * Dequeue Pointer past what is on the ring (Linux's
 * xhci_handle_halted_endpoint() and xhci_queue_new_dequeue_state()).
 */
static void xhci_reset_ep0(struct usb_device *udev, struct xhci_virt_device *vdev)
{
	struct xhci_hcd *xhci = udev->hcd;
	u32 slot = TRB_SLOT(udev->slot_id) | TRB_EP(1);
	unsigned long flags;
	u64 deq;
	int code;

	code = xhci_command(xhci, 0, TRB_TYPE(TRB_RESET_EP) | slot, NULL);
	spin_lock_irqsave(&xhci->lock, flags);
	deq = (vdev->ep0.dma + vdev->ep0.enqueue * sizeof(struct xhci_trb)) | vdev->ep0.cycle;
	spin_unlock_irqrestore(&xhci->lock, flags);
	if (code == COMP_SUCCESS)
		code = xhci_command(xhci, deq, TRB_TYPE(TRB_SET_DEQ) | slot, NULL);
	if (code != COMP_SUCCESS)
		pr_err("usb %s: endpoint 0 does not restart after a stall (xHCI code %d)\n",
		       udev->name, code);
}

/**
 * usb_control_msg - a control transfer on endpoint 0 (Linux's, with the
 * buffer bounced through a page the controller can reach)
 * @timeout_ms: give up (and say so) after this long
 *
 * Context: the hub thread; sleeps. Return: bytes transferred, or -EPIPE
 * (stall or error), -ETIMEDOUT, -ENOMEM, -ENODEV.
 */
int usb_control_msg(struct usb_device *udev, u8 request_type, u8 request,
		    u16 value, u16 index, void *data, u16 size, unsigned int timeout_ms)
{
	struct xhci_hcd *xhci = udev->hcd;
	struct xhci_virt_device *vdev = xhci->devs[udev->slot_id];
	bool in = request_type & USB_DIR_IN;
	phys_addr_t dma;
	void *buf = NULL;
	unsigned long flags;
	u32 trt = size ? (in ? 3 : 2) : 0;
	int ret;

	if (!udev->slot_id || !vdev)
		return -ENODEV;
	if (size > 4096)
		return -EINVAL;
	if (size) {
		buf = xhci_page(&dma);
		if (!buf)
			return -ENOMEM;
		if (!in)
			memcpy(buf, data, size);
	}
	reinit_completion(&vdev->ctrl_done);
	spin_lock_irqsave(&xhci->lock, flags);
	xhci_queue_trb(&vdev->ep0, request_type | request << 8 | (u64)value << 16 |
		       (u64)index << 32 | (u64)size << 48, 8,
		       TRB_TYPE(TRB_SETUP) | TRB_IDT | TRB_TX_TYPE(trt));
	if (size)
		xhci_queue_trb(&vdev->ep0, dma, size,
			       TRB_TYPE(TRB_DATA) | (in ? TRB_DIR_IN : 0));
	xhci_queue_trb(&vdev->ep0, 0, 0, TRB_TYPE(TRB_STATUS) | TRB_IOC |
		       (size && in ? 0 : TRB_DIR_IN));
	xhci_ring_doorbell(xhci, udev->slot_id, 1);
	spin_unlock_irqrestore(&xhci->lock, flags);
	if (!wait_for_completion_timeout(&vdev->ctrl_done, msecs_to_jiffies(timeout_ms))) {
		pr_err("usb %s: control request 0x%02x 0x%02x timed out after %u ms\n",
		       udev->name, request_type, request, timeout_ms);
		/* The transfer may still complete into the buffer: keep it
		 * (a page lost) rather than let the device write freed memory.
		 * Linux stops the endpoint instead. */
		return -ETIMEDOUT;
	} else if (vdev->ctrl_code != COMP_SUCCESS && vdev->ctrl_code != COMP_SHORT_PACKET) {
		/* A stall (a request the device does not support) or an error
		 * halts endpoint 0: restart it for the next request. */
		xhci_reset_ep0(udev, vdev);
		ret = -EPIPE;
	} else {
		ret = size;
		if (in && size)
			memcpy(data, buf, size);
	}
	if (buf)
		free_page((unsigned long)buf);
	return ret;
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

/**
 * xhci_queue_int - queue one interrupt IN transfer into @buf
 * @buf: must stay valid and reachable by DMA (a page the driver owns)
 *
 * Context: any; the completion callback runs from the interrupt.
 * Return: 0, -EBUSY if one is already queued, -ENODEV.
 */
int xhci_queue_int(struct usb_device *udev, u8 ep_addr, void *buf, unsigned int len)
{
	struct xhci_hcd *xhci = udev->hcd;
	unsigned int dci = (ep_addr & 0xF) * 2 + 1;
	struct xhci_virt_device *vdev;
	struct xhci_ep *ep;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&xhci->lock, flags);
	vdev = udev->slot_id ? xhci->devs[udev->slot_id] : NULL;
	ep = vdev && dci < 32 ? vdev->eps[dci] : NULL;
	if (!ep) {
		ret = -ENODEV;
	} else if (ep->busy) {
		ret = -EBUSY;
	} else {
		ep->busy = true;
		ep->len = len;
		xhci_queue_trb(&ep->ring, __pa(buf), len,
			       TRB_TYPE(TRB_NORMAL) | TRB_IOC | TRB_ISP);
		xhci_ring_doorbell(xhci, udev->slot_id, dci);
	}
	spin_unlock_irqrestore(&xhci->lock, flags);
	return ret;
}

/* ---- the root hub's ports (Linux's xhci_hub_control()) ---- */

unsigned int xhci_root_ports(struct xhci_hcd *xhci)
{
	return xhci->max_ports;
}

int xhci_root_port_status(struct xhci_hcd *xhci, u8 port, u16 *status, u16 *change)
{
	u32 sc;

	if (!port || port > xhci->max_ports)
		return -EINVAL;
	sc = xhci_op_read(xhci, XHCI_PORTSC(port));
	*status = (sc & PORT_CONNECT ? USB_PORT_STAT_CONNECTION : 0) |
		  (sc & PORT_PE ? USB_PORT_STAT_ENABLE : 0) |
		  (sc & PORT_RESET ? USB_PORT_STAT_RESET : 0) |
		  (sc & PORT_POWER ? USB_PORT_STAT_POWER : 0);
	switch (DEV_SPEED(sc)) {
	case XDEV_LS:
		*status |= USB_PORT_STAT_LOW_SPEED;
		break;
	case XDEV_HS:
		*status |= USB_PORT_STAT_HIGH_SPEED;
		break;
	case XDEV_SS:
		*status |= USB_PORT_STAT_SUPER_SPEED;
		break;
	}
	*change = (sc & PORT_CSC ? USB_PORT_STAT_C_CONNECTION : 0) |
		  (sc & PORT_PEC ? USB_PORT_STAT_C_ENABLE : 0) |
		  (sc & PORT_RC ? USB_PORT_STAT_C_RESET : 0);
	return 0;
}

/* PORTSC written back with its power bit and nothing that would act:
 * PED and the change bits are write-1-to-clear (xhci_port_state_to_neutral()). */
static u32 xhci_port_neutral(u32 sc)
{
	return sc & PORT_POWER;
}

void xhci_root_port_clear_changes(struct xhci_hcd *xhci, u8 port)
{
	u32 sc = xhci_op_read(xhci, XHCI_PORTSC(port));

	xhci_op_write(xhci, XHCI_PORTSC(port), xhci_port_neutral(sc) | (sc & PORT_CHANGE_MASK));
}

/* Resets a USB 2 port (a USB 3 port enables itself); waits for the end. */
int xhci_root_port_reset(struct xhci_hcd *xhci, u8 port)
{
	u32 sc = xhci_op_read(xhci, XHCI_PORTSC(port));
	int err;

	if (DEV_SPEED(sc) == XDEV_SS && (sc & PORT_PE))
		return 0;
	xhci_op_write(xhci, XHCI_PORTSC(port), xhci_port_neutral(sc) | PORT_RESET);
	err = xhci_handshake(xhci->op + XHCI_PORTSC(port), PORT_RESET, 0, 500000);
	if (err) {
		pr_err("xhci_hcd %s: port %u reset timed out\n", xhci->name, port);
		return err;
	}
	sc = xhci_op_read(xhci, XHCI_PORTSC(port));
	xhci_op_write(xhci, XHCI_PORTSC(port), xhci_port_neutral(sc) | PORT_RC | PORT_PEC);
	return sc & PORT_PE ? 0 : -EIO;
}

/* ---- bringing the controller up ---- */

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

/* Linux's xhci_halt() and xhci_reset(). */
static int xhci_reset(struct xhci_hcd *xhci)
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

/* Scratchpad pages the controller asked for (HCSPARAMS2). */
static int xhci_scratchpad_init(struct xhci_hcd *xhci)
{
	u32 n = HCS_MAX_SCRATCHPAD(readl(xhci->cap + XHCI_HCSPARAMS2));
	phys_addr_t array_dma;
	u64 *array;

	if (!n)
		return 0;
	if (n > 512)
		return -ENOMEM;
	array = xhci_page(&array_dma);
	if (!array)
		return -ENOMEM;
	for (u32 i = 0; i < n; i++) {
		phys_addr_t dma;

		if (!xhci_page(&dma))
			return -ENOMEM;
		array[i] = dma;
	}
	xhci->dcbaa[0] = array_dma;
	return 0;
}

/* Linux's xhci_mem_init(): DCBAA, command ring, event ring and ERST. */
static int xhci_mem_init(struct xhci_hcd *xhci)
{
	void *ir = xhci->run + XHCI_IR0;
	phys_addr_t dcbaa_dma = 0, erst_dma = 0;
	u64 *erst;

	xhci->dcbaa = xhci_page(&dcbaa_dma);
	erst = xhci_page(&erst_dma);
	if (!xhci->dcbaa || !erst || xhci_ring_init(&xhci->cmd_ring) ||
	    xhci_scratchpad_init(xhci))
		return -ENOMEM;
	/* The event ring has no link TRB: the ERST gives its size. */
	xhci->event_ring.trbs = xhci_page(&xhci->event_ring.dma);
	if (!xhci->event_ring.trbs)
		return -ENOMEM;
	xhci->event_ring.cycle = 1;
	erst[0] = xhci->event_ring.dma;
	erst[1] = TRBS_PER_RING;
	xhci->erst = erst;
	xhci_op_write(xhci, XHCI_CONFIG, xhci->max_slots);
	xhci_write_64(dcbaa_dma, xhci->op + XHCI_DCBAAP);
	xhci_write_64(xhci->cmd_ring.dma | CMD_RING_RCS, xhci->op + XHCI_CRCR);
	writel(1, ir + IR_ERSTSZ);
	xhci_write_64(xhci->event_ring.dma, ir + IR_ERDP);
	xhci_write_64(erst_dma, ir + IR_ERSTBA);
	return 0;
}

static int xhci_run(struct xhci_hcd *xhci)
{
	void *ir = xhci->run + XHCI_IR0;

	writel(4000, ir + IR_IMOD);		/* at most one interrupt per ms */
	writel(IMAN_IE | IMAN_IP, ir + IR_IMAN);
	xhci_running = true;
	xhci_op_write(xhci, XHCI_USBCMD, CMD_RUN | CMD_EIE);
	if (xhci_handshake(xhci->op + XHCI_USBSTS, STS_HALT, 0, XHCI_HANDSHAKE_US)) {
		pr_err("xhci_hcd %s: the controller does not start\n", xhci->name);
		return -ETIMEDOUT;
	}
	return 0;
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
	err = xhci_run(xhci);
	if (err)
		return err;
	pr_info("xhci_hcd %s: new USB bus registered, assigned bus number 1\n", xhci->name);
	xhci->root = usb_root_hub(xhci, 1);
	for (struct pci_dev *d = pci_get_class(PCI_CLASS_SERIAL_USB_XHCI, pdev); d;
	     d = pci_get_class(PCI_CLASS_SERIAL_USB_XHCI, d))
		pr_info("xhci_hcd %s: a second xHCI controller; Spindle drives one\n", d->name);
	return 0;
}
late_initcall(xhci_hcd_init);
