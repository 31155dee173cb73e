/*
 * The fixed entries of /proc, as Linux's fs/proc/generic.c: a tree of
 * struct proc_dir_entry that subsystems add to at boot with
 * proc_create_single(), proc_create_seq(), proc_mkdir() and
 * proc_symlink(); lookup and readdir of /proc and its fixed directories
 * read the tree. Simplified: children are a list (Linux: an rbtree) and
 * entries are never removed.
 * Lock: proc_subdir_lock guards every subdir list.
 */
#include <linux/lockdep.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/err.h>
#include <uapi/linux/stat.h>
#include <uapi/linux/dirent.h>
#include "internal.h"

static DEFINE_MUTEX(proc_subdir_lock);
/* Fixed entries' inode numbers; the per-process ones come from get_next_ino(). */
static unsigned long proc_next_low_ino = PROC_ROOT_INO + 1;

struct proc_dir_entry proc_root = {
	.name = "/proc",
	.namelen = 5,
	.mode = S_IFDIR | 0555,
	.low_ino = PROC_ROOT_INO,
	.subdir = LIST_HEAD_INIT(proc_root.subdir),
	.parent = &proc_root,
};

/* @name in @dir, or NULL. Caller holds proc_subdir_lock. */
static struct proc_dir_entry *__pde_lookup(struct proc_dir_entry *dir,
					   const char *name, unsigned int len)
{
	struct proc_dir_entry *de;

	lockdep_assert_held(&proc_subdir_lock);
	list_for_each_entry(de, &dir->subdir, subdir_node)
		if (de->namelen == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

struct proc_dir_entry *pde_lookup(struct proc_dir_entry *dir, const char *name,
				  unsigned int len)
{
	struct proc_dir_entry *de;

	mutex_lock(&proc_subdir_lock);
	de = __pde_lookup(dir, name, len);
	mutex_unlock(&proc_subdir_lock);
	return de;
}

/*
 * A new entry @name in @parent (NULL: /proc), a copy of @tmpl (what it
 * is), published complete. Return: it, or NULL if taken or no memory.
 */
static struct proc_dir_entry *proc_register(struct proc_dir_entry *parent,
					    const char *name,
					    const struct proc_dir_entry *tmpl)
{
	size_t len = strlen(name);
	struct proc_dir_entry *de;

	if (!parent)
		parent = &proc_root;
	if (WARN_ON(!len || len > NAME_MAX || strchr(name, '/')))
		return NULL;
	de = kzalloc(sizeof(*de) + len + 1, GFP_KERNEL);
	if (!de)
		return NULL;
	*de = *tmpl;
	memcpy(de + 1, name, len + 1);
	de->name = (const char *)(de + 1);
	de->namelen = len;
	de->parent = parent;
	INIT_LIST_HEAD(&de->subdir);
	mutex_lock(&proc_subdir_lock);
	if (__pde_lookup(parent, name, len)) {
		mutex_unlock(&proc_subdir_lock);
		pr_warn("proc: entry '%s' already exists\n", name);
		kfree(de);
		return NULL;
	}
	de->low_ino = proc_next_low_ino++;
	list_add_tail(&de->subdir_node, &parent->subdir);
	mutex_unlock(&proc_subdir_lock);
	return de;
}

static umode_t proc_file_mode(umode_t mode)
{
	return S_IFREG | ((mode & 07777) ? (mode & 07777) : 0444);
}

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *),
					       void *data)
{
	struct proc_dir_entry tmpl = {
		.mode = proc_file_mode(mode), .single_show = show, .is_single = true,
		.data = data,
	};

	return proc_register(parent, name, &tmpl);
}

struct proc_dir_entry *proc_create_seq_data(const char *name, umode_t mode,
					    struct proc_dir_entry *parent,
					    const struct seq_operations *ops,
					    void *data)
{
	struct proc_dir_entry tmpl = {
		.mode = proc_file_mode(mode), .seq_ops = ops, .data = data,
	};

	return proc_register(parent, name, &tmpl);
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry tmpl = { .mode = S_IFDIR | 0555 };

	return proc_register(parent, name, &tmpl);
}

struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest)
{
	struct proc_dir_entry tmpl = { .mode = S_IFLNK | 0777, .link = dest };

	return proc_register(parent, name, &tmpl);
}
/**
 * remove_proc_entry - take @name out of @parent (NULL: /proc)
 * @name: the entry
 * @parent: its directory
 *
 * No lookup or readdir finds it afterwards, and opening an inode made
 * before fails with -EIO. Simplified: Linux waits until no reader is
 * inside the entry's show (pde_users) and frees it; Spindle keeps the
 * entry's memory (inodes may still point at it) and a file opened before
 * the removal must be closed before the show's code goes away.
 */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de;

	if (!parent)
		parent = &proc_root;
	mutex_lock(&proc_subdir_lock);
	de = __pde_lookup(parent, name, strlen(name));
	if (de) {
		list_del(&de->subdir_node);
		de->single_show = NULL;
		de->seq_ops = NULL;
		de->data = NULL;
	}
	mutex_unlock(&proc_subdir_lock);
	if (!de)
		pr_warn("proc: remove_proc_entry: no entry '%s'\n", name);
}

void *pde_data(const struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	return pi && pi->pde ? pi->pde->data : NULL;
}

/* The n-th child of @dir (from 0), or NULL. */
static struct proc_dir_entry *pde_nth(struct proc_dir_entry *dir, loff_t n)
{
	struct proc_dir_entry *de, *found = NULL;

	mutex_lock(&proc_subdir_lock);
	list_for_each_entry(de, &dir->subdir, subdir_node) {
		if (n-- == 0) {
			found = de;
			break;
		}
	}
	mutex_unlock(&proc_subdir_lock);
	return found;
}

bool proc_readdir_de(struct proc_dir_entry *dir, struct dir_context *ctx, loff_t first)
{
	struct proc_dir_entry *de;

	/* Entries are never freed, so one found may be used unlocked. */
	while ((de = pde_nth(dir, ctx->pos - first))) {
		if (!dir_emit(ctx, de->name, de->namelen, de->low_ino,
			      fs_umode_to_dtype(de->mode)))
			return false;
		ctx->pos++;
	}
	return true;
}

struct dentry *proc_lookup_de(struct inode *dir, struct dentry *dentry,
			      struct proc_dir_entry *de)
{
	struct proc_dir_entry *child;
	struct inode *inode;

	child = pde_lookup(de, dentry->d_name.name, dentry->d_name.len);
	if (!child)
		return NULL;	/* negative: -ENOENT */
	inode = proc_get_inode(dir->i_sb, child);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_add(dentry, inode);
	return NULL;
}

/* A fixed directory below /proc (e.g. /proc/sys). */
static struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry,
				  unsigned int flags)
{
	return proc_lookup_de(dir, dentry, PROC_I(dir)->pde);
}

static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	struct dentry *d = file->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, d->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	proc_readdir_de(PROC_I(inode)->pde, ctx, 2);
	return 0;
}

const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};

const struct file_operations proc_dir_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = proc_readdir,
};
