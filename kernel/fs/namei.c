/*
 * Path name lookup, as Linux's fs/namei.c: link_path_walk() resolves a
 * name one component at a time from the root, the working directory or
 * a directory fd, through ".", "..", mount points and symlinks (at most
 * 40 followed, 8 nested: ELOOP), leaving the last component to the
 * caller: lookup, create, unlink and rename each treat it their way.
 *
 * Simplified: no RCU walk (every step takes references), no permission
 * checks on directories (everyone is root), O_CREAT through a dangling
 * symlink fails with ENOENT instead of creating the target.
 * Lock: a directory's i_rwsem is held while a name in it is looked up
 * for a change and changed; rename_mutex serialises cross-directory
 * renames (Linux's s_vfs_rename_mutex) and is taken before both parents.
 */
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/namei.h>
#include <linux/file.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "mount.h"
#include "internal.h"

#define MAX_NESTED_LINKS 8

struct nameidata {
	struct path path;	/* where the walk is */
	struct path root;	/* where "/" and ".." stop */
	struct qstr last;	/* the component left for the caller */
	int last_type;		/* LAST_NORM, LAST_DOT, ... */
	bool last_slash;	/* the name ended in '/' */
	int depth, total_links;
};

static DEFINE_MUTEX(rename_mutex);

/* --- user names --- */

struct filename *getname_flags(const char __user *name, unsigned int flags)
{
	struct filename *f = kmalloc(sizeof(*f) + PATH_MAX, GFP_KERNEL);
	long len;

	if (!f)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(f->iname, name, PATH_MAX);
	if (len < 0 || len == PATH_MAX || (!len && !(flags & LOOKUP_EMPTY))) {
		kfree(f);
		return ERR_PTR(len < 0 ? len : len ? -ENAMETOOLONG : -ENOENT);
	}
	f->name = f->iname;
	return f;
}

struct filename *getname(const char __user *name)
{
	return getname_flags(name, 0);
}

struct filename *getname_kernel(const char *name)
{
	size_t len = strlen(name);
	struct filename *f;

