/*
 * devtmpfs: the kernel's own /dev (Linux: drivers/base/devtmpfs.c,
 * declared in include/linux/device.h). Drivers add nodes from any
 * initcall; init mounts it on /dev.
 */
#ifndef _LINUX_DEVTMPFS_H
#define _LINUX_DEVTMPFS_H

#include <linux/fs.h>

/**
 * devtmpfs_create_node - add a device node to devtmpfs
 * @name: path below /dev, e.g. "ttyS0" or "pts/0" (parents are made)
 * @mode: S_IFCHR or S_IFBLK with permission bits
 * @dev: its device number
 *
 * Return: 0, -EEXIST or another -errno.
 */
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev);
int devtmpfs_delete_node(const char *name);
/* Mounts devtmpfs on /dev (CONFIG_DEVTMPFS_MOUNT). Return: 0 or -errno. */
int devtmpfs_mount(void);
int devtmpfs_init(void);

#endif
