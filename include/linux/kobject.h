/*
 * Kernel objects, as Linux's include/linux/kobject.h, reduced to what
 * sysfs needs: a kobject is a named directory in /sys under its parent
 * (NULL: /sys itself). No reference counting beyond create/put, no
 * ksets, no uevents. Embed one in your own structure and find it again
 * with container_of() in the attributes' show/store.
 */
#ifndef _LINUX_KOBJECT_H
#define _LINUX_KOBJECT_H

#include <linux/types.h>

struct dentry;

struct kobject {
	const char *name;
	struct kobject *parent;
	struct dentry *sd;		/* its sysfs directory */
	bool dynamic;			/* made by kobject_create_and_add() */
};

/* /sys/kernel, /sys/power, /sys/module, /sys/devices, /sys/class. */
extern struct kobject *kernel_kobj;
extern struct kobject *power_kobj;
extern struct kobject *module_kobj;
extern struct kobject *devices_kobj;
extern struct kobject *class_kobj;

/* Makes @kobj's directory @name under @parent. Return: 0 or -errno. */
int kobject_add(struct kobject *kobj, struct kobject *parent, const char *name);
/* A new kobject with its directory, or NULL. */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
/* Removes the directory and all below it; frees a created kobject. */
void kobject_put(struct kobject *kobj);
void kobject_del(struct kobject *kobj);

#endif
