/*
 * /dev/console's terminal. Linux's /dev/console opens the tty of the
 * preferred console (console_device(): the last console= named, else
 * the first console registered), so console=ttyS0 gives ttyS0's tty and
 * console=tty0 the current virtual console's, tty1.
 *
 * Spindle's differs: without console= every console is /dev/console
 * (kernel/printk/printk.c), so /dev/console is a terminal of its own
 * that writes to every /dev/console console (console_device_write(), as
 * the kernel shell does) and reads what their input devices send
 * (console_accepts_input()). With console=NAME it writes and reads that
 * console only, as on Linux, but as a tty_struct of its own: a line
 * opened as /dev/ttyS0 too takes its input first (tty_buffer.c).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/tty.h>
#include <spindle/printk.h>
#include "tty.h"

#define CONSOLE_WRITE_CHUNK 16	/* see tty_write() in shell_queue.c */

static struct tty_port console_port;

static ssize_t console_tty_write(struct tty_struct *tty, const u8 *buf,
				 size_t count)
{
	for (size_t done = 0; done < count; done += CONSOLE_WRITE_CHUNK)
		console_device_write((const char *)buf + done,
				     min_t(size_t, count - done, CONSOLE_WRITE_CHUNK));
	return count;
}

static unsigned int console_tty_write_room(struct tty_struct *tty)
{
	return 4096;
}

static const struct tty_operations console_tty_ops = {
	.write = console_tty_write,
	.write_room = console_tty_write_room,
};

struct tty_driver console_tty_driver = {
	.driver_name = "console",
	.name = "console",
	.major = TTYAUX_MAJOR,
	.minor_start = 1,
	.num = 1,
	.ops = &console_tty_ops,
	.init_winsize = { .ws_row = 24, .ws_col = 80 },
	.ports = { &console_port },
};

/* The flip buffer of /dev/console's tty while it is open, else NULL. */
struct tty_port *console_tty_port(void)
{
	return READ_ONCE(console_port.tty) ? &console_port : NULL;
}

static int __init console_tty_init(void)
{
	console_tty_driver.init_termios = tty_std_termios;
	tty_port_init(&console_port);
	console_port.driver = &console_tty_driver;
	return 0;
}
core_initcall(console_tty_init);
