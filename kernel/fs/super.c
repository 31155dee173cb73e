/*
 * Super blocks and the registry of file system types, as Linux's
 * fs/super.c and fs/filesystems.c. Spindle's file systems have no backing
 * device: each mount gets an anonymous super_block (sget_anon) unless the
 * type keeps a single one (devtmpfs).
 * Lock: file_systems_lock guards the type list; sb_lock the sb list and
 * s_active.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/seq_file.h>
#include "internal.h"

static struct file_system_type *file_systems;
static DEFINE_SPINLOCK(file_systems_lock);
static LIST_HEAD(super_blocks);
static DEFINE_SPINLOCK(sb_lock);
static unsigned int next_anon_dev = 1;

static struct file_system_type **find_filesystem(const char *name)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, name))
			break;
	return p;
}

/**
 * register_filesystem - make a file system type mountable by name
 * @fs: the type; its name is what mount -t gives
 *
 * Return: 0, or -EBUSY if a type of that name exists.
 */
int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;
	int ret = 0;

	spin_lock(&file_systems_lock);
	p = find_filesystem(fs->name);
	if (*p)
		ret = -EBUSY;
	else
		*p = fs;
	fs->next = NULL;
	spin_unlock(&file_systems_lock);
	return ret;
}

int unregister_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;

	spin_lock(&file_systems_lock);
	for (p = &file_systems; *p; p = &(*p)->next) {
		if (*p == fs) {
			*p = fs->next;
			spin_unlock(&file_systems_lock);
			return 0;
		}
	}
	spin_unlock(&file_systems_lock);
	return -EINVAL;
}

/* The type named @name, or NULL (types are never freed while in use). */
struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	fs = *find_filesystem(name);
	spin_unlock(&file_systems_lock);
	return fs;
}

/**
 * filesystems_proc_show - /proc/filesystems: every registered type
 * @m: where
 * @v: unused
 *
 * Spindle's file systems have no backing device, so each is "nodev".
 * Return: 0.
 */
int filesystems_proc_show(struct seq_file *m, void *v)
{
	struct file_system_type *p;

	spin_lock(&file_systems_lock);
	for (p = file_systems; p; p = p->next)
		seq_printf(m, "nodev\t%s\n", p->name);
	spin_unlock(&file_systems_lock);
	return 0;
}

/**
 * sget_anon - a new super_block without a device
 * @type: its file system type
 *
 * Return: the super_block with s_active 1 (the caller's mount), or NULL.
 * The file system sets s_root, s_op and s_magic.
 */
struct super_block *sget_anon(struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	INIT_LIST_HEAD(&sb->s_inodes);
	sb->s_type = type;
	sb->s_blocksize = 4096;
	sb->s_active = 1;
	spin_lock(&sb_lock);
	sb->s_dev = MKDEV(0, next_anon_dev++);
	list_add(&sb->s_list, &super_blocks);
	spin_unlock(&sb_lock);
	return sb;
}

/* A mount is gone: the last one kills the super_block. */
void deactivate_super(struct super_block *sb)
{
	bool last;

	spin_lock(&sb_lock);
	last = --sb->s_active == 0;
	if (last)
		list_del(&sb->s_list);
	spin_unlock(&sb_lock);
	if (!last)
		return;
	sb->s_type->kill_sb(sb);
}

/* ramfs's kill_sb: drop every pinned name, then the root, then the sb. */
void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root) {
		d_genocide(sb->s_root);
		dput(sb->s_root);
	}
	WARN_ON(!list_empty(&sb->s_inodes));
	kfree(sb);
}

/* One more mount of an existing super_block (a single-instance type). */
void get_super_active(struct super_block *sb)
{
	spin_lock(&sb_lock);
	sb->s_active++;
	spin_unlock(&sb_lock);
}
