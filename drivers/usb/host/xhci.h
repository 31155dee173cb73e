/*
 * xHCI register and data structure layouts (eXtensible Host Controller
 * Interface specification 1.2, chapters 5 and 6), with the names of
 * Linux's drivers/usb/host/xhci.h where it has them.
 */
#ifndef _DRIVERS_USB_HOST_XHCI_H
#define _DRIVERS_USB_HOST_XHCI_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/completion.h>
#include <asm/io.h>
#include "../core/usb.h"

/* Capability registers. */
#define XHCI_CAPLENGTH 0x00		/* u8; HCIVERSION u16 at 0x02 */
#define XHCI_HCSPARAMS1 0x04
#define HCS_MAX_SLOTS(p) ((p) & 0xFF)
#define HCS_MAX_PORTS(p) (((p) >> 24) & 0xFF)
#define XHCI_HCSPARAMS2 0x08
#define HCS_MAX_SCRATCHPAD(p) ((((p) >> 16) & 0x3E0) | (((p) >> 27) & 0x1F))
#define XHCI_HCCPARAMS1 0x10
#define HCC_64BYTE_CONTEXT(p) ((p) & (1 << 2))
#define HCC_EXT_CAPS(p) (((p) >> 16) & 0xFFFF)	/* in 32-bit words */
#define XHCI_DBOFF 0x14
#define XHCI_RTSOFF 0x18

/* Operational registers (after CAPLENGTH). */
#define XHCI_USBCMD 0x00
#define CMD_RUN (1 << 0)
#define CMD_RESET (1 << 1)
#define CMD_EIE (1 << 2)
#define XHCI_USBSTS 0x04
#define STS_HALT (1 << 0)
#define STS_EINT (1 << 3)
#define STS_PORT (1 << 4)
#define STS_CNR (1 << 11)
#define XHCI_CRCR 0x18
#define CMD_RING_RCS (1 << 0)
#define XHCI_DCBAAP 0x30
#define XHCI_CONFIG 0x38
#define XHCI_PORTSC(n) (0x400 + 0x10 * ((n) - 1))
#define PORT_CONNECT (1 << 0)
#define PORT_PE (1 << 1)
#define PORT_RESET (1 << 4)
#define PORT_POWER (1 << 9)
#define DEV_SPEED_MASK (0xF << 10)
#define DEV_SPEED(p) (((p) >> 10) & 0xF)
#define PORT_CSC (1 << 17)
#define PORT_PEC (1 << 18)
#define PORT_WRC (1 << 19)
#define PORT_OCC (1 << 20)
#define PORT_RC (1 << 21)
#define PORT_PLC (1 << 22)
#define PORT_CEC (1 << 23)
#define PORT_CHANGE_MASK (PORT_CSC | PORT_PEC | PORT_WRC | PORT_OCC | PORT_RC | \
			  PORT_PLC | PORT_CEC)

/* xHCI protocol speed IDs (the default mapping). */
#define XDEV_FS 1
#define XDEV_LS 2
#define XDEV_HS 3
#define XDEV_SS 4

/* Runtime registers: interrupter 0. */
#define XHCI_IR0 0x20
#define IR_IMAN 0x00
#define IMAN_IP (1 << 0)
#define IMAN_IE (1 << 1)
#define IR_IMOD 0x04
#define IR_ERSTSZ 0x08
#define IR_ERSTBA 0x10
#define IR_ERDP 0x18
#define ERDP_EHB (1 << 3)

/* Extended capabilities. */
#define XHCI_EXT_CAPS_LEGACY 1
#define XHCI_EXT_CAPS_PROTOCOL 2	/* which ports speak USB 2, which USB 3 */
#define XHCI_EXT_PORT_MAJOR(x) (((x) >> 24) & 0xFF)
#define XHCI_EXT_PORT_OFF(x) ((x) & 0xFF)
#define XHCI_EXT_PORT_COUNT(x) (((x) >> 8) & 0xFF)
#define XHCI_HC_BIOS_OWNED (1 << 16)
#define XHCI_HC_OS_OWNED (1 << 24)
#define XHCI_LEGACY_CONTROL_OFFSET 0x04
#define XHCI_LEGACY_DISABLE_SMI ((0x7 << 1) | (0xFF << 5) | (0x7 << 17))
#define XHCI_LEGACY_SMI_EVENTS (0x7U << 29)	/* write 1 to clear */

/* Transfer request blocks: 16 bytes, naturally aligned (not packed, so
 * READ_ONCE()/WRITE_ONCE() of a field is one aligned access). */
struct xhci_trb {
	u64 param;
	u32 status;
	u32 control;
};

#define TRB_CYCLE (1 << 0)
#define TRB_LINK_TOGGLE (1 << 1)
#define TRB_ISP (1 << 2)
#define TRB_IOC (1 << 5)
#define TRB_IDT (1 << 6)
#define TRB_TYPE(t) ((t) << 10)
#define TRB_FIELD_TO_TYPE(c) (((c) >> 10) & 0x3F)
#define TRB_DIR_IN (1 << 16)
#define TRB_TX_TYPE(t) ((t) << 16)	/* setup stage: 2 OUT, 3 IN data */
#define TRB_SLOT(s) ((u32)(s) << 24)
#define TRB_TO_SLOT(c) (((c) >> 24) & 0xFF)
#define TRB_EP(e) ((u32)(e) << 16)
#define TRB_TO_EP(c) (((c) >> 16) & 0x1F)
#define COMP_CODE(s) (((s) >> 24) & 0xFF)
#define EVENT_LEN(s) ((s) & 0xFFFFFF)

