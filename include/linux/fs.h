/*
 * The virtual file system's objects, as Linux's include/linux/fs.h:
 * an inode is a file (its type, size, operations), a dentry a name for
 * it in a directory (include/linux/dcache.h), a file an open instance
 * (position, flags), a super_block a mounted file system. File systems
 * (ramfs, devtmpfs, procfs, pipefs) fill in the operations; kernel/fs/
 * holds the generic code (path walk, open, read, write, the fd table).
 *
 * Only the fields Spindle uses are here, under Linux's names.
 * Locks: an inode's i_rwsem serialises changes to it (a directory's
 * entries, a file's data and size); i_count and f_count are atomic.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/path.h>
#include <linux/dcache.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/stat.h>

typedef long long loff_t;
typedef unsigned short umode_t;
typedef unsigned int fmode_t;
typedef u32 dev_t;
typedef unsigned int __poll_t;

#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))

/* The user-space encoding of a dev_t (include/linux/kdev_t.h). */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

/* file->f_mode */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_PREAD	0x8
#define FMODE_PWRITE	0x10
#define FMODE_EXEC	0x20
#define FMODE_PATH	0x4000		/* O_PATH: no I/O */

/* Linux caps one read or write at a page below 2 GiB (MAX_RW_COUNT). */
#define MAX_RW_COUNT (0x7ffff000L)
#define MAX_LFS_FILESIZE ((loff_t)0x7fffffffffffffffLL)
#define NAME_MAX 255
#define PATH_MAX 4096
#define MAXSYMLINKS 40

/* The mode bits of a directory entry's type (fs_umode_to_dtype). */
#define fs_umode_to_dtype(mode) ((unsigned char)(((mode) & S_IFMT) >> 12))

struct inode;
struct file;
struct super_block;
struct poll_table_struct;
struct vm_area_struct;
struct kstat;
struct kstatfs;
struct pipe_inode_info;
struct file_system_type;
struct kiocb;
struct iov_iter;

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

/* getdents: the file system calls dir_emit() for each entry from ctx->pos. */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *, const char *, int, loff_t,
			  u64, unsigned int);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, int len,
			    u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, len, ctx->pos, ino, type);
}

struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	/* The same through an iterator (user or kernel buffer); kernel_read()
	 * and kernel_write() need these, as in Linux. */
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	/* getdents64: emit entries through dir_emit() from ctx->pos on. */
	int (*iterate_shared)(struct file *, struct dir_context *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int);
};

/* setattr(): what changes (struct iattr, ATTR_* as Linux). */
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	u32 ia_uid, ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

struct inode_operations {
	struct dentry *(*lookup)(struct inode *, struct dentry *, unsigned int);
	int (*create)(struct inode *, struct dentry *, umode_t, bool);
	int (*link)(struct dentry *, struct inode *, struct dentry *);
	int (*unlink)(struct inode *, struct dentry *);
	int (*symlink)(struct inode *, struct dentry *, const char *);
	int (*mkdir)(struct inode *, struct dentry *, umode_t);
	int (*rmdir)(struct inode *, struct dentry *);
	int (*mknod)(struct inode *, struct dentry *, umode_t, dev_t);
	int (*rename)(struct inode *, struct dentry *, struct inode *,
		      struct dentry *, unsigned int);
	const char *(*get_link)(struct dentry *, struct inode *);
	/* Applies @attr (after setattr_prepare-like checks by the VFS). */
	int (*setattr)(struct dentry *, struct iattr *);
};

struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	u32 i_uid, i_gid;
	unsigned long i_ino;
	dev_t i_rdev;			/* a device node's device */
	loff_t i_size;
	u64 i_blocks;			/* 512-byte units in use */
	struct timespec64 i_atime, i_mtime, i_ctime;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct list_head i_sb_list;	/* on i_sb->s_inodes */
	void *i_private;		/* the file system's own data */
	char *i_link;			/* a symlink's target, if kept here */
	int i_count;			/* references (ihold/iput) */
	struct mutex i_rwsem;		/* Linux's rw_semaphore: serialises changes */
	struct pipe_inode_info *i_pipe;	/* a FIFO's or pipe's buffer */
};

struct super_operations {
	/* The last reference to @inode is gone: free what the fs keeps. */
	void (*evict_inode)(struct inode *);
	int (*statfs)(struct dentry *, struct kstatfs *);
};

struct super_block {
	struct list_head s_list;	/* every super_block */
	dev_t s_dev;			/* st_dev of its files */
	unsigned long s_blocksize;
	unsigned long s_magic;
	unsigned long s_flags;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	struct list_head s_inodes;	/* under sb_inode_lock */
	int s_active;			/* mounts using it */
	void *s_fs_info;
};

#define FS_REQUIRES_DEV 1
#define FS_SINGLE 0x10000	/* Spindle: one super_block for every mount */

struct file_system_type {
	const char *name;
	int fs_flags;
	/* Returns the root dentry of a (new or shared) super_block. */
	struct dentry *(*mount)(struct file_system_type *, int flags,
				const char *dev_name, void *data);
	void (*kill_sb)(struct super_block *);
	struct file_system_type *next;
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	struct path f_path;		/* the mount and dentry it was opened by */
	loff_t f_pos;
	unsigned int f_flags;		/* O_* from open() */
	fmode_t f_mode;			/* FMODE_* */
	long f_count;			/* references (fds, mappings) */
	struct mutex f_pos_lock;
	void *private_data;
};

