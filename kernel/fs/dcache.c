/*
 * The dentry cache, as Linux's fs/dcache.c, for file systems that live
 * in RAM: a dentry is allocated by lookup or create, holds its parent and
 * inode, and is freed when its last reference goes (there is no LRU of
 * unused dentries). ramfs keeps a name alive with one extra reference,
 * dropped at unlink.
 * Lock: dcache_lock (a spinlock) guards d_count, the child lists,
 * d_parent and d_name; it is never held across a sleep.
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/bug.h>

DEFINE_SPINLOCK(dcache_lock);
static struct kmem_cache *dentry_cache;
static unsigned long dentry_nr;

static int d_set_name(struct dentry *d, const struct qstr *name)
{
	char *buf = d->d_iname;

	if (name->len >= DNAME_INLINE_LEN) {
		buf = kmalloc(name->len + 1, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}
	memcpy(buf, name->name, name->len);
	buf[name->len] = '\0';
	d->d_name.name = buf;
	d->d_name.len = name->len;
	return 0;
}

static void d_free_name(const char *name, const struct dentry *d)
{
	if (name != d->d_iname)
		kfree(name);
}

static struct dentry *__d_alloc(struct super_block *sb, const struct qstr *name)
{
	struct dentry *d;

	if (!dentry_cache)
		dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 0, 0, NULL);
	d = kmem_cache_zalloc(dentry_cache, GFP_KERNEL);
	if (!d)
		return NULL;
	if (d_set_name(d, name)) {
		kmem_cache_free(dentry_cache, d);
		return NULL;
	}
	d->d_count = 1;
	d->d_sb = sb;
	d->d_parent = d;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	spin_lock(&dcache_lock);
	dentry_nr++;
	spin_unlock(&dcache_lock);
	return d;
}

/**
 * d_alloc - allocate a dentry named @name under @parent
 * @parent: the directory (gets a reference from the child)
 * @name: the name, copied
 *
 * The new dentry is negative and already visible to d_lookup(), so the
 * caller must hold the parent directory's i_rwsem.
 * Return: the dentry (one reference) or NULL.
 */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = __d_alloc(parent->d_sb, name);

	if (!d)
		return NULL;
	spin_lock(&dcache_lock);
	parent->d_count++;
	d->d_parent = parent;
	list_add_tail(&d->d_child, &parent->d_subdirs);
	spin_unlock(&dcache_lock);
	return d;
}

/* The root dentry of a new super_block; takes over @root_inode's reference. */
struct dentry *d_make_root(struct inode *root_inode)
{
	static const struct qstr slash = QSTR_INIT("/", 1);
	struct dentry *d;

	if (!root_inode)
		return NULL;
	d = __d_alloc(root_inode->i_sb, &slash);
	if (!d) {
		iput(root_inode);
		return NULL;
	}
	d->d_flags |= DCACHE_UNHASHED;	/* no parent list to be on */
	d->d_inode = root_inode;
	return d;
}

