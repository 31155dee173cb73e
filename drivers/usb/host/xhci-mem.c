/*
 * xHCI memory, after Linux's drivers/usb/host/xhci-mem.c: rings (one
 * page of TRBs, the last a link back), device and input contexts, the
 * device context base array, scratchpad pages, the event ring and its
 * segment table. Every structure is a zeroed page, which meets every
 * alignment and boundary rule of the specification (64-byte alignment,
 * no 64 KiB crossing) at once.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <asm/io.h>
#include <asm/page.h>
#include "xhci.h"

void *xhci_page(phys_addr_t *dma)
{
	void *p = (void *)get_zeroed_page(USB_DMA_GFP);

	if (p && dma)
		*dma = __pa(p);
	return p;
}

int xhci_ring_init(struct xhci_ring *ring)
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

void xhci_ring_free(struct xhci_ring *ring)
{
	if (ring->trbs)
		free_page((unsigned long)ring->trbs);
	ring->trbs = NULL;
}

void xhci_free_virt_device(struct xhci_hcd *xhci, unsigned int slot)
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
struct xhci_virt_device *xhci_new_slot(struct xhci_hcd *xhci, u32 *slot_id)
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
int xhci_mem_init(struct xhci_hcd *xhci)
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
