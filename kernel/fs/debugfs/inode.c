/*
 * debugfs, as Linux's fs/debugfs/inode.c: one tree made at boot that
 * every "mount -t debugfs" shows, normally on /sys/kernel/debug (sysfs
 * has that mount point). Files carry their creator's file_operations and
 * data (inode->i_private, which simple_open() passes on).
 *
 * Simplified: no file_operations proxy, so a file's data must outlive
 * every open of it (Linux protects removal with debugfs_file_get()).
 * Locking: the directories' i_rwsem (libfs's simple_tree_create()).
 */
#include <linux/fs.h>
#include <linux/debugfs.h>
#include <linux/sysfs.h>
#include <linux/init.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <uapi/linux/statfs.h>

static struct super_block *debugfs_sb;

static struct dentry *debugfs_mount(struct file_system_type *type, int flags,
				    const char *dev_name, void *data)
{
	return simple_tree_mount(debugfs_sb);
}

static struct file_system_type debug_fs_type = {
	.name = "debugfs",
	.mount = debugfs_mount,
	.kill_sb = kill_litter_super,
};

/* @parent, or the root for NULL; NULL if neither can be used. */
static struct dentry *debugfs_dir(struct dentry *parent)
{
	if (IS_ERR(parent))
		return NULL;
	if (parent)
		return parent;
	return debugfs_sb ? debugfs_sb->s_root : NULL;
}

struct dentry *debugfs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops)
{
	struct dentry *dir = debugfs_dir(parent);

	if (!dir)
		return ERR_PTR(-ENODEV);
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	return simple_tree_create(dir, name, mode, fops, data);
}

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	struct dentry *dir = debugfs_dir(parent);

	if (!dir)
		return ERR_PTR(-ENODEV);
	return simple_tree_create(dir, name, S_IFDIR | 0755, NULL, NULL);
}

struct dentry *debugfs_create_symlink(const char *name, struct dentry *parent,
				      const char *target)
{
	struct dentry *dir = debugfs_dir(parent);

	if (!dir)
		return ERR_PTR(-ENODEV);
	return simple_tree_create(dir, name, S_IFLNK | 0777, NULL, (void *)target);
}

void debugfs_remove(struct dentry *dentry)
{
	simple_tree_remove(dentry);
}

/* Linux's debugfs_init(): the mount point on sysfs, the tree, the type. */
static int __init debugfs_init(void)
{
	int err = sysfs_create_mount_point(kernel_kobj, "debug");

	if (err)
		return err;
	debugfs_sb = simple_tree_super(&debug_fs_type, DEBUGFS_MAGIC);
	if (!debugfs_sb)
		return -ENOMEM;
	/* Linux automounts tracefs here; a link to /sys/kernel/tracing does
	 * the same for readers (tracefs is mounted there by rcS). */
	debugfs_create_symlink("tracing", NULL, "../tracing");
	return register_filesystem(&debug_fs_type);
}
core_initcall(debugfs_init);
