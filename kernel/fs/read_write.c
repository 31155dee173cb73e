/*
 * read, write and seek, as Linux's fs/read_write.c: vfs_read() and
 * vfs_write() check the file's mode and the buffer, clamp the count to
 * MAX_RW_COUNT and call ->read/->write, or ->read_iter/->write_iter with
 * a user iterator; kernel_read()/kernel_write() use the iterators with a
 * kernel buffer. Also readv/writev, pread64/pwrite64, lseek and sendfile.
 * Lock: f_pos_lock serialises position updates on regular files and
 * directories (Linux's FMODE_ATOMIC_POS); devices and pipes may block in
 * ->read, so they are called without it.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/uio.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "internal.h"

loff_t no_llseek(struct file *f, loff_t offset, int whence)
{
	return -ESPIPE;
}

/* SEEK_SET/CUR/END, and SEEK_DATA/SEEK_HOLE as if the file had no holes. */
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t size = file_inode(f)->i_size, pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		if (offset > 0 && f->f_pos > MAX_LFS_FILESIZE - offset)
			return -EOVERFLOW;
		pos = f->f_pos + offset;
		break;
	case SEEK_END:
		if (offset > 0 && size > MAX_LFS_FILESIZE - offset)
			return -EOVERFLOW;
		pos = size + offset;
		break;
	case SEEK_DATA:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		pos = offset;
		break;
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		pos = size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

loff_t vfs_llseek(struct file *f, loff_t offset, int whence)
{
	if (!(f->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (f->f_op->llseek)
		return f->f_op->llseek(f, offset, whence);
	if (S_ISREG(file_inode(f)->i_mode) || S_ISDIR(file_inode(f)->i_mode))
		return generic_file_llseek(f, offset, whence);
	return 0;	/* a device without llseek: seeking does nothing */
}

static bool atomic_pos(struct file *f)
{
	umode_t mode = file_inode(f)->i_mode;

	return S_ISREG(mode) || S_ISDIR(mode);
}

static void pos_lock(struct file *f)
{
	if (atomic_pos(f))
		mutex_lock(&f->f_pos_lock);
}

static void pos_unlock(struct file *f)
{
	if (atomic_pos(f))
		mutex_unlock(&f->f_pos_lock);
}

static int iocb_flags(struct file *f)
{
	int flags = 0;

	if (f->f_flags & O_APPEND)
		flags |= IOCB_APPEND;
	if (f->f_flags & O_NONBLOCK)
		flags |= IOCB_NOWAIT;
	return flags;
}

static ssize_t iter_rw(struct file *f, struct iov_iter *iter, loff_t *pos, bool write)
{
	struct kiocb kiocb = { .ki_filp = f, .ki_pos = pos ? *pos : 0,
			       .ki_flags = iocb_flags(f) };
	ssize_t ret = write ? f->f_op->write_iter(&kiocb, iter) :
			      f->f_op->read_iter(&kiocb, iter);

	if (ret > 0 && pos)
		*pos = kiocb.ki_pos;
	return ret;
}

/**
 * vfs_read - read from a file into user memory
 * @f: the file
 * @buf: the user buffer
 * @count: bytes wanted (clamped to MAX_RW_COUNT)
 * @pos: the position to read at, updated
 *
 * Return: bytes read (0 at end of file) or -errno.
 */
ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read && !f->f_op->read_iter)
		return S_ISDIR(file_inode(f)->i_mode) ? -EISDIR : -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	if (f->f_op->read)
		return f->f_op->read(f, buf, count, pos);
	iov_iter_ubuf(&iter, buf, count);
	return iter_rw(f, &iter, pos, false);
}

ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write && !f->f_op->write_iter)
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	if (f->f_op->write)
		return f->f_op->write(f, buf, count, pos);
	iov_iter_ubuf(&iter, (void __user *)buf, count);
	return iter_rw(f, &iter, pos, true);
}

/**
 * kernel_read - read from a file into a kernel buffer
 * @f: the file (opened for reading)
 * @buf: kernel memory
 * @count: bytes wanted
 * @pos: the position, updated
 *
 * Needs ->read_iter, as in Linux. Return: bytes read or -errno.
 */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read_iter)
		return -EINVAL;
	iov_iter_kvec(&iter, buf, min_t(size_t, count, MAX_RW_COUNT));
	return iter_rw(f, &iter, pos, false);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write_iter)
		return -EINVAL;
	iov_iter_kvec(&iter, (void *)buf, min_t(size_t, count, MAX_RW_COUNT));
	return iter_rw(f, &iter, pos, true);
}

/* The position a read/write of @f uses: f_pos, or none for a stream. */
static loff_t *file_ppos(struct file *f)
{
	return (f->f_mode & FMODE_LSEEK) ? &f->f_pos : NULL;
}

static ssize_t ksys_rw(unsigned int fd, char __user *buf, size_t count, bool write)
{
	struct file *f = fget(fd);
	loff_t pos, *ppos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	pos_lock(f);
	ppos = file_ppos(f);
	pos = ppos ? *ppos : 0;
	ret = write ? vfs_write(f, buf, count, ppos ? &pos : NULL) :
		      vfs_read(f, buf, count, ppos ? &pos : NULL);
	if (ret >= 0 && ppos)
		*ppos = pos;
	pos_unlock(f);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	return ksys_rw(fd, buf, count, false);
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	return ksys_rw(fd, (char __user *)buf, count, true);
}

