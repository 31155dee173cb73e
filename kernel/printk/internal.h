/*
 * Between printk.c (the log ring) and its readers, syslog.c (syslog(2))
 * and devkmsg.c (/dev/kmsg), as Linux's kernel/printk/internal.h.
 * Every function takes the log lock itself, for one record at a time.
 */
#ifndef _PRINTK_INTERNAL_H
#define _PRINTK_INTERNAL_H

#include <linux/types.h>

/* A record's priority: facility * 8 + level (syslog(3)'s LOG_MAKEPRI). */
#define LOG_LEVEL(prio) ((prio) & 7)
#define LOG_FACILITY(prio) ((prio) >> 3)
#define LOG_USER_FACILITY 1	/* what /dev/kmsg writers get by default */

/* A reader's place in the log: the next record's number and offset. */
struct log_pos {
	u64 seq;
	u64 pos;
};

void log_pos_first(struct log_pos *p);	/* the oldest record kept */
void log_pos_clear(struct log_pos *p);	/* the first after the last clear */
void log_pos_end(struct log_pos *p);	/* where the next record will go */
void log_set_clear(const struct log_pos *p);
int log_get_line(struct log_pos *p, char *buf, size_t size);
int log_parse_line(const char *line, u64 *usec, const char **text);
void log_emit(int prio, const char *text);

#endif
