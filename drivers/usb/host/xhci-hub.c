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
