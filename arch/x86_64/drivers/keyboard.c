/*
 * The PS/2 keyboard, after Linux's drivers/input/keyboard/atkbd.c and the
 * US keymap of drivers/tty/vt/keyboard.c: turns the scancodes (set 1, as
 * the i8042 translates them) into the characters a terminal sends and
 * puts them into the console input queue, where serial input goes too.
 * The arrow and editing keys send ANSI sequences (ESC [ A, ...), so the
 * shell sees the same bytes from either console.
 *
 * Other keyboards (USB: drivers/hid/usbhid/usbkbd.c) feed the same
 * decoder with set-1 scancodes through kbd_input_key().
 *
 * Simplified: US layout only; no key codes or input events, characters
 * go straight to the tty. Locking: kbd_lock guards struct atkbd, taken
 * by the IRQ 1 handler and by kbd_input_key().
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <asm/i8042.h>
#include <spindle/tty.h>
#include <spindle/printk.h>
#include <linux/tty.h>
#include <asm/screen.h>
#include <linux/spinlock.h>
#include <spindle/keyboard.h>

#define ATKBD_CMD_SETLEDS 0xED
#define ATKBD_CMD_ENABLE 0xF4		/* start scanning */
#define ATKBD_RET_ACK 0xFA
#define ATKBD_RET_NAK 0xFE		/* "resend" */
#define ATKBD_LED_NUML 0x02
#define ATKBD_LED_CAPSL 0x04

/* Set-1 scancodes with a meaning of their own. */
#define SC_EXTEND 0xE0			/* the next code is another key */
#define SC_PAUSE 0xE1			/* Pause: E1 1D 45 E1 9D C5 */
#define SC_RELEASE 0x80
#define SC_LCTRL 0x1D
#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_LALT 0x38
#define SC_CAPSLOCK 0x3A
#define SC_NUMLOCK 0x45
#define SC_KP_FIRST 0x47
#define SC_KP_LAST 0x53
#define SC_KP_MINUS 0x4A
#define SC_KP_PLUS 0x4E

#define MOD_LSHIFT 0x01
#define MOD_RSHIFT 0x02
#define MOD_LCTRL 0x04
#define MOD_RCTRL 0x08
#define MOD_LALT 0x10
#define MOD_RALT 0x20
#define MOD_SHIFT (MOD_LSHIFT | MOD_RSHIFT)
#define MOD_CTRL (MOD_LCTRL | MOD_RCTRL)
#define MOD_ALT (MOD_LALT | MOD_RALT)

#define ESC "\033"

/*
 * US layout, codes 0x00..0x39, without and with Shift. Backspace sends DEL
 * and Enter CR, as a terminal does; 0 marks a modifier or no key.
 */
static const char keymap_plain[] =
	"\0" ESC "1234567890-=" "\x7f\t" "qwertyuiop[]" "\r\0"
	"asdfghjkl;'`" "\0\\" "zxcvbnm,./" "\0*\0 ";
static const char keymap_shift[] =
	"\0" ESC "!@#$%^&*()_+" "\x7f\t" "QWERTYUIOP{}" "\r\0"
	"ASDFGHJKL:\"~" "\0|" "ZXCVBNM<>?" "\0*\0 ";
/* The keypad, 0x47..0x53, with Num Lock on. */
static const char keymap_keypad[] = "789-456+1230.";
BUILD_BUG_ON(sizeof(keymap_plain) != SC_CAPSLOCK + 1);
BUILD_BUG_ON(sizeof(keymap_shift) != SC_CAPSLOCK + 1);
BUILD_BUG_ON(sizeof(keymap_keypad) != SC_KP_LAST - SC_KP_FIRST + 2);

/* Keys after an E0 prefix; the keypad's codes without Num Lock too. */
static const char *const extended_keys[] = {
	[0x1C] = "\r",		/* keypad Enter */
	[0x35] = "/",		/* keypad / */
	[0x47] = ESC "[H",	/* Home */
	[0x48] = ESC "[A",	/* Up */
	[0x49] = ESC "[5~",	/* Page Up */
	[0x4B] = ESC "[D",	/* Left */
	[0x4D] = ESC "[C",	/* Right */
	[0x4F] = ESC "[F",	/* End */
	[0x50] = ESC "[B",	/* Down */
	[0x51] = ESC "[6~",	/* Page Down */
	[0x52] = ESC "[2~",	/* Insert */
	[0x53] = ESC "[3~",	/* Delete */
};

