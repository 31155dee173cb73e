/*
 * A USB keyboard in the HID boot protocol, after Linux's
 * drivers/hid/usbhid/usbkbd.c: every report is 8 bytes - a bitmap of the
 * eight modifier keys, a reserved byte, and the usage codes of up to six
 * keys held down. usb_kbd_irq() compares each report with the previous
 * one and sends every key that went down or up to the console keyboard
 * (kbd_input_key(), the same decoder as PS/2, so the same US layout).
 * A boot keyboard reports only changes (SET_IDLE 0), so holding a key
 * down repeats it in software, as Linux's input core does (250 ms, then
 * every 33 ms).
 *
 * Simplified: no report descriptor parsing (boot protocol only), no LEDs.
 * Locking: the report state is touched only by the controller's
 * interrupt; the repeat timer reads repeat_code, written there too.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <spindle/keyboard.h>
#include "../../usb/core/usb.h"

#define HID_REQ_SET_IDLE 0x0A
#define HID_REQ_SET_PROTOCOL 0x0B
#define USB_INTERFACE_SUBCLASS_BOOT 1
#define USB_INTERFACE_PROTOCOL_KEYBOARD 1
#define REP_DELAY_MS 250	/* Linux's input core defaults */
#define REP_PERIOD_MS 33
#define USB_KBD_REPORT 8

#define E(c) (KBD_EXTENDED | (c))

/*
 * HID usage (page 7) to set-1 scancode, for usages 0x00..0x63: Linux's
 * usb_kbd_keycode[] maps to key codes, which for these keys equal the
 * set-1 scancodes (KEY_A is 30, 0x1E).
 */
static const u16 usb_kbd_scancode[0x64] = {
	[0x04] = 0x1E, 0x30, 0x2E, 0x20, 0x12, 0x21, 0x22, 0x23, 0x17, 0x24,	/* a-j */
	0x25, 0x26, 0x32, 0x31, 0x18, 0x19, 0x10, 0x13, 0x1F, 0x14,		/* k-t */
	0x16, 0x2F, 0x11, 0x2D, 0x15, 0x2C,					/* u-z */
	0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,		/* 1-0 */
	0x1C, 0x01, 0x0E, 0x0F, 0x39, 0x0C, 0x0D, 0x1A, 0x1B, 0x2B,		/* Enter..\ */
	0x2B, 0x27, 0x28, 0x29, 0x33, 0x34, 0x35, 0x3A,				/* #..Caps */
	0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x40, 0x41, 0x42, 0x43, 0x44, 0x57, 0x58,	/* F1-F12 */
	E(0x37), 0x46, 0,							/* PrtSc, ScrLk, Pause */
	E(0x52), E(0x47), E(0x49), E(0x53), E(0x4F), E(0x51),			/* Ins..PgDn */
	E(0x4D), E(0x4B), E(0x50), E(0x48),					/* arrows */
	0x45, E(0x35), 0x37, 0x4A, 0x4E, E(0x1C),				/* NumLk..KPEnter */
	0x4F, 0x50, 0x51, 0x4B, 0x4C, 0x4D, 0x47, 0x48, 0x49, 0x52, 0x53,	/* KP1..KP. */
};

/* Report byte 0, bit by bit: LCtrl LShift LAlt LGUI RCtrl RShift RAlt RGUI. */
static const u16 usb_kbd_modifier[8] = {
	0x1D, 0x2A, 0x38, E(0x5B), E(0x1D), 0x36, E(0x38), E(0x5C),
};

struct usb_kbd {
	struct usb_device *udev;
	u8 ep;
	u8 *report;		/* the DMA buffer (a page) */
	u8 old[USB_KBD_REPORT];
	struct timer_list repeat;
	u16 repeat_code;	/* 0: nothing repeats */
};

static void usb_kbd_repeat(struct timer_list *t)
{
	struct usb_kbd *kbd = from_timer(kbd, t, repeat);
	u16 code = READ_ONCE(kbd->repeat_code);

	if (!code)
		return;
	kbd_input_key(code, false);	/* a repeat is another press, as typematic */
	mod_timer(&kbd->repeat, jiffies + msecs_to_jiffies(REP_PERIOD_MS));
}

static bool usb_kbd_has(const u8 *report, u8 usage)
{
	return memchr(report + 2, usage, 6) != NULL;
}

static void usb_kbd_key(struct usb_kbd *kbd, u8 usage, bool release)
{
	u16 code = usage < ARRAY_SIZE(usb_kbd_scancode) ? usb_kbd_scancode[usage] : 0;

	if (!code) {
		if (!release && usage > 3)
			pr_info("usbkbd: unknown key (usage 0x%02x) pressed\n", usage);
		return;
	}
	kbd_input_key(code, release);
	if (!release) {
		WRITE_ONCE(kbd->repeat_code, code);
		mod_timer(&kbd->repeat, jiffies + msecs_to_jiffies(REP_DELAY_MS));
	} else if (kbd->repeat_code == code) {
		WRITE_ONCE(kbd->repeat_code, 0);
	}
}

