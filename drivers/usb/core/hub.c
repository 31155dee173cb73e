/*
 * USB hubs and device enumeration, after Linux's drivers/usb/core/hub.c
 * and message.c. Every hub - the controller's root hub and external ones
 * - has a work item, hub_event(), on the workqueue "usb_hub_wq": a port
 * change (the root hub's Port Status Change event, an external hub's
 * status-change endpoint) queues it, and it compares each port with what
 * Spindle knows: a new connection is debounced, reset and enumerated
 * (hub_port_connect(): slot and address, descriptors, configuration,
 * then the hub or keyboard driver); a device gone is torn down with all
 * below it (usb_disconnect()). So hot-plug and boot-time discovery are
 * the same path, in a thread that may sleep, as in Linux.
 *
 * Simplified: one configuration (the first), no power budget, no
 * over-current handling, no USB 3 hubs, no transaction translators
 * (a full/low-speed device behind a high-speed hub is not supported).
 * Locking: usb_hub_wq is ordered, so enumeration runs one hub at a time
 * and the device tree changes only there (Linux locks each hub's ports).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/delay.h>
#include <linux/workqueue.h>
#include "usb.h"

#define HUB_DEBOUNCE_MS 100	/* Linux's HUB_DEBOUNCE_STABLE */
#define HUB_RESET_TIMEOUT_MS 800
#define USB_CTRL_TIMEOUT_MS 5000	/* Linux's USB_CTRL_GET_TIMEOUT */
#define USB_STS_TIMEOUT_MS 1000		/* Linux's USB_STS_TIMEOUT, port status */
#define USB_MAX_DEVNUM 128

#define HUB_PORT_FEAT_RESET 4
#define HUB_PORT_FEAT_POWER 8
#define HUB_PORT_FEAT_C_CONNECTION 16
#define HUB_PORT_FEAT_C_ENABLE 17
#define HUB_PORT_FEAT_C_RESET 20

struct usb_hub {
	struct usb_device *hdev;
	struct work_struct events;
	u8 *status;		/* the status-change endpoint's buffer (a page) */
	u8 int_ep;		/* its address; 0 for the root hub */
	u16 int_len;
};

static struct workqueue_struct *hub_wq;
/* Device numbers in use, per bus; only usb_hub_wq (ordered) touches it. */
static bool devnum_used[2][USB_MAX_DEVNUM];

static void hub_event(struct work_struct *work);
static void usb_disconnect(struct usb_device *udev);

static const char *usb_speed_string(enum usb_device_speed speed)
{
	switch (speed) {
	case USB_SPEED_LOW:
		return "low-speed";
	case USB_SPEED_FULL:
		return "full-speed";
	case USB_SPEED_HIGH:
		return "high-speed";
	case USB_SPEED_SUPER:
		return "SuperSpeed";
	default:
		return "UNKNOWN";
	}
}

/* Queues @hub's hub_event() (Linux's kick_hub_wq()). Context: any. */
void usb_kick_hub_wq(struct usb_device *hdev)
{
	struct usb_hub *hub = hdev->hub;

	if (hub && hub_wq)
		queue_work(hub_wq, &hub->events);
}

int usb_get_descriptor(struct usb_device *udev, u8 type, u8 index, void *buf, u16 size)
{
	return usb_control_msg(udev, USB_DIR_IN, USB_REQ_GET_DESCRIPTOR,
			       type << 8 | index, 0, buf, size, USB_CTRL_TIMEOUT_MS);
}

const void *usb_config_find(struct usb_device *udev, u8 type, const void *pos)
{
	const u8 *p = pos ? (const u8 *)pos + ((const u8 *)pos)[0] : udev->config;
	const u8 *end = udev->config + udev->config_len;

	while (p + 2 <= end && p[0] >= 2 && p + p[0] <= end) {
		if (p[1] == type)
			return p;
		p += p[0];
	}
	return NULL;
}