	if (len >= PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	f = kmalloc(sizeof(*f) + len + 1, GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	memcpy(f->iname, name, len + 1);
	f->name = f->iname;
	return f;
}

void putname(struct filename *name)
{
	if (!IS_ERR_OR_NULL(name))
		kfree(name);
}

/* --- the walk --- */

static int path_init(struct nameidata *nd, int dfd, const char *name,
		     unsigned int flags)
{
	struct fs_struct *fs = current_fs();

	memset(nd, 0, sizeof(*nd));
	get_fs_root(fs, &nd->root);
	if (*name == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
	} else if (dfd == AT_FDCWD) {
		get_fs_pwd(fs, &nd->path);
	} else {
		struct file *f = fget_raw(dfd);

		if (!f)
			goto fail_badf;
		if (*name && !S_ISDIR(file_inode(f)->i_mode)) {
			fput(f);
			path_put(&nd->root);
			return -ENOTDIR;
		}
		nd->path = f->f_path;
		path_get(&nd->path);
		fput(f);
	}
	return 0;
fail_badf:
	path_put(&nd->root);
	return -EBADF;
}

static void terminate_walk(struct nameidata *nd)
{
	path_put(&nd->path);
	path_put(&nd->root);
}

/* Moves to the parent, across mount roots, never above the root. */
static void follow_dotdot(struct nameidata *nd)
{
	struct dentry *parent;

	for (;;) {
		if (path_equal(&nd->path, &nd->root))
			return;
		if (nd->path.dentry != nd->path.mnt->mnt_root)
			break;
		if (!follow_up(&nd->path))
			return;
	}
	spin_lock(&dcache_lock);
	parent = nd->path.dentry->d_parent;
	parent->d_count++;
	spin_unlock(&dcache_lock);
	dput(nd->path.dentry);
	nd->path.dentry = parent;
	follow_mount(&nd->path);
}

/**
 * lookup_one_qstr - find or make the dentry for @name in @base
 * @name: one component
 * @base: the directory; its i_rwsem is held by the caller
 *
 * Return: a referenced dentry, negative if the name does not exist, or
 * ERR_PTR.
 */
struct dentry *lookup_one_qstr(const struct qstr *name, struct dentry *base)
{
	struct inode *dir = base->d_inode;
	struct dentry *d = d_lookup(base, name), *old;

	if (d)
		return d;
	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	d = d_alloc(base, name);
	if (!d)
		return ERR_PTR(-ENOMEM);
	old = dir->i_op->lookup(dir, d, 0);
	if (IS_ERR(old)) {
		dput(d);
		return old;
	}
	return d;
}

/* @name in the directory at nd->path: a referenced dentry or ERR_PTR. */
static struct dentry *lookup_name(struct nameidata *nd, const struct qstr *name)
{
	struct dentry *base = nd->path.dentry, *d = d_lookup(base, name);

	if (d && d->d_inode)
		return d;
	dput(d);
	mutex_lock(&base->d_inode->i_rwsem);
	d = lookup_one_qstr(name, base);
	mutex_unlock(&base->d_inode->i_rwsem);
	if (!IS_ERR(d) && !d->d_inode) {
		dput(d);
		return ERR_PTR(-ENOENT);
	}
	return d;
}

static int link_path_walk(const char *name, struct nameidata *nd);
static int walk_last(struct nameidata *nd, bool follow, bool want_dir);

/* Follows the symlink at @link (a path we hold) from nd->path, its directory. */
static int walk_link(struct nameidata *nd, struct path *link)
{
	struct inode *inode = link->dentry->d_inode;
	const char *body;
	bool slash;
	int err;

	if (++nd->total_links > MAXSYMLINKS || nd->depth >= MAX_NESTED_LINKS)
		return -ELOOP;
	body = inode->i_op && inode->i_op->get_link ?
		inode->i_op->get_link(link->dentry, inode) : NULL;
	if (IS_ERR(body))
		return PTR_ERR(body);
	if (!body || !*body)
		return -ENOENT;
	if (*body == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	nd->depth++;
	slash = nd->last_slash;
	err = link_path_walk(body, nd);
	if (!err)
		err = walk_last(nd, true, slash);
	nd->depth--;
	return err;
}

/* Steps into component @name (type @type); follows a symlink if @follow. */
static int walk_component(struct nameidata *nd, const struct qstr *name, int type,
			  bool follow)
{
	struct path next;
	int err;

	if (type == LAST_DOT)
		return 0;
	if (type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	next.dentry = lookup_name(nd, name);
	if (IS_ERR(next.dentry))
		return PTR_ERR(next.dentry);
	next.mnt = mntget(nd->path.mnt);
	follow_mount(&next);
	if (!follow || !S_ISLNK(next.dentry->d_inode->i_mode)) {
		path_put(&nd->path);
		nd->path = next;
		return 0;
	}
	/* A symlink is read from the directory that holds it: nd->path. */
	err = walk_link(nd, &next);
	path_put(&next);
	return err;
}

static int component_type(const char *name, unsigned int len)
{
	if (name[0] == '.' && len == 1)
		return LAST_DOT;
	if (name[0] == '.' && name[1] == '.' && len == 2)
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * Resolves every component of @name but the last, which is left in
 * nd->last (LAST_ROOT if the name is only slashes). Every intermediate
 * component must be a directory (after following symlinks).
 */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	while (*name == '/')
		name++;
	nd->last_type = LAST_ROOT;
	nd->last_slash = false;
	if (!*name)
		return 0;
	for (;;) {
		struct qstr this = { .name = name, .len = 0 };
		int type, err;

		while (name[this.len] && name[this.len] != '/')
			this.len++;
		if (this.len > NAME_MAX)
			return -ENAMETOOLONG;
		type = component_type(name, this.len);
		name += this.len;
		nd->last_slash = *name == '/';
		while (*name == '/')
			name++;
		if (!*name) {
			nd->last = this;
			nd->last_type = type;
			return 0;
		}
		err = walk_component(nd, &this, type, true);
		if (err)
			return err;
		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
	}
}

/* Resolves the last component; a trailing slash follows and wants a dir. */
static int walk_last(struct nameidata *nd, bool follow, bool want_dir)
{
	int err = 0;

	want_dir |= nd->last_slash;
	if (nd->last_type != LAST_ROOT)
		err = walk_component(nd, &nd->last, nd->last_type,
				     follow || nd->last_slash);
	if (!err && want_dir && !S_ISDIR(nd->path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	return err;
}

/**
 * filename_lookup - resolve a whole path name
 * @dfd: AT_FDCWD or a directory fd for relative names
 * @name: the name
 * @flags: LOOKUP_FOLLOW, LOOKUP_DIRECTORY, LOOKUP_EMPTY
 * @path: the result, referenced (path_put it)
 *
 * Return: 0, -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EBADF.
 */
int filename_lookup(int dfd, struct filename *name, unsigned int flags,
		    struct path *path)
{
	struct nameidata nd;
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!*name->name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(&nd, dfd, name->name, flags);
	if (err)
		return err;
	err = link_path_walk(name->name, &nd);
	if (!err)
		err = walk_last(&nd, flags & LOOKUP_FOLLOW, flags & LOOKUP_DIRECTORY);
	if (!err) {
		*path = nd.path;
		nd.path.dentry = NULL;
		nd.path.mnt = NULL;
	}
	terminate_walk(&nd);
	return err;
}

int user_path_at(int dfd, const char __user *name, unsigned int flags,
		 struct path *path)
{
	struct filename *f = getname_flags(name, flags);
	int err = filename_lookup(dfd, f, flags, path);

	putname(f);
	return err;
}

int kern_path_at(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct filename *f = getname_kernel(name);
	int err = filename_lookup(dfd, f, flags, path);

	putname(f);
	return err;
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return kern_path_at(AT_FDCWD, name, flags, path);
}

/* Walks to @name's parent; *@slash says whether the name ended in '/'. */
static int parentat(int dfd, struct filename *name, struct path *parent,
		    struct qstr *last, int *type, bool *slash)
{
	struct nameidata nd;
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_init(&nd, dfd, name->name, 0);
	if (err)
		return err;
	err = link_path_walk(name->name, &nd);
	if (!err) {
		*parent = nd.path;
		*last = nd.last;
		*type = nd.last_type;
		*slash = nd.last_slash;
		nd.path.dentry = NULL;
		nd.path.mnt = NULL;
	}
	terminate_walk(&nd);
	return err;
}

int filename_parentat(int dfd, struct filename *name, struct path *parent,
		      struct qstr *last, int *type)
{
	bool slash;

	return parentat(dfd, name, parent, last, type, &slash);
}

/**
 * filename_create - prepare to create @name
 * @dfd: the directory fd for relative names
 * @name: the name of the new object
 * @path: receives the parent directory (its inode's i_rwsem held)
 * @lookup_flags: LOOKUP_DIRECTORY lets the name end in '/' (mkdir)
 *
 * Return: a negative dentry for the new name, or ERR_PTR(-EEXIST) if it
 * exists, or another error. Finish with done_path_create().
 */
struct dentry *filename_create(int dfd, struct filename *name, struct path *path,
			       unsigned int lookup_flags)
{
	struct qstr last;
	struct dentry *d;
	bool slash;
	int type, err = parentat(dfd, name, path, &last, &type, &slash);

	if (err)
		return ERR_PTR(err);
	if (type != LAST_NORM) {
		path_put(path);
		return ERR_PTR(-EEXIST);
	}
	mutex_lock(&path->dentry->d_inode->i_rwsem);
	d = lookup_one_qstr(&last, path->dentry);
	if (IS_ERR(d))
		goto fail;
	err = -EEXIST;
	if (d->d_inode)
		goto fail_dput;
	err = -ENOENT;
	if (slash && !(lookup_flags & LOOKUP_DIRECTORY))
		goto fail_dput;
	return d;
fail_dput:
	dput(d);
	d = ERR_PTR(err);
fail:
	mutex_unlock(&path->dentry->d_inode->i_rwsem);
	path_put(path);
	return d;
}

void done_path_create(struct path *path, struct dentry *dentry)
{
	dput(dentry);
	mutex_unlock(&path->dentry->d_inode->i_rwsem);
	path_put(path);
}

/* --- the namespace operations on a locked parent --- */

int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	if (!dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, dentry, (mode & S_IALLUGO) | S_IFREG, excl);
}

int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX));
}

int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, dev);
}

