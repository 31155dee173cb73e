/*
 * xHCI rings, after Linux's drivers/usb/host/xhci-ring.c: TRBs are put
 * on the command ring and the endpoints' transfer rings, a doorbell
 * tells the controller, and the controller's answers come back as
 * events on the event ring, which xhci_irq() consumes: command
 * completions and control transfers wake the thread waiting for them,
 * interrupt transfers call their driver (the keyboard's reports), port
 * changes queue the hub thread's work (hub.c).
 * Locking: xhci->lock (irqsave) around every ring; it is dropped around
 * a driver's completion callback, which queues its next transfer.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <asm/io.h>
#include <asm/page.h>
#include "xhci.h"

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

/*
 * Sends one command and waits for its completion event.
 * Return: the completion code (COMP_SUCCESS) or -ETIMEDOUT; @slot gets
 * the event's slot ID. Context: process, may sleep.
 */
int xhci_command(struct xhci_hcd *xhci, u64 param, u32 control, u32 *slot)
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
		for (int rh = 0; rh < 2; rh++)
			if (xhci->root[rh])
				usb_kick_hub_wq(xhci->root[rh]);
		break;
	}
}

/* Linux's xhci_irq(): acknowledge, consume every event, move ERDP. */
void xhci_irq(struct xhci_hcd *xhci)
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
