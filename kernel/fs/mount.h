/*
 * The mount tree's private side (Linux's fs/mount.h): struct mount wraps
 * the public vfsmount with where it is attached.
 * Lock: mount_lock guards the list, the tree links and mnt_count.
 */
#ifndef _FS_MOUNT_H
#define _FS_MOUNT_H

#include <linux/mount.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct mount {
	struct vfsmount mnt;
	struct mount *mnt_parent;		/* itself for the root mount */
	struct dentry *mnt_mountpoint;		/* the dentry it covers */
	struct list_head mnt_list;		/* every mount */
	int mnt_count;				/* references (paths, the tree) */
	char mnt_devname[32];			/* mount's source, as /proc/mounts */
};

static inline struct mount *real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct mount, mnt);
}

extern spinlock_t mount_lock;

/* The mount on @path's dentry, referenced, or NULL. */
struct vfsmount *lookup_mnt(const struct path *path);
/* Moves @path down through every mount stacked on it. */
void follow_mount(struct path *path);
/* Moves @path from a mount's root up to where it is mounted; false at the top. */
bool follow_up(struct path *path);
/* The root of the whole tree (the rootfs mount). */
void get_root_path(struct path *path);

#endif