int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, target);
}

int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new_dentry)
{
	struct inode *inode = old->d_inode;

	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op->link)
		return -EPERM;
	if (!inode->i_nlink)
		return -ENOENT;
	return dir->i_op->link(old, dir, new_dentry);
}

int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	if (S_ISDIR(dentry->d_inode->i_mode))
		return -EISDIR;
	if (d_mountpoint(dentry))
		return -EBUSY;
	if (!dir->i_op->unlink)
		return -EPERM;
	return dir->i_op->unlink(dir, dentry);
}

int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!S_ISDIR(dentry->d_inode->i_mode))
		return -ENOTDIR;
	if (d_mountpoint(dentry) || IS_ROOT(dentry))
		return -EBUSY;
	if (!dir->i_op->rmdir)
		return -EPERM;
	return dir->i_op->rmdir(dir, dentry);
}

/* --- the system calls' bodies --- */

int do_mknodat(int dfd, struct filename *name, umode_t mode, unsigned int dev)
{
	struct path path;
	struct dentry *d;
	int err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		err = -EPERM;
		goto out;
	default:
		err = -EINVAL;
		goto out;
	}
	d = filename_create(dfd, name, &path, 0);
	err = PTR_ERR(d);
	if (IS_ERR(d))
		goto out;
	mode &= ~current_fs()->umask | S_IFMT;
	if (S_ISREG(mode))
		err = vfs_create(path.dentry->d_inode, d, mode, true);
	else
		err = vfs_mknod(path.dentry->d_inode, d, mode, new_decode_dev(dev));
	done_path_create(&path, d);
