/* Spindle's side of the printk log (kernel/printk/printk.c). */
#ifndef _SPINDLE_PRINTK_H
#define _SPINDLE_PRINTK_H

#include <linux/types.h>
#include <linux/console.h>

#define LOG_BUF_LEN (128 * 1024)
#define LOG_LINE_MAX 1024

size_t log_read_all(char *buf, size_t size, int max_level);
size_t log_read(char *buf, size_t size, unsigned int level_mask, bool clear);
void log_replay(struct console *con);
void console_write_all(const char *s, size_t len);

#endif