/* Linux's usb_kbd_irq(): what changed since the last report. */
static void usb_kbd_irq(struct usb_device *udev, int status, unsigned int actual)
{
	struct usb_kbd *kbd = udev->driver_data;
	const u8 *new = kbd->report;
	u8 changed = new[0] ^ kbd->old[0];

	/* Usages 1-3 fill every slot when too many keys are down: ignore. */
	if (status || actual != USB_KBD_REPORT || (new[2] >= 1 && new[2] <= 3))
		goto resubmit;
	for (int i = 0; i < 8; i++)
		if (changed & (1 << i))
			kbd_input_key(usb_kbd_modifier[i], !(new[0] & (1 << i)));
	for (int i = 2; i < USB_KBD_REPORT; i++)
		if (kbd->old[i] > 3 && !usb_kbd_has(new, kbd->old[i]))
			usb_kbd_key(kbd, kbd->old[i], true);
	for (int i = 2; i < USB_KBD_REPORT; i++)
		if (new[i] > 3 && !usb_kbd_has(kbd->old, new[i]))
			usb_kbd_key(kbd, new[i], false);
	memcpy(kbd->old, new, USB_KBD_REPORT);
resubmit:
	xhci_queue_int(udev, kbd->ep, kbd->report, USB_KBD_REPORT);
}

static void usb_kbd_disconnect(struct usb_device *udev)
{
	struct usb_kbd *kbd = udev->driver_data;

	WRITE_ONCE(kbd->repeat_code, 0);
	del_timer_sync(&kbd->repeat);
	/* Keys still down on a keyboard pulled out: let them go. */
	for (int i = 0; i < 8; i++)
		if (kbd->old[0] & (1 << i))
			kbd_input_key(usb_kbd_modifier[i], true);
	free_page((unsigned long)kbd->report);
	kfree(kbd);
	udev->driver_data = NULL;
}

/* The boot keyboard interface of @udev and its interrupt IN endpoint. */
static const struct usb_endpoint_descriptor *
usb_kbd_find(struct usb_device *udev, const struct usb_interface_descriptor **intf)
{
	const struct usb_interface_descriptor *i = NULL;

	while ((i = usb_config_find(udev, USB_DT_INTERFACE, i))) {
		const struct usb_endpoint_descriptor *ep = (const void *)i;

		if (i->bInterfaceClass != USB_CLASS_HID ||
		    i->bInterfaceSubClass != USB_INTERFACE_SUBCLASS_BOOT ||
		    i->bInterfaceProtocol != USB_INTERFACE_PROTOCOL_KEYBOARD)
			continue;
		ep = usb_config_find(udev, USB_DT_ENDPOINT, ep);
		if (ep && (ep->bEndpointAddress & USB_DIR_IN) &&
		    (ep->bmAttributes & 3) == USB_ENDPOINT_XFER_INT) {
			*intf = i;
			return ep;
		}
	}
	return NULL;
}

/**
 * usb_kbd_probe - take @udev if it has a HID boot keyboard interface
 *
 * Boot protocol, no idle reports, the interrupt endpoint configured and
 * the first report queued. Context: the hub thread; sleeps.
 * Return: 0, -ENODEV when it is not a boot keyboard, else an error.
 */
int usb_kbd_probe(struct usb_device *udev)
{
	const struct usb_interface_descriptor *intf;
	const struct usb_endpoint_descriptor *ep = usb_kbd_find(udev, &intf);
	struct usb_kbd *kbd;
	int ret;

	if (!ep)
		return -ENODEV;
	kbd = kzalloc(sizeof(*kbd), GFP_KERNEL);
	if (!kbd)
		return -ENOMEM;
	kbd->report = (u8 *)get_zeroed_page(USB_DMA_GFP);
	if (!kbd->report) {
		kfree(kbd);
		return -ENOMEM;
	}
	kbd->udev = udev;
	kbd->ep = ep->bEndpointAddress;
	timer_setup(&kbd->repeat, usb_kbd_repeat, 0);
	/* SET_PROTOCOL(boot) and SET_IDLE(0): Linux's usbkbd relies on the
	 * device's default; a report protocol keyboard needs the request. */
	usb_control_msg(udev, USB_TYPE_CLASS | USB_RECIP_INTERFACE, HID_REQ_SET_PROTOCOL,
			0, intf->bInterfaceNumber, NULL, 0, 5000);
	usb_control_msg(udev, USB_TYPE_CLASS | USB_RECIP_INTERFACE, HID_REQ_SET_IDLE,
			0, intf->bInterfaceNumber, NULL, 0, 5000);
	udev->driver_data = kbd;
	udev->disconnect = usb_kbd_disconnect;
	ret = xhci_enable_int_ep(udev, ep, usb_kbd_irq);
	if (!ret)
		ret = xhci_queue_int(udev, kbd->ep, kbd->report, USB_KBD_REPORT);
	if (ret) {
		udev->disconnect = NULL;
		usb_kbd_disconnect(udev);
		return ret;
	}
	pr_info("input: USB HID boot keyboard as %s (endpoint 0x%02x), US layout\n",
		udev->name, kbd->ep);
	return 0;
}
