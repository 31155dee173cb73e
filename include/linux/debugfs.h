/*
 * debugfs, as Linux's include/linux/debugfs.h: a file system for kernel
 * developers' files, mounted on /sys/kernel/debug. A NULL parent means
 * debugfs's root. The create functions return the new dentry or an
 * ERR_PTR (Linux's convention: callers need not check, the other calls
 * accept an error pointer as parent and do nothing).
 */
#ifndef _LINUX_DEBUGFS_H
#define _LINUX_DEBUGFS_H

#include <linux/fs.h>

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops);
struct dentry *debugfs_create_symlink(const char *name, struct dentry *parent,
				      const char *target);
/* A file showing *@value in decimal; writable if @mode allows. */
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent,
			u32 *value);
/* A file showing *@value as Y or N; accepts 1/0/Y/N/y/n. */
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent,
			 bool *value);
/* Removes @dentry and everything below it. */
void debugfs_remove(struct dentry *dentry);
#define debugfs_remove_recursive debugfs_remove

#endif
