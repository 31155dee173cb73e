/*
 * Reading directories, as Linux's fs/readdir.c: iterate_dir() calls the
 * file system's ->iterate_shared with an actor that packs each entry
 * into the caller's buffer as struct linux_dirent64 (getdents64) or the
 * old struct linux_dirent (getdents, d_type in the last byte).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <uapi/linux/dirent.h>
#include "internal.h"

/**
 * iterate_dir - list a directory from f_pos
 * @f: the open directory
 * @ctx: the actor; ctx->pos is taken from and stored to f->f_pos
 *
 * Return: 0, -ENOTDIR, or the file system's error.
 */
int iterate_dir(struct file *f, struct dir_context *ctx)
{
	struct inode *inode = file_inode(f);
	int err;

	if (!f->f_op->iterate_shared)
		return -ENOTDIR;
	mutex_lock(&inode->i_rwsem);
	ctx->pos = f->f_pos;
	err = f->f_op->iterate_shared(f, ctx);
	f->f_pos = ctx->pos;
	mutex_unlock(&inode->i_rwsem);
	return err;
}

struct getdents_callback {
	struct dir_context ctx;
	char __user *buf;
	int count;		/* room left */
	int error;
	bool old;		/* struct linux_dirent */
};

static bool filldir(struct dir_context *ctx, const char *name, int namlen,
		    loff_t offset, u64 ino, unsigned int d_type)
{
	struct getdents_callback *gd = container_of(ctx, struct getdents_callback, ctx);
	size_t hdr = gd->old ? offsetof(struct linux_dirent, d_name) :
			       offsetof(struct linux_dirent64, d_name);
	int reclen = ALIGN(hdr + namlen + 1 + (gd->old ? 1 : 0), sizeof(u64));
	char rec[sizeof(struct linux_dirent64) + NAME_MAX + 16];

	if (reclen > gd->count) {
		gd->error = -EINVAL;	/* buffer too small for even one entry */
		return false;
	}
	memset(rec, 0, reclen);
	if (gd->old) {
		struct linux_dirent *d = (void *)rec;

		d->d_ino = ino;
		d->d_off = offset + 1;
		d->d_reclen = reclen;
		rec[reclen - 1] = d_type;
		memcpy(d->d_name, name, namlen);
	} else {
		struct linux_dirent64 *d = (void *)rec;

		d->d_ino = ino;
		d->d_off = offset + 1;
		d->d_reclen = reclen;
		d->d_type = d_type;
		memcpy(d->d_name, name, namlen);
	}
	if (copy_to_user(gd->buf, rec, reclen)) {
		gd->error = -EFAULT;
		return false;
	}
	gd->buf += reclen;
	gd->count -= reclen;
	gd->error = 0;
	return true;
}

static long do_getdents(unsigned int fd, void __user *dirent, unsigned int count, bool old)
{
	struct getdents_callback gd = { .ctx.actor = filldir, .buf = dirent,
					.count = min_t(unsigned int, count, INT_MAX),
					.old = old };
	struct file *f;
	int err;

	if (!access_ok(dirent, count))
		return -EFAULT;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = iterate_dir(f, &gd.ctx);
	fput(f);
	if (gd.buf != dirent)	/* some entries: the error of the next is for later */
		return (char __user *)gd.buf - (char __user *)dirent;
	return err ? err : gd.error;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, struct linux_dirent64 __user *, dirent,
		unsigned int, count)
{
	return do_getdents(fd, dirent, count, false);
}

SYSCALL_DEFINE3(getdents, unsigned int, fd, struct linux_dirent __user *, dirent,
		unsigned int, count)
{
	return do_getdents(fd, dirent, count, true);
}

struct kernel_dir_ctx {
	struct dir_context ctx;
	bool (*actor)(void *, const char *, int, u64, unsigned int);
	void *arg;
};

static bool kernel_filldir(struct dir_context *ctx, const char *name, int len,
			   loff_t offset, u64 ino, unsigned int type)
{
	struct kernel_dir_ctx *k = container_of(ctx, struct kernel_dir_ctx, ctx);

	return k->actor(k->arg, name, len, ino, type);
}

/* Lists @f from the kernel: @actor gets each entry until it returns false. */
int kernel_getdents(struct file *f, bool (*actor)(void *arg, const char *name,
						  int len, u64 ino,
						  unsigned int type),
		    void *arg)
{
	struct kernel_dir_ctx k = { .ctx.actor = kernel_filldir, .actor = actor,
				    .arg = arg };

	return iterate_dir(f, &k.ctx);
}