out:
	putname(name);
	return err;
}

int do_mkdirat(int dfd, struct filename *name, umode_t mode)
{
	struct path path;
	struct dentry *d = filename_create(dfd, name, &path, LOOKUP_DIRECTORY);
	int err = PTR_ERR(d);

	if (!IS_ERR(d)) {
		err = vfs_mkdir(path.dentry->d_inode, d, mode & ~current_fs()->umask);
		done_path_create(&path, d);
	}
	putname(name);
	return err;
}

int do_symlinkat(struct filename *from, int newdfd, struct filename *to)
{
	struct path path;
	struct dentry *d;
	int err = PTR_ERR(from);

	if (IS_ERR(from))
		goto out;
	d = filename_create(newdfd, to, &path, 0);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_symlink(path.dentry->d_inode, d, from->name);
		done_path_create(&path, d);
	}
out:
	putname(from);
	putname(to);
	return err;
}

int do_linkat(int olddfd, struct filename *old, int newdfd,
	      struct filename *new, int flags)
{
	struct path old_path, new_path;
	struct dentry *d;
	int err = -EINVAL;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		goto out;
	err = filename_lookup(olddfd, old, (flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
			      (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0), &old_path);
	if (err)
		goto out;
	d = filename_create(newdfd, new, &new_path, 0);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = -EXDEV;
		if (old_path.mnt == new_path.mnt)
			err = vfs_link(old_path.dentry, new_path.dentry->d_inode, d);
		done_path_create(&new_path, d);
	}
	path_put(&old_path);
out:
	putname(old);
	putname(new);
	return err;
}

/* The locked-parent part of rmdir and unlink. */
static int do_remove(int dfd, struct filename *name, bool dir)
{
	struct path parent;
	struct qstr last;
	struct dentry *d;
	struct inode *pdir;
	bool slash;
	int type, err = parentat(dfd, name, &parent, &last, &type, &slash);

	if (err)
		goto out;
	if (type != LAST_NORM) {
		err = !dir ? -EISDIR : type == LAST_DOT ? -EINVAL :
		      type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
		goto out_put;
	}
	pdir = parent.dentry->d_inode;
	mutex_lock(&pdir->i_rwsem);
	d = lookup_one_qstr(&last, parent.dentry);
	err = PTR_ERR(d);
	if (IS_ERR(d))
		goto out_unlock;
	if (!d->d_inode)
		err = -ENOENT;
	else if (dir)
		err = vfs_rmdir(pdir, d);
	else if (slash)
		err = S_ISDIR(d->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
	else
		err = vfs_unlink(pdir, d);
	dput(d);
out_unlock:
	mutex_unlock(&pdir->i_rwsem);
out_put:
	path_put(&parent);
out:
	putname(name);
	return err;
}

int do_rmdir(int dfd, struct filename *name)
{
	return do_remove(dfd, name, true);
}

int do_unlinkat(int dfd, struct filename *name)
{
	return do_remove(dfd, name, false);
}

static void lock_rename(struct inode *a, struct inode *b)
{
	mutex_lock(&rename_mutex);
	if (a == b) {
		mutex_lock(&a->i_rwsem);
	} else if (a < b) {
		mutex_lock(&a->i_rwsem);
		mutex_lock(&b->i_rwsem);
	} else {
		mutex_lock(&b->i_rwsem);
		mutex_lock(&a->i_rwsem);
	}
}

static void unlock_rename(struct inode *a, struct inode *b)
{
	mutex_unlock(&a->i_rwsem);
	if (a != b)
		mutex_unlock(&b->i_rwsem);
	mutex_unlock(&rename_mutex);
}

/* Checks a rename of @old onto @new (both looked up, parents locked). */
static int rename_checks(struct dentry *old, struct dentry *new, unsigned int flags)
{
	struct inode *src = old->d_inode, *dst = new->d_inode;

	if (!src)
		return -ENOENT;
	if ((flags & RENAME_EXCHANGE) && !dst)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && dst)
		return -EEXIST;
	if (d_mountpoint(old) || d_mountpoint(new))
		return -EBUSY;
	/* A directory may not move into itself (the target's parents include it). */
	if (S_ISDIR(src->i_mode) && is_subdir(new->d_parent, old))
		return -EINVAL;
	if (dst && (flags & RENAME_EXCHANGE) && S_ISDIR(dst->i_mode) &&
	    is_subdir(old->d_parent, new))
		return -EINVAL;
	if (dst && !(flags & RENAME_EXCHANGE)) {
		if (S_ISDIR(src->i_mode) && !S_ISDIR(dst->i_mode))
			return -ENOTDIR;
		if (!S_ISDIR(src->i_mode) && S_ISDIR(dst->i_mode))
			return -EISDIR;
	}
	return 0;
}