enum led_state { LED_IDLE, LED_CMD_SENT, LED_ARG_SENT };

static struct atkbd {
	u8 modifiers;		/* MOD_* keys held */
	bool extended;		/* an E0 came: the next code is another key */
	u8 skip;		/* bytes left of a Pause sequence */
	bool caps_lock, num_lock;
	bool caps_held, num_held;	/* against typematic repeats */
	enum led_state led_state;
	bool led_dirty;		/* a lock changed during an LED update */
} kbd = { .num_lock = true };

static DEFINE_RAW_SPINLOCK(kbd_lock);
static bool atkbd_present;	/* LEDs only on a PS/2 keyboard that answered */

static u8 atkbd_leds(void)
{
	return (kbd.caps_lock ? ATKBD_LED_CAPSL : 0) |
	       (kbd.num_lock ? ATKBD_LED_NUML : 0);
}

/* Starts an LED update; its two ACKs arrive through atkbd_led_answer(). */
static void atkbd_update_leds(void)
{
	if (!atkbd_present)
		return;
	if (kbd.led_state != LED_IDLE) {
		kbd.led_dirty = true;
		return;
	}
	if (!i8042_kbd_write(ATKBD_CMD_SETLEDS))
		kbd.led_state = LED_CMD_SENT;
}

/* The keyboard's answer during an LED update: send the next byte. */
static void atkbd_led_answer(u8 data)
{
	if (data == ATKBD_RET_ACK && kbd.led_state == LED_CMD_SENT) {
		if (!i8042_kbd_write(atkbd_leds())) {
			kbd.led_state = LED_ARG_SENT;
			return;
		}
	}
	kbd.led_state = LED_IDLE;
	if (kbd.led_dirty) {
		kbd.led_dirty = false;
		atkbd_update_leds();
	}
}

/*
 * Hands a typed character to the virtual console's terminal, tty1, as on
 * a Linux VT; when user space has not opened it, to /dev/console's tty or
 * the kernel shell if the screen is /dev/console (tty_port_receive_char()).
 */
static void atkbd_put(char c)
{
	tty_port_receive_char(&vc_port, c);
}

static void atkbd_emit(const char *s)
{
	while (*s)
		atkbd_put(*s++);
}

/* Returns the MOD_* bit of a modifier key, 0 for other keys. */
static u8 atkbd_modifier(u8 code, bool extended)
{
	switch (code) {
	case SC_LSHIFT:
		return extended ? 0 : MOD_LSHIFT;
	case SC_RSHIFT:
		return extended ? 0 : MOD_RSHIFT;
	case SC_LCTRL:
		return extended ? MOD_RCTRL : MOD_LCTRL;
	case SC_LALT:
		return extended ? MOD_RALT : MOD_LALT;
	}
	return 0;
}

/* Caps Lock and Num Lock toggle once per press, not per repeat. */
static bool atkbd_lock_key(u8 code, bool release)
{
	bool *held, *lock;

	if (code == SC_CAPSLOCK) {
		held = &kbd.caps_held;
		lock = &kbd.caps_lock;
	} else if (code == SC_NUMLOCK) {
		held = &kbd.num_held;
		lock = &kbd.num_lock;
	} else {
		return false;
	}
	if (!release && !*held) {
		*lock = !*lock;
		atkbd_update_leds();
	}
	*held = !release;
	return true;
}

/* Ctrl turns @ A-Z [ \ ] ^ _ (either case) into the codes 0..31. */
static char atkbd_control(char c)
{
	if ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z'))
		return c & 0x1f;
	return c;
}

/* The character of an unprefixed main-block key, 0 for none. */
static char atkbd_main_key(u8 code)
{
	bool shift = kbd.modifiers & MOD_SHIFT;
	char c;

	if (code >= sizeof(keymap_plain) - 1)
		return 0;
	c = keymap_plain[code];
	if (isalpha(c) && kbd.caps_lock)
		shift = !shift;
	if (shift)
		c = keymap_shift[code];
	if (c && (kbd.modifiers & MOD_CTRL))
		c = atkbd_control(c);
	return c;
}

