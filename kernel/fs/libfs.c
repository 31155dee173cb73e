/*
 * Helpers for file systems whose whole tree is in the dentry cache, as
 * Linux's fs/libfs.c: lookup that finds nothing (every name is cached),
 * readdir over a dentry's children, and the unlink/rmdir/rename/link
 * bodies ramfs and devtmpfs share.
 * Lock: the VFS holds the directories' i_rwsem around these.
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <uapi/linux/statfs.h>
#include <uapi/linux/dirent.h>
#include "internal.h"

/* Every existing name is in the cache: a miss means "no such file". */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry,
			     unsigned int flags)
{
	return NULL;
}

/* The @n-th positive child of @dir (from 0), referenced, or NULL. */
static struct dentry *nth_child(struct dentry *dir, loff_t n)
{
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &dir->d_subdirs, d_child) {
		if (!d->d_inode)
			continue;
		if (n-- == 0) {
			d->d_count++;
			found = d;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/**
 * dcache_readdir - list a directory from its cached children
 * @f: the open directory
 * @ctx: position (0 ".", 1 "..", then children in creation order)
 *
 * Entries are emitted one at a time without dcache_lock (the actor
 * copies to user space); a name removed meanwhile may shift later ones
 * by one, as with any readdir racing an unlink.
 * Return: 0.
 */
int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry, *d;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dir->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, dir->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	while ((d = nth_child(dir, ctx->pos - 2))) {
		struct inode *inode = d->d_inode;
		bool more = dir_emit(ctx, d->d_name.name, d->d_name.len, inode->i_ino,
				     fs_umode_to_dtype(inode->i_mode));

		dput(d);
		if (!more)
			break;
		ctx->pos++;
	}
	return 0;
}

const struct file_operations simple_dir_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = dcache_readdir,
};

int simple_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = dentry->d_sb->s_magic;
	buf->f_bsize = 4096;
	buf->f_frsize = 4096;
	buf->f_namelen = NAME_MAX;
	return 0;
}

const char *simple_get_link(struct dentry *dentry, struct inode *inode)
{
	return inode->i_link;
}

/* True if @dentry has no positive children. */
int simple_empty(struct dentry *dentry)
{
	struct dentry *child;
	int ret = 1;

	spin_lock(&dcache_lock);
	list_for_each_entry(child, &dentry->d_subdirs, d_child) {
		if (child->d_inode) {
			ret = 0;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return ret;
}

static void touch_dir(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time(dir);
}

/* Another name for @old's inode; the new name is pinned as on create. */
int simple_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;

	inode->i_ctime = current_time(inode);
	touch_dir(dir);
	inc_nlink(inode);
	ihold(inode);
	d_instantiate(dentry, inode);
	dget(dentry);
	return 0;
}

/* Removes the name: the pin goes, open files keep the inode alive. */
int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode->i_ctime = current_time(inode);
	touch_dir(dir);
	drop_nlink(inode);
	d_drop(dentry);
	dput(dentry);
	return 0;
}

int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(dentry->d_inode);	/* its "." */
	simple_unlink(dir, dentry);
	drop_nlink(dir);		/* its ".." */
	return 0;
}

/**
 * simple_rename - rename for dcache-only file systems
 * @old_dir: the source directory
 * @old_dentry: the name being moved
 * @new_dir: the target directory
 * @new_dentry: the target name (negative, or an existing file to replace)
 * @flags: RENAME_NOREPLACE or RENAME_EXCHANGE (checked by the VFS)
 *
 * The VFS moves the dentries (d_move/d_exchange) after this succeeds.
 * Return: 0 or -ENOTEMPTY.
 */
int simple_rename(struct inode *old_dir, struct dentry *old_dentry,
		  struct inode *new_dir, struct dentry *new_dentry,
		  unsigned int flags)
{
	struct inode *inode = old_dentry->d_inode;
	bool is_dir = S_ISDIR(inode->i_mode);

	if (flags & RENAME_EXCHANGE) {
		bool new_is_dir = S_ISDIR(new_dentry->d_inode->i_mode);

		if (old_dir != new_dir && is_dir != new_is_dir) {
			if (is_dir) {
				drop_nlink(old_dir);
				inc_nlink(new_dir);
			} else {
				drop_nlink(new_dir);
				inc_nlink(old_dir);
			}
		}
		touch_dir(old_dir);
		touch_dir(new_dir);
		return 0;
	}
	if (new_dentry->d_inode) {
		if (is_dir && !simple_empty(new_dentry))
			return -ENOTEMPTY;
		/* The replaced name goes as by unlink (its pin too). */
		simple_unlink(new_dir, new_dentry);
		if (is_dir) {
			drop_nlink(new_dentry->d_inode);
			drop_nlink(old_dir);
		}
	} else if (is_dir) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	touch_dir(old_dir);
	touch_dir(new_dir);
	inode->i_ctime = current_time(inode);
	return 0;
}

/* Mode, owner and times; a size change is the file system's own. */
int simple_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (attr->ia_valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (attr->ia_valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	inode->i_ctime = current_time(inode);
	return 0;
}

/* For devices that cannot seek (Linux's nonseekable_open). */
int nonseekable_open(struct inode *inode, struct file *f)
{
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}
