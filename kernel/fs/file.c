/*
 * The file descriptor table, as Linux's fs/file.c: lowest-free fd
 * allocation, close-on-exec bits, growth by doubling to NR_OPEN_MAX,
 * dup_fd() for fork and the close/exit paths.
 * Lock: files->file_lock (spinlock) guards the table; growing allocates
 * with the lock dropped and retries. A file taken from the table is
 * referenced (get_file) before the lock is released.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/bug.h>
#include "internal.h"

#define BITS_PER_LONG 64
#define BITS_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

struct files_struct init_files = {
	.count = 1,
	.file_lock = __SPIN_LOCK_UNLOCKED(init_files.file_lock),
	.fdt = {
		.max_fds = NR_OPEN_DEFAULT,
		.fd = init_files.fd_array,
		.close_on_exec = init_files.close_on_exec_init,
		.open_fds = init_files.open_fds_init,
	},
};

static bool fd_test(const unsigned long *map, unsigned int fd)
{
	return map[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

static void fd_set_bit(unsigned long *map, unsigned int fd, bool on)
{
	if (on)
		map[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
	else
		map[fd / BITS_PER_LONG] &= ~(1UL << (fd % BITS_PER_LONG));
}

static void init_fdt(struct files_struct *f)
{
	f->count = 1;
	spin_lock_init(&f->file_lock);
	f->next_fd = 0;
	f->fdt.max_fds = NR_OPEN_DEFAULT;
	f->fdt.fd = f->fd_array;
	f->fdt.close_on_exec = f->close_on_exec_init;
	f->fdt.open_fds = f->open_fds_init;
}

static void free_fdt_arrays(struct files_struct *files)
{
	if (files->fdt.fd != files->fd_array) {
		kfree(files->fdt.fd);
		kfree(files->fdt.open_fds);
		kfree(files->fdt.close_on_exec);
	}
}

/*
 * Grows @files to hold fd @nr. Called with the lock held; drops it to
 * allocate. Return: 1 (grown, look again), 0 (large enough) or -errno.
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int old = files->fdt.max_fds, n = old;
	struct file **fd;
	unsigned long *open, *cloexec;

	if (nr < old)
		return 0;
	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	while (n <= nr)
		n *= 2;
	spin_unlock(&files->file_lock);
	fd = kcalloc(n, sizeof(*fd), GFP_KERNEL);
	open = kcalloc(BITS_LONGS(n), sizeof(long), GFP_KERNEL);
	cloexec = kcalloc(BITS_LONGS(n), sizeof(long), GFP_KERNEL);
	spin_lock(&files->file_lock);
	if (!fd || !open || !cloexec || files->fdt.max_fds != old) {
		kfree(fd);
		kfree(open);
		kfree(cloexec);
		return files->fdt.max_fds != old ? 1 : -ENOMEM;
	}
	memcpy(fd, files->fdt.fd, old * sizeof(*fd));
	memcpy(open, files->fdt.open_fds, BITS_LONGS(old) * sizeof(long));
	memcpy(cloexec, files->fdt.close_on_exec, BITS_LONGS(old) * sizeof(long));
	free_fdt_arrays(files);
	files->fdt.fd = fd;
	files->fdt.open_fds = open;
	files->fdt.close_on_exec = cloexec;
	files->fdt.max_fds = n;
	return 1;
}

static unsigned int find_free(struct files_struct *files, unsigned int start)
{
	unsigned int fd;

	for (fd = start; fd < files->fdt.max_fds; fd++)
		if (!fd_test(files->fdt.open_fds, fd))
			break;
	return fd;
}

/* Reserves the lowest free fd >= @start in @files. Return: fd or -EMFILE. */
static int alloc_fd(struct files_struct *files, unsigned int start, unsigned int flags)
{
	unsigned int fd;
	int err;

	if (!files)
		return -EMFILE;
	spin_lock(&files->file_lock);
	for (;;) {
		fd = find_free(files, max(start, files->next_fd));
		err = expand_files(files, fd);
		if (err < 0)
			goto out;
		if (err == 0)
			break;
	}
	fd_set_bit(files->fdt.open_fds, fd, true);
	fd_set_bit(files->fdt.close_on_exec, fd, flags & O_CLOEXEC);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	err = fd;
out:
	spin_unlock(&files->file_lock);
	return err;
}

/**
 * get_unused_fd_flags - reserve the lowest free descriptor of current
 * @flags: O_CLOEXEC to mark it close-on-exec
 *
 * Return: the fd (install a file with fd_install() or give it back
 * with put_unused_fd()), or -EMFILE.
 */
