/*
 * /proc/PID/fd/, as Linux's fs/proc/fd.c: one symlink per open file
 * descriptor, named by its number, whose text is the file's path (a pipe
 * reads "pipe:[ino]", as Linux). Linux's links jump straight to the
 * open file; Spindle's are followed by their text, so a pipe's or a
 * deleted file's link does not open.
 * Lock: files->file_lock while the table is read; see base.c on exits.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <uapi/linux/stat.h>
#include <uapi/linux/dirent.h>
#include "internal.h"

/* The file at @fd of @task with a reference, or NULL. */
static struct file *proc_task_fget(struct task_struct *task, unsigned int fd)
{
	struct files_struct *files = task->files;
	struct file *f = NULL;

	if (!files || (task->flags & PF_EXITING))
		return NULL;
	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds && files->fdt.fd[fd])
		f = get_file(files->fdt.fd[fd]);
	spin_unlock(&files->file_lock);
	return f;
}

/* The first open descriptor >= @fd, or -1. */
static int proc_next_fd(struct task_struct *task, unsigned int fd)
{
	struct files_struct *files = task->files;
	int found = -1;

	if (!files || (task->flags & PF_EXITING))
		return -1;
	spin_lock(&files->file_lock);
	for (; fd < files->fdt.max_fds; fd++) {
		if (files->fdt.fd[fd]) {
			found = fd;
			break;
		}
	}
	spin_unlock(&files->file_lock);
	return found;
}

/* What the link says: the path, or "pipe:[ino]" for what has none. */
static char *proc_fd_text(struct file *f)
{
	struct inode *inode = file_inode(f);
	char text[32];

	if (S_ISFIFO(inode->i_mode) && inode->i_pipe && d_unhashed(f->f_path.dentry)) {
		snprintf(text, sizeof(text), "pipe:[%lu]", inode->i_ino);
		return kstrdup(text, GFP_KERNEL);
	}
	return proc_file_path(f, NULL);
}

static int name_to_fd(const struct qstr *name)
{
	int fd = 0;

	if (!name->len || name->len > 7 || (name->name[0] == '0' && name->len > 1))
		return -1;
	for (unsigned int i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return -1;
		fd = fd * 10 + (name->name[i] - '0');
	}
	return fd;
}

static struct dentry *proc_lookupfd(struct inode *dir, struct dentry *dentry,
				    unsigned int flags)
{
	int fd = name_to_fd(&dentry->d_name);
	struct task_struct *task = proc_get_task(dir);
	struct inode *inode = NULL;
	struct file *f = NULL;

	if (!task)
		return ERR_PTR(-ENOENT);
	if (fd >= 0)
		f = proc_task_fget(task, fd);
	if (f)
		inode = proc_pid_make_inode(dentry->d_sb, task, S_IFLNK | 0700);
	put_task_struct(task);
	if (!f)
		return NULL;
	if (inode) {
		inode->i_op = &proc_link_inode_operations;
		inode->i_link = proc_fd_text(f);
		PROC_I(inode)->fd = fd;
		proc_private_dentry(dentry, inode);
	}
	fput(f);
	return inode ? NULL : ERR_PTR(-ENOMEM);
}

static int proc_readfd(struct file *file, struct dir_context *ctx)
{
	struct task_struct *task = proc_get_task(file_inode(file));
	char name[12];
	int fd;

	if (!task)
		return -ENOENT;
	if (ctx->pos == 0 && dir_emit(ctx, ".", 1, file_inode(file)->i_ino, DT_DIR))
		ctx->pos = 1;
	if (ctx->pos == 1 && dir_emit(ctx, "..", 2, get_next_ino(), DT_DIR))
		ctx->pos = 2;
	while (ctx->pos >= 2 && (fd = proc_next_fd(task, ctx->pos - 2)) >= 0) {
		int len = snprintf(name, sizeof(name), "%d", fd);

		ctx->pos = fd + 2;
		if (!dir_emit(ctx, name, len, get_next_ino(), DT_LNK))
			break;
		ctx->pos++;
	}
	put_task_struct(task);
	return 0;
}

const struct inode_operations proc_fd_inode_operations = {
	.lookup = proc_lookupfd,
};

const struct file_operations proc_fd_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = proc_readfd,
};
