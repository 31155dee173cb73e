/*
 * The virtual file system's objects, as Linux's include/linux/fs.h:
 * an inode is a file (its type, size, operations), a dentry a name for
 * it in a directory, a file an open instance (position, flags), a
 * super_block a mounted file system. File systems (ramfs, devtmpfs,
 * procfs, pipefs) fill in the operations; kernel/fs/ holds the generic
 * code (path walk, open, read, write, the descriptor table).
 *
 * Only the fields Spindle uses are here, under Linux's names.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>

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

/* file->f_mode */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_LSEEK 0x4
#define FMODE_PREAD 0x8
#define FMODE_EXEC 0x20

struct inode;
struct file;
struct dentry;
struct super_block;
struct poll_table_struct;
struct vm_area_struct;
struct dir_context;
struct kstat;
struct path;

struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	/* getdents64: emit entries through dir_emit() from ctx->pos on. */
	int (*iterate_shared)(struct file *, struct dir_context *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *);
	int (*release)(struct inode *, struct file *);
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
	int (*setattr)(struct dentry *, struct inode *, loff_t new_size);
};

struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	u32 i_uid, i_gid;
	unsigned long i_ino;
	dev_t i_rdev;			/* a device node's device */
	loff_t i_size;
	s64 i_atime, i_mtime, i_ctime;	/* seconds */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	void *i_private;		/* the file system's own data */
	int i_count;			/* references */
	struct mutex i_rwsem;		/* Linux's rw_semaphore: serialises changes */
	struct pipe_inode_info *i_pipe;	/* a FIFO's or pipe's buffer */
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	struct dentry *f_dentry;	/* Linux keeps a struct path */
	loff_t f_pos;
	unsigned int f_flags;		/* O_* from open() */
	fmode_t f_mode;			/* FMODE_* */
	long f_count;			/* references (fds, mappings) */
	struct mutex f_pos_lock;
	void *private_data;
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

/* Files: references, opening from the kernel, reading into the kernel. */
struct file *get_file(struct file *f);
void fput(struct file *f);
/* Opens @name (absolute or from current's cwd). Return: a file or ERR_PTR. */
struct file *filp_open(const char *name, int flags, umode_t mode);
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);

/* Character devices: @fops serves every minor of @major; its open may
 * switch file->f_op by minor. Return: 0 or -EBUSY. */
int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops);
void unregister_chrdev(unsigned int major, const char *name);

#endif
