/*
 * Spindle's USB core, internal to drivers/: a USB device as the host
 * controller driver (drivers/usb/host/xhci.c), the hub driver
 * (drivers/usb/core/hub.c) and the keyboard driver
 * (drivers/hid/usbhid/usbkbd.c) share it. Names follow Linux's
 * include/linux/usb.h and include/uapi/linux/usb/ch9.h, much reduced:
 * no URBs (a driver queues one interrupt transfer at a time and gets a
 * callback), no interfaces or driver binding by table.
 */
#ifndef _DRIVERS_USB_CORE_USB_H
#define _DRIVERS_USB_CORE_USB_H

#include <linux/types.h>
#include <linux/completion.h>
#include <linux/gfp.h>

/* Chapter 9 of the USB specification. */
#define USB_DIR_OUT 0x00
#define USB_DIR_IN 0x80
#define USB_TYPE_STANDARD 0x00
#define USB_TYPE_CLASS 0x20
#define USB_RECIP_DEVICE 0x00
#define USB_RECIP_INTERFACE 0x01
#define USB_RECIP_OTHER 0x03

#define USB_REQ_GET_STATUS 0x00
#define USB_REQ_CLEAR_FEATURE 0x01
#define USB_REQ_SET_FEATURE 0x03
#define USB_REQ_GET_DESCRIPTOR 0x06
#define USB_REQ_SET_CONFIGURATION 0x09

#define USB_DT_DEVICE 0x01
#define USB_DT_CONFIG 0x02
#define USB_DT_STRING 0x03
#define USB_DT_INTERFACE 0x04
#define USB_DT_ENDPOINT 0x05
#define USB_DT_HUB 0x29

#define USB_CLASS_HID 0x03
#define USB_CLASS_HUB 0x09
#define USB_ENDPOINT_XFER_INT 0x03

/* Linux's enum usb_device_speed. */
enum usb_device_speed {
	USB_SPEED_UNKNOWN = 0, USB_SPEED_LOW, USB_SPEED_FULL, USB_SPEED_HIGH,
	USB_SPEED_WIRELESS, USB_SPEED_SUPER,
};

struct usb_device_descriptor {
	u8 bLength;
	u8 bDescriptorType;
	u16 bcdUSB;
	u8 bDeviceClass;
	u8 bDeviceSubClass;
	u8 bDeviceProtocol;
	u8 bMaxPacketSize0;
	u16 idVendor;
	u16 idProduct;
	u16 bcdDevice;
	u8 iManufacturer;
	u8 iProduct;
	u8 iSerialNumber;
	u8 bNumConfigurations;
} __packed;

struct usb_interface_descriptor {
	u8 bLength;
	u8 bDescriptorType;
	u8 bInterfaceNumber;
	u8 bAlternateSetting;
	u8 bNumEndpoints;
	u8 bInterfaceClass;
	u8 bInterfaceSubClass;
	u8 bInterfaceProtocol;
	u8 iInterface;
} __packed;

struct usb_endpoint_descriptor {
	u8 bLength;
	u8 bDescriptorType;
	u8 bEndpointAddress;
	u8 bmAttributes;
	u16 wMaxPacketSize;
	u8 bInterval;
} __packed;

/*
 * Memory the controller reads or writes (rings, contexts, buffers): below
 * 4 GiB, for controllers without 64-bit addressing (HCCPARAMS1.AC64
 * clear). Linux sets the device's DMA mask instead.
 */
#define USB_DMA_GFP (GFP_KERNEL | GFP_DMA32)

#define USB_MAXCHILDREN 15	/* ports of one hub Spindle follows */
#define USB_CONFIG_MAX 512	/* bytes of configuration descriptor kept */

struct xhci_hcd;
struct usb_device;

/* Called from the controller's interrupt when an interrupt transfer ends:
 * @status 0 or -EIO, @actual bytes received. */
typedef void (*usb_complete_t)(struct usb_device *udev, int status, unsigned int actual);

