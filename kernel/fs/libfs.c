/*
 * Helpers for file systems whose whole tree is in the dentry cache, as
 * Linux's fs/libfs.c: lookup that finds nothing (every name is cached),
 * readdir over a dentry's children, and the unlink/rmdir/rename/link
 * bodies ramfs and devtmpfs share; and the kernel-built trees of sysfs,
 * debugfs and tracefs (simple_tree_*), with simple_read_from_buffer().
 * Lock: the VFS holds the directories' i_rwsem around these.
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
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

/*
 * Trees the kernel builds: sysfs, debugfs and tracefs (Linux builds the
 * last two on libfs too: debugfs_create_file() is start_creating() plus
 * d_instantiate()). One super_block per type, made at boot; every mount
 * shows it. Each name is pinned like a ramfs name, so the dcache is the
 * tree; user space can read and write files, not create or remove them.
 */

static const struct inode_operations simple_tree_dir_inode_operations = {
	.lookup = simple_lookup,
};

/* Opening with O_TRUNC (the shell's ">") must work: the size is not kept. */
static int simple_tree_setattr(struct dentry *dentry, struct iattr *attr)
{
	attr->ia_valid &= ~ATTR_SIZE;
	return simple_setattr(dentry, attr);
}

static const struct inode_operations simple_tree_file_inode_operations = {
	.setattr = simple_tree_setattr,
};

static const struct super_operations simple_tree_super_operations = {
	.statfs = simple_statfs,
};

/**
 * simple_tree_super - the one super_block of a kernel-built tree
 * @type: the file system type (its ->mount returns simple_tree_mount())
 * @magic: its statfs magic (SYSFS_MAGIC, DEBUGFS_MAGIC, ...)
 *
 * Return: the super_block with an empty root directory, or NULL.
 * Context: boot (an initcall); may sleep.
 */
struct super_block *simple_tree_super(struct file_system_type *type,
				      unsigned long magic)
{
	struct super_block *sb = sget_anon(type);
	struct inode *inode;

	if (!sb)
		return NULL;
	sb->s_magic = magic;
	sb->s_op = &simple_tree_super_operations;
	inode = new_inode(sb);
	if (inode) {
		inode->i_mode = S_IFDIR | 0755;
		inode->i_op = &simple_tree_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);
	}
	sb->s_root = d_make_root(inode);
	if (!sb->s_root) {
		deactivate_super(sb);
		return NULL;
	}
	return sb;
}

/**
 * simple_tree_mount - one more mount of a tree's super_block
 * @sb: what simple_tree_super() made (NULL: -ENODEV)
 *
 * Return: the root dentry, referenced, for a file_system_type's ->mount.
 */
struct dentry *simple_tree_mount(struct super_block *sb)
{
	if (!sb)
		return ERR_PTR(-ENODEV);
	get_super_active(sb);
	return dget(sb->s_root);
}

/* A new inode under @dir's super_block for simple_tree_create(). */
static struct inode *simple_tree_inode(struct dentry *dir, umode_t mode,
				       const struct file_operations *fops,
				       void *data)
{
	struct inode *inode = new_inode(dir->d_sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode->i_private = data;
	inode->i_mtime = inode->i_atime = inode->i_ctime = current_time(inode);
	if (S_ISDIR(mode)) {
		inode->i_op = &simple_tree_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);
	} else if (S_ISLNK(mode)) {
		inode->i_link = kstrdup(data, GFP_KERNEL);
		inode->i_private = NULL;
		inode->i_size = inode->i_link ? strlen(inode->i_link) : 0;
	} else {
		inode->i_op = &simple_tree_file_inode_operations;
		inode->i_fop = fops;
	}
	return inode;
}

static const struct inode_operations simple_tree_symlink_inode_operations = {
	.get_link = simple_get_link,
};

/**
 * simple_tree_create - add a directory, file or symlink to a kernel tree
 * @parent: the directory (a dentry the tree returned, or its s_root)
 * @name: the new name (no '/')
 * @mode: S_IFDIR, S_IFREG or S_IFLNK with permission bits
 * @fops: a file's operations (its ->open finds @data in i_private)
 * @data: a file's i_private; a symlink's target text
 *
 * Return: the new dentry (pinned by the tree: do not dput it), or
 * ERR_PTR(-EEXIST, -EINVAL, -ENOMEM).
 * Context: process; takes @parent's i_rwsem.
 */
struct dentry *simple_tree_create(struct dentry *parent, const char *name,
				  umode_t mode, const struct file_operations *fops,
				  void *data)
{
	struct qstr q = { name, strlen(name) };
	struct inode *dir = parent->d_inode, *inode;
	struct dentry *d;

	if (!q.len || q.len > NAME_MAX || strchr(name, '/'))
		return ERR_PTR(-EINVAL);
	mutex_lock(&dir->i_rwsem);
	d = lookup_one_qstr(&q, parent);
	if (IS_ERR(d))
		goto out;
	inode = d->d_inode ? NULL : simple_tree_inode(parent, mode, fops, data);
	if (!inode || (S_ISLNK(mode) && !inode->i_link)) {
		int err = d->d_inode ? -EEXIST : -ENOMEM;

		if (inode)
			iput(inode);
		dput(d);
		d = ERR_PTR(err);
		goto out;
	}
	if (S_ISLNK(mode))
		inode->i_op = &simple_tree_symlink_inode_operations;
	if (S_ISDIR(mode))
		inc_nlink(dir);
	d_instantiate(d, inode);	/* lookup's reference becomes the pin */
	dir->i_mtime = dir->i_ctime = current_time(dir);
out:
	mutex_unlock(&dir->i_rwsem);
	return d;
}

/**
 * simple_tree_remove - remove a name and everything below it
 * @d: what simple_tree_create() returned (NULL or an error: nothing)
 *
 * Files still open keep their inode (and its i_private!): the caller
 * must keep the data alive until they are closed, or not care.
 * Context: process; takes the parent's i_rwsem.
 */
void simple_tree_remove(struct dentry *d)
{
	struct inode *dir;

	if (IS_ERR_OR_NULL(d))
		return;
	dir = d->d_parent->d_inode;
	mutex_lock(&dir->i_rwsem);
	d_genocide(d);
	if (S_ISDIR(d->d_inode->i_mode))
		drop_nlink(dir);
	d_drop(d);
	dput(d);		/* the pin */
	mutex_unlock(&dir->i_rwsem);
}

/**
 * simple_read_from_buffer - copy from a kernel buffer at *@ppos
 * @to: user buffer
 * @count: its size
 * @ppos: the file position, advanced
 * @from: the data
 * @available: its length
 *
 * As Linux's: Return: bytes copied, 0 at the end, or -EFAULT.
 */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	loff_t pos = *ppos;
	size_t n;

	if (pos < 0)
		return -EINVAL;
	if ((size_t)pos >= available || !count)
		return 0;
	n = min(count, available - (size_t)pos);
	if (copy_to_user(to, (const char *)from + pos, n))
		return -EFAULT;
	*ppos = pos + n;
	return n;
}

/* As Linux's simple_open(): the file's private_data is the inode's. */
int simple_open(struct inode *inode, struct file *file)
{
	file->private_data = inode->i_private;
	return 0;
}
