/*
 * What a terminal's hardware driver gives the TTY layer, as Linux's
 * include/linux/tty_driver.h: a struct tty_driver names a family of
 * devices (ttyS, tty) with their major/minor numbers and default
 * settings, and its tty_operations move bytes to the hardware.
 *
 * Simplified: drivers are static structures with fixed arrays (Linux
 * allocates them with tty_alloc_driver()); there are no modem lines,
 * break, or hangup operations.
 */
#ifndef _LINUX_TTY_DRIVER_H
#define _LINUX_TTY_DRIVER_H

#include <linux/types.h>
#include <linux/list.h>
#include <uapi/linux/termios.h>

struct tty_struct;
struct tty_port;
struct file;

/* Kernel-side termios: the user's fields plus the speeds (Linux's). */
struct ktermios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
	speed_t c_ispeed;
	speed_t c_ospeed;
};

struct tty_operations {
	/* First open of a line; may fail with -ENODEV (no hardware). */
	int (*open)(struct tty_struct *tty, struct file *filp);
	void (*close)(struct tty_struct *tty, struct file *filp);
	/* Sends @count bytes already processed by the line discipline.
	 * May be called with tty->lock held: must not sleep.
	 * Return: the bytes taken. */
	ssize_t (*write)(struct tty_struct *tty, const u8 *buf, size_t count);
	unsigned int (*write_room)(struct tty_struct *tty);
	/* The termios changed (e.g. the baud rate); optional. */
	void (*set_termios)(struct tty_struct *tty, const struct ktermios *old);
};

/* struct tty_driver.flags */
#define TTY_DRIVER_CONSOLE_VT 0x1	/* Spindle: the virtual console, (4,0) is its current line */

#define TTY_MAX_LINES 4

struct tty_driver {
	const char *driver_name;
	const char *name;		/* device name without the index: "ttyS" */
	int major;
	int minor_start;
	int num;			/* lines, at most TTY_MAX_LINES */
	int name_base;			/* index of the first line in its name */
	unsigned int flags;
	struct ktermios init_termios;
	struct winsize init_winsize;
	/* Spindle: the printk console on the same device ("ttyS", 0), for
	 * the /dev/console choice; NULL if none. */
	const char *console_name;
	int console_index;
	const struct tty_operations *ops;
	struct tty_struct *ttys[TTY_MAX_LINES];
	struct tty_port *ports[TTY_MAX_LINES];
	struct list_head tty_drivers;
};

extern const struct ktermios tty_std_termios;

/* Adds the driver and creates its /dev nodes. Return: 0 or -errno. */
int tty_register_driver(struct tty_driver *driver);
void tty_port_link_device(struct tty_port *port, struct tty_driver *driver,
			  unsigned int index);

#endif