static int vfs_rename(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new, unsigned int flags)
{
	int err;

	if (old == new)
		return 0;	/* the same name: nothing to do, as POSIX says */
	if (old->d_inode == new->d_inode && !(flags & RENAME_EXCHANGE))
		return 0;	/* two links of one file: rename does nothing */
	err = rename_checks(old, new, flags);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	err = old_dir->i_op->rename(old_dir, old, new_dir, new, flags);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE)
		d_exchange(old, new);
	else
		d_move(old, new);
	return 0;
}

int do_renameat2(int olddfd, struct filename *from, int newdfd,
		 struct filename *to, unsigned int flags)
{
	struct path op, np;
	struct qstr ol, nl;
	struct dentry *od, *nd;
	bool oslash, nslash;
	int otype, ntype, err = -EINVAL;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT) ||
	    ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)) ||
	    (flags & RENAME_WHITEOUT))
		goto out;
	err = parentat(olddfd, from, &op, &ol, &otype, &oslash);
	if (err)
		goto out;
	err = parentat(newdfd, to, &np, &nl, &ntype, &nslash);
	if (err)
		goto out_op;
	err = -EXDEV;
	if (op.mnt != np.mnt)
		goto out_np;
	err = -EBUSY;
	if (otype != LAST_NORM || ntype != LAST_NORM)
		goto out_np;
	lock_rename(op.dentry->d_inode, np.dentry->d_inode);
	od = lookup_one_qstr(&ol, op.dentry);
	err = PTR_ERR(od);
	if (IS_ERR(od))
		goto out_unlock;
	nd = lookup_one_qstr(&nl, np.dentry);
	err = PTR_ERR(nd);
	if (IS_ERR(nd))
		goto out_od;
	err = -ENOTDIR;
	if (od->d_inode && !S_ISDIR(od->d_inode->i_mode) && (oslash || nslash))
		goto out_nd;
	err = vfs_rename(op.dentry->d_inode, od, np.dentry->d_inode, nd, flags);
out_nd:
	dput(nd);
out_od:
	dput(od);
out_unlock:
	unlock_rename(op.dentry->d_inode, np.dentry->d_inode);
out_np:
	path_put(&np);
out_op:
	path_put(&op);
out:
	putname(from);
	putname(to);
	return err;
}

/* --- open --- */