/* A string descriptor as ASCII (others as '?'), "" when it has none. */
static void usb_string(struct usb_device *udev, u8 index, char *out, size_t size)
{
	u8 buf[128];
	int len, n = 0;

	out[0] = '\0';
	if (!index)
		return;
	len = usb_get_descriptor(udev, USB_DT_STRING, index, buf, sizeof(buf));
	if (len < 2)
		return;
	len = min_t(int, len, buf[0]);
	for (int i = 2; i + 1 < len && n + 1 < (int)size; i += 2)
		out[n++] = buf[i + 1] || buf[i] > 0x7E || buf[i] < 0x20 ? '?' : buf[i];
	out[n] = '\0';
}

/* ---- ports ---- */

static int hub_port_status(struct usb_device *hdev, u8 port, u16 *status, u16 *change)
{
	u8 buf[4];
	int ret;

	if (!hdev->parent)
		return xhci_root_port_status(hdev->hcd, xhci_rh_port(hdev->hcd, hdev->busnum - 1, port),
					     status, change);
	ret = usb_control_msg(hdev, USB_DIR_IN | USB_TYPE_CLASS | USB_RECIP_OTHER,
			      USB_REQ_GET_STATUS, 0, port, buf, 4, USB_STS_TIMEOUT_MS);
	if (ret < 4)
		return ret < 0 ? ret : -EIO;
	*status = buf[0] | buf[1] << 8;
	*change = buf[2] | buf[3] << 8;
	return 0;
}

static int hub_port_feature(struct usb_device *hdev, u8 request, u8 port, u16 feature)
{
	return usb_control_msg(hdev, USB_TYPE_CLASS | USB_RECIP_OTHER, request,
			       feature, port, NULL, 0, USB_CTRL_TIMEOUT_MS);
}

static void hub_clear_changes(struct usb_device *hdev, u8 port, u16 change)
{
	if (!hdev->parent) {
		xhci_root_port_clear_changes(hdev->hcd,
					     xhci_rh_port(hdev->hcd, hdev->busnum - 1, port));
		return;
	}
	if (change & USB_PORT_STAT_C_CONNECTION)
		hub_port_feature(hdev, USB_REQ_CLEAR_FEATURE, port, HUB_PORT_FEAT_C_CONNECTION);
	if (change & USB_PORT_STAT_C_ENABLE)
		hub_port_feature(hdev, USB_REQ_CLEAR_FEATURE, port, HUB_PORT_FEAT_C_ENABLE);
	if (change & USB_PORT_STAT_C_RESET)
		hub_port_feature(hdev, USB_REQ_CLEAR_FEATURE, port, HUB_PORT_FEAT_C_RESET);
}

/* Linux's hub_port_reset(): reset, wait for the end, report the speed. */
static int hub_port_reset(struct usb_device *hdev, u8 port, enum usb_device_speed *speed)
{
	u16 status = 0, change = 0;
	int err;

	if (!hdev->parent) {
		err = xhci_root_port_reset(hdev->hcd,
					   xhci_rh_port(hdev->hcd, hdev->busnum - 1, port));
	} else {
		err = hub_port_feature(hdev, USB_REQ_SET_FEATURE, port, HUB_PORT_FEAT_RESET);
		for (int ms = 0; !err; ms += 10) {
			msleep(10);
			err = hub_port_status(hdev, port, &status, &change);
			if (!err && !(status & USB_PORT_STAT_RESET) &&
			    (status & USB_PORT_STAT_ENABLE))
				break;
			if (ms >= HUB_RESET_TIMEOUT_MS) {
				pr_err("hub %s: port %u reset timed out after %d ms\n",
				       hdev->name, port, HUB_RESET_TIMEOUT_MS);
				err = -ETIMEDOUT;
			}
		}
		hub_clear_changes(hdev, port, USB_PORT_STAT_C_RESET);
	}
	if (err)
		return err;
	err = hub_port_status(hdev, port, &status, &change);
	if (err)
		return err;
	if (status & USB_PORT_STAT_SUPER_SPEED)
		*speed = USB_SPEED_SUPER;
	else if (status & USB_PORT_STAT_HIGH_SPEED)
		*speed = USB_SPEED_HIGH;
	else if (status & USB_PORT_STAT_LOW_SPEED)
		*speed = USB_SPEED_LOW;
	else
		*speed = USB_SPEED_FULL;
	return status & USB_PORT_STAT_ENABLE ? 0 : -ENODEV;
}

/* ---- devices ---- */

