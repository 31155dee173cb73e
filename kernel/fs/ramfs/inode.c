/*
 * ramfs, as Linux's fs/ramfs/inode.c: a file system whose files live only
 * in memory. Every name is a pinned dentry (one extra reference from
 * creation to unlink), so the dentry cache is the directory structure.
 * Registered as "ramfs" and "tmpfs" (Spindle's tmpfs is ramfs: no size
 * limit, no swap); the rootfs is a ramfs mounted at boot.
 * Lock: the VFS holds the parent directory's i_rwsem around every call.
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/init.h>
#include <uapi/linux/statfs.h>
#include "ramfs.h"
#include "../internal.h"

static const struct inode_operations ramfs_dir_inode_operations;
static const struct inode_operations ramfs_symlink_inode_operations = {
	.get_link = simple_get_link,
	.setattr = simple_setattr,
};
static const struct inode_operations ramfs_special_inode_operations = {
	.setattr = simple_setattr,
};

/**
 * ramfs_get_inode - a new inode of any type
 * @sb: the ramfs super_block
 * @dir: the parent directory (NULL for the root)
 * @mode: type and permissions
 * @dev: for device nodes
 *
 * Return: the inode (one reference) or NULL.
 */
struct inode *ramfs_get_inode(struct super_block *sb, const struct inode *dir,
			      umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);	/* "." */
		break;
	case S_IFLNK:
		inode->i_op = &ramfs_symlink_inode_operations;
		break;
	default:
		inode->i_op = &ramfs_special_inode_operations;
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

/* Names @inode with @dentry and pins the name (the reference ramfs keeps). */
static void ramfs_instantiate(struct inode *dir, struct dentry *dentry,
			      struct inode *inode)
{
	d_instantiate(dentry, inode);
	dget(dentry);
	dir->i_mtime = dir->i_ctime = current_time(dir);
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = ramfs_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);	/* the child's ".." */
	return err;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	return ramfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *symname)
{
	size_t len = strlen(symname);
	struct inode *inode = ramfs_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);

	if (!inode)
		return -ENOSPC;
	inode->i_link = kmalloc(len + 1, GFP_KERNEL);
	if (!inode->i_link) {
		iput(inode);
		return -ENOMEM;
	}
	memcpy(inode->i_link, symname, len + 1);
	inode->i_size = len;
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.create = ramfs_create,
	.lookup = simple_lookup,
	.link = simple_link,
	.unlink = simple_unlink,
	.symlink = ramfs_symlink,
	.mkdir = ramfs_mkdir,
	.rmdir = simple_rmdir,
	.mknod = ramfs_mknod,
	.rename = simple_rename,
	.setattr = simple_setattr,
};

static void ramfs_evict_inode(struct inode *inode)
{
	ramfs_free_data(inode);
	kfree(inode->i_link);
}

static const struct super_operations ramfs_ops = {
	.evict_inode = ramfs_evict_inode,
	.statfs = simple_statfs,
};

/* Sets up a new ramfs super_block with an empty root directory. */
int ramfs_fill_super(struct super_block *sb)
{
	struct inode *inode;

	sb->s_magic = RAMFS_MAGIC;
	sb->s_op = &ramfs_ops;
	inode = ramfs_get_inode(sb, NULL, S_IFDIR | 0755, 0);
	sb->s_root = d_make_root(inode);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *ramfs_mount(struct file_system_type *type, int flags,
				  const char *dev_name, void *data)
{
	struct super_block *sb = sget_anon(type);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	err = ramfs_fill_super(sb);
	if (err) {
		deactivate_super(sb);
		return ERR_PTR(err);
	}
	if (!strcmp(type->name, "tmpfs"))
		sb->s_magic = TMPFS_MAGIC;
	return dget(sb->s_root);
}

/* The mount holds the root through its own dget: kill drops the sb's. */
struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,
};

static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,
};

/* Called by vfs_caches_init() before the root is mounted. */
void rootfs_init(void)
{
	register_filesystem(&ramfs_fs_type);
	register_filesystem(&tmpfs_fs_type);
}
