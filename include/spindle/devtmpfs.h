/*
 * devtmpfs: device nodes the kernel creates in /dev (kernel/fs/, the vfs
 * part; Linux's drivers/base/devtmpfs.c). Drivers name their devices.
 */
#ifndef _SPINDLE_DEVTMPFS_H
#define _SPINDLE_DEVTMPFS_H

#include <linux/fs.h>

/* Creates /dev/@name, a character device node with @mode (S_IFCHR | perm)
 * and number @dev. Return: 0 or -errno. */
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev);

#endif
