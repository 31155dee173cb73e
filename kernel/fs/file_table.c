/*
 * struct file: allocation and references, as Linux's fs/file_table.c.
 * A file holds its path (mount and dentry) and so its inode; the last
 * fput() calls ->release and drops them. Linux defers that work to the
 * task's return to user space; Spindle does it at once (may sleep).
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/bug.h>
#include "internal.h"

static struct kmem_cache *filp_cache;
static unsigned long nr_files;

/* A blank file with one reference (no path yet). */
struct file *alloc_empty_file(int flags)
{
	struct file *f;

	if (!filp_cache)
		filp_cache = kmem_cache_create("filp", sizeof(struct file), 0, 0, NULL);
	f = kmem_cache_zalloc(filp_cache, GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_count = 1;
	f->f_flags = flags;
	mutex_init(&f->f_pos_lock);
	__atomic_add_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	return f;
}

/**
 * alloc_file - a file for an inode that needs no open() (pipes)
 * @path: its mount and dentry (references move into the file)
 * @flags: O_* flags; the access mode sets f_mode
 * @fop: its operations
 *
 * Return: the file or ERR_PTR(-ENOMEM).
 */
struct file *alloc_file(const struct path *path, int flags,
			const struct file_operations *fop)
{
	struct file *f = alloc_empty_file(flags);

	if (IS_ERR(f))
		return f;
	f->f_path = *path;
	f->f_inode = path->dentry->d_inode;
	f->f_op = fop;
	if ((flags & O_ACCMODE) != O_WRONLY)
		f->f_mode |= FMODE_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		f->f_mode |= FMODE_WRITE;
	return f;
}

struct file *get_file(struct file *f)
{
	WARN_ON(__atomic_add_fetch(&f->f_count, 1, __ATOMIC_RELAXED) < 2);
	return f;
}

static void __fput(struct file *f)
{
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	kmem_cache_free(filp_cache, f);
}

/**
 * fput - drop a reference to a file
 * @f: the file
 *
 * The last reference releases it (->release, then its dentry and mount).
 * Context: may sleep.
 */
void fput(struct file *f)
{
	long left = __atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL);

	WARN_ON(left < 0);
	if (left == 0)
		__fput(f);
}