static int usb_alloc_devnum(int busnum)
{
	for (int n = 2; n < USB_MAX_DEVNUM; n++) {
		if (!devnum_used[busnum - 1][n]) {
			devnum_used[busnum - 1][n] = true;
			return n;
		}
	}
	return -ENOSPC;
}

static struct usb_device *usb_alloc_dev(struct usb_device *parent, u8 port)
{
	struct usb_device *udev = kzalloc(sizeof(*udev), GFP_KERNEL);

	if (!udev)
		return NULL;
	udev->hcd = parent->hcd;
	udev->parent = parent;
	udev->portnum = port;
	udev->level = parent->level + 1;
	udev->busnum = parent->busnum;
	if (!parent->parent) {
		udev->root_port = xhci_rh_port(parent->hcd, parent->busnum - 1, port);
		snprintf(udev->devpath, sizeof(udev->devpath), "%u", port);
	} else {
		udev->root_port = parent->root_port;
		udev->route = parent->route | (u32)min_t(u8, port, 15) << (4 * (parent->level - 1));
		snprintf(udev->devpath, sizeof(udev->devpath), "%s.%u", parent->devpath, port);
	}
	snprintf(udev->name, sizeof(udev->name), "%d-%s", udev->busnum, udev->devpath);
	return udev;
}

static int hub_probe(struct usb_device *hdev);

/* Linux's usb_new_device() with usb_enumerate_device() and the
 * configuration choice, then the driver that takes the device. */
static int usb_new_device(struct usb_device *udev)
{
	struct usb_device_descriptor *d = &udev->descriptor;
	char product[64], maker[64];
	u8 head[9];
	int ret;

	ret = usb_get_descriptor(udev, USB_DT_DEVICE, 0, d, 8);
	if (ret < 8)
		return ret < 0 ? ret : -EIO;
	if (d->bMaxPacketSize0 != 8 && udev->speed < USB_SPEED_HIGH) {
		ret = xhci_update_ep0_maxp(udev, d->bMaxPacketSize0);
		if (ret)
			return ret;
	}
	ret = usb_get_descriptor(udev, USB_DT_DEVICE, 0, d, sizeof(*d));
	if (ret < (int)sizeof(*d))
		return ret < 0 ? ret : -EIO;
	pr_info("usb %s: New USB device found, idVendor=%04x, idProduct=%04x, "
		"bcdDevice=%2x.%02x\n", udev->name, d->idVendor, d->idProduct,
		d->bcdDevice >> 8, d->bcdDevice & 0xFF);
	usb_string(udev, d->iProduct, product, sizeof(product));
	usb_string(udev, d->iManufacturer, maker, sizeof(maker));
	if (product[0])
		pr_info("usb %s: Product: %s\n", udev->name, product);
	if (maker[0])
		pr_info("usb %s: Manufacturer: %s\n", udev->name, maker);
	ret = usb_get_descriptor(udev, USB_DT_CONFIG, 0, head, sizeof(head));
	if (ret < (int)sizeof(head))
		return ret < 0 ? ret : -EIO;
	udev->config_len = min_t(u16, head[2] | head[3] << 8, USB_CONFIG_MAX);
	ret = usb_get_descriptor(udev, USB_DT_CONFIG, 0, udev->config, udev->config_len);
	if (ret < 0)
		return ret;
	udev->config_len = ret;
	ret = usb_control_msg(udev, 0, USB_REQ_SET_CONFIGURATION, head[5], 0, NULL, 0,
			      USB_CTRL_TIMEOUT_MS);
	if (ret < 0)
		return ret;
	if (d->bDeviceClass == USB_CLASS_HUB)
		return hub_probe(udev);
	ret = usb_kbd_probe(udev);
	if (ret == -ENODEV)
		pr_info("usb %s: no Spindle driver for this device (class 0x%02x)\n",
			udev->name, d->bDeviceClass);
	return ret == -ENODEV ? 0 : ret;
}

static void usb_free_device(struct usb_device *udev)
{
	struct usb_hub *hub = udev->hub;

	if (hub) {
		udev->hub = NULL;
		cancel_work_sync(&hub->events);
		if (hub->status)
			free_page((unsigned long)hub->status);
		kfree(hub);
	}
	if (udev->devnum > 0)
		devnum_used[udev->busnum - 1][udev->devnum] = false;
	kfree(udev);
}

