/*
 * The mount tree, as Linux's fs/namespace.c (one namespace): the rootfs
 * ramfs is mounted first as "/" (init_mount_tree); mount() attaches a
 * file system's root over a directory, umount() takes it off when nothing
 * uses it. A path walk crosses mounts with follow_mount()/follow_up().
 * Lock: mount_lock (a spinlock) guards the list, the links and counts;
 * namespace_sem (a mutex) serialises mount and umount.
 */
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <uapi/linux/statfs.h>
#include <linux/seq_file.h>
#include "mount.h"
#include "internal.h"

DEFINE_SPINLOCK(mount_lock);
static DEFINE_MUTEX(namespace_sem);
static LIST_HEAD(mount_list);
static struct mount *root_mount;

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt) {
		spin_lock(&mount_lock);
		real_mount(mnt)->mnt_count++;
		spin_unlock(&mount_lock);
	}
	return mnt;
}

/* The tree itself holds one reference on every attached mount, so the
 * last mntput() only happens after umount detached it. */
void mntput(struct vfsmount *mnt)
{
	struct mount *m;
	bool last;

	if (!mnt)
		return;
	m = real_mount(mnt);
	spin_lock(&mount_lock);
	WARN_ON(m->mnt_count <= 0);
	last = --m->mnt_count == 0;
	spin_unlock(&mount_lock);
	if (!last)
		return;
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kfree(m);
}

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

/**
 * vfs_kern_mount - make a mount of a new (or shared) super_block
 * @type: the file system type
 * @flags: MS_* flags (mostly ignored)
 * @name: the source name shown in /proc/mounts
 * @data: options for the file system
 *
 * Return: an unattached mount (one reference) or ERR_PTR.
 */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data)
{
	struct mount *m = kzalloc(sizeof(*m), GFP_KERNEL);
	struct dentry *root;

	if (!m)
		return ERR_PTR(-ENOMEM);
	root = type->mount(type, flags, name, data);
	if (IS_ERR(root)) {
		kfree(m);
		return ERR_PTR(PTR_ERR(root));
	}
	m->mnt.mnt_root = root;
	m->mnt.mnt_sb = root->d_sb;
	m->mnt_count = 1;
	m->mnt_parent = m;
	m->mnt_mountpoint = root;
	INIT_LIST_HEAD(&m->mnt_list);
	strscpy(m->mnt_devname, name ? name : type->name, sizeof(m->mnt_devname));
	return &m->mnt;
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct mount *m, *found = NULL;

	if (!d_mountpoint(path->dentry))
		return NULL;
	spin_lock(&mount_lock);
	/* The newest mount on a place wins: mount_list is newest first. */
	list_for_each_entry(m, &mount_list, mnt_list) {
		if (m != m->mnt_parent && &m->mnt_parent->mnt == path->mnt &&
		    m->mnt_mountpoint == path->dentry) {
			m->mnt_count++;
			found = m;
			break;
		}
	}
	spin_unlock(&mount_lock);
	return found ? &found->mnt : NULL;
}

void follow_mount(struct path *path)
{
	struct vfsmount *mounted;

	while ((mounted = lookup_mnt(path))) {
		dput(path->dentry);
		mntput(path->mnt);
		path->mnt = mounted;
		path->dentry = dget(mounted->mnt_root);
	}
}

bool follow_up(struct path *path)
{
	struct mount *m = real_mount(path->mnt);
	struct mount *parent;
	struct dentry *mountpoint;

	spin_lock(&mount_lock);
	parent = m->mnt_parent;
	if (parent == m) {
		spin_unlock(&mount_lock);
		return false;
	}
	parent->mnt_count++;
	mountpoint = m->mnt_mountpoint;
	spin_unlock(&mount_lock);
	dget(mountpoint);
	dput(path->dentry);
	mntput(path->mnt);
	path->dentry = mountpoint;
	path->mnt = &parent->mnt;
	return true;
}

void get_root_path(struct path *path)
{
	path->mnt = mntget(&root_mount->mnt);
	path->dentry = dget(root_mount->mnt.mnt_root);
}

