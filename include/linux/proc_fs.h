/*
 * The /proc file system's interface for the rest of the kernel, as
 * Linux's include/linux/proc_fs.h: a subsystem publishes a file by
 * giving its name and the show that prints it; procfs (kernel/fs/proc/)
 * opens it as a seq_file. remove_proc_entry() takes one out (see its
 * comment in kernel/fs/proc/generic.c for what Spindle simplifies).
 * Lock: the entry tree is guarded by a mutex inside procfs.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>
#include <linux/fs.h>

struct seq_file;
struct seq_operations;
struct proc_dir_entry;

/**
 * proc_create_single_data - a read-only /proc file printed by one show
 * @name: its name in @parent
 * @mode: permission bits (0 means 0444)
 * @parent: the directory (proc_mkdir), NULL for /proc itself
 * @show: prints the whole text; m->private is @data
 * @data: for @show
 *
 * Return: the entry, or NULL (no memory, or the name is taken).
 */
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *),
					       void *data);
#define proc_create_single(name, mode, parent, show) \
	proc_create_single_data(name, mode, parent, show, NULL)
/* A file whose text is @ops's records (one show per record). */
struct proc_dir_entry *proc_create_seq_data(const char *name, umode_t mode,
					    struct proc_dir_entry *parent,
					    const struct seq_operations *ops,
					    void *data);
#define proc_create_seq(name, mode, parent, ops) \
	proc_create_seq_data(name, mode, parent, ops, NULL)
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest);

void remove_proc_entry(const char *name, struct proc_dir_entry *parent);

/* The data given at creation, from an open file's inode. */
void *pde_data(const struct inode *inode);

/* The mount point's file system, registered by proc_root_init(). */
void proc_root_init(void);

#endif
