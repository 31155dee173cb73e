/*
 * Opening and closing files, and the calls that change an inode's
 * attributes by name, as Linux's fs/open.c: do_dentry_open() turns a
 * resolved path into a struct file (calling the file's ->open, which for
 * a device node dispatches to its driver), do_sys_open() puts it in a
 * descriptor; chmod, chown, truncate, access, chdir and chroot.
 * Simplified: everyone is root, so access() checks existence and, for
 * X_OK, an x bit; ownership is stored but grants nothing.
 */
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "internal.h"

static const struct file_operations empty_fops;

/* Checks an open of @inode with O_* @flag. Return: 0 or -errno. */
int vfs_open_checks(struct inode *inode, int flag)
{
	int acc = flag & O_ACCMODE;

	if (S_ISLNK(inode->i_mode))
		return -ELOOP;		/* O_NOFOLLOW met a symlink */
	if (S_ISDIR(inode->i_mode) && (acc != O_RDONLY || (flag & O_TRUNC)))
		return -EISDIR;
	if ((flag & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISBLK(inode->i_mode) || S_ISSOCK(inode->i_mode))
		return -ENXIO;
	return 0;
}

/**
 * do_dentry_open - open the object at @path
 * @path: a resolved path; its references move into the file (or are
 *	dropped on failure)
 * @flags: O_* flags
 * @op: the open's decoded flags
 *
 * Return: the file or ERR_PTR.
 */
struct file *do_dentry_open(const struct path *path, int flags,
			    const struct open_flags *op)
{
	struct inode *inode = path->dentry->d_inode;
	struct file *f;
	int err = 0;

	if (!(flags & O_PATH))
		err = vfs_open_checks(inode, flags);
	else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		err = -ENOTDIR;
	if (err)
		goto fail;
	f = alloc_file(path, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC),
		       (flags & O_PATH) ? &empty_fops : inode->i_fop);
	err = PTR_ERR(f);
	if (IS_ERR(f))
		goto fail;
	if (flags & O_PATH) {
		f->f_mode = FMODE_PATH;
		return f;
	}
	f->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (!f->f_op)
		f->f_op = &empty_fops;
	if (f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = NULL;	/* no ->release for what never opened */
			fput(f);
			return ERR_PTR(err);
		}
	}
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode)) {
		err = do_truncate(path->dentry, 0);
		if (err) {
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
fail:
	path_put(path);
	return ERR_PTR(err);
}

/**
 * filp_open - open a file from the kernel
 * @name: absolute, or relative to current's working directory
 * @flags: O_* flags
 * @mode: permissions if O_CREAT creates it
 *
 * Return: the file (fput it) or ERR_PTR.
 */
struct file *filp_open(const char *name, int flags, umode_t mode)
{
	struct filename *f = getname_kernel(name);
	struct open_flags op;
	struct file *file;
	int err = build_open_flags(flags, mode, &op);

	if (err) {
		putname(f);
		return ERR_PTR(err);
	}
	file = do_filp_open(AT_FDCWD, f, &op);
	putname(f);
	return file;
}

/* Opens @name relative to @root, which also bounds "..". */
struct file *file_open_root(const struct path *root, const char *name,
			    int flags, umode_t mode)
{
	struct open_flags op;
	int err = build_open_flags(flags, mode, &op);

	if (err)
		return ERR_PTR(err);
	return do_file_open_root(root, name, &op);
}

/* close()'s part after the descriptor is gone: ->flush, then the reference. */
int filp_close(struct file *f)
{
	int err = 0;

	if (f->f_op && f->f_op->flush && !(f->f_mode & FMODE_PATH))
		err = f->f_op->flush(f);
	fput(f);
	return err;
}

long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct open_flags op;
	struct filename *name;
	struct file *f;
	int fd, err;

	/* Unknown bits are ignored, as Linux's open() does (not openat2). */
	err = build_open_flags(flags, mode, &op);
	if (err)
		return err;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd >= 0) {
		f = do_filp_open(dfd, name, &op);
		if (IS_ERR(f)) {
			put_unused_fd(fd);
			fd = PTR_ERR(f);
		} else {
			fd_install(fd, f);
		}
	}
	putname(name);
	return fd;
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags,
		umode_t, mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	int err = close_fd(fd);

	/* An interrupted ->flush still closed the fd: never ask for a restart. */
	if (err == -ERESTARTSYS || err == -ERESTARTNOINTR || err == -ERESTARTNOHAND)
		err = -EINTR;
	return err;
}

/* --- attributes --- */

/**
 * notify_change - apply @attr to @dentry's inode
 * @dentry: the object
 * @attr: what changes
 *
 * Context: takes the inode's i_rwsem.
 * Return: 0 or -errno.
 */
