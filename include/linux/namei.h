/*
 * Path lookup flags and entry points, as Linux's include/linux/namei.h.
 */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H

#include <linux/path.h>
#include <linux/dcache.h>

#define LOOKUP_FOLLOW		0x0001	/* follow a trailing symlink */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */
#define LOOKUP_EMPTY		0x4000	/* "" names the start (AT_EMPTY_PATH) */

struct filename;

/* A user path name copied in (Linux's getname()): ERR_PTR on failure. */
struct filename {
	const char *name;
	char iname[];
};

struct filename *getname(const char __user *name);
struct filename *getname_flags(const char __user *name, unsigned int flags);
struct filename *getname_kernel(const char *name);
void putname(struct filename *name);

int filename_lookup(int dfd, struct filename *name, unsigned int flags,
		    struct path *path);
int user_path_at(int dfd, const char __user *name, unsigned int flags,
		 struct path *path);
/* Looks up @name's parent: its path and last component (in @name's
 * storage). Return: 0 or -errno; the type of the last component. */
int filename_parentat(int dfd, struct filename *name, struct path *parent,
		      struct qstr *last, int *type);
/* Parent and a (possibly negative) dentry for creating @name, with the
 * parent directory locked: release with done_path_create(). */
struct dentry *filename_create(int dfd, struct filename *name,
			       struct path *path, unsigned int lookup_flags);
void done_path_create(struct path *path, struct dentry *dentry);
/* Finds @name in @base (locked by the caller): a dentry or ERR_PTR. */
struct dentry *lookup_one_qstr(const struct qstr *name, struct dentry *base);

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

#endif
