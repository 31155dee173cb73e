/*
 * Mounts, as Linux's include/linux/mount.h: a vfsmount is one file system
 * attached somewhere in the tree. The tree links (parent mount, the
 * dentry it covers) live in struct mount (kernel/fs/mount.h).
 */
#ifndef _LINUX_MOUNT_H
#define _LINUX_MOUNT_H

struct dentry;
struct super_block;
struct file_system_type;
struct path;

struct vfsmount {
	struct dentry *mnt_root;	/* the root of this file system */
	struct super_block *mnt_sb;
	int mnt_flags;
};

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data);
/* Mounts a file system of type @fstype on the directory @path. */
int do_mount(const char *dev_name, const char *dir_name, const char *fstype,
	     unsigned long flags, void *data);
int path_mount(const char *dev_name, struct path *path, const char *fstype,
	       unsigned long flags, void *data);
int path_umount(struct path *path, int flags);
/* Calls @fn for each mount: its source name, type, and where it is. */
void iterate_mounts_info(void (*fn)(void *arg, const char *source,
				    const char *type, const char *where),
			 void *arg);

#endif
