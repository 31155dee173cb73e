/*
 * stat, statx, readlink, statfs and the sync/time calls, as Linux's
 * fs/stat.c, fs/statfs.c, fs/sync.c and fs/utimes.c. Times come from
 * the inode; sync calls are no-ops (nothing is backed by a disk).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <uapi/linux/statfs.h>
#include <uapi/linux/time_types.h>
#include "internal.h"

int vfs_getattr(const struct path *path, struct kstat *stat)
{
	struct inode *inode = path->dentry->d_inode;

	memset(stat, 0, sizeof(*stat));
	stat->result_mask = STATX_BASIC_STATS;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->blksize = 4096;
	stat->ino = inode->i_ino;
	stat->dev = inode->i_sb->s_dev;
	stat->rdev = inode->i_rdev;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->size = inode->i_size;
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blocks = inode->i_blocks;
	return 0;
}

static int cp_new_stat(const struct kstat *k, struct stat __user *ubuf)
{
	struct stat s;

	memset(&s, 0, sizeof(s));
	s.st_dev = new_encode_dev(k->dev);
	s.st_ino = k->ino;
	s.st_nlink = k->nlink;
	s.st_mode = k->mode;
	s.st_uid = k->uid;
	s.st_gid = k->gid;
	s.st_rdev = new_encode_dev(k->rdev);
	s.st_size = k->size;
	s.st_blksize = k->blksize;
	s.st_blocks = k->blocks;
	s.st_atime = k->atime.tv_sec;
	s.st_atime_nsec = k->atime.tv_nsec;
	s.st_mtime = k->mtime.tv_sec;
	s.st_mtime_nsec = k->mtime.tv_nsec;
	s.st_ctime = k->ctime.tv_sec;
	s.st_ctime_nsec = k->ctime.tv_nsec;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

static int vfs_statx(int dfd, const char __user *filename, int flags, struct kstat *k)
{
	unsigned int lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup, &path);
	if (err)
		return err;
	err = vfs_getattr(&path, k);
	path_put(&path);
	return err;
}

static int vfs_fstat(unsigned int fd, struct kstat *k)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->f_path, k);
	fput(f);
	return err;
}

SYSCALL_DEFINE2(newstat, const char __user *, filename, struct stat __user *, statbuf)
{
	struct kstat k;
	int err = vfs_statx(AT_FDCWD, filename, 0, &k);

	return err ? err : cp_new_stat(&k, statbuf);
}

SYSCALL_DEFINE2(newlstat, const char __user *, filename, struct stat __user *, statbuf)
{
	struct kstat k;
	int err = vfs_statx(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, &k);

	return err ? err : cp_new_stat(&k, statbuf);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct stat __user *, statbuf, int, flag)
{
	struct kstat k;
	int err = vfs_statx(dfd, filename, flag, &k);

	return err ? err : cp_new_stat(&k, statbuf);
}

SYSCALL_DEFINE2(newfstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct kstat k;
	int err = vfs_fstat(fd, &k);

	return err ? err : cp_new_stat(&k, statbuf);
}

static void to_statx_ts(struct statx_timestamp *t, const struct timespec64 *ts)
{
	t->tv_sec = ts->tv_sec;
	t->tv_nsec = ts->tv_nsec;
}

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, filename, unsigned int, flags,
		unsigned int, mask, struct statx __user *, buffer)
{
	struct statx s;
	struct kstat k;
	int err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = vfs_statx(dfd, filename, flags, &k);
	if (err)
		return err;
	memset(&s, 0, sizeof(s));
	s.stx_mask = k.result_mask;
	s.stx_blksize = k.blksize;
	s.stx_nlink = k.nlink;
	s.stx_uid = k.uid;
	s.stx_gid = k.gid;
	s.stx_mode = k.mode;
	s.stx_ino = k.ino;
	s.stx_size = k.size;
	s.stx_blocks = k.blocks;
	to_statx_ts(&s.stx_atime, &k.atime);
	to_statx_ts(&s.stx_mtime, &k.mtime);
	to_statx_ts(&s.stx_ctime, &k.ctime);
	s.stx_rdev_major = MAJOR(k.rdev);
	s.stx_rdev_minor = MINOR(k.rdev);
	s.stx_dev_major = MAJOR(k.dev);
	s.stx_dev_minor = MINOR(k.dev);
	return copy_to_user(buffer, &s, sizeof(s)) ? -EFAULT : 0;
}

static int do_readlinkat(int dfd, const char __user *pathname, char __user *buf,
			 int bufsiz)
{
	struct path path;
	struct inode *inode;
	const char *body;
	int err, len;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at(dfd, pathname, LOOKUP_EMPTY, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	err = -EINVAL;
	if (S_ISLNK(inode->i_mode) && inode->i_op->get_link) {
		body = inode->i_op->get_link(path.dentry, inode);
		err = PTR_ERR(body);
		if (!IS_ERR(body)) {
			len = min_t(int, strlen(body), bufsiz);
			err = copy_to_user(buf, body, len) ? -EFAULT : len;
		}
	}
	path_put(&path);
	return err;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname,
		char __user *, buf, int, bufsiz)
{
	return do_readlinkat(dfd, pathname, buf, bufsiz);
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;

	memset(buf, 0, sizeof(*buf));
	if (!sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	return sb->s_op->statfs(path->dentry, buf);
}

static int cp_statfs(const struct kstatfs *k, struct statfs __user *ubuf)
{
	struct statfs s;

	memset(&s, 0, sizeof(s));
	s.f_type = k->f_type;
	s.f_bsize = k->f_bsize;
	s.f_blocks = k->f_blocks;
	s.f_bfree = k->f_bfree;
	s.f_bavail = k->f_bavail;
	s.f_files = k->f_files;
	s.f_ffree = k->f_ffree;
	s.f_namelen = k->f_namelen;
	s.f_frsize = k->f_frsize;
	s.f_flags = k->f_flags;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	struct kstatfs k;
	struct path path;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = vfs_statfs(&path, &k);
	path_put(&path);
	return err ? err : cp_statfs(&k, buf);
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *f = fget_raw(fd);
	struct kstatfs k;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(&f->f_path, &k);
	fput(f);
	return err ? err : cp_statfs(&k, buf);
}

SYSCALL_DEFINE0(sync)
{
	return 0;
}

static long fsync_common(unsigned int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return fsync_common(fd);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return fsync_common(fd);
}

SYSCALL_DEFINE4(fadvise64, int, fd, loff_t, offset, size_t, len, int, advice)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	if (S_ISFIFO(file_inode(f)->i_mode))
		return -ESPIPE;
	return advice < 0 || advice > 5 ? -EINVAL : 0;
}

static int utime_ts(const struct __kernel_timespec *u, struct timespec64 *ts,
		    struct inode *inode, unsigned int *valid, unsigned int bit)
{
	if (u->tv_nsec == UTIME_OMIT)
		return 0;
	if (u->tv_nsec == UTIME_NOW) {
		*ts = current_time(inode);
	} else {
		if (u->tv_nsec < 0 || u->tv_nsec > 999999999)
			return -EINVAL;
		ts->tv_sec = u->tv_sec;
		ts->tv_nsec = u->tv_nsec;
	}
	*valid |= bit;
	return 0;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, filename,
		struct __kernel_timespec __user *, utimes, int, flags)
{
	struct __kernel_timespec t[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct iattr attr = { .ia_valid = ATTR_CTIME };
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	if (filename) {
		err = user_path_at(dfd, filename,
				   (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0), &path);
	} else {
		struct file *f = fget_raw(dfd);	/* futimens */

		err = -EBADF;
		if (f) {
			path = f->f_path;
			path_get(&path);
			fput(f);
			err = 0;
		}
	}
	if (err)
		return err;
	err = utime_ts(&t[0], &attr.ia_atime, path.dentry->d_inode, &attr.ia_valid, ATTR_ATIME);
	if (!err)
		err = utime_ts(&t[1], &attr.ia_mtime, path.dentry->d_inode, &attr.ia_valid,
			       ATTR_MTIME);
	if (!err)
		err = notify_change(path.dentry, &attr);
	path_put(&path);
	return err;
}