int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(current->files, 0, flags);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	fd_set_bit(files->fdt.open_fds, fd, false);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	__put_unused_fd(files, fd);
	spin_unlock(&files->file_lock);
}

/**
 * fd_install - point a reserved descriptor at a file
 * @fd: from get_unused_fd_flags()
 * @file: the file; the caller's reference now belongs to the table
 */
void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	WARN_ON(files->fdt.fd[fd]);
	files->fdt.fd[fd] = file;
	spin_unlock(&files->file_lock);
}

static struct file *__fget(unsigned int fd, fmode_t mask)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	if (!files)
		return NULL;
	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds)
		f = files->fdt.fd[fd];
	if (f && (f->f_mode & mask))
		f = NULL;
	if (f)
		get_file(f);
	spin_unlock(&files->file_lock);
	return f;
}

/* The file behind @fd, referenced (fput it), or NULL. O_PATH files are
 * not returned: they allow no I/O. */
struct file *fget(unsigned int fd)
{
	return __fget(fd, FMODE_PATH);
}

struct file *fget_raw(unsigned int fd)
{
	return __fget(fd, 0);
}

/* Takes @fd out of @files. Return: its file (the table's reference) or NULL. */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *f = NULL;

	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds) {
		f = files->fdt.fd[fd];
		if (f) {
			files->fdt.fd[fd] = NULL;
			fd_set_bit(files->fdt.close_on_exec, fd, false);
			__put_unused_fd(files, fd);
		}
	}
	spin_unlock(&files->file_lock);
	return f;
}

int close_fd(unsigned int fd)
{
	struct file *f;

	if (!current->files)
		return -EBADF;
	f = pick_file(current->files, fd);
	if (!f)
		return -EBADF;
	return filp_close(f);
}

/**
 * replace_fd - make @fd refer to @file, closing what it held (dup2)
 * @fd: the target descriptor
 * @file: the file (the caller keeps its reference; the table takes one)
 * @flags: O_CLOEXEC or 0
 *
 * Return: @fd, -EBADF if @fd is out of range, -EMFILE, -ENOMEM, or -EBUSY
 * if @fd is reserved but not yet installed (as Linux).
 */
int replace_fd(unsigned int fd, struct file *file, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *old;
	int err;

	if (fd >= NR_OPEN_MAX)
		return -EBADF;
	spin_lock(&files->file_lock);
	while ((err = expand_files(files, fd)) > 0)
		;
	if (err < 0)
		goto out;
	old = files->fdt.fd[fd];
	if (!old && fd_test(files->fdt.open_fds, fd)) {
		err = -EBUSY;
		goto out;
	}
	files->fdt.fd[fd] = get_file(file);
	fd_set_bit(files->fdt.open_fds, fd, true);
	fd_set_bit(files->fdt.close_on_exec, fd, flags & O_CLOEXEC);
	spin_unlock(&files->file_lock);
	if (old)
		filp_close(old);
	return fd;
out:
	spin_unlock(&files->file_lock);
	return err;
}

/* F_DUPFD: the lowest free fd >= @from pointing at @file. */
int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	int fd;

	if (from >= NR_OPEN_MAX)
		return -EINVAL;
	fd = alloc_fd(current->files, from, flags);
	if (fd >= 0)
		fd_install(fd, get_file(file));
	return fd;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;
	bool res;

	spin_lock(&files->file_lock);
	res = fd < files->fdt.max_fds && fd_test(files->fdt.close_on_exec, fd);
	spin_unlock(&files->file_lock);
	return res;
}

void set_close_on_exec(unsigned int fd, int flag)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds && files->fdt.fd[fd])
		fd_set_bit(files->fdt.close_on_exec, fd, flag);
	spin_unlock(&files->file_lock);
}

/* Copies @old's arrays into @new (already as large). Caller: old's lock. */
static void copy_fd_arrays(struct files_struct *new, struct files_struct *old)
{
	unsigned int n = old->fdt.max_fds;

	for (unsigned int i = 0; i < n; i++) {
		struct file *f = old->fdt.fd[i];

		new->fdt.fd[i] = f ? get_file(f) : NULL;
		/* A reserved, not yet installed fd is not copied (as Linux). */
		fd_set_bit(new->fdt.open_fds, i, f != NULL);
		fd_set_bit(new->fdt.close_on_exec, i,
			   f && fd_test(old->fdt.close_on_exec, i));
	}
}