/* Attaches @mnt over @path (a directory); the tree keeps @mnt's reference. */
static int attach_mnt(struct vfsmount *mnt, const struct path *path)
{
	struct mount *m = real_mount(mnt);

	if (!S_ISDIR(path->dentry->d_inode->i_mode))
		return -ENOTDIR;
	if (d_unhashed(path->dentry) && !IS_ROOT(path->dentry))
		return -ENOENT;
	path_get(path);		/* held by the mount until it is detached */
	spin_lock(&mount_lock);
	m->mnt_parent = real_mount(path->mnt);
	m->mnt_mountpoint = path->dentry;
	path->dentry->d_mounted++;
	list_add(&m->mnt_list, &mount_list);
	spin_unlock(&mount_lock);
	return 0;
}

/* The mount's source and type for /proc/mounts-like listings. */
void iterate_mounts_info(void (*fn)(void *arg, const char *source,
				    const char *type, const char *where),
			 void *arg)
{
	struct mount *m;

	/* Names only: where is the mount point's last component ("/" at top). */
	mutex_lock(&namespace_sem);
	list_for_each_entry(m, &mount_list, mnt_list)
		fn(arg, m->mnt_devname, m->mnt.mnt_sb->s_type->name,
		   m->mnt_mountpoint->d_name.name);
	mutex_unlock(&namespace_sem);
}

/**
 * mounts_proc_show - /proc/mounts: one line per mount, as fstab
 * @m: where
 * @v: unused
 *
 * Each line is "source mountpoint type rw 0 0" (Spindle has no mount
 * options to show), the mount point seen from the reader's root.
 * Return: 0 or -ENOMEM.
 */
int mounts_proc_show(struct seq_file *m, void *v)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path root;
	struct mount *mnt;

	if (!buf)
		return -ENOMEM;
	get_fs_root(current_fs(), &root);
	mutex_lock(&namespace_sem);
	list_for_each_entry_reverse(mnt, &mount_list, mnt_list) {
		struct path where = { .mnt = &mnt->mnt_parent->mnt,
				      .dentry = mnt->mnt_mountpoint };
		char *name;

		if (mnt->mnt_parent == mnt)
			where = (struct path){ .mnt = &mnt->mnt, .dentry = mnt->mnt.mnt_root };
		name = d_path_buf(&where, &root, buf, PATH_MAX);
		if (IS_ERR(name))
			continue;
		seq_printf(m, "%s %s %s rw 0 0\n", mnt->mnt_devname, name,
			   mnt->mnt.mnt_sb->s_type->name);
	}
	mutex_unlock(&namespace_sem);
	path_put(&root);
	kfree(buf);
	return 0;
}

/**
 * do_mount - mount a file system on a directory
 * @dev_name: the source (shown in listings; devices are not supported)
 * @dir_name: where, a kernel string resolved from current's cwd
 * @fstype: a registered type name
 * @flags: MS_* (MS_REMOUNT is accepted and does nothing; MS_BIND/MS_MOVE
 *	are not supported: -EINVAL)
 * @data: options for the file system
 *
 * Return: 0 or -errno.
 */
int do_mount(const char *dev_name, const char *dir_name, const char *fstype,
	     unsigned long flags, void *data)
{
	struct path path;
	int err = kern_path(dir_name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	err = path_mount(dev_name, &path, fstype, flags, data);
	path_put(&path);
	return err;
}

int path_mount(const char *dev_name, struct path *path, const char *fstype,
	       unsigned long flags, void *data)
{
	struct file_system_type *type;
	struct vfsmount *mnt;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_REMOUNT)
		return 0;
	if (flags & (MS_BIND | MS_MOVE))
		return -EINVAL;
	if (!fstype)
		return -EINVAL;
	type = get_fs_type(fstype);
	if (!type)
		return -ENODEV;
	mnt = vfs_kern_mount(type, flags, dev_name, data);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	mutex_lock(&namespace_sem);
	follow_mount(path);	/* mount on top of what is already there */
	err = attach_mnt(mnt, path);
	mutex_unlock(&namespace_sem);
	if (err)
		mntput(mnt);
	return err;
}