enum {
	TRB_NORMAL = 1, TRB_SETUP = 2, TRB_DATA = 3, TRB_STATUS = 4, TRB_LINK = 6,
	TRB_ENABLE_SLOT = 9, TRB_DISABLE_SLOT = 10, TRB_ADDR_DEV = 11,
	TRB_CONFIG_EP = 12, TRB_EVAL_CONTEXT = 13, TRB_RESET_EP = 14,
	TRB_SET_DEQ = 16,
	TRB_TRANSFER = 32, TRB_COMPLETION = 33, TRB_PORT_STATUS = 34,
};

#define COMP_SUCCESS 1
#define COMP_STALL_ERROR 6
#define COMP_SHORT_PACKET 13

/* Slot and endpoint context fields (6.2.2, 6.2.3). */
#define SLOT_ROUTE(r) ((r) & 0xFFFFF)
#define SLOT_SPEED(s) ((u32)(s) << 20)
#define SLOT_HUB (1U << 26)
#define LAST_CTX(n) ((u32)(n) << 27)
#define ROOT_HUB_PORT(p) ((u32)(p) << 16)
#define XHCI_MAX_PORTS(n) ((u32)(n) << 24)
#define EP_INTERVAL(i) ((u32)(i) << 16)
#define ERROR_COUNT(e) ((e) << 1)
#define EP_TYPE(t) ((t) << 3)
#define CTRL_EP 4
#define INT_IN_EP 7
#define MAX_PACKET(p) ((u32)(p) << 16)
#define EP_AVG_TRB_LENGTH(l) (l)
#define EP_MAX_ESIT_PAYLOAD_LO(p) ((u32)(p) << 16)
#define EP_CTX_DCS 1ULL

#define TRBS_PER_RING (4096 / sizeof(struct xhci_trb))

/* A ring of TRBs in one page, the last a link back to the first. */
struct xhci_ring {
	struct xhci_trb *trbs;
	phys_addr_t dma;
	unsigned int enqueue;
	u32 cycle;		/* producer (or, for events, consumer) cycle state */
};

/* An endpoint Spindle transfers on besides endpoint 0. */
struct xhci_ep {
	struct xhci_ring ring;
	usb_complete_t complete;
	u32 len;		/* of the transfer queued */
	bool busy;
};

/* What the controller's interrupt knows of a slot. */
struct xhci_virt_device {
	struct usb_device *udev;
	void *out_ctx;		/* device context, owned by the controller */
	void *in_ctx;		/* input context for commands */
	struct xhci_ring ep0;
	struct completion ctrl_done;
	u32 ctrl_code;
	u32 ctrl_residue;
	struct xhci_ep *eps[32];	/* by device context index */
};

#define XHCI_MAX_SLOTS 32

struct xhci_hcd {
	const char *name;		/* the PCI device's, "0000:00:04.0" */
	void *cap, *op, *run, *db;	/* register sets (MMIO) */
	unsigned int max_slots, max_ports, ctx_size;
	u64 *dcbaa;
	struct xhci_ring cmd_ring;
	struct xhci_ring event_ring;
	void *erst;
	spinlock_t lock;		/* rings, devs[], port_changes: IRQ and threads */
	struct mutex cmd_mutex;		/* one command at a time */
	struct completion cmd_done;
	u32 cmd_code, cmd_slot;
	struct xhci_virt_device *devs[XHCI_MAX_SLOTS + 1];	/* by slot ID */
	/* Two root hubs, as Linux's: usb2_rhub (bus 1) for the USB 2 ports
	 * and usb3_rhub (bus 2) for the USB 3 ones, each numbering its
	 * ports from 1; rh_port[] maps those to the controller's ports. */
	struct usb_device *root[2];
	u8 rh_nports[2];
	u8 rh_port[2][USB_MAXCHILDREN + 1];
	unsigned long irqs;
};

#define XHCI_CMD_TIMEOUT_MS 3000	/* a loaded emulator can be slow */
#define XHCI_HANDSHAKE_US 1000000

static inline u32 xhci_op_read(struct xhci_hcd *xhci, u32 reg)
{
	return readl(xhci->op + reg);
}

static inline void xhci_op_write(struct xhci_hcd *xhci, u32 reg, u32 val)
{
	writel(val, xhci->op + reg);
}

/* A 64-bit register as two 32-bit writes, low first (for controllers
 * without 64-bit access; the xHCI spec allows either). */
static inline void xhci_write_64(u64 val, void *reg)
{
	writel((u32)val, reg);
	writel(val >> 32, reg + 4);
}

static inline void *xhci_ctx(struct xhci_hcd *xhci, void *ctx, unsigned int index)
{
	return ctx + index * xhci->ctx_size;
}

/* xhci.c */
int xhci_handshake(void *reg, u32 mask, u32 done, unsigned int usec);
int xhci_reset(struct xhci_hcd *xhci);
int xhci_run(struct xhci_hcd *xhci);

/* xhci-mem.c: one zeroed page per structure */
void *xhci_page(phys_addr_t *dma);
int xhci_ring_init(struct xhci_ring *ring);
void xhci_ring_free(struct xhci_ring *ring);
struct xhci_virt_device *xhci_new_slot(struct xhci_hcd *xhci, u32 *slot_id);
void xhci_free_virt_device(struct xhci_hcd *xhci, unsigned int slot);
int xhci_mem_init(struct xhci_hcd *xhci);

/* xhci-hub.c */
void xhci_root_ports_power_on(struct xhci_hcd *xhci);
void xhci_setup_port_arrays(struct xhci_hcd *xhci);

/* xhci-ring.c */
int xhci_command(struct xhci_hcd *xhci, u64 param, u32 control, u32 *slot);
void xhci_irq(struct xhci_hcd *xhci);

/* pci-quirks.c: the USB legacy support handoff (tested by tests/ktest/xhci_test.c). */
int xhci_bios_handoff(void *cap, const char *name);

#endif
