/* ramfs's private declarations: file data in a radix of pages (file.c). */
#ifndef _FS_RAMFS_H
#define _FS_RAMFS_H

#include <linux/fs.h>

#define RAMFS_MAX_SIZE ((loff_t)1 << 39)	/* 512 GiB: three radix levels */

extern const struct file_operations ramfs_file_operations;
extern const struct inode_operations ramfs_file_inode_operations;
void ramfs_free_data(struct inode *inode);
int ramfs_truncate(struct inode *inode, loff_t size);

#endif
