/*
 * The file descriptor table, as Linux's include/linux/fdtable.h: an
 * array of struct file pointers indexed by fd, bitmaps of the open and
 * close-on-exec descriptors, and a lock. It grows (doubling) up to
 * NR_OPEN_MAX (Linux's RLIMIT_NOFILE default of 1024).
 *
 * Kernel threads share init_files (empty); a process has its own,
 * copied by dup_fd() on fork unless CLONE_FILES shares it.
 * Lock: files->file_lock (a spinlock) for the table; a struct file found
 * there is used only after get_file() under the lock (fget).
 */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <linux/types.h>
#include <linux/spinlock.h>

struct file;
struct task_struct;

#define NR_OPEN_DEFAULT 64	/* BITS_PER_LONG: the table every files_struct starts with */
#define NR_OPEN_MAX 1024	/* RLIMIT_NOFILE's default soft limit */

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
	unsigned long *close_on_exec;
	unsigned long *open_fds;
};

struct files_struct {
	int count;			/* tasks sharing it */
	spinlock_t file_lock;
	unsigned int next_fd;		/* the lowest fd that may be free */
	struct fdtable fdt;
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
};

extern struct files_struct init_files;

/**
 * dup_fd - copy a descriptor table for fork()
 * @old: the table to copy (usually current->files)
 * @errorp: set to -ENOMEM on failure
 *
 * Every open file gets one more reference; close-on-exec bits are copied.
 * Return: the new table (count 1), or NULL with *@errorp set.
 */
struct files_struct *dup_fd(struct files_struct *old, int *errorp);
void put_files_struct(struct files_struct *files);
/* Drops @tsk's table (closing its files when it was the last user). */
void exit_files(struct task_struct *tsk);
/* execve(): closes every close-on-exec descriptor. */
void do_close_on_exec(struct files_struct *files);
/* The table a new task gets: shared (CLONE_FILES) or a copy. 0 or -ENOMEM. */
int copy_files(unsigned long clone_flags, struct task_struct *tsk);
/* execve() gives a process sharing its table a private copy. */
int unshare_files(void);
/* Opens /dev/console as fds 0, 1 and 2 of current (Linux's
 * console_on_rootfs). Return: 0 or -errno (a warning is printed). */
int init_console_fds(void);

#endif