/**
 * path_umount - detach the mount whose root is @path
 * @path: the root of a mounted file system
 * @flags: MNT_DETACH: detach even if busy (lazy; users keep it alive)
 *
 * Return: 0, -EINVAL (not a mount root, or the root of the tree) or
 * -EBUSY (files, directories or mounts inside it are in use).
 */
int path_umount(struct path *path, int flags)
{
	struct mount *m = real_mount(path->mnt), *child;
	int busy = 0;

	if (path->dentry != path->mnt->mnt_root || m == root_mount)
		return -EINVAL;
	mutex_lock(&namespace_sem);
	spin_lock(&mount_lock);
	list_for_each_entry(child, &mount_list, mnt_list)
		if (child->mnt_parent == m && child != m)
			busy = 1;
	/* One reference is the tree's, one is the caller's @path. */
	if (m->mnt_count > 2 || busy) {
		if (!(flags & MNT_DETACH) || busy) {
			spin_unlock(&mount_lock);
			mutex_unlock(&namespace_sem);
			return -EBUSY;
		}
	}
	list_del_init(&m->mnt_list);
	m->mnt_mountpoint->d_mounted--;
	spin_unlock(&mount_lock);
	mutex_unlock(&namespace_sem);
	/* Drop what attach_mnt took: the mount point and the tree's reference. */
	dput(m->mnt_mountpoint);
	mntput(&m->mnt_parent->mnt);
	spin_lock(&mount_lock);
	m->mnt_parent = m;
	m->mnt_mountpoint = m->mnt.mnt_root;
	spin_unlock(&mount_lock);
	mntput(&m->mnt);
	return 0;
}

static int copy_mount_string(const char __user *data, char **where)
{
	char *buf;
	long len;

	*where = NULL;
	if (!data)
		return 0;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = strncpy_from_user(buf, data, PATH_MAX);
	if (len < 0 || len == PATH_MAX) {
		kfree(buf);
		return len < 0 ? (int)len : -ENAMETOOLONG;
	}
	*where = buf;
	return 0;
}

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name,
		char __user *, type, unsigned long, flags, void __user *, data)
{
	char *kdev, *ktype;
	struct path path;
	int err;

	err = copy_mount_string(type, &ktype);
	if (err)
		return err;
	err = copy_mount_string(dev_name, &kdev);
	if (err)
		goto out_type;
	err = user_path_at(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &path);
	if (err)
		goto out_dev;
	/* Options are ignored by every Spindle file system: not copied. */
	err = path_mount(kdev ? kdev : "none", &path, ktype, flags, NULL);
	path_put(&path);
out_dev:
	kfree(kdev);
out_type:
	kfree(ktype);
	return err;
}

/* umount2(2): Linux's x86-64 table names its entry sys_umount. */
SYSCALL_DEFINE2(umount, char __user *, name, int, flags)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (flags & UMOUNT_NOFOLLOW)
		lookup_flags = 0;
	err = user_path_at(AT_FDCWD, name, lookup_flags, &path);
	if (err)
		return err;
	err = path_umount(&path, flags);
	path_put(&path);
	return err;
}

/*
 * init_mount_tree - mount the rootfs (a ramfs) as "/" and make it the
 * root and working directory of init_fs, which the boot task and every
 * kernel thread share (Linux's init_mount_tree()).
 */
void init_mount_tree(void)
{
	struct vfsmount *mnt = vfs_kern_mount(&ramfs_fs_type, 0, "rootfs", NULL);
	struct path root;

	if (IS_ERR(mnt))
		panic("Can't create rootfs");
	root_mount = real_mount(mnt);
	list_add(&root_mount->mnt_list, &mount_list);
	root.mnt = mnt;
	root.dentry = mnt->mnt_root;
	set_fs_pwd(&init_fs, &root);
	set_fs_root(&init_fs, &root);
}
