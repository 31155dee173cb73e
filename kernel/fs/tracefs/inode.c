/*
 * tracefs, as Linux's fs/tracefs/inode.c: the file system of the tracer
 * (kernel/trace_output.c makes its files), one tree made at boot that
 * every "mount -t tracefs" shows, normally on /sys/kernel/tracing.
 * Built like debugfs on libfs's simple_tree_* helpers.
 * Locking: the directories' i_rwsem (simple_tree_create()).
 */
#include <linux/fs.h>
#include <linux/tracefs.h>
#include <linux/sysfs.h>
#include <linux/init.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <uapi/linux/statfs.h>

static struct super_block *tracefs_sb;

static struct dentry *tracefs_mount(struct file_system_type *type, int flags,
				    const char *dev_name, void *data)
{
	return simple_tree_mount(tracefs_sb);
}

static struct file_system_type trace_fs_type = {
	.name = "tracefs",
	.mount = tracefs_mount,
	.kill_sb = kill_litter_super,
};

static struct dentry *tracefs_dir(struct dentry *parent)
{
	if (IS_ERR(parent))
		return NULL;
	return parent ?: (tracefs_sb ? tracefs_sb->s_root : NULL);
}

struct dentry *tracefs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops)
{
	struct dentry *dir = tracefs_dir(parent);

	if (!dir)
		return ERR_PTR(-ENODEV);
	return simple_tree_create(dir, name, S_IFREG | (mode & 0777), fops, data);
}

struct dentry *tracefs_create_dir(const char *name, struct dentry *parent)
{
	struct dentry *dir = tracefs_dir(parent);

	if (!dir)
		return ERR_PTR(-ENODEV);
	return simple_tree_create(dir, name, S_IFDIR | 0755, NULL, NULL);
}

/* Linux's tracefs_init(): the mount point on sysfs, the tree, the type. */
static int __init tracefs_init(void)
{
	int err = sysfs_create_mount_point(kernel_kobj, "tracing");

	if (err)
		return err;
	tracefs_sb = simple_tree_super(&trace_fs_type, TRACEFS_MAGIC);
	if (!tracefs_sb)
		return -ENOMEM;
	return register_filesystem(&trace_fs_type);
}
core_initcall(tracefs_init);
