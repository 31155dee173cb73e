/*
 * Kernel taint, as Linux's include/linux/panic.h: flags that record
 * something happened which makes bug reports less trustworthy (a
 * proprietary or out-of-tree module was loaded, a WARN fired...). Oops
 * reports print them as Linux does ("Tainted: P O").
 */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/types.h>

#define TAINT_PROPRIETARY_MODULE 0	/* 'P' */
#define TAINT_WARN 9			/* 'W' */
#define TAINT_OOT_MODULE 12		/* 'O' */
#define TAINT_UNSIGNED_MODULE 13	/* 'E' */
#define TAINT_FLAGS_COUNT 19

enum lockdep_ok {
	LOCKDEP_STILL_OK,
	LOCKDEP_NOW_UNRELIABLE,
};

/* Sets @flag; LOCKDEP_NOW_UNRELIABLE also says "Disabling lock
 * debugging due to kernel taint" the first time, as Linux does. */
void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok);
bool test_taint(unsigned int flag);
unsigned long get_taint(void);
/* "Not tainted" or "Tainted: P           O      ", as in oops headers. */
const char *print_tainted(void);
/* The letter for @flag when set (e.g. 'O'), for /proc/modules. */
char taint_flag_char(unsigned int flag);

#endif
