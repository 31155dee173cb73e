/*
 * A task's root directory, working directory and umask, as Linux's
 * include/linux/fs_struct.h. Kernel threads share init_fs (CLONE_FS), as
 * do threads of a process; fork() without CLONE_FS copies it.
 * Lock: fs->lock guards root and pwd; users counts the sharing tasks.
 */
#ifndef _LINUX_FS_STRUCT_H
#define _LINUX_FS_STRUCT_H

#include <linux/path.h>
#include <linux/spinlock.h>

struct task_struct;

struct fs_struct {
	int users;
	spinlock_t lock;
	int umask;
	struct path root, pwd;
};

extern struct fs_struct init_fs;

/* A copy of @old with references on its root and pwd; NULL on ENOMEM. */
struct fs_struct *copy_fs_struct(struct fs_struct *old);
/* Drops @tsk's fs_struct (freeing it when it was the last user). */
void exit_fs(struct task_struct *tsk);
void free_fs_struct(struct fs_struct *fs);
/* The fs a new task gets: shared (CLONE_FS) or a copy. 0 or -ENOMEM. */
int copy_fs(unsigned long clone_flags, struct task_struct *tsk);
void set_fs_root(struct fs_struct *fs, const struct path *path);
void set_fs_pwd(struct fs_struct *fs, const struct path *path);
void get_fs_root(struct fs_struct *fs, struct path *root);
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);
/* current's fs_struct, or init_fs for a task that has none yet. */
struct fs_struct *current_fs(void);

#endif