int build_open_flags(int flags, umode_t mode, struct open_flags *op)
{
	int acc = flags & O_ACCMODE;

	if (acc == 3 && !(flags & O_PATH))
		return -EINVAL;
	if ((flags & __O_TMPFILE))
		return -EOPNOTSUPP;
	op->open_flag = flags;
	op->mode = (flags & O_CREAT) ? (mode & S_IALLUGO) : 0;
	op->acc_mode = (acc != O_WRONLY ? MAY_READ : 0) | (acc != O_RDONLY ? MAY_WRITE : 0);
	if (flags & O_TRUNC)
		op->acc_mode |= MAY_WRITE;
	op->lookup_flags = (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			   (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0);
	return 0;
}

/* O_CREAT: look up or create the last component under the parent's lock. */
static int open_create(int dfd, struct filename *name, const struct open_flags *op,
		       struct path *path, bool *created)
{
	struct qstr last;
	struct dentry *d;
	struct inode *dir;
	bool slash;
	int type, err = parentat(dfd, name, path, &last, &type, &slash);

	if (err)
		return err;
	if (type != LAST_NORM || slash) {
		path_put(path);
		return -EISDIR;
	}
	dir = path->dentry->d_inode;
	mutex_lock(&dir->i_rwsem);
	d = lookup_one_qstr(&last, path->dentry);
	err = PTR_ERR(d);
	if (IS_ERR(d))
		goto out;
	err = 0;
	if (!d->d_inode) {
		err = vfs_create(dir, d, op->mode & ~current_fs()->umask, op->open_flag & O_EXCL);
		*created = !err;
	} else if (op->open_flag & O_EXCL) {
		err = -EEXIST;
	}
	if (err) {
		dput(d);
		goto out;
	}
	dput(path->dentry);
	path->dentry = d;
out:
	mutex_unlock(&dir->i_rwsem);
	if (err)
		path_put(path);
	return err;
}

/**
 * do_filp_open - resolve @pathname and open it
 * @dfd: AT_FDCWD or a directory fd
 * @pathname: the name
 * @op: from build_open_flags()
 *
 * Return: the file or ERR_PTR.
 */
struct file *do_filp_open(int dfd, struct filename *pathname,
			  const struct open_flags *op)
{
	struct path path;
	bool created = false;
	int err, flags = op->open_flag;

	if (IS_ERR(pathname))
		return ERR_PTR(PTR_ERR(pathname));
	if (flags & O_CREAT) {
		err = open_create(dfd, pathname, op, &path, &created);
		/* An existing symlink: open what it points to. */
		if (!err && S_ISLNK(path.dentry->d_inode->i_mode) &&
		    !(flags & (O_NOFOLLOW | O_PATH))) {
			path_put(&path);
			if (flags & O_EXCL)
				return ERR_PTR(-EEXIST);
			err = filename_lookup(dfd, pathname, LOOKUP_FOLLOW, &path);
		}
	} else {
		err = filename_lookup(dfd, pathname, op->lookup_flags, &path);
	}
	if (err)
		return ERR_PTR(err);
	follow_mount(&path);
	return do_dentry_open(&path, created ? flags & ~O_TRUNC : flags, op);
}

struct file *do_file_open_root(const struct path *root, const char *name,
			       const struct open_flags *op)
{
	struct fs_struct tmp = { .users = 1, .umask = 0 };
	struct fs_struct *saved = current->fs;
	struct filename *f = getname_kernel(name);
	struct file *file;

	spin_lock_init(&tmp.lock);
	tmp.root = *root;
	tmp.pwd = *root;
	current->fs = &tmp;
	file = do_filp_open(AT_FDCWD, f, op);
	current->fs = saved;
	putname(f);
	return file;
}

/* --- system calls --- */

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, umode_t, mode,
		unsigned int, dev)
{
	return do_mknodat(dfd, getname(filename), mode, dev);
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(AT_FDCWD, getname(filename), mode, dev);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	return do_mkdirat(dfd, getname(pathname), mode);
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return do_mkdirat(AT_FDCWD, getname(pathname), mode);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return do_rmdir(AT_FDCWD, getname(pathname));
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flag & AT_REMOVEDIR)
		return do_rmdir(dfd, getname(pathname));
	return do_unlinkat(dfd, getname(pathname));
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return do_unlinkat(AT_FDCWD, getname(pathname));
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_symlinkat(getname(oldname), newdfd, getname(newname));
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return do_symlinkat(getname(oldname), AT_FDCWD, getname(newname));
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, int, flags)
{
	return do_linkat(olddfd, getname_flags(oldname, flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			 newdfd, getname(newname), flags);
}

SYSCALL_DEFINE2(link, const char __user *, oldname, const char __user *, newname)
{
	return do_linkat(AT_FDCWD, getname(oldname), AT_FDCWD, getname(newname), 0);
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, unsigned int, flags)
{
	return do_renameat2(olddfd, getname(oldname), newdfd, getname(newname), flags);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_renameat2(olddfd, getname(oldname), newdfd, getname(newname), 0);
}

SYSCALL_DEFINE2(rename, const char __user *, oldname, const char __user *, newname)
{
	return do_renameat2(AT_FDCWD, getname(oldname), AT_FDCWD, getname(newname), 0);
}
