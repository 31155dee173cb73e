/*
 * Output consoles, as in Linux's include/linux/console.h: printk() hands
 * each finished line to every registered console (serial, framebuffer,
 * VGA text). Consoles are called with the log lock held and interrupts
 * off, so write() must not sleep.
 */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t len);
	struct console *next;
	void *data;
};

void register_console(struct console *con);
void unregister_console(struct console *con);

#endif
