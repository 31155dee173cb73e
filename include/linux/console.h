/*
 * Output consoles, as in Linux's include/linux/console.h: printk() hands
 * each finished line to every enabled console (serial, framebuffer, VGA
 * text). Consoles are called with the log lock held and interrupts off,
 * so write() must not sleep.
 *
 * A console is named like a device: name "ttyS" and index 0 is ttyS0.
 * Index -1 means "any index" (the screen: console=tty0, tty1, ... all
 * mean the one screen console); register_console() then sets it to 0.
 */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

#define CONSOLE_NAME_MAX 16	/* as Linux's console->name[16] */

/* struct console.flags, with Linux's values and /proc/consoles letters. */
#define CON_PRINTBUFFER	(1 << 0)	/* p: got the log printed before it */
#define CON_CONSDEV	(1 << 1)	/* C: /dev/console: the shell's output */
#define CON_ENABLED	(1 << 2)	/* E: printk() writes to it */

struct console {
	char name[CONSOLE_NAME_MAX];
	int index;
	unsigned int flags;
	/* Applies console=NAME,OPTIONS before the console is enabled;
	 * @options is NULL when there are none. May printk. */
	int (*setup)(struct console *con, char *options);
	void (*write)(struct console *con, const char *s, size_t len);
	/* Spindle's, not Linux's: finishes drawing that write() put off
	 * (see console_defer_flush()); returns true while some is still
	 * put off. Called under the log lock, interrupts off. */
	bool (*flush)(struct console *con);
	struct console *next;
	void *data;
	char settings[16];	/* the driver's line settings, e.g. "115200n8" */
};

void register_console(struct console *con);
void unregister_console(struct console *con);

#endif