/* A device appeared on @port of @hdev: Linux's hub_port_connect(). */
static void hub_port_connect(struct usb_device *hdev, u8 port)
{
	struct usb_device *udev;
	enum usb_device_speed speed;
	int err;

	if (hub_port_reset(hdev, port, &speed))
		return;
	if (hdev->parent && hdev->speed == USB_SPEED_HIGH && speed < USB_SPEED_HIGH) {
		pr_warn("usb %s.%u: a %s device behind a high-speed hub needs a "
			"transaction translator, which Spindle lacks\n", hdev->name, port,
			usb_speed_string(speed));
		return;
	}
	udev = usb_alloc_dev(hdev, port);
	if (!udev)
		return;
	udev->speed = speed;
	udev->devnum = usb_alloc_devnum(udev->busnum);
	if (udev->devnum < 0) {
		kfree(udev);
		return;
	}
	pr_info("usb %s: new %s USB device number %d using xhci_hcd\n", udev->name,
		usb_speed_string(speed), udev->devnum);
	err = xhci_alloc_dev(udev);
	if (err) {
		usb_free_device(udev);
		return;
	}
	hdev->children[port] = udev;
	err = usb_new_device(udev);
	if (err) {
		pr_err("usb %s: can't set up the device: %d\n", udev->name, err);
		hdev->children[port] = NULL;
		xhci_free_dev(udev);
		usb_free_device(udev);
	}
}

/* Linux's usb_disconnect(): children first, then the device itself. */
static void usb_disconnect(struct usb_device *udev)
{
	for (int port = 1; port <= udev->maxchild; port++) {
		if (udev->children[port]) {
			usb_disconnect(udev->children[port]);
			udev->children[port] = NULL;
		}
	}
	pr_info("usb %s: USB disconnect, device number %d\n", udev->name, udev->devnum);
	xhci_free_dev(udev);	/* no more completions for its endpoints */
	if (udev->disconnect)
		udev->disconnect(udev);
	usb_free_device(udev);
}

/*
 * One port of @hdev: what changed, and what to do about it. Returns
 * nonzero when the hub does not answer (being unplugged itself, most
 * likely: its parent's work will tear it down).
 */
static int port_event(struct usb_device *hdev, u8 port)
{
	struct usb_device *child = hdev->children[port];
	u16 status, change;
	bool connected;
	int err = hub_port_status(hdev, port, &status, &change);

	if (err)
		return err;
	connected = status & USB_PORT_STAT_CONNECTION;
	if (change)
		hub_clear_changes(hdev, port, change);
	if (!(change & USB_PORT_STAT_C_CONNECTION) && connected == !!child)
		return 0;
	if (child) {
		hdev->children[port] = NULL;
		usb_disconnect(child);
	}
	if (!connected)
		return 0;
	msleep(HUB_DEBOUNCE_MS);
	err = hub_port_status(hdev, port, &status, &change);
	if (!err && (status & USB_PORT_STAT_CONNECTION))
		hub_port_connect(hdev, port);
	return err;
}

/* The work item of every hub: Linux's hub_event(). Context: usb_hub_wq. */
static void hub_event(struct work_struct *work)
{
	struct usb_hub *hub = container_of(work, struct usb_hub, events);
	struct usb_device *hdev = hub->hdev;

	for (u8 port = 1; port <= hdev->maxchild; port++) {
		if (port_event(hdev, port)) {
			pr_warn("hub %s:1.0: no answer from the hub; its ports are left "
				"until it is seen again\n", hdev->name);
			return;
		}
	}
	if (hub->int_ep)
		xhci_queue_int(hdev, hub->int_ep, hub->status, hub->int_len);
}

/* An external hub's status-change endpoint reported: Linux's hub_irq(). */
static void hub_irq(struct usb_device *hdev, int status, unsigned int actual)
{
	if (!status)
		usb_kick_hub_wq(hdev);
}

static struct usb_hub *hub_alloc(struct usb_device *hdev)
{
	struct usb_hub *hub = kzalloc(sizeof(*hub), GFP_KERNEL);