int notify_change(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	int err;

	if ((attr->ia_valid & ATTR_SIZE) && !S_ISREG(inode->i_mode))
		return S_ISDIR(inode->i_mode) ? -EISDIR : -EINVAL;
	mutex_lock(&inode->i_rwsem);
	if (inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(dentry, attr);
	else if (attr->ia_valid & ATTR_SIZE)
		err = -EPERM;
	else
		err = simple_setattr(dentry, attr);
	mutex_unlock(&inode->i_rwsem);
	return err;
}

int do_truncate(struct dentry *dentry, loff_t length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME,
			      .ia_size = length };

	if (length < 0)
		return -EINVAL;
	attr.ia_mtime = attr.ia_ctime = current_time(dentry->d_inode);
	return notify_change(dentry, &attr);
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = path->dentry->d_inode;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	return do_truncate(path->dentry, length);
}

SYSCALL_DEFINE2(truncate, const char __user *, path, long, length)
{
	struct path p;
	int err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = vfs_truncate(&p, length);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, unsigned long, length)
{
	struct file *f;
	int err;

	if ((long)length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = -EINVAL;
	if (S_ISREG(file_inode(f)->i_mode) && (f->f_mode & FMODE_WRITE))
		err = do_truncate(f->f_path.dentry, length);
	else if (S_ISDIR(file_inode(f)->i_mode))
		err = -EISDIR;
	fput(f);
	return err;
}

static int do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (mode & ~(F_OK | R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup = 0;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup, &path);
	if (err)
		return err;
	/* Root may read and write anything; execute needs some x bit. */
	if ((mode & X_OK) && !S_ISDIR(path.dentry->d_inode->i_mode) &&
	    !(path.dentry->d_inode->i_mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		err = -EACCES;
	path_put(&path);
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode,
		int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_pwd(current_fs(), &path);
	path_put(&path);
	return 0;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget_raw(fd);
	int err = -EBADF;

	if (!f)
		return err;
	err = -ENOTDIR;
	if (S_ISDIR(file_inode(f)->i_mode)) {
		set_fs_pwd(current_fs(), &f->f_path);
		err = 0;
	}
	fput(f);
	return err;
}

SYSCALL_DEFINE1(chroot, const char __user *, filename)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_root(current_fs(), &path);
	path_put(&path);
	return 0;
}

int chmod_common(const struct path *path, umode_t mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE | ATTR_CTIME,
			      .ia_mode = mode & S_IALLUGO };

	return notify_change(path->dentry, &attr);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chmod_common(&f->f_path, mode);
	fput(f);
	return err;
}

static int do_fchmodat(int dfd, const char __user *filename, umode_t mode,
		       unsigned int flags)
{
	struct path path;
	int err;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	err = user_path_at(dfd, filename, flags ? 0 : LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = S_ISLNK(path.dentry->d_inode->i_mode) ? -EOPNOTSUPP :
	      chmod_common(&path, mode);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, umode_t, mode)
{
	return do_fchmodat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, umode_t, mode)
{
	return do_fchmodat(AT_FDCWD, filename, mode, 0);
}

int chown_common(const struct path *path, u32 user, u32 group)
{
	struct iattr attr = { .ia_valid = ATTR_CTIME };
	struct inode *inode = path->dentry->d_inode;

	if (user != (u32)-1) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = user;
	}
	if (group != (u32)-1) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = group;
	}
	/* Changing the owner clears set-user-ID (and set-group-ID if g+x). */
	if (!S_ISDIR(inode->i_mode) && (attr.ia_valid & (ATTR_UID | ATTR_GID))) {
		attr.ia_valid |= ATTR_MODE;
		attr.ia_mode = inode->i_mode & ~S_ISUID;
		if (inode->i_mode & S_IXGRP)
			attr.ia_mode &= ~S_ISGID;
	}
	return notify_change(path->dentry, &attr);
}

static int do_fchownat(int dfd, const char __user *filename, u32 user, u32 group,
		       int flag)
{
	unsigned int lookup = flag & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flag & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup, &path);
	if (err)
		return err;
	err = chown_common(&path, user, group);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename, u32, user,
		u32, group, int, flag)
{
	return do_fchownat(dfd, filename, user, group, flag);
}

SYSCALL_DEFINE3(chown, const char __user *, filename, u32, user, u32, group)
{
	return do_fchownat(AT_FDCWD, filename, user, group, 0);
}

SYSCALL_DEFINE3(lchown, const char __user *, filename, u32, user, u32, group)
{
	return do_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, u32, user, u32, group)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chown_common(&f->f_path, user, group);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	struct fs_struct *fs = current_fs();
	int old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}
