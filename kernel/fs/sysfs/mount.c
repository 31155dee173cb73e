/*
 * sysfs, mounted on /sys: the file system (Linux's fs/sysfs/mount.c),
 * its directories (fs/sysfs/dir.c, symlink.c) and the kobjects that name
 * them (lib/kobject.c), much reduced: one tree in the dcache built with
 * libfs's simple_tree_* helpers, no kernfs, no ksets, no uevents.
 * sysfs_init() runs from vfs_caches_init(), as Linux's from mnt_init(),
 * so that any initcall may add directories and files.
 * Locking: the directories' i_rwsem (simple_tree_create()).
 */
#include <linux/fs.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <uapi/linux/statfs.h>
#include "sysfs.h"

static struct super_block *sysfs_sb;
struct dentry *sysfs_root;

struct kobject *kernel_kobj, *power_kobj, *module_kobj, *devices_kobj, *class_kobj;

static struct dentry *sysfs_mount(struct file_system_type *type, int flags,
				  const char *dev_name, void *data)
{
	return simple_tree_mount(sysfs_sb);
}

static struct file_system_type sysfs_fs_type = {
	.name = "sysfs",
	.mount = sysfs_mount,
	.kill_sb = kill_litter_super,
};

int kobject_add(struct kobject *kobj, struct kobject *parent, const char *name)
{
	struct dentry *dir = parent ? parent->sd : sysfs_root, *d;

	if (!dir)
		return -ENODEV;
	d = simple_tree_create(dir, name, S_IFDIR | 0755, NULL, kobj);
	if (IS_ERR(d))
		return PTR_ERR(d);
	kobj->name = d->d_name.name;
	kobj->parent = parent;
	kobj->sd = d;
	return 0;
}

/**
 * kobject_create_and_add - a new directory in sysfs
 * @name: its name
 * @parent: the directory it goes in (NULL: /sys)
 *
 * Return: the kobject (kobject_put() removes it), or NULL on error.
 */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *kobj = kzalloc(sizeof(*kobj), GFP_KERNEL);

	if (!kobj)
		return NULL;
	kobj->dynamic = true;
	if (kobject_add(kobj, parent, name)) {
		kfree(kobj);
		return NULL;
	}
	return kobj;
}

/* Removes @kobj's directory and everything in it. */
void kobject_del(struct kobject *kobj)
{
	if (!kobj || !kobj->sd)
		return;
	simple_tree_remove(kobj->sd);
	kobj->sd = NULL;
}

void kobject_put(struct kobject *kobj)
{
	kobject_del(kobj);
	if (kobj && kobj->dynamic)
		kfree(kobj);
}

/**
 * sysfs_create_link - a symlink @name in @kobj's directory to @target's
 * @kobj: where the link goes (NULL: /sys)
 * @target: the directory it points to
 * @name: the link's name
 *
 * The target text is relative ("../../devices/..."), as Linux's.
 * Return: 0 or -errno.
 */
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name)
{
	char path[256] = "", rel[256] = "", tmp[256];
	struct dentry *from = kobj ? kobj->sd : sysfs_root, *d;
	size_t n = 0;

	for (struct kobject *k = target; k; k = k->parent) {
		snprintf(tmp, sizeof(tmp), "%s%s%s", k->name, *path ? "/" : "", path);
		strscpy(path, tmp, sizeof(path));
	}
	for (struct dentry *p = from; p != sysfs_root && n < sizeof(rel); p = p->d_parent)
		n += scnprintf(rel + n, sizeof(rel) - n, "../");
	scnprintf(rel + n, sizeof(rel) - n, "%s", path);
	d = simple_tree_create(from, name, S_IFLNK | 0777, NULL, rel);
	return PTR_ERR_OR_ZERO(d);
}

int sysfs_create_mount_point(struct kobject *parent, const char *name)
{
	struct dentry *d = simple_tree_create(parent ? parent->sd : sysfs_root, name,
					      S_IFDIR | 0755, NULL, NULL);

	return PTR_ERR_OR_ZERO(d);
}

/* The top directories, as Linux's kobjects and ksets of the same names. */
static void sysfs_top_dirs(void)
{
	kernel_kobj = kobject_create_and_add("kernel", NULL);
	power_kobj = kobject_create_and_add("power", NULL);
	module_kobj = kobject_create_and_add("module", NULL);
	devices_kobj = kobject_create_and_add("devices", NULL);
	class_kobj = kobject_create_and_add("class", NULL);
	kobject_create_and_add("bus", NULL);
	kobject_create_and_add("firmware", NULL);
	kobject_create_and_add("fs", NULL);
}

/**
 * sysfs_init - make the sysfs tree and register "sysfs"
 *
 * Called by vfs_caches_init(). Return: 0 or -ENOMEM.
 */
int sysfs_init(void)
{
	sysfs_sb = simple_tree_super(&sysfs_fs_type, SYSFS_MAGIC);
	if (!sysfs_sb)
		return -ENOMEM;
	sysfs_root = sysfs_sb->s_root;
	sysfs_top_dirs();
	return register_filesystem(&sysfs_fs_type);
}