	if (!hub)
		return NULL;
	hub->hdev = hdev;
	INIT_WORK(&hub->events, hub_event);
	return hub;
}

/* Linux's hub_probe() and hub_configure() for an external hub. */
static int hub_probe(struct usb_device *hdev)
{
	const struct usb_endpoint_descriptor *ep = usb_config_find(hdev, USB_DT_ENDPOINT, NULL);
	struct usb_hub *hub;
	u8 desc[9];
	int ret;

	if (!ep || !(ep->bEndpointAddress & USB_DIR_IN))
		return -ENODEV;
	ret = usb_control_msg(hdev, USB_DIR_IN | USB_TYPE_CLASS, USB_REQ_GET_DESCRIPTOR,
			      USB_DT_HUB << 8, 0, desc, sizeof(desc), USB_CTRL_TIMEOUT_MS);
	if (ret < 7)
		return ret < 0 ? ret : -EIO;
	pr_info("hub %s:1.0: USB hub found\n", hdev->name);
	pr_info("hub %s:1.0: %u ports detected\n", hdev->name, desc[2]);
	hdev->maxchild = min_t(u8, desc[2], USB_MAXCHILDREN);
	hub = hub_alloc(hdev);
	if (!hub)
		return -ENOMEM;
	hub->status = (u8 *)get_zeroed_page(USB_DMA_GFP);
	hub->int_ep = ep->bEndpointAddress;
	hub->int_len = min_t(u16, ep->wMaxPacketSize & 0x7FF, 8);
	hdev->hub = hub;
	ret = hub->status ? xhci_enable_int_ep(hdev, ep, hub_irq) : -ENOMEM;
	if (ret)
		return ret;	/* usb_free_device() frees the hub */
	for (u8 port = 1; port <= hdev->maxchild; port++)
		hub_port_feature(hdev, USB_REQ_SET_FEATURE, port, HUB_PORT_FEAT_POWER);
	msleep(desc[5] * 2);	/* bPwrOn2PwrGood, in 2 ms units */
	usb_kick_hub_wq(hdev);
	return 0;
}

/**
 * usb_root_hub - root hub @rh of the controller (0: the USB 2 ports, bus
 * 1; 1: the USB 3 ports, bus 2), and its first look at its ports, queued
 * on usb_hub_wq
 *
 * Context: the controller's probe. Return: the root hub, or NULL when out
 * of memory.
 */
struct usb_device *usb_root_hub(struct xhci_hcd *hcd, int rh)
{
	struct usb_device *root = kzalloc(sizeof(*root), GFP_KERNEL);

	if (!hub_wq)
		hub_wq = alloc_ordered_workqueue("usb_hub_wq", 0);
	if (!root || !hub_wq) {
		kfree(root);
		return NULL;
	}
	root->hcd = hcd;
	root->busnum = rh + 1;
	root->devnum = 1;
	root->speed = rh ? USB_SPEED_SUPER : USB_SPEED_HIGH;
	devnum_used[rh][1] = true;
	snprintf(root->name, sizeof(root->name), "usb%d", root->busnum);
	root->maxchild = xhci_rh_nports(hcd, rh);
	root->hub = hub_alloc(root);
	if (!root->hub) {
		kfree(root);
		return NULL;
	}
	pr_info("hub %d-0:1.0: USB hub found\n", root->busnum);
	pr_info("hub %d-0:1.0: %u port%s detected\n", root->busnum, root->maxchild,
		root->maxchild == 1 ? "" : "s");
	usb_kick_hub_wq(root);
	return root;
}

/**
 * usb_hub_wait_initial_scan - wait until the devices present at boot are
 * enumerated, hubs and what is behind them included
 *
 * Each level of hubs queues the next one's work while it runs, so
 * usb_hub_wq is flushed once per level Spindle follows (a root hub and
 * up to five tiers of hubs, the USB limit). Linux does not wait, and its
 * USB messages may come after init started; here the boot log is
 * complete before the shell prompt. Later hot-plug stays asynchronous.
 * Context: the controller's probe; sleeps (about 100 ms per device).
 */
void usb_hub_wait_initial_scan(void)
{
	for (int level = 0; hub_wq && level < 6; level++)
		flush_workqueue(hub_wq);
}
