/* Spindle's side of the printk log and consoles (kernel/printk/). */
#ifndef _SPINDLE_PRINTK_H
#define _SPINDLE_PRINTK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/console.h>

#define LOG_BUF_LEN (128 * 1024)
#define LOG_LINE_MAX 1024

size_t log_read_all(char *buf, size_t size, int max_level);
size_t log_read(char *buf, size_t size, unsigned int level_mask, bool clear);
void log_replay(struct console *con);

/* kernel/printk/printk.c: the consoles. */
/* Terminal output (the shell's): to the /dev/console consoles only. */
void console_device_write(const char *s, size_t len);
/* Terminal output to @con alone, enabled or not (a tty on that device). */
void console_write_one(struct console *con, const char *s, size_t len);
/* May input from the device of console @name@index reach the shell? */
bool console_accepts_input(const char *name, int index);
/* Enables every registered console and makes each /dev/console. */
void console_enable_all(void);
typedef int (*console_report_fn)(const char *fmt, ...) __printf(1, 2);
/* One line per console, as /proc/consoles. */
void console_list(console_report_fn print);
/* "ttyS0\n": the terminals behind /dev/console (sysfs console/active). */
size_t console_active_names(char *buf, size_t size);

/*
 * Put-off drawing. A console whose write() is expensive (the screen
 * redrawn after a scroll) may leave it for the tick: write() calls
 * console_defer_flush(), and the tick calls the console's flush() until
 * it reports nothing left. console_may_defer() says whether a tick will
 * come (not before the tick starts, nor after a panic).
 */
bool console_may_defer(void);
void console_defer_flush(void);
/* From tick_periodic(): runs put-off drawing. Context: hard interrupt. */
void console_tick(void);
/* From panic(): draws everything now and puts nothing off any more. */
void console_flush_on_panic(void);

/* kernel/printk/console_cmdline.c: the console= options. */
#define MAX_CMDLINECONSOLES 8	/* as Linux */
extern bool console_set_on_cmdline;
/* Which console= entry names @con: its number, or -1; sets *@options. */
int console_cmdline_match(const struct console *con, char **options);
/* The number of the entry named last (Linux's preferred_console), or -1. */
int console_cmdline_preferred(void);

#endif
