/*
 * Declarations shared inside kernel/fs/ (Linux's fs/internal.h).
 */
#ifndef _FS_INTERNAL_H
#define _FS_INTERNAL_H

#include <linux/fs.h>
#include <linux/namei.h>
#include <asm/page.h>

struct filename;
struct open_flags {
	int open_flag;
	umode_t mode;
	int acc_mode;	/* MAY_* wanted */
	int lookup_flags;
};

/* namei.c */
struct file *do_filp_open(int dfd, struct filename *pathname,
			  const struct open_flags *op);
struct file *do_file_open_root(const struct path *root, const char *name,
			       const struct open_flags *op);
int build_open_flags(int flags, umode_t mode, struct open_flags *op);
int do_rmdir(int dfd, struct filename *name);
int do_unlinkat(int dfd, struct filename *name);
int do_mkdirat(int dfd, struct filename *name, umode_t mode);
int do_mknodat(int dfd, struct filename *name, umode_t mode, unsigned int dev);
int do_symlinkat(struct filename *from, int newdfd, struct filename *to);
int do_linkat(int olddfd, struct filename *old, int newdfd,
	      struct filename *new, int flags);
int do_renameat2(int olddfd, struct filename *from, int newdfd,
		 struct filename *to, unsigned int flags);
/* kernel_path_at for kernel strings (init_* helpers). */
int kern_path_at(int dfd, const char *name, unsigned int flags, struct path *path);

/* open.c */
struct file *do_dentry_open(const struct path *path, int flags,
			    const struct open_flags *op);
int vfs_open_checks(struct inode *inode, int flag);
long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode);
int chmod_common(const struct path *path, umode_t mode);
int chown_common(const struct path *path, u32 user, u32 group);

/* d_path.c: @path's name seen from @root, written at @buf's end. */
char *d_path_buf(const struct path *path, const struct path *root, char *buf, int len);

/* file_table.c */
struct file *alloc_empty_file(int flags);

/* super.c */
void get_super_active(struct super_block *sb);
struct seq_file;
int filesystems_proc_show(struct seq_file *m, void *v);

/* namespace.c */
int mounts_proc_show(struct seq_file *m, void *v);
void init_mount_tree(void);
void rootfs_init(void);

/* ramfs */
extern struct file_system_type ramfs_fs_type;
int ramfs_fill_super(struct super_block *sb);
struct inode *ramfs_get_inode(struct super_block *sb, const struct inode *dir,
			      umode_t mode, dev_t dev);

/* char_dev.c, mem_devices.c, pipe.c */
int chrdev_init(void);
int pipe_fifo_open(struct inode *inode, struct file *filp);
__poll_t pipe_poll(struct file *filp, struct poll_table_struct *wait);

/* readdir.c: the entries of a directory file, from the kernel. */
int kernel_getdents(struct file *f, bool (*actor)(void *arg, const char *name,
						  int len, u64 ino,
						  unsigned int type),
		    void *arg);

#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4

#endif
