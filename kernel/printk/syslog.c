/*
 * syslog(2), as do_syslog() in Linux's kernel/printk/printk.c: what
 * busybox's dmesg (klogctl) and klogd use. Reads return the stored
 * lines "<P>[stamp] text\n" of the log ring (printk.c); the actions and
 * their numbers are Linux's (include/uapi/linux/syslog.h there).
 *
 * Simplified: no capability checks (every user is root); a blocking
 * READ polls the log every 50 ms instead of being woken by printk(),
 * because printk() runs in any context, even under the run-queue lock
 * (Linux defers that wake-up to an irq_work).
 * Locking: syslog_lock (a mutex) serialises the READ reader's position.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>
#include <linux/vmalloc.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syslog.h>
#include <spindle/printk.h>
#include "internal.h"

#define MINIMUM_CONSOLE_LOGLEVEL 1	/* dmesg -n 1: panics and worse only */

static DEFINE_MUTEX(syslog_lock);
static struct log_pos syslog_pos;	/* READ's reader; starts at the oldest */
static bool syslog_pos_set;
static int saved_console_loglevel = -1;

/* Copies whole lines from @p on into @buf until @len is full. */
static int copy_lines(struct log_pos *p, char *buf, int len)
{
	static char line[LOG_LINE_MAX + 40];	/* under syslog_lock */
	int done = 0, n;

	for (;;) {
		struct log_pos next = *p;

		n = log_get_line(&next, line, sizeof(line));
		if (n == -EPIPE) {
			*p = next;	/* lost lines: go on from the oldest */
			continue;
		}
		if (n < 0 || (size_t)n >= sizeof(line) || done + n > len)
			break;
		memcpy(buf + done, line, n);
		done += n;
		*p = next;
	}
	return done;
}

/* The bytes from @p to the end of the log (whole lines). */
static int count_from(struct log_pos p)
{
	static char line[LOG_LINE_MAX + 40];	/* under syslog_lock */
	int total = 0, n;

	while ((n = log_get_line(&p, line, sizeof(line))) != -EAGAIN)
		if (n > 0)
			total += n;
	return total;
}

/* READ_ALL / READ_CLEAR: the newest lines that fit in @len, as Linux. */
static int syslog_print_all(char __user *ubuf, int len, bool clear)
{
	struct log_pos p, end;
	char *kbuf;
	int total, n;

	len = min(len, LOG_BUF_LEN);
	kbuf = vmalloc(len);
	if (!kbuf)
		return -ENOMEM;
	mutex_lock(&syslog_lock);
	log_pos_clear(&p);
	total = count_from(p);
	while (total > len) {	/* skip the oldest lines that do not fit */
		static char line[LOG_LINE_MAX + 40];

		n = log_get_line(&p, line, sizeof(line));
		if (n == -EAGAIN)
			break;
		if (n > 0)
			total -= n;
	}
	n = copy_lines(&p, kbuf, len);
	if (clear) {
		log_pos_end(&end);
		log_set_clear(p.seq < end.seq ? &p : &end);
	}
	mutex_unlock(&syslog_lock);
	if (copy_to_user(ubuf, kbuf, n))
		n = -EFAULT;
	vfree(kbuf);
	return n;
}

/* Caller holds syslog_lock. */
static bool syslog_empty(void)
{
	struct log_pos end;

	if (!syslog_pos_set) {
		log_pos_first(&syslog_pos);
		syslog_pos_set = true;
	}
	log_pos_end(&end);
	return syslog_pos.seq >= end.seq;
}

/* READ: waits for lines, then consumes what fits in @len. */
static int syslog_print(char __user *ubuf, int len)
{
	char *kbuf;
	int n;

	len = min(len, LOG_BUF_LEN);
	kbuf = vmalloc(len);
	if (!kbuf)
		return -ENOMEM;
	for (;;) {
		mutex_lock(&syslog_lock);
		if (!syslog_empty())
			break;
		mutex_unlock(&syslog_lock);
		if (signal_pending(current)) {
			vfree(kbuf);
			return -ERESTARTSYS;
		}
		schedule_timeout_interruptible(msecs_to_jiffies(50));
	}
	n = copy_lines(&syslog_pos, kbuf, len);
	mutex_unlock(&syslog_lock);
	if (copy_to_user(ubuf, kbuf, n))
		n = -EFAULT;
	vfree(kbuf);
	return n;
}

static int syslog_console(int type, int len)
{
	switch (type) {
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	default:	/* CONSOLE_LEVEL */
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = max(len, MINIMUM_CONSOLE_LOGLEVEL);
		saved_console_loglevel = -1;	/* a later ON keeps this one */
		return 0;
	}
}

/**
 * do_syslog - one syslog(2) action
 * @type: SYSLOG_ACTION_*
 * @buf: user buffer for the read actions
 * @len: its size; for CONSOLE_LEVEL, the level
 *
 * Return: bytes read, a size, 0, or -EINVAL (bad action, NULL buffer,
 * negative length), -EFAULT (bad buffer), -ERESTARTSYS (signal).
 */
int do_syslog(int type, char __user *buf, int len)
{
	struct log_pos p;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		if (type == SYSLOG_ACTION_READ)
			return syslog_print(buf, len);
		return syslog_print_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		log_pos_end(&p);
		log_set_clear(&p);
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return syslog_console(type, len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		mutex_lock(&syslog_lock);
		len = syslog_empty() ? 0 : count_from(syslog_pos);
		mutex_unlock(&syslog_lock);
		return len;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	return do_syslog(type, buf, len);
}
