/*
 * The module system calls, as in Linux's kernel/module/main.c:
 * init_module(image, len, args) loads a .ko from user memory (busybox
 * insmod), finit_module(fd, args, flags) from an open file (kmod's
 * insmod), delete_module(name, flags) removes one (rmmod). The kernel
 * console shell loads files through load_module_file().
 * Simplified: every user is root (no CAP_SYS_MODULE check), no forced
 * unload, and rmmod never waits for users to go (O_NONBLOCK is implied,
 * as in Linux since 3.13).
 * Lock rules: see main.c; nothing is held while exit runs.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/err.h>
#include <spindle/module.h>
#include "internal.h"

#define MODULE_ARGS_MAX 4096

/* The insmod line, copied (Linux's strndup_user()). */
static char *copy_args(const char __user *uargs)
{
	char *args = kmalloc(MODULE_ARGS_MAX, GFP_KERNEL);
	long n;

	if (!args)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(args, uargs, MODULE_ARGS_MAX);
	if (n < 0 || n == MODULE_ARGS_MAX) {
		kfree(args);
		return ERR_PTR(n < 0 ? -EFAULT : -E2BIG);
	}
	return args;
}

/* Loads the image in @info (vmalloc'd; freed here) with @args. */
static int load_image(struct load_info *info, char *args)
{
	int err = load_module(info, args);

	vfree(info->hdr);
	return err;
}

SYSCALL_DEFINE3(init_module, void __user *, umod, unsigned long, len,
		const char __user *, uargs)
{
	struct load_info info = { .len = len };
	char *args;

	if (len < sizeof(Elf64_Ehdr))
		return -ENOEXEC;
	if (len > MODULE_MAX_FILE_SIZE)
		return -EFBIG;
	args = copy_args(uargs);
	if (IS_ERR(args))
		return PTR_ERR(args);
	info.hdr = vmalloc(len);
	if (!info.hdr) {
		kfree(args);
		return -ENOMEM;
	}
	if (copy_from_user(info.hdr, umod, len)) {
		vfree(info.hdr);
		kfree(args);
		return -EFAULT;
	}
	return load_image(&info, args);
}

/* Reads a whole .ko from @f into vmalloc'd memory (kernel_read_file()). */
static int read_module_file(struct file *f, struct load_info *info)
{
	loff_t size = file_inode(f)->i_size, pos = 0;

	if (size < (loff_t)sizeof(Elf64_Ehdr))
		return -ENOEXEC;
	if (size > (loff_t)MODULE_MAX_FILE_SIZE)
		return -EFBIG;
	info->hdr = vmalloc(size);
	if (!info->hdr)
		return -ENOMEM;
	info->len = size;
	while (pos < size) {
		ssize_t n = kernel_read(f, (char *)info->hdr + pos, size - pos, &pos);

		if (n <= 0) {
			vfree(info->hdr);
			return n < 0 ? n : -EIO;
		}
	}
	return 0;
}

SYSCALL_DEFINE3(finit_module, int, fd, const char __user *, uargs, int, flags)
{
	struct load_info info = {};
	struct fd f;
	char *args;
	int err;

	if (flags)	/* MODULE_INIT_IGNORE_*: no versions to ignore */
		return -EINVAL;
	f = fdget(fd);
	if (!f.file)
		return -EBADF;
	err = read_module_file(f.file, &info);
	fdput(f);
	if (err)
		return err;
	args = copy_args(uargs);
	if (IS_ERR(args)) {
		vfree(info.hdr);
		return PTR_ERR(args);
	}
	return load_image(&info, args);
}

/**
 * load_module_file - load a .ko from a path (the kernel shell's insmod)
 * @path: the file
 * @params: the parameters, "a=1 b=x" ("" for none)
 *
 * Return: 0 or -errno, as init_module().
 */
int load_module_file(const char *path, const char *params)
{
	struct load_info info = {};
	struct file *f = filp_open(path, O_RDONLY, 0);
	size_t len = strlen(params) + 1;
	char *args;
	int err;

	if (IS_ERR(f))
		return PTR_ERR(f);
	err = read_module_file(f, &info);
	filp_close(f);
	if (err)
		return err;
	args = kmalloc(len, GFP_KERNEL);
	if (!args) {
		vfree(info.hdr);
		return -ENOMEM;
	}
	memcpy(args, params, len);
	return load_image(&info, args);
}

/**
 * delete_module_by_name - unload a module (rmmod)
 * @name: its name
 *
 * Runs the exit function (which may sleep: the seed module's waits in
 * kthread_stop() for its thread) and frees the module.
 * Return: 0; -ENOENT if not loaded; -EBUSY while it is loading or going,
 * or if it has an init but no exit function (it can never be removed);
 * -EWOULDBLOCK (EAGAIN) while try_module_get() users hold it, as Linux.
 */
int delete_module_by_name(const char *name)
{
	struct module *mod;
	int err = 0;

	mutex_lock(&module_mutex);
	mod = find_module(name);
	if (!mod)
		err = -ENOENT;
	else if (mod->state != MODULE_STATE_LIVE)
		err = -EBUSY;
	else if (mod->init && !mod->exit)
		err = -EBUSY;
	else if (!try_module_stop(mod))
		err = -EAGAIN;	/* Linux's EWOULDBLOCK */
	mutex_unlock(&module_mutex);
	if (err)
		return err;
	if (mod->exit)
		mod->exit();
	free_module(mod);
	return 0;
}

SYSCALL_DEFINE2(delete_module, const char __user *, name_user, unsigned int, flags)
{
	char name[MODULE_NAME_LEN];
	long n = strncpy_from_user(name, name_user, MODULE_NAME_LEN);

	if (n < 0)
		return -EFAULT;
	if (n == MODULE_NAME_LEN)
		return -ENOENT;		/* longer than any module's name */
	return delete_module_by_name(name);
}
