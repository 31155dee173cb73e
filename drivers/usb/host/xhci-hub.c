/*
 * The root hub's ports, after Linux's drivers/usb/host/xhci-hub.c
 * (xhci_hub_control()): PORTSC read and written in the terms of a USB 2
 * hub's port status, so hub.c drives root ports and external hubs'
 * ports alike.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/delay.h>
#include <asm/io.h>
#include "xhci.h"

/*
 * Which ports are USB 2 and which USB 3: the Supported Protocol
 * capabilities (xHCI 7.2) say, each for a range of ports. Linux's
 * xhci_setup_port_arrays() in xhci-mem.c. A controller without them has
 * every port in the USB 2 root hub.
 */
void xhci_setup_port_arrays(struct xhci_hcd *xhci)
{
	u32 off = HCC_EXT_CAPS(readl(xhci->cap + XHCI_HCCPARAMS1)) * 4;
	u8 rh_of[256] = { 0 };		/* 1 + root hub, per controller port */

	for (int ttl = 64; off && ttl; ttl--) {
		u32 val = readl(xhci->cap + off);

		if ((val & 0xFF) == XHCI_EXT_CAPS_PROTOCOL) {
			u32 ports = readl(xhci->cap + off + 8);
			int rh = XHCI_EXT_PORT_MAJOR(val) >= 3 ? 1 : 0;

			for (u32 i = 0; i < XHCI_EXT_PORT_COUNT(ports); i++) {
				u32 port = XHCI_EXT_PORT_OFF(ports) + i;

				if (port >= 1 && port <= xhci->max_ports)
					rh_of[port] = rh + 1;
			}
		}
		if (!((val >> 8) & 0xFF))
			break;
		off += ((val >> 8) & 0xFF) * 4;
	}
	for (u32 port = 1; port <= xhci->max_ports; port++) {
		int rh = rh_of[port] ? rh_of[port] - 1 : 0;

		if (xhci->rh_nports[rh] == USB_MAXCHILDREN) {
			pr_warn("xhci_hcd %s: port %u ignored: a root hub of more than %d ports\n",
				xhci->name, port, USB_MAXCHILDREN);
			continue;
		}
		xhci->rh_port[rh][++xhci->rh_nports[rh]] = port;
	}
}

unsigned int xhci_rh_nports(struct xhci_hcd *xhci, int rh)
{
	return xhci->rh_nports[rh];
}

u8 xhci_rh_port(struct xhci_hcd *xhci, int rh, u8 port)
{
	return port <= xhci->rh_nports[rh] ? xhci->rh_port[rh][port] : 0;
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

/*
 * Ports of a controller with port power control (HCCPARAMS1.PPC) are
 * off after the reset: power them, as Linux's hub_power_on() does through
 * SetPortFeature(PORT_POWER), and give the devices 20 ms to wake.
 * Context: the probe; sleeps.
 */
void xhci_root_ports_power_on(struct xhci_hcd *xhci)
{
	bool powered = false;

	for (u8 port = 1; port <= xhci->max_ports; port++) {
		u32 sc = xhci_op_read(xhci, XHCI_PORTSC(port));

		if (sc & PORT_POWER)
			continue;
		xhci_op_write(xhci, XHCI_PORTSC(port), xhci_port_neutral(sc) | PORT_POWER);
		powered = true;
	}
	if (powered)
		msleep(20);
}
