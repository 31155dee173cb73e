/*
 * Names from dentries, as Linux's fs/d_path.c: getcwd() walks from the
 * working directory up to the root, across mount points, writing the
 * components from the end of a page backwards.
 */
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mount.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "mount.h"
#include "internal.h"

/**
 * d_path_buf - the path of @path as seen from @root
 * @path: the place
 * @root: where the walk stops
 * @buf: the buffer; the name is written at its end
 * @len: its size
 *
 * Return: a pointer into @buf, or ERR_PTR(-ENAMETOOLONG). An unlinked
 * place gets " (deleted)" appended, as Linux.
 */
char *d_path_buf(const struct path *path, const struct path *root, char *buf, int len)
{
	struct path p = *path;
	char *end = buf + len;

	path_get(&p);
	*--end = '\0';
	if (d_unhashed(p.dentry) && !IS_ROOT(p.dentry)) {
		end -= 10;
		memcpy(end, " (deleted)", 10);
	}
	while (!path_equal(&p, root)) {
		struct dentry *d = p.dentry;

		if (d == p.mnt->mnt_root) {
			if (!follow_up(&p))
				break;
			continue;
		}
		spin_lock(&dcache_lock);
		if (end - buf < (long)d->d_name.len + 2) {
			spin_unlock(&dcache_lock);
			path_put(&p);
			return ERR_PTR(-ENAMETOOLONG);
		}
		end -= d->d_name.len;
		memcpy(end, d->d_name.name, d->d_name.len);
		*--end = '/';
		p.dentry = d->d_parent;
		p.dentry->d_count++;
		spin_unlock(&dcache_lock);
		dput(d);
	}
	path_put(&p);
	if (!*end || *end == ' ')
		*--end = '/';
	return end;
}

SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char *page = (char *)__get_free_page(GFP_KERNEL);
	struct path pwd, root;
	char *cwd;
	long len;

	if (!page)
		return -ENOMEM;
	get_fs_root(current_fs(), &root);
	get_fs_pwd(current_fs(), &pwd);
	cwd = d_path_buf(&pwd, &root, page, PAGE_SIZE);
	len = PTR_ERR(cwd);
	if (!IS_ERR(cwd)) {
		len = page + PAGE_SIZE - cwd;
		if (d_unhashed(pwd.dentry) && !IS_ROOT(pwd.dentry))
			len = -ENOENT;
		else if ((unsigned long)len > size)
			len = -ERANGE;
		else if (copy_to_user(buf, cwd, len))
			len = -EFAULT;
	}
	path_put(&pwd);
	path_put(&root);
	free_page((unsigned long)page);
	return len;
}