struct kstat {
	u32 result_mask;
	umode_t mode;
	unsigned int nlink;
	u32 blksize;
	u64 ino;
	dev_t dev, rdev;
	u32 uid, gid;
	loff_t size;
	struct timespec64 atime, mtime, ctime;
	u64 blocks;
};

struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	long f_namelen;
	long f_frsize;
	long f_flags;
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline unsigned int iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}

static inline unsigned int imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}

/* Inodes (kernel/fs/inode.c). */
struct inode *new_inode(struct super_block *sb);
void ihold(struct inode *inode);
void iput(struct inode *inode);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
struct timespec64 current_time(struct inode *inode);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void clear_nlink(struct inode *inode);
void set_nlink(struct inode *inode, unsigned int nlink);
unsigned long get_next_ino(void);
/* Exec needs an x bit (root included, as Linux). Return: 0 or -EACCES. */
int inode_permission_exec(struct inode *inode);

/* Super blocks and file system types (kernel/fs/super.c, filesystems.c). */
struct super_block *sget_anon(struct file_system_type *type);
void deactivate_super(struct super_block *sb);
void kill_litter_super(struct super_block *sb);
int register_filesystem(struct file_system_type *fs);
int unregister_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);

/* Files: references, opening from the kernel, reading into the kernel. */
struct file *get_file(struct file *f);
void fput(struct file *f);
struct file *alloc_file(const struct path *path, int flags,
			const struct file_operations *fop);
/* Opens @name (absolute or from current's cwd). Return: a file or ERR_PTR. */
struct file *filp_open(const char *name, int flags, umode_t mode);
struct file *file_open_root(const struct path *root, const char *name,
			    int flags, umode_t mode);
int filp_close(struct file *f);
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);
ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *f, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);
loff_t no_llseek(struct file *f, loff_t offset, int whence);
int iterate_dir(struct file *f, struct dir_context *ctx);
int vfs_getattr(const struct path *path, struct kstat *stat);
int vfs_truncate(const struct path *path, loff_t length);
int do_truncate(struct dentry *dentry, loff_t length);
int notify_change(struct dentry *dentry, struct iattr *attr);
int vfs_statfs(const struct path *path, struct kstatfs *buf);
int nonseekable_open(struct inode *inode, struct file *f);

/* Namespace operations on a resolved parent (kernel/fs/namei.c). */
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target);
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new_dentry);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);

/* Kernel-side path operations (what the syscalls and initramfs use). */
int kern_path(const char *name, unsigned int flags, struct path *path);
int init_mkdir(const char *name, umode_t mode);
int init_mknod(const char *name, umode_t mode, dev_t dev);
int init_symlink(const char *target, const char *linkpath);
int init_link(const char *oldname, const char *newname);
int init_unlink(const char *name);
int init_rmdir(const char *name);
int init_chmod(const char *name, umode_t mode);
int init_chown(const char *name, u32 uid, u32 gid);
int init_utimes(const char *name, struct timespec64 *ts);
int init_rename(const char *oldname, const char *newname);
int init_chdir(const char *name);

/* Character devices: @fops serves every minor of @major; its open may
 * switch file->f_op by minor. Return: 0 or -EBUSY. */
int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops);
void unregister_chrdev(unsigned int major, const char *name);
int chrdev_open(struct inode *inode, struct file *filp);
extern const struct file_operations def_chr_fops;

/* Pipes and FIFOs (kernel/fs/pipe.c). */
extern const struct file_operations pipefifo_fops;
int create_pipe_files(struct file **res, int flags);
void free_pipe_info(struct pipe_inode_info *pipe);

/* Simple file systems' helpers (kernel/fs/libfs.c). */
extern const struct file_operations simple_dir_operations;
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry,
			     unsigned int flags);
int dcache_readdir(struct file *f, struct dir_context *ctx);
int simple_statfs(struct dentry *dentry, struct kstatfs *buf);
const char *simple_get_link(struct dentry *dentry, struct inode *inode);
int simple_empty(struct dentry *dentry);
int simple_link(struct dentry *old, struct inode *dir, struct dentry *dentry);
int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_rename(struct inode *old_dir, struct dentry *old_dentry,
		  struct inode *new_dir, struct dentry *new_dentry,
		  unsigned int flags);
int simple_setattr(struct dentry *dentry, struct iattr *attr);
/* Kernel-built trees (sysfs, debugfs, tracefs), libfs.c. */
struct super_block *simple_tree_super(struct file_system_type *type,
				      unsigned long magic);
struct dentry *simple_tree_mount(struct super_block *sb);
struct dentry *simple_tree_create(struct dentry *parent, const char *name,
				  umode_t mode, const struct file_operations *fops,
				  void *data);
void simple_tree_remove(struct dentry *d);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
int simple_open(struct inode *inode, struct file *file);

/* The boot: the dentry/inode caches, the root mount (kernel/fs/namespace.c). */
void vfs_caches_init(void);

#endif