static ssize_t ksys_prw(unsigned int fd, char __user *buf, size_t count, loff_t pos,
			bool write)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -ESPIPE;
	if (f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))
		ret = write ? vfs_write(f, buf, count, &pos) : vfs_read(f, buf, count, &pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count,
		loff_t, pos)
{
	return ksys_prw(fd, buf, count, pos, false);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count,
		loff_t, pos)
{
	return ksys_prw(fd, (char __user *)buf, count, pos, true);
}

/* readv/writev: one vfs call per segment, stopping at a short one. */
static ssize_t do_rwv(unsigned int fd, const struct iovec __user *uvec,
		      unsigned long vlen, bool write)
{
	struct iovec *iov;
	size_t total = 0;
	ssize_t ret = 0, done = 0;
	struct file *f;
	loff_t pos, *ppos;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (!vlen)
		return 0;
	iov = kmalloc_array(vlen, sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uvec, vlen * sizeof(*iov))) {
		ret = -EFAULT;
		goto out_free;
	}
	for (unsigned long i = 0; i < vlen; i++) {
		if ((ssize_t)iov[i].iov_len < 0) {
			ret = -EINVAL;
			goto out_free;
		}
		/* Linux clamps the total to MAX_RW_COUNT: later segments shrink. */
		iov[i].iov_len = min_t(size_t, iov[i].iov_len, MAX_RW_COUNT - total);
		total += iov[i].iov_len;
	}
	f = fget(fd);
	ret = -EBADF;
	if (!f)
		goto out_free;
	pos_lock(f);
	ppos = file_ppos(f);
	pos = ppos ? *ppos : 0;
	for (unsigned long i = 0; i < vlen; i++) {
		if (!iov[i].iov_len)
			continue;
		ret = write ? vfs_write(f, iov[i].iov_base, iov[i].iov_len, ppos ? &pos : NULL) :
			      vfs_read(f, iov[i].iov_base, iov[i].iov_len, ppos ? &pos : NULL);
		if (ret < 0)
			break;
		done += ret;
		if ((size_t)ret < iov[i].iov_len)
			break;
	}
	if (ppos && done)
		*ppos = pos;
	pos_unlock(f);
	fput(f);
	if (done)
		ret = done;
out_free:
	kfree(iov);
	return ret;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, true);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, loff_t, offset, unsigned int, whence)
{
	struct file *f;
	loff_t ret;

	if (whence > SEEK_MAX)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	pos_lock(f);
	ret = vfs_llseek(f, offset, whence);
	pos_unlock(f);
	fput(f);
	return ret;
}

/* sendfile(): copy through a kernel page with kernel_read/kernel_write. */
static ssize_t do_sendfile(struct file *in, struct file *out, loff_t *ppos, size_t count)
{
	ssize_t done = 0, ret = 0;
	char *buf;

	/* Refuse before consuming input, as Linux does for files without
	 * splice support: the caller (busybox cat) then falls back to
	 * read/write and loses nothing. */
	if (!in->f_op->read_iter || !out->f_op->write_iter)
		return -EINVAL;
	buf = (char *)__get_free_page(GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	count = min_t(size_t, count, MAX_RW_COUNT);
	while ((size_t)done < count) {
		loff_t opos = out->f_pos;
		ssize_t n = kernel_read(in, buf, min_t(size_t, count - done, PAGE_SIZE), ppos);

		if (n <= 0) {
			ret = n;
			break;
		}
		ret = kernel_write(out, buf, n, &opos);
		if (ret > 0 && (out->f_mode & FMODE_LSEEK))
			out->f_pos = opos;
		if (ret <= 0)
			break;
		done += ret;
		/* A short write loses what it did not take: step the input back. */
		if (ret < n) {
			*ppos -= n - ret;
			break;
		}
		ret = 0;
	}
	free_page((unsigned long)buf);
	return done ? done : ret;
}

SYSCALL_DEFINE4(sendfile64, int, out_fd, int, in_fd, loff_t __user *, offset,
		size_t, count)
{
	struct file *in, *out;
	loff_t pos;
	ssize_t ret = -EBADF;

	in = fget(in_fd);
	if (!in)
		return -EBADF;
	out = fget(out_fd);
	if (!out)
		goto out_in;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto out_out;
	ret = -EINVAL;
	if (out->f_flags & O_APPEND)
		goto out_out;
	if (offset) {
		ret = -EFAULT;
		if (copy_from_user(&pos, offset, sizeof(pos)))
			goto out_out;
		ret = -EINVAL;
		if (pos < 0)
			goto out_out;
		ret = do_sendfile(in, out, &pos, count);
		if (ret >= 0 && copy_to_user(offset, &pos, sizeof(pos)))
			ret = -EFAULT;
	} else {
		pos_lock(in);
		pos = in->f_pos;
		ret = do_sendfile(in, out, &pos, count);
		if (in->f_mode & FMODE_LSEEK)
			in->f_pos = pos;
		pos_unlock(in);
	}
out_out:
	fput(out);
out_in:
	fput(in);
	return ret;
}
