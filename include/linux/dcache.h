/*
 * Directory entries, as Linux's include/linux/dcache.h: a dentry names
 * an inode (or nothing: a negative dentry) inside its parent directory.
 * Every dentry holds a reference on its parent, so a path stays whole
 * while any of its names is in use.
 *
 * Simplified: no hash table (a directory's children are a list), no LRU:
 * a dentry is freed when its last reference goes. A ramfs keeps its
 * names alive by holding one reference per name (d_pin) until unlink.
 * Lock: dcache_lock guards d_count, d_subdirs/d_child, d_parent, d_name.
 */
#ifndef _LINUX_DCACHE_H
#define _LINUX_DCACHE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct inode;
struct super_block;

struct qstr {
	const char *name;
	unsigned int len;
};

#define QSTR_INIT(n, l) { .name = (n), .len = (l) }
#define DNAME_INLINE_LEN 40

#define DCACHE_UNHASHED	0x1	/* removed from its parent: no lookup finds it */
#define DCACHE_MOUNTED	0x2	/* something is mounted here */

struct dentry {
	unsigned int d_flags;
	int d_count;
	struct dentry *d_parent;	/* itself for a root */
	struct qstr d_name;
	struct inode *d_inode;		/* NULL: negative */
	struct super_block *d_sb;
	struct list_head d_child;	/* in the parent's d_subdirs */
	struct list_head d_subdirs;	/* children */
	int d_mounted;			/* mounts on this dentry */
	void *d_fsdata;
	char d_iname[DNAME_INLINE_LEN];
};

extern spinlock_t dcache_lock;

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_make_root(struct inode *root_inode);
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name);
void d_instantiate(struct dentry *dentry, struct inode *inode);
void d_add(struct dentry *dentry, struct inode *inode);
void d_drop(struct dentry *dentry);
void d_move(struct dentry *dentry, struct dentry *target);
void d_exchange(struct dentry *a, struct dentry *b);
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
bool is_subdir(struct dentry *child, struct dentry *ancestor);
/* Drops every pinned name under @root (unmounting a ramfs). */
void d_genocide(struct dentry *root);
unsigned long nr_dentries(void);

static inline bool d_unhashed(const struct dentry *d)
{
	return d->d_flags & DCACHE_UNHASHED;
}

static inline bool d_really_is_negative(const struct dentry *d)
{
	return !d->d_inode;
}

static inline bool d_mountpoint(const struct dentry *d)
{
	return d->d_mounted > 0;
}

static inline bool IS_ROOT(const struct dentry *d)
{
	return d == d->d_parent;
}

static inline struct inode *d_inode(const struct dentry *d)
{
	return d->d_inode;
}

#endif