static void atkbd_press(u8 code, bool extended)
{
	char c;

	if (!extended && code >= SC_KP_FIRST && code <= SC_KP_LAST) {
		/* Without Num Lock the keypad is the editing block. */
		if (kbd.num_lock || code == SC_KP_MINUS || code == SC_KP_PLUS) {
			atkbd_put(keymap_keypad[code - SC_KP_FIRST]);
			return;
		}
		extended = true;
	}
	if (extended) {
		if (code < ARRAY_SIZE(extended_keys) && extended_keys[code])
			atkbd_emit(extended_keys[code]);
		return;
	}
	c = atkbd_main_key(code);
	if (!c)
		return;
	/* Alt sends ESC first, as a terminal's "meta sends escape". */
	if (kbd.modifiers & MOD_ALT)
		atkbd_put('\033');
	atkbd_put(c);
}

/* Handles one byte from the keyboard. Context: kbd_lock held. */
static void atkbd_receive_locked(u8 data)
{
	bool extended, release;
	u8 code, mod;

	if (data == ATKBD_RET_ACK || data == ATKBD_RET_NAK) {
		atkbd_led_answer(data);
		return;
	}
	if (kbd.skip) {
		kbd.skip--;
		return;
	}
	if (data == SC_PAUSE) {
		kbd.skip = 2;
		return;
	}
	if (data == SC_EXTEND) {
		kbd.extended = true;
		return;
	}
	extended = kbd.extended;
	kbd.extended = false;
	release = data & SC_RELEASE;
	code = data & ~SC_RELEASE;
	/* E0 2A and E0 36 are fake shifts around some keys: not keys. */
	if (extended && (code == SC_LSHIFT || code == SC_RSHIFT))
		return;
	mod = atkbd_modifier(code, extended);
	if (mod) {
		kbd.modifiers = release ? kbd.modifiers & ~mod : kbd.modifiers | mod;
		return;
	}
	if (!extended && atkbd_lock_key(code, release))
		return;
	if (!release)
		atkbd_press(code, extended);
}

/* Context: IRQ 1. */
static void atkbd_receive(u8 data)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&kbd_lock, flags);
	atkbd_receive_locked(data);
	raw_spin_unlock_irqrestore(&kbd_lock, flags);
}

void kbd_input_key(u16 code, bool release)
{
	unsigned long flags;
	u8 sc = (code & 0x7F) | (release ? SC_RELEASE : 0);

	raw_spin_lock_irqsave(&kbd_lock, flags);
	if (code & KBD_EXTENDED)
		atkbd_receive_locked(SC_EXTEND);
	atkbd_receive_locked(sc);
	raw_spin_unlock_irqrestore(&kbd_lock, flags);
}

/* A keyboard command while the interrupt is off: send, wait for ACK. */
static int atkbd_command_poll(u8 byte)
{
	u8 answer;
	int err = i8042_kbd_write(byte);

	/* Skip a few key bytes that may come before the answer. */
	for (int i = 0; !err && i < 8; i++) {
		err = i8042_kbd_read(&answer);
		if (!err && answer == ATKBD_RET_ACK)
			return 0;
		if (!err && answer == ATKBD_RET_NAK)
			return -EIO;
	}
	return err ?: -EIO;
}

static int __init atkbd_init(void)
{
	int err = i8042_kbd_probe();

	if (err == -ENODEV) {
		pr_info("keyboard: no i8042 controller; no PS/2 keyboard\n");
		return 0;
	}
	if (err)
		return err;
	/* The ACK to "enable scanning" tells that a keyboard is there. */
	if (atkbd_command_poll(ATKBD_CMD_ENABLE)) {
		pr_info("keyboard: no answer on the i8042's port 1; no PS/2 keyboard\n");
		return 0;
	}
	if (atkbd_command_poll(ATKBD_CMD_SETLEDS) ||
	    atkbd_command_poll(atkbd_leds()))
		pr_warn("keyboard: the keyboard refused its LED setting\n");
	atkbd_present = true;
	err = i8042_kbd_enable_irq(atkbd_receive);
	if (err) {
		pr_warn("keyboard: cannot enable IRQ %d: %s\n", I8042_KBD_IRQ,
			errname(err) ?: "unknown error");
		return err;
	}
	pr_info("keyboard: PS/2 keyboard on IRQ %d, US layout\n", I8042_KBD_IRQ);
	return 0;
}
device_initcall(atkbd_init);