struct usb_device {
	struct xhci_hcd *hcd;
	struct usb_device *parent;	/* NULL for the root hub */
	char devpath[16];		/* "1", "1.2": ports from the root */
	int busnum;			/* 1: the USB 2 root hub's, 2: the USB 3 one's */
	char name[24];			/* "usb1", "1-1", "1-1.2", as Linux's dev_name() */
	int devnum;			/* the address Linux would print */
	int slot_id;			/* xHCI device slot; 0 for the root hub */
	enum usb_device_speed speed;
	u8 portnum;			/* port on the parent */
	u8 root_port;			/* the controller's port the path starts at */
	u8 level;			/* 0: root hub, 1: on a root port, ... */
	u32 route;			/* xHCI route string: ports below the root port */
	struct usb_device_descriptor descriptor;
	u8 config[USB_CONFIG_MAX];
	u16 config_len;
	/* A hub: its ports and what is on them. */
	u8 maxchild;
	struct usb_device *children[USB_MAXCHILDREN + 1];	/* by port, 1-based */
	void *hub;			/* struct usb_hub, hub.c */
	/* The driver that took the device (usbkbd or hub). */
	void *driver_data;
	void (*disconnect)(struct usb_device *udev);
};

/* xhci.c: what the core and drivers ask of the host controller. */
int xhci_alloc_dev(struct usb_device *udev);
void xhci_free_dev(struct usb_device *udev);
int usb_control_msg(struct usb_device *udev, u8 request_type, u8 request,
		    u16 value, u16 index, void *data, u16 size, unsigned int timeout_ms);
int xhci_update_ep0_maxp(struct usb_device *udev, u16 maxp);
int xhci_enable_int_ep(struct usb_device *udev, const struct usb_endpoint_descriptor *ep,
		       usb_complete_t complete);
int xhci_queue_int(struct usb_device *udev, u8 ep_addr, void *buf, unsigned int len);
/* The root hubs' ports (xHCI PORTSC), in hub terms (wPortStatus bits);
 * @port is the controller's port number (xhci_rh_port()). */
int xhci_root_port_status(struct xhci_hcd *hcd, u8 port, u16 *status, u16 *change);
int xhci_root_port_reset(struct xhci_hcd *hcd, u8 port);
void xhci_root_port_clear_changes(struct xhci_hcd *hcd, u8 port);
/* Root hub @rh (0: USB 2, 1: USB 3): its port count, and the
 * controller's port number of its port @port. */
unsigned int xhci_rh_nports(struct xhci_hcd *hcd, int rh);
u8 xhci_rh_port(struct xhci_hcd *hcd, int rh, u8 port);

/* hub.c */
struct usb_device *usb_root_hub(struct xhci_hcd *hcd, int rh);
void usb_kick_hub_wq(struct usb_device *hub);
void usb_hub_wait_initial_scan(void);
int usb_get_descriptor(struct usb_device *udev, u8 type, u8 index, void *buf, u16 size);
/* Finds the next descriptor of @type in @udev's configuration after @pos
 * (NULL: the first); NULL at the end. */
const void *usb_config_find(struct usb_device *udev, u8 type, const void *pos);

/* usbkbd.c */
int usb_kbd_probe(struct usb_device *udev);

/* Hub port status bits (USB 2.0 11.24.2.7). */
#define USB_PORT_STAT_CONNECTION 0x0001
#define USB_PORT_STAT_ENABLE 0x0002
#define USB_PORT_STAT_RESET 0x0010
#define USB_PORT_STAT_POWER 0x0100
#define USB_PORT_STAT_LOW_SPEED 0x0200
#define USB_PORT_STAT_HIGH_SPEED 0x0400
#define USB_PORT_STAT_SUPER_SPEED 0x0800	/* Spindle's, for root ports */
#define USB_PORT_STAT_C_CONNECTION 0x0001
#define USB_PORT_STAT_C_ENABLE 0x0002
#define USB_PORT_STAT_C_RESET 0x0010

#endif
