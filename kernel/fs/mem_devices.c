/*
 * The memory character devices of major 1, as Linux's drivers/char/mem.c:
 * /dev/null (3), /dev/zero (5), /dev/full (7), /dev/random (8),
 * /dev/urandom (9) and /dev/kmsg (11). memory_open() picks the minor's
 * operations. /dev/random and /dev/urandom read lib/random.c's generator
 * (not cryptographic); writing to them is accepted and ignored.
 * /dev/kmsg's operations are printk's (kernel/printk/devkmsg.c).
 */
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/random.h>
#include <linux/devtmpfs.h>
#include "internal.h"

#define MEM_MAJOR 1

static ssize_t read_null(struct kiocb *iocb, struct iov_iter *to)
{
	return 0;
}

static ssize_t write_null(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = iov_iter_count(from);

	from->count = 0;
	return n;
}

static loff_t null_lseek(struct file *f, loff_t offset, int whence)
{
	return f->f_pos = 0;
}

static ssize_t read_zero(struct kiocb *iocb, struct iov_iter *to)
{
	size_t want = iov_iter_count(to), got = iov_iter_zero(want, to);

	return got ? (ssize_t)got : -EFAULT;
}

static ssize_t write_full(struct kiocb *iocb, struct iov_iter *from)
{
	return -ENOSPC;
}

static ssize_t read_random(struct kiocb *iocb, struct iov_iter *to)
{
	size_t done = 0, want = iov_iter_count(to);

	while (done < want) {
		u32 v = get_random_u32();
		size_t n = min_t(size_t, sizeof(v), want - done);

		if (copy_to_iter(&v, n, to) < n)
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	return done;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek, .read_iter = read_null, .write_iter = write_null,
};
static const struct file_operations zero_fops = {
	.llseek = null_lseek, .read_iter = read_zero, .write_iter = write_null,
};
static const struct file_operations full_fops = {
	.llseek = null_lseek, .read_iter = read_zero, .write_iter = write_full,
};
static const struct file_operations random_fops = {
	.llseek = null_lseek, .read_iter = read_random, .write_iter = write_null,
};

static const struct memdev {
	const char *name;
	umode_t mode;
	const struct file_operations *fops;
} devlist[] = {
	[3] = { "null", 0666, &null_fops },
	[5] = { "zero", 0666, &zero_fops },
	[7] = { "full", 0666, &full_fops },
	[8] = { "random", 0666, &random_fops },
	[9] = { "urandom", 0666, &random_fops },
	[11] = { "kmsg", 0644, &kmsg_fops },
};

static int memory_open(struct inode *inode, struct file *filp)
{
	unsigned int minor = iminor(inode);

	if (minor >= ARRAY_SIZE(devlist) || !devlist[minor].fops)
		return -ENXIO;
	filp->f_op = devlist[minor].fops;
	if (filp->f_op->open)
		return filp->f_op->open(inode, filp);
	return 0;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

/* Registers major 1 and makes the /dev nodes (Linux's chr_dev_init). */
static int __init chr_dev_init(void)
{
	int err = register_chrdev(MEM_MAJOR, "mem", &memory_fops);

	if (err)
		return err;
	for (unsigned int minor = 0; minor < ARRAY_SIZE(devlist); minor++) {
		if (devlist[minor].name)
			devtmpfs_create_node(devlist[minor].name,
					     S_IFCHR | devlist[minor].mode,
					     MKDEV(MEM_MAJOR, minor));
	}
	return 0;
}
fs_initcall(chr_dev_init);
