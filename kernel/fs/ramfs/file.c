/*
 * ramfs file data (Linux: mm/shmem.c and fs/ramfs/file-mmu.c keep it in
 * the page cache). Spindle keeps each file's pages in a three-level radix
 * tree of 512-entry pages indexed by page number, in i_private: a hole is
 * a missing page and reads as zeros, so sparse files cost nothing.
 * Lock: inode->i_rwsem serialises reads, writes and truncation.
 */
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/uio.h>
#include "ramfs.h"
#include "../internal.h"

#define RADIX_SHIFT 9
#define RADIX_SIZE (1UL << RADIX_SHIFT)
#define RADIX_MASK (RADIX_SIZE - 1)
#define RADIX_LEVELS 3

/* The slot for page @index, allocating the interior nodes if @create. */
static void **ramfs_slot(struct inode *inode, unsigned long index, bool create)
{
	void **node = (void **)&inode->i_private;

	for (int level = RADIX_LEVELS; level > 0; level--) {
		void **table;

		if (!*node) {
			if (!create)
				return NULL;
			*node = (void *)get_zeroed_page(GFP_KERNEL);
			if (!*node)
				return NULL;
		}
		table = *node;
		node = &table[(index >> ((level - 1) * RADIX_SHIFT)) & RADIX_MASK];
	}
	return node;
}

/* The data page for @index, or NULL (a hole). */
static void *ramfs_page(struct inode *inode, unsigned long index, bool create)
{
	void **slot = ramfs_slot(inode, index, create);

	if (!slot)
		return NULL;
	if (!*slot && create) {
		*slot = (void *)get_zeroed_page(GFP_KERNEL);
		if (*slot)
			inode->i_blocks += PAGE_SIZE / 512;
	}
	return *slot;
}

static void free_level(void *table, int level)
{
	void **t = table;

	if (!t)
		return;
	if (level > 1)
		for (unsigned long i = 0; i < RADIX_SIZE; i++)
			free_level(t[i], level - 1);
	else
		for (unsigned long i = 0; i < RADIX_SIZE; i++)
			if (t[i])
				free_page((unsigned long)t[i]);
	free_page((unsigned long)t);
}

/* Frees every page of @inode (eviction). */
void ramfs_free_data(struct inode *inode)
{
	if (!S_ISREG(inode->i_mode))
		return;
	free_level(inode->i_private, RADIX_LEVELS);
	inode->i_private = NULL;
	inode->i_blocks = 0;
}

/**
 * ramfs_truncate - set a file's size, freeing or zeroing what lies past it
 * @inode: a regular file, i_rwsem held
 * @size: the new size
 *
 * Return: 0 or -EFBIG.
 */
int ramfs_truncate(struct inode *inode, loff_t size)
{
	unsigned long first = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	unsigned long last = (inode->i_size + PAGE_SIZE - 1) / PAGE_SIZE;
	void *page;

	if (size < 0 || size > RAMFS_MAX_SIZE)
		return -EFBIG;
	if (size < inode->i_size) {
		for (unsigned long i = first; i < last; i++) {
			void **slot = ramfs_slot(inode, i, false);

			if (slot && *slot) {
				free_page((unsigned long)*slot);
				*slot = NULL;
				inode->i_blocks -= PAGE_SIZE / 512;
			}
		}
		/* The tail of the last page must read as zeros if it grows again. */
		page = size % PAGE_SIZE ? ramfs_page(inode, size / PAGE_SIZE, false) : NULL;
		if (page)
			memset(page + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
	}
	inode->i_size = size;
	inode->i_mtime = inode->i_ctime = current_time(inode);
	return 0;
}

static ssize_t ramfs_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	loff_t pos = iocb->ki_pos;
	size_t count = iov_iter_count(to), done = 0;

	mutex_lock(&inode->i_rwsem);
	if (pos >= inode->i_size)
		count = 0;
	else if (count > (size_t)(inode->i_size - pos))
		count = inode->i_size - pos;
	while (done < count) {
		size_t off = (pos + done) % PAGE_SIZE;
		size_t n = min(count - done, PAGE_SIZE - off);
		void *page = ramfs_page(inode, (pos + done) / PAGE_SIZE, false);
		size_t got = page ? copy_to_iter(page + off, n, to) : iov_iter_zero(n, to);

		done += got;
		if (got < n)
			break;
	}
	mutex_unlock(&inode->i_rwsem);
	if (!done && count)
		return -EFAULT;
	iocb->ki_pos = pos + done;
	return done;
}

static ssize_t ramfs_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	size_t count = iov_iter_count(from), done = 0;
	ssize_t err = 0;
	loff_t pos;

	mutex_lock(&inode->i_rwsem);
	pos = (iocb->ki_flags & IOCB_APPEND) ? inode->i_size : iocb->ki_pos;
	if (pos >= RAMFS_MAX_SIZE) {
		err = -EFBIG;
		goto out;
	}
	count = min_t(loff_t, count, RAMFS_MAX_SIZE - pos);
	while (done < count) {
		size_t off = (pos + done) % PAGE_SIZE;
		size_t n = min(count - done, PAGE_SIZE - off), got;
		void *page = ramfs_page(inode, (pos + done) / PAGE_SIZE, true);

		if (!page) {
			err = -ENOSPC;
			break;
		}
		got = copy_from_iter(page + off, n, from);
		done += got;
		if (got < n) {
			err = -EFAULT;
			break;
		}
	}
	if (pos + (loff_t)done > inode->i_size)
		inode->i_size = pos + done;
	if (done)
		inode->i_mtime = inode->i_ctime = current_time(inode);
out:
	mutex_unlock(&inode->i_rwsem);
	if (!done)
		return err;
	iocb->ki_pos = pos + done;
	return done;
}

static int ramfs_fsync(struct file *f, loff_t start, loff_t end, int datasync)
{
	return 0;
}

const struct file_operations ramfs_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = ramfs_read_iter,
	.write_iter = ramfs_write_iter,
	.fsync = ramfs_fsync,
};

static int ramfs_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	int err = 0;

	if (attr->ia_valid & ATTR_SIZE)
		err = ramfs_truncate(inode, attr->ia_size);
	if (!err)
		err = simple_setattr(dentry, attr);
	return err;
}

const struct inode_operations ramfs_file_inode_operations = {
	.setattr = ramfs_setattr,
};
