/*
 * dup, dup2, dup3, fcntl and ioctl's generic part, as Linux's fs/fcntl.c,
 * fs/file.c (dup*) and fs/ioctl.c. Record locks (F_GETLK/F_SETLK) are
 * accepted and grant everything: one user, no contention to arbitrate.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "internal.h"

#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIOASYNC	0x5452

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	struct file *f;
	int ret;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= NR_OPEN_MAX)
		return -EBADF;
	f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	ret = replace_fd(newfd, f, flags);
	fput(f);
	return ret;
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget_raw(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *f = fget_raw(fildes);
	int fd;

	if (!f)
		return -EBADF;
	fd = f_dupfd(0, f, 0);
	fput(f);
	return fd;
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME | FASYNC)

static long setfl(struct file *f, unsigned long arg)
{
	/* Linux refuses to drop O_APPEND only on append-only inodes: none here. */
	f->f_flags = (arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
	return 0;
}

static long do_lock(struct file *f, unsigned int cmd, struct flock __user *ufl)
{
	struct flock fl;

	if (copy_from_user(&fl, ufl, sizeof(fl)))
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK)
		return -EINVAL;
	if (cmd == F_GETLK) {
		fl.l_type = F_UNLCK;	/* nobody else holds a lock */
		return copy_to_user(ufl, &fl, sizeof(fl)) ? -EFAULT : 0;
	}
	return 0;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	long err = -EINVAL;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		err = f_dupfd(arg, f, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		break;
	case F_GETFD:
		err = get_close_on_exec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		err = 0;
		break;
	case F_GETFL:
		err = f->f_flags;
		break;
	case F_SETFL:
		err = (f->f_mode & FMODE_PATH) ? -EBADF : setfl(f, arg);
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		err = (f->f_mode & FMODE_PATH) ? -EBADF :
		      do_lock(f, cmd, (struct flock __user *)arg);
		break;
	case F_GETOWN:
		err = 0;
		break;
	case F_SETOWN:
		err = 0;
		break;
	}
	fput(f);
	return err;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long err;
	int on;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		set_close_on_exec(fd, cmd == FIOCLEX);
		err = 0;
		break;
	case FIONBIO:
		err = get_user(on, (int __user *)arg);
		if (!err)
			f->f_flags = on ? f->f_flags | O_NONBLOCK : f->f_flags & ~O_NONBLOCK;
		break;
	default:
		err = f->f_op->unlocked_ioctl ? f->f_op->unlocked_ioctl(f, cmd, arg) : -ENOTTY;
		break;
	}
	fput(f);
	return err;
}
