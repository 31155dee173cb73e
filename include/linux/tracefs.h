/*
 * tracefs, as Linux's include/linux/tracefs.h: the tracer's files,
 * mounted on /sys/kernel/tracing (and reached as /sys/kernel/debug/tracing).
 * A NULL parent is tracefs's root; errors come back as ERR_PTR.
 */
#ifndef _LINUX_TRACEFS_H
#define _LINUX_TRACEFS_H

#include <linux/fs.h>

struct dentry *tracefs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops);
struct dentry *tracefs_create_dir(const char *name, struct dentry *parent);

#endif
