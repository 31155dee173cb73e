/*
 * sysfs, as Linux's include/linux/sysfs.h, reduced: files ("attributes")
 * in a kobject's directory, each read by its show() and written by its
 * store() (kobj_attribute: every attribute here is one). show() fills a
 * PAGE_SIZE buffer (use sysfs_emit); store() gets the written bytes
 * NUL-terminated and returns the count used or -errno.
 *
 *	static ssize_t foo_show(struct kobject *kobj, struct kobj_attribute *a,
 *				char *buf)
 *	{
 *		return sysfs_emit(buf, "%d\n", foo);
 *	}
 *	static struct kobj_attribute foo_attr = __ATTR_RO(foo);
 *	...
 *	sysfs_create_file(kobj, &foo_attr.attr);
 */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kobject.h>

struct module;

struct attribute {
	const char *name;
	unsigned short mode;	/* umode_t: permission bits */
	/* Spindle: the module whose memory holds the attribute, pinned
	 * (try_module_get) while its file is open; NULL for the kernel's. */
	struct module *owner;
};

struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr,
			 const char *buf, size_t count);
};

struct attribute_group {
	const char *name;		/* a subdirectory, or NULL: the kobject's */
	struct attribute **attrs;	/* NULL-terminated */
};

#define __ATTR(_name, _mode, _show, _store) {				\
	.attr = { .name = #_name, .mode = (_mode) },			\
	.show = (_show), .store = (_store) }
#define __ATTR_RO(_name) __ATTR(_name, 0444, _name##_show, NULL)
#define __ATTR_WO(_name) __ATTR(_name, 0200, NULL, _name##_store)
#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name);
/* An empty directory for another file system to be mounted on. */
int sysfs_create_mount_point(struct kobject *parent, const char *name);
/* kernel/fs/sysfs/mount.c: from vfs_caches_init(). */
int sysfs_init(void);
/* printf into a show() buffer (PAGE_SIZE); returns the length. */
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);

#endif
