/* struct statfs as x86-64 Linux fills it in (include/uapi/asm-generic/
 * statfs.h with 64-bit longs), and the magic numbers of Spindle's file
 * systems (include/uapi/linux/magic.h). */
#ifndef _UAPI_LINUX_STATFS_H
#define _UAPI_LINUX_STATFS_H

#include <linux/types.h>

struct statfs {
	long f_type;
	long f_bsize;
	u64 f_blocks;
	u64 f_bfree;
	u64 f_bavail;
	u64 f_files;
	u64 f_ffree;
	struct { int val[2]; } f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};

#define RAMFS_MAGIC	0x858458f6
#define TMPFS_MAGIC	0x01021994
#define PIPEFS_MAGIC	0x50495045
#define SYSFS_MAGIC	0x62656572
#define DEBUGFS_MAGIC	0x64626720
#define TRACEFS_MAGIC	0x74726163

/* mount() flags (include/uapi/linux/mount.h) */
#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_REMOUNT	32
#define MS_BIND		4096
#define MS_MOVE		8192
#define MS_SILENT	32768
#define MS_MGC_VAL	0xC0ED0000
#define MS_MGC_MSK	0xffff0000

/* umount2() */
#define MNT_FORCE	1
#define MNT_DETACH	2
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW	8

#endif
