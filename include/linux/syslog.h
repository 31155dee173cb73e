/*
 * syslog(2)'s actions, as Linux's include/linux/syslog.h (the numbers
 * are the ABI klogctl(3) and dmesg use), and the kernel's entry to them.
 */
#ifndef _LINUX_SYSLOG_H
#define _LINUX_SYSLOG_H

#include <linux/compiler.h>

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10


/* kernel/printk/syslog.c: the body of syslog(2). */
int do_syslog(int type, char __user *buf, int len);

#endif