/* Finds the child @name of @parent. Return: a referenced dentry or NULL. */
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &parent->d_subdirs, d_child) {
		if (d->d_name.len == name->len &&
		    !memcmp(d->d_name.name, name->name, name->len)) {
			d->d_count++;
			found = d;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* Makes a negative dentry name @inode (whose reference it takes). */
void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	WARN_ON(dentry->d_inode);
	spin_lock(&dcache_lock);
	dentry->d_inode = inode;
	spin_unlock(&dcache_lock);
}

void d_add(struct dentry *dentry, struct inode *inode)
{
	if (inode)
		d_instantiate(dentry, inode);
}

static void __d_drop(struct dentry *d)
{
	if (!(d->d_flags & DCACHE_UNHASHED)) {
		list_del_init(&d->d_child);
		d->d_flags |= DCACHE_UNHASHED;
	}
}

/* Hides @dentry from lookups; holders keep using it (an unlinked open file). */
void d_drop(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	__d_drop(dentry);
	spin_unlock(&dcache_lock);
}

struct dentry *dget(struct dentry *dentry)
{
	if (dentry) {
		spin_lock(&dcache_lock);
		dentry->d_count++;
		spin_unlock(&dcache_lock);
	}
	return dentry;
}

/**
 * dput - drop a reference to a dentry
 * @dentry: the dentry, or NULL
 *
 * The last reference frees it, drops its inode and then its parent's
 * reference (iteratively, so a deep tree does not recurse).
 * Context: may sleep (iput may free pages).
 */
void dput(struct dentry *dentry)
{
	while (dentry) {
		struct dentry *parent;
		struct inode *inode;

		spin_lock(&dcache_lock);
		WARN_ON(dentry->d_count <= 0);
		if (--dentry->d_count > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		__d_drop(dentry);
		parent = dentry->d_parent == dentry ? NULL : dentry->d_parent;
		inode = dentry->d_inode;
		dentry->d_inode = NULL;
		dentry_nr--;
		spin_unlock(&dcache_lock);
		if (inode)
			iput(inode);
		d_free_name(dentry->d_name.name, dentry);
		kmem_cache_free(dentry_cache, dentry);
		dentry = parent;
	}
}

/* Swaps two dentries' names, inline buffers included. Caller: dcache_lock. */
static void swap_names(struct dentry *a, struct dentry *b)
{
	struct qstr na = a->d_name, nb = b->d_name;
	char tmp[DNAME_INLINE_LEN];

	memcpy(tmp, a->d_iname, sizeof(tmp));
	memcpy(a->d_iname, b->d_iname, sizeof(tmp));
	memcpy(b->d_iname, tmp, sizeof(tmp));
	a->d_name = nb.name == b->d_iname ? (struct qstr){ a->d_iname, nb.len } : nb;
	b->d_name = na.name == a->d_iname ? (struct qstr){ b->d_iname, na.len } : na;
}

static void reparent(struct dentry *d, struct dentry *parent)
{
	d->d_parent = parent;
	list_del_init(&d->d_child);
	list_add_tail(&d->d_child, &parent->d_subdirs);
	d->d_flags &= ~DCACHE_UNHASHED;
}

/**
 * d_move - rename in the cache: @dentry takes @target's name and place
 * @dentry: the dentry being renamed
 * @target: the (negative or overwritten) dentry at the new name; it is
 *	dropped and keeps @dentry's old name until freed
 *
 * Context: both parents' i_rwsem held (the rename).
 */
void d_move(struct dentry *dentry, struct dentry *target)
{
	struct dentry *old_parent, *new_parent;

	spin_lock(&dcache_lock);
	old_parent = dentry->d_parent;
	new_parent = target->d_parent;
	swap_names(dentry, target);
	__d_drop(target);
	new_parent->d_count++;
	reparent(dentry, new_parent);
	spin_unlock(&dcache_lock);
	dput(old_parent);
}

/* RENAME_EXCHANGE: the two dentries swap names and parents. */
void d_exchange(struct dentry *a, struct dentry *b)
{
	struct dentry *pa, *pb;

	spin_lock(&dcache_lock);
	pa = a->d_parent;
	pb = b->d_parent;
	swap_names(a, b);
	reparent(a, pb);
	reparent(b, pa);
	spin_unlock(&dcache_lock);
}

/* True if @ancestor is @child or one of its parents. */
bool is_subdir(struct dentry *child, struct dentry *ancestor)
{
	bool ret = false;

	spin_lock(&dcache_lock);
	for (;;) {
		if (child == ancestor) {
			ret = true;
			break;
		}
		if (child->d_parent == child)
			break;
		child = child->d_parent;
	}
	spin_unlock(&dcache_lock);
	return ret;
}

/* The first hashed positive child of @parent, referenced, or NULL. */
static struct dentry *first_child(struct dentry *parent)
{
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &parent->d_subdirs, d_child) {
		if (d->d_inode) {
			d->d_count++;
			found = d;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/**
 * d_genocide - drop every name below @root
 * @root: the root of an unmounted ramfs-like tree
 *
 * Each name's pin (the reference its creation took) is dropped, children
 * before parents, so the tree's dentries and inodes are freed.
 */
void d_genocide(struct dentry *root)
{
	struct dentry *d;

	while ((d = first_child(root))) {
		d_genocide(d);
		d_drop(d);
		dput(d);	/* first_child's reference */
		dput(d);	/* the pin */
	}
}

unsigned long nr_dentries(void)
{
	return READ_ONCE(dentry_nr);
}
