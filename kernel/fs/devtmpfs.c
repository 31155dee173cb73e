/*
 * devtmpfs, as Linux's drivers/base/devtmpfs.c: one ramfs-like
 * super_block made at boot (devtmpfs_init, from vfs_caches_init), in
 * which drivers create device nodes from any initcall; every mount of
 * "devtmpfs" shows that same tree. Linux creates the nodes from a
 * kthread; Spindle creates them in the caller, under the directory's
 * i_rwsem like any mknod.
 */
#include <linux/fs.h>
#include <linux/devtmpfs.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include "internal.h"

static struct vfsmount *devtmpfs_mnt;

static struct dentry *devtmpfs_mount_cb(struct file_system_type *type, int flags,
					const char *dev_name, void *data)
{
	struct super_block *sb;

	if (!devtmpfs_mnt)
		return ERR_PTR(-ENODEV);
	sb = devtmpfs_mnt->mnt_sb;
	get_super_active(sb);
	return dget(sb->s_root);
}

static struct file_system_type dev_fs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_mount_cb,
	.kill_sb = kill_litter_super,
};

/* Creates devtmpfs's own super_block (a ramfs) and registers the type. */
int devtmpfs_init(void)
{
	devtmpfs_mnt = vfs_kern_mount(&ramfs_fs_type, 0, "devtmpfs", NULL);
	if (IS_ERR(devtmpfs_mnt)) {
		pr_err("devtmpfs: unable to create devtmpfs %ld\n", PTR_ERR(devtmpfs_mnt));
		devtmpfs_mnt = NULL;
		return -ENOMEM;
	}
	return register_filesystem(&dev_fs_type);
}

/* @name's directory in devtmpfs, made if missing: a referenced dentry. */
static struct dentry *dev_parent(const char *name, struct qstr *last)
{
	struct dentry *dir = dget(devtmpfs_mnt->mnt_root);
	const char *slash;

	while ((slash = strchr(name, '/'))) {
		struct qstr q = { name, slash - name };
		struct inode *inode = dir->d_inode;
		struct dentry *d;
		int err = 0;

		mutex_lock(&inode->i_rwsem);
		d = lookup_one_qstr(&q, dir);
		if (!IS_ERR(d) && !d->d_inode)
			err = vfs_mkdir(inode, d, 0755);
		mutex_unlock(&inode->i_rwsem);
		dput(dir);
		if (IS_ERR(d))
			return d;
		if (err || !S_ISDIR(d->d_inode->i_mode)) {
			dput(d);
			return ERR_PTR(err ? err : -ENOTDIR);
		}
		dir = d;
		name = slash + 1;
	}
	last->name = name;
	last->len = strlen(name);
	return dir;
}

int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	struct dentry *dir, *d;
	struct qstr last;
	int err;

	if (!devtmpfs_mnt)
		return -ENODEV;
	if (!S_ISCHR(mode) && !S_ISBLK(mode))
		return -EINVAL;
	dir = dev_parent(name, &last);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	if (!last.len || last.len > NAME_MAX) {
		dput(dir);
		return -EINVAL;
	}
	mutex_lock(&dir->d_inode->i_rwsem);
	d = lookup_one_qstr(&last, dir);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = d->d_inode ? -EEXIST : vfs_mknod(dir->d_inode, d, mode, dev);
		dput(d);
	}
	mutex_unlock(&dir->d_inode->i_rwsem);
	dput(dir);
	return err;
}

int devtmpfs_delete_node(const char *name)
{
	struct dentry *dir, *d;
	struct qstr last;
	int err;

	if (!devtmpfs_mnt)
		return -ENODEV;
	dir = dev_parent(name, &last);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	mutex_lock(&dir->d_inode->i_rwsem);
	d = lookup_one_qstr(&last, dir);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = d->d_inode ? vfs_unlink(dir->d_inode, d) : -ENOENT;
		dput(d);
	}
	mutex_unlock(&dir->d_inode->i_rwsem);
	dput(dir);
	return err;
}

/**
 * devtmpfs_mount - mount devtmpfs on /dev (CONFIG_DEVTMPFS_MOUNT)
 *
 * Called by kernel_init before running /init; makes /dev if the rootfs
 * lacks it. Return: 0 or -errno (printed).
 */
int devtmpfs_mount(void)
{
	int err;

	if (!devtmpfs_mnt)
		return 0;
	err = init_mkdir("/dev", 0755);
	if (err && err != -EEXIST)
		return err;
	err = do_mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	if (err)
		pr_info("devtmpfs: error mounting %d\n", err);
	else
		pr_info("devtmpfs: mounted\n");
	return err;
}
