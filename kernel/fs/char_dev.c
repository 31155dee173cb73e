/*
 * Character device registry, as Linux's fs/char_dev.c in its simple
 * register_chrdev() form: one file_operations per major serves every
 * minor; opening a device node calls chrdev_open(), which swaps in the
 * driver's operations and calls its ->open (which may switch again by
 * minor, as drivers/char/mem.c does).
 * Lock: chrdevs_lock guards the table.
 */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "internal.h"

#define CHRDEV_MAJOR_MAX 512

struct char_device_struct {
	const char *name;
	const struct file_operations *fops;
};

static struct char_device_struct chrdevs[CHRDEV_MAJOR_MAX];
static DEFINE_SPINLOCK(chrdevs_lock);

int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops)
{
	int ret = 0;

	if (major == 0 || major >= CHRDEV_MAJOR_MAX || !fops)
		return -EINVAL;
	spin_lock(&chrdevs_lock);
	if (chrdevs[major].fops)
		ret = -EBUSY;
	else
		chrdevs[major] = (struct char_device_struct){ name, fops };
	spin_unlock(&chrdevs_lock);
	return ret;
}

void unregister_chrdev(unsigned int major, const char *name)
{
	if (major >= CHRDEV_MAJOR_MAX)
		return;
	spin_lock(&chrdevs_lock);
	if (chrdevs[major].name && !strcmp(chrdevs[major].name, name))
		chrdevs[major] = (struct char_device_struct){ NULL, NULL };
	spin_unlock(&chrdevs_lock);
}

/**
 * chrdev_open - open a character device node
 * @inode: the node (i_rdev says which device)
 * @filp: the file being opened
 *
 * Return: the driver's ->open result, or -ENXIO if no driver has the major.
 */
int chrdev_open(struct inode *inode, struct file *filp)
{
	const struct file_operations *fops = NULL;
	unsigned int major = imajor(inode);

	spin_lock(&chrdevs_lock);
	if (major < CHRDEV_MAJOR_MAX)
		fops = chrdevs[major].fops;
	spin_unlock(&chrdevs_lock);
	if (!fops)
		return -ENXIO;
	filp->f_op = fops;
	return fops->open ? fops->open(inode, filp) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};
