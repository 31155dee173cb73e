/*
 * The proc file system type and its root directory, as Linux's
 * fs/proc/root.c: one super_block, made at the first mount and shared by
 * every later one (Linux: one per PID namespace). The root lists the
 * fixed entries (generic.c), then "self", then a directory per process
 * (base.c).
 * Lock: proc_sb_lock guards the creation of the super_block.
 */
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <uapi/linux/stat.h>
#include <uapi/linux/dirent.h>
#include "internal.h"
#include "../internal.h"

static struct super_block *proc_sb;
static DEFINE_MUTEX(proc_sb_lock);

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	struct dentry *ret = proc_lookup_de(dir, dentry, &proc_root);

	if (ret || dentry->d_inode)
		return ret;
	return proc_pid_lookup(dentry, flags);
}

static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *d = file->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, PROC_ROOT_INO, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, d->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	if (ctx->pos < 256 && !proc_readdir_de(&proc_root, ctx, 2))
		return 0;
	return proc_pid_readdir(file, ctx);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = proc_root_readdir,
};

static int proc_fill_super(struct super_block *sb)
{
	struct inode *root = proc_get_inode(sb, &proc_root);

	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	if (!root)
		return -ENOMEM;
	root->i_op = &proc_root_inode_operations;
	root->i_fop = &proc_root_operations;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *proc_mount(struct file_system_type *type, int flags,
				 const char *dev_name, void *data)
{
	struct super_block *sb;
	int err = 0;

	mutex_lock(&proc_sb_lock);
	if (proc_sb) {
		get_super_active(proc_sb);
	} else {
		sb = sget_anon(type);
		err = sb ? proc_fill_super(sb) : -ENOMEM;
		if (sb && err)
			deactivate_super(sb);
		else if (sb)
			proc_sb = sb;
	}
	sb = proc_sb;
	mutex_unlock(&proc_sb_lock);
	return err ? ERR_PTR(err) : dget(sb->s_root);
}

/* The last umount: the tree goes (nothing in it is pinned). */
static void proc_kill_sb(struct super_block *sb)
{
	mutex_lock(&proc_sb_lock);
	proc_sb = NULL;
	mutex_unlock(&proc_sb_lock);
	if (sb->s_root)
		dput(sb->s_root);
	kfree(sb);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = proc_kill_sb,
};

void proc_root_init(void)
{
	int err = register_filesystem(&proc_fs_type);

	if (err)
		pr_err("proc: cannot register the file system: %d\n", err);
}

static int __init proc_fs_init(void)
{
	proc_root_init();
	return 0;
}
fs_initcall(proc_fs_init);