struct files_struct *dup_fd(struct files_struct *old, int *errorp)
{
	struct files_struct *new = kzalloc(sizeof(*new), GFP_KERNEL);
	int err;

	*errorp = -ENOMEM;
	if (!new)
		return NULL;
	init_fdt(new);
	spin_lock(&old->file_lock);
	/* Grow the copy until it is as large as @old (which may grow meanwhile). */
	while (new->fdt.max_fds < old->fdt.max_fds) {
		unsigned int want = old->fdt.max_fds - 1;

		spin_unlock(&old->file_lock);
		spin_lock(&new->file_lock);
		err = expand_files(new, want);
		spin_unlock(&new->file_lock);
		spin_lock(&old->file_lock);
		if (err < 0) {
			spin_unlock(&old->file_lock);
			put_files_struct(new);
			*errorp = err;
			return NULL;
		}
	}
	copy_fd_arrays(new, old);
	spin_unlock(&old->file_lock);
	*errorp = 0;
	return new;
}

static void close_files(struct files_struct *files)
{
	for (unsigned int i = 0; i < files->fdt.max_fds; i++) {
		struct file *f = files->fdt.fd[i];

		if (f) {
			files->fdt.fd[i] = NULL;
			filp_close(f);
		}
	}
}

void put_files_struct(struct files_struct *files)
{
	bool last;

	spin_lock(&files->file_lock);
	last = --files->count == 0;
	spin_unlock(&files->file_lock);
	if (!last || files == &init_files)
		return;
	close_files(files);
	free_fdt_arrays(files);
	kfree(files);
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (!files)
		return;
	tsk->files = NULL;
	put_files_struct(files);
}

/**
 * copy_files - give a new task its descriptor table (called by copy_process)
 * @clone_flags: CLONE_FILES shares the parent's table
 * @tsk: the new task
 *
 * A parent without a table (an early kernel thread) gives none.
 * Return: 0 or -ENOMEM.
 */
int copy_files(unsigned long clone_flags, struct task_struct *tsk)
{
	struct files_struct *old = current->files;
	int err;

	tsk->files = NULL;
	if (!old)
		return 0;
	if (clone_flags & CLONE_FILES) {
		spin_lock(&old->file_lock);
		old->count++;
		spin_unlock(&old->file_lock);
		tsk->files = old;
		return 0;
	}
	tsk->files = dup_fd(old, &err);
	return err;
}

int unshare_files(void)
{
	struct files_struct *old = current->files, *copy;
	int err;

	if (!old || (old->count == 1 && old != &init_files))
		return 0;
	copy = dup_fd(old, &err);
	if (!copy)
		return err;
	current->files = copy;
	put_files_struct(old);
	return 0;
}

/**
 * do_close_on_exec - close every close-on-exec descriptor (execve)
 * @files: the exec'ing task's table (unshared first with unshare_files)
 */
void do_close_on_exec(struct files_struct *files)
{
	spin_lock(&files->file_lock);
	for (unsigned int fd = 0; fd < files->fdt.max_fds; fd++) {
		struct file *f = files->fdt.fd[fd];

		if (!f || !fd_test(files->fdt.close_on_exec, fd))
			continue;
		files->fdt.fd[fd] = NULL;
		fd_set_bit(files->fdt.close_on_exec, fd, false);
		__put_unused_fd(files, fd);
		spin_unlock(&files->file_lock);
		filp_close(f);
		spin_lock(&files->file_lock);
	}
	spin_unlock(&files->file_lock);
}

/**
 * init_console_fds - open /dev/console as fds 0, 1 and 2 (console_on_rootfs)
 *
 * Gives current (init) its own descriptor table first if it shares
 * init_files with the kernel threads.
 * Return: 0 or -errno ("Warning: unable to open an initial console.").
 */
int init_console_fds(void)
{
	struct file *f;
	int err = unshare_files();

	if (!err && !current->files) {
		current->files = dup_fd(&init_files, &err);
	}
	if (err)
		return err;
	f = filp_open("/dev/console", O_RDWR, 0);
	if (IS_ERR(f)) {
		pr_err("Warning: unable to open an initial console.\n");
		return PTR_ERR(f);
	}
	for (unsigned int fd = 0; fd < 3; fd++) {
		err = replace_fd(fd, f, 0);
		if (err < 0)
			break;
		err = 0;
	}
	fput(f);
	return err;
}
