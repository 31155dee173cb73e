/*
 * procfs inodes, as Linux's fs/proc/inode.c: an inode is made for every
 * lookup from what it shows (a fixed entry, or a task and one of its
 * files); nothing is stored, so there is nothing to write back. A fixed
 * file opens as a seq_file over its show or seq_operations.
 * Simplified: Linux embeds the inode in struct proc_inode; Spindle hangs
 * a struct proc_inode off inode->i_private. Everything is owned by root.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <uapi/linux/stat.h>
#include "internal.h"

static struct inode *proc_new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_private = kzalloc(sizeof(struct proc_inode), GFP_KERNEL);
	if (!inode->i_private) {
		iput(inode);
		return NULL;
	}
	inode->i_mode = mode;
	if (S_ISDIR(mode))
		set_nlink(inode, 2);
	return inode;
}

/* The last reference: the task goes, and a symlink's text. */
static void proc_evict_inode(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	if (pi && pi->task)
		put_task_struct(pi->task);
	if (pi && !pi->pde)
		kfree(inode->i_link);	/* per-process links own their text */
	kfree(pi);
	inode->i_private = NULL;
}

static int proc_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	return simple_statfs(dentry, buf);
}

const struct super_operations proc_sops = {
	.evict_inode = proc_evict_inode,
	.statfs = proc_statfs,
};

/**
 * proc_get_inode - the inode of fixed entry @pde
 * @sb: procfs's super_block
 * @pde: the entry
 *
 * Return: a new inode (its number is the entry's) or NULL.
 */
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *pde)
{
	struct inode *inode = proc_new_inode(sb, pde->mode);

	if (!inode)
		return NULL;
	PROC_I(inode)->pde = pde;
	inode->i_ino = pde->low_ino;
	if (S_ISDIR(pde->mode)) {
		inode->i_op = &proc_dir_inode_operations;
		inode->i_fop = &proc_dir_operations;
	} else if (S_ISLNK(pde->mode)) {
		inode->i_op = &proc_link_inode_operations;
		inode->i_link = (char *)pde->link;
	} else {
		inode->i_op = &proc_file_inode_operations;
		inode->i_fop = &proc_reg_file_ops;
	}
	return inode;
}

/**
 * proc_pid_make_inode - an inode for one of @task's files
 * @sb: procfs's super_block
 * @task: the task; the inode holds a reference to it
 * @mode: type and permissions
 *
 * Return: the inode (the caller sets its operations) or NULL.
 */
struct inode *proc_pid_make_inode(struct super_block *sb, struct task_struct *task,
				  umode_t mode)
{
	struct inode *inode = proc_new_inode(sb, mode);

	if (!inode)
		return NULL;
	get_task_struct(task);
	PROC_I(inode)->task = task;
	return inode;
}

/* As Linux's proc_setattr(): modes are fixed; a truncate (open with
 * O_TRUNC, as a shell's "echo x > /proc/self/comm") does nothing. */
static int proc_setattr(struct dentry *dentry, struct iattr *attr)
{
	if (attr->ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		return -EPERM;
	return 0;
}

const struct inode_operations proc_file_inode_operations = {
	.setattr = proc_setattr,
};

/* A fixed file: a seq_file over its show (single_open) or its iterator. */
static int proc_reg_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *pde = PROC_I(inode)->pde;
	/* The entry may be removed any time (remove_proc_entry). */
	int (*show)(struct seq_file *, void *) = READ_ONCE(pde->single_show);
	const struct seq_operations *ops = READ_ONCE(pde->seq_ops);
	int err;

	if (pde->is_single)
		return show ? single_open(file, show, pde->data) : -EIO;
	if (!ops)
		return -EIO;
	err = seq_open(file, ops);
	if (!err)
		((struct seq_file *)file->private_data)->private = pde->data;
	return err;
}

static int proc_reg_release(struct inode *inode, struct file *file)
{
	if (PROC_I(inode)->pde->is_single)
		return single_release(inode, file);
	return seq_release(inode, file);
}

const struct file_operations proc_reg_file_ops = {
	.open = proc_reg_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = proc_reg_release,
};
