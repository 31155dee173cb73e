/*
 * Path operations for the kernel's own use at boot, as Linux's
 * fs/init.c: initramfs unpacking and devtmpfs use these with kernel
 * strings, resolved from current's root and working directory.
 */
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/namei.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/devtmpfs.h>
#include <linux/sysfs.h>
#include "internal.h"

int init_mkdir(const char *name, umode_t mode)
{
	return do_mkdirat(AT_FDCWD, getname_kernel(name), mode);
}

int init_mknod(const char *name, umode_t mode, dev_t dev)
{
	return do_mknodat(AT_FDCWD, getname_kernel(name), mode, new_encode_dev(dev));
}

int init_symlink(const char *target, const char *linkpath)
{
	return do_symlinkat(getname_kernel(target), AT_FDCWD, getname_kernel(linkpath));
}

int init_link(const char *oldname, const char *newname)
{
	return do_linkat(AT_FDCWD, getname_kernel(oldname), AT_FDCWD,
			 getname_kernel(newname), 0);
}

int init_unlink(const char *name)
{
	return do_unlinkat(AT_FDCWD, getname_kernel(name));
}

int init_rmdir(const char *name)
{
	return do_rmdir(AT_FDCWD, getname_kernel(name));
}

int init_rename(const char *oldname, const char *newname)
{
	return do_renameat2(AT_FDCWD, getname_kernel(oldname), AT_FDCWD,
			    getname_kernel(newname), 0);
}

static int init_setattr(const char *name, unsigned int follow, struct iattr *attr)
{
	struct path path;
	int err = kern_path(name, follow, &path);

	if (err)
		return err;
	err = notify_change(path.dentry, attr);
	path_put(&path);
	return err;
}

int init_chmod(const char *name, umode_t mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE, .ia_mode = mode };

	return init_setattr(name, LOOKUP_FOLLOW, &attr);
}

int init_chown(const char *name, u32 uid, u32 gid)
{
	struct iattr attr = { .ia_valid = ATTR_UID | ATTR_GID, .ia_uid = uid,
			      .ia_gid = gid };

	return init_setattr(name, 0, &attr);
}

int init_utimes(const char *name, struct timespec64 *ts)
{
	struct iattr attr = { .ia_valid = ATTR_ATIME | ATTR_MTIME,
			      .ia_atime = ts[0], .ia_mtime = ts[1] };

	return init_setattr(name, 0, &attr);
}

int init_chdir(const char *name)
{
	struct path path;
	int err = kern_path(name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_pwd(current_fs(), &path);
	path_put(&path);
	return 0;
}

/**
 * vfs_caches_init - bring the VFS up (Linux's vfs_caches_init + mnt_init)
 *
 * Registers ramfs/tmpfs, mounts the rootfs on "/", gives the boot task
 * init_fs and init_files (which kernel threads share), and creates
 * devtmpfs's super_block so drivers may add nodes from any initcall.
 * Context: start_kernel(), after the allocators, before rest_init().
 */
void vfs_caches_init(void)
{
	rootfs_init();
	init_mount_tree();
	current->fs = &init_fs;
	current->files = &init_files;
	devtmpfs_init();
	sysfs_init();
}
