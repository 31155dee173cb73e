/*
 * A task's root, working directory and umask, as Linux's fs/fs_struct.c.
 * init_fs belongs to the boot task and is shared by every kernel thread
 * (Linux creates them with CLONE_FS); user processes copy it on fork.
 * Lock: fs->lock guards root and pwd; users is changed under it too.
 */
#include <linux/fs_struct.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/errno.h>

struct fs_struct init_fs = {
	.users = 1,
	.lock = __SPIN_LOCK_UNLOCKED(init_fs.lock),
	.umask = 0022,
};

struct fs_struct *current_fs(void)
{
	return current->fs ? current->fs : &init_fs;
}

/* Replaces the root with @path (which gets a new reference). */
void set_fs_root(struct fs_struct *fs, const struct path *path)
{
	struct path old;

	path_get(path);
	spin_lock(&fs->lock);
	old = fs->root;
	fs->root = *path;
	spin_unlock(&fs->lock);
	if (old.dentry)
		path_put(&old);
}

void set_fs_pwd(struct fs_struct *fs, const struct path *path)
{
	struct path old;

	path_get(path);
	spin_lock(&fs->lock);
	old = fs->pwd;
	fs->pwd = *path;
	spin_unlock(&fs->lock);
	if (old.dentry)
		path_put(&old);
}

/* path_get() under the lock, so a concurrent chdir cannot free it. */
static void get_locked(struct fs_struct *fs, const struct path *src, struct path *dst)
{
	spin_lock(&fs->lock);
	*dst = *src;
	mntget(dst->mnt);
	dget(dst->dentry);
	spin_unlock(&fs->lock);
}

void get_fs_root(struct fs_struct *fs, struct path *root)
{
	get_locked(fs, &fs->root, root);
}

void get_fs_pwd(struct fs_struct *fs, struct path *pwd)
{
	get_locked(fs, &fs->pwd, pwd);
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	spin_lock_init(&fs->lock);
	spin_lock(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	spin_unlock(&old->lock);
	/* dget/mntget only take spinlocks: safe to do after dropping old's lock
	 * because old's own references keep both alive meanwhile. */
	path_get(&fs->root);
	path_get(&fs->pwd);
	return fs;
}

void free_fs_struct(struct fs_struct *fs)
{
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}

/**
 * copy_fs - give a new task its fs_struct (called by copy_process)
 * @clone_flags: CLONE_FS shares the parent's
 * @tsk: the new task
 *
 * Return: 0 or -ENOMEM.
 */
int copy_fs(unsigned long clone_flags, struct task_struct *tsk)
{
	struct fs_struct *fs = current_fs();

	if (clone_flags & CLONE_FS) {
		spin_lock(&fs->lock);
		fs->users++;
		spin_unlock(&fs->lock);
		tsk->fs = fs;
		return 0;
	}
	tsk->fs = copy_fs_struct(fs);
	return tsk->fs ? 0 : -ENOMEM;
}

/**
 * exit_fs - drop a task's fs_struct
 * @tsk: the exiting task (or one whose creation failed)
 */
void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;
	bool last;

	if (!fs)
		return;
	spin_lock(&fs->lock);
	tsk->fs = NULL;
	last = --fs->users == 0;
	spin_unlock(&fs->lock);
	if (last && fs != &init_fs)
		free_fs_struct(fs);
}
