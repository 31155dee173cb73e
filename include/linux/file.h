/*
 * Descriptor-level file helpers, as Linux's include/linux/file.h:
 * taking a file from an fd (fget/fdget), handing out new descriptors
 * (get_unused_fd_flags + fd_install), closing (close_fd).
 */
#ifndef _LINUX_FILE_H
#define _LINUX_FILE_H

#include <linux/types.h>

struct file;

struct file *fget(unsigned int fd);
/* As fget, but an O_PATH file too (Linux's fget_raw). */
struct file *fget_raw(unsigned int fd);

/* Linux's struct fd: a file and whether fdput() must drop a reference. */
struct fd {
	struct file *file;
};

static inline struct fd fdget(unsigned int fd)
{
	return (struct fd){ fget(fd) };
}

void fput(struct file *f);

static inline void fdput(struct fd f)
{
	if (f.file)
		fput(f.file);
}

/* Reserves the lowest free descriptor. @flags: O_CLOEXEC or 0.
 * Return: the fd, or -EMFILE. */
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
/* Makes reserved @fd point at @file (the caller's reference moves in). */
void fd_install(unsigned int fd, struct file *file);
/* Closes @fd. Return: 0 or -EBADF. */
int close_fd(unsigned int fd);
/* dup2 semantics on current's table. Return: @newfd or -errno. */
int replace_fd(unsigned int fd, struct file *file, unsigned int flags);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, int flag);
int f_dupfd(unsigned int from, struct file *file, unsigned int flags);

#endif
