/* Inside kernel/fs/sysfs/: the tree's root (mount.c). */
#ifndef _FS_SYSFS_H
#define _FS_SYSFS_H

struct dentry;
extern struct dentry *sysfs_root;

#endif
