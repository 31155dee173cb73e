/*
 * sysfs attribute files, as Linux's fs/sysfs/file.c (with kernfs's open
 * file): the first read at offset 0 calls show() into a page, later reads
 * copy from that page, so `cat` sees one consistent value; a write hands
 * the whole text to store() at once.
 *
 * Simplified: every attribute is a struct kobj_attribute; the kobject is
 * the parent directory's i_private. A module's attribute pins the module
 * while its file is open (Linux's kernfs drains active users instead).
 * Locking: each open file's page under its own mutex.
 */
#include <linux/fs.h>
#include <linux/sysfs.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/err.h>
#include <linux/module.h>
#include <asm/page.h>
#include "sysfs.h"

struct sysfs_open_file {
	struct kobject *kobj;
	struct kobj_attribute *attr;
	struct mutex lock;
	ssize_t len;		/* bytes show() left in page */
	char page[PAGE_SIZE];
};

static int sysfs_open(struct inode *inode, struct file *file)
{
	struct sysfs_open_file *of = kzalloc(sizeof(*of), GFP_KERNEL);
	struct kobj_attribute *attr = inode->i_private;

	if (!of)
		return -ENOMEM;
	if (((file->f_mode & FMODE_READ) && !attr->show) ||
	    ((file->f_mode & FMODE_WRITE) && !attr->store)) {
		kfree(of);
		return -EACCES;	/* Linux: no method, no such access */
	}
	/* A module's attribute lives in the module: keep it loaded. */
	if (!try_module_get(attr->attr.owner)) {
		kfree(of);
		return -ENODEV;
	}
	mutex_init(&of->lock);
	of->attr = attr;
	of->kobj = file->f_path.dentry->d_parent->d_inode->i_private;
	file->private_data = of;
	return 0;
}

static ssize_t sysfs_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct sysfs_open_file *of = iocb->ki_filp->private_data;
	loff_t pos = iocb->ki_pos;
	ssize_t ret;

	mutex_lock(&of->lock);
	if (pos == 0) {
		of->len = of->attr->show(of->kobj, of->attr, of->page);
		if (of->len > (ssize_t)PAGE_SIZE)
			of->len = PAGE_SIZE;
	}
	if (of->len < 0) {
		ret = of->len;
	} else if (pos >= of->len) {
		ret = 0;
	} else {
		size_t n = min_t(size_t, of->len - pos, iov_iter_count(to));

		ret = copy_to_iter(of->page + pos, n, to);
		ret = ret ? ret : -EFAULT;
		if (ret > 0)
			iocb->ki_pos = pos + ret;
	}
	mutex_unlock(&of->lock);
	return ret;
}

static ssize_t sysfs_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct sysfs_open_file *of = iocb->ki_filp->private_data;
	size_t count = min_t(size_t, iov_iter_count(from), PAGE_SIZE - 1);
	ssize_t ret;

	if (!count)
		return 0;
	mutex_lock(&of->lock);
	if (copy_from_iter(of->page, count, from) != count) {
		ret = -EFAULT;
	} else {
		of->page[count] = '\0';	/* as Linux: the rest is not seen */
		ret = of->attr->store(of->kobj, of->attr, of->page, count);
	}
	of->len = 0;
	mutex_unlock(&of->lock);
	return ret;
}

static int sysfs_release(struct inode *inode, struct file *file)
{
	struct sysfs_open_file *of = file->private_data;

	module_put(of->attr->attr.owner);
	kfree(of);
	return 0;
}

static const struct file_operations sysfs_file_operations = {
	.open = sysfs_open,
	.read_iter = sysfs_read,
	.write_iter = sysfs_write,
	.llseek = generic_file_llseek,
	.release = sysfs_release,
};

/**
 * sysfs_create_file - add an attribute file to a kobject's directory
 * @kobj: the directory's kobject
 * @attr: the attribute, inside a struct kobj_attribute that outlives
 *        the file
 *
 * Return: 0, -EEXIST, -EINVAL or -ENOMEM.
 */
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
	struct dentry *d;

	if (!kobj || !kobj->sd)
		return -EINVAL;
	d = simple_tree_create(kobj->sd, attr->name, S_IFREG | (attr->mode & 0777),
			       &sysfs_file_operations,
			       container_of((struct attribute *)attr,
					    struct kobj_attribute, attr));
	return PTR_ERR_OR_ZERO(d);
}

void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr)
{
	struct qstr q = { attr->name, strlen(attr->name) };
	struct dentry *d;

	if (!kobj || !kobj->sd)
		return;
	d = d_lookup(kobj->sd, &q);
	if (!d)
		return;
	if (d->d_inode)
		simple_tree_remove(d);
	dput(d);
}

/**
 * sysfs_create_group - add a group of attributes (in a subdirectory if named)
 * @kobj: the kobject
 * @grp: the group
 *
 * Return: 0 or the first error (files made before it stay).
 */
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kobject *dir = kobj;
	int err = 0;

	if (grp->name) {
		dir = kobject_create_and_add(grp->name, kobj);
		if (!dir)
			return -ENOMEM;
	}
	for (struct attribute **a = grp->attrs; !err && *a; a++)
		err = sysfs_create_file(dir, *a);
	return err;
}

int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, PAGE_SIZE, fmt, ap);
	va_end(ap);
	return n;
}
