/*
 * /dev/kmsg, as devkmsg_* in Linux's kernel/printk/printk.c: each read
 * returns one record "prio,seq,usec,-;text\n" (Documentation/ABI/
 * testing/dev-kmsg); a reader that fell behind the ring gets -EPIPE once
 * and goes on from the oldest record; lseek(SEEK_SET/SEEK_DATA/SEEK_END,
 * 0) moves to the first record, the first after a clear, or the end.
 * Each write logs one line; a leading "<N>" sets the priority, else the
 * line is LOG_USER at the default level, as in Linux.
 *
 * Simplified: no dictionary lines, no escaping of unprintable bytes, no
 * poll(); a blocking read polls the log every 50 ms (see syslog.c).
 * Locking: each open file's reader under its own mutex.
 */
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/printk.h>
#include <uapi/linux/fcntl.h>
#include <spindle/printk.h>
#include "internal.h"

#define DEVKMSG_RECORD_MAX (LOG_LINE_MAX + 64)

struct devkmsg_user {
	struct mutex lock;
	struct log_pos pos;
	char line[LOG_LINE_MAX + 40];
	char record[DEVKMSG_RECORD_MAX];
};

/* Formats the stored @line as /dev/kmsg's record; returns its length. */
static int devkmsg_format(const char *line, u64 seq, char *out, size_t size)
{
	const char *text;
	u64 usec;
	int prio = log_parse_line(line, &usec, &text);

	if (prio < 0)
		return scnprintf(out, size, "%d,%llu,0,-;%s", LOGLEVEL_WARNING,
				 (unsigned long long)seq, line);
	return scnprintf(out, size, "%d,%llu,%llu,-;%s", prio, (unsigned long long)seq,
			 (unsigned long long)usec, text);
}

/* The next record into user->record; waits unless O_NONBLOCK. */
static int devkmsg_next(struct devkmsg_user *user, struct file *file)
{
	u64 seq;
	int n;

	for (;;) {
		seq = user->pos.seq;
		n = log_get_line(&user->pos, user->line, sizeof(user->line));
		if (n != -EAGAIN)
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		mutex_unlock(&user->lock);
		schedule_timeout_interruptible(msecs_to_jiffies(50));
		mutex_lock(&user->lock);
	}
	if (n < 0)
		return n;	/* -EPIPE: the reader now stands at the oldest */
	return devkmsg_format(user->line, seq, user->record, sizeof(user->record));
}

static ssize_t devkmsg_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct devkmsg_user *user = iocb->ki_filp->private_data;
	struct log_pos saved;
	ssize_t n;

	mutex_lock(&user->lock);
	saved = user->pos;
	n = devkmsg_next(user, iocb->ki_filp);
	if (n > 0 && (size_t)n > iov_iter_count(to)) {
		user->pos = saved;	/* Linux: the record must fit whole */
		n = -EINVAL;
	} else if (n > 0 && copy_to_iter(user->record, n, to) != (size_t)n) {
		user->pos = saved;
		n = -EFAULT;
	}
	mutex_unlock(&user->lock);
	return n;
}

/* One line into the log; "<N>" gives its priority (facility * 8 + level). */
static ssize_t devkmsg_write(struct kiocb *iocb, struct iov_iter *from)
{
	size_t len = iov_iter_count(from), n = min_t(size_t, len, LOG_LINE_MAX - 1);
	int prio = LOG_USER_FACILITY * 8 + MESSAGE_LOGLEVEL_DEFAULT;
	char *line = kmalloc(LOG_LINE_MAX, GFP_KERNEL), *text;

	if (!line)
		return -ENOMEM;
	if (copy_from_iter(line, n, from) != n) {
		kfree(line);
		return -EFAULT;
	}
	line[n] = '\0';
	text = line;
	if (text[0] == '<') {
		char *end = text + 1;
		unsigned int v = 0;

		while (*end >= '0' && *end <= '9' && v < 1024)
			v = v * 10 + *end++ - '0';
		if (end > text + 1 && *end == '>' && v < 1024) {
			prio = v;
			text = end + 1;
		}
	}
	log_emit(prio, text);
	kfree(line);
	from->count = 0;
	return len;
}

static loff_t devkmsg_llseek(struct file *file, loff_t offset, int whence)
{
	struct devkmsg_user *user = file->private_data;

	if (offset)
		return -ESPIPE;
	mutex_lock(&user->lock);
	switch (whence) {
	case SEEK_SET:
		log_pos_first(&user->pos);
		break;
	case SEEK_DATA:
		log_pos_clear(&user->pos);	/* what dmesg would show */
		break;
	case SEEK_END:
		log_pos_end(&user->pos);
		break;
	default:
		mutex_unlock(&user->lock);
		return -EINVAL;
	}
	mutex_unlock(&user->lock);
	return 0;
}

static int devkmsg_open(struct inode *inode, struct file *file)
{
	struct devkmsg_user *user;

	if ((file->f_flags & O_ACCMODE) == O_WRONLY)
		return 0;	/* a writer needs no reader state */
	user = kzalloc(sizeof(*user), GFP_KERNEL);
	if (!user)
		return -ENOMEM;
	mutex_init(&user->lock);
	log_pos_first(&user->pos);
	file->private_data = user;
	return 0;
}

static int devkmsg_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/* Guards the reader ops against a write-only open (no reader state). */
static ssize_t devkmsg_read_checked(struct kiocb *iocb, struct iov_iter *to)
{
	if (!iocb->ki_filp->private_data)
		return -EBADF;
	return devkmsg_read(iocb, to);
}

static loff_t devkmsg_llseek_checked(struct file *file, loff_t offset, int whence)
{
	if (!file->private_data)
		return -ESPIPE;
	return devkmsg_llseek(file, offset, whence);
}

const struct file_operations kmsg_fops = {
	.open = devkmsg_open,
	.read_iter = devkmsg_read_checked,
	.write_iter = devkmsg_write,
	.llseek = devkmsg_llseek_checked,
	.release = devkmsg_release,
};
