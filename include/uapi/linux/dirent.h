/*
 * What getdents64() and getdents() write (Linux keeps these in
 * include/linux/dirent.h and fs/readdir.c): records of d_reclen bytes,
 * each 8-byte aligned, with a NUL-terminated name.
 */
#ifndef _UAPI_LINUX_DIRENT_H
#define _UAPI_LINUX_DIRENT_H

#include <linux/types.h>

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;		/* the position of the next record */
	unsigned short d_reclen;
	unsigned char d_type;	/* DT_* */
	char d_name[];
};

/* The old getdents(): d_type is the last byte of the record. */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#endif
