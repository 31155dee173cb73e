/*
 * procfs internals, as Linux's fs/proc/internal.h: the entry tree of
 * fixed files (struct proc_dir_entry), the per-inode data, and the
 * per-process files' table.
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/list.h>
#include "../internal.h"

struct task_struct;
struct mm_struct;

#define PROC_SUPER_MAGIC 0x9fa0
#define PROC_ROOT_INO 1

/* A fixed /proc entry: a file (show or seq_ops), a directory, a symlink. */
struct proc_dir_entry {
	const char *name;
	unsigned int namelen;
	umode_t mode;
	unsigned long low_ino;		/* its inode number, fixed for life */
	int (*single_show)(struct seq_file *, void *);
	bool is_single;			/* opened with single_open(), for life */
	const struct seq_operations *seq_ops;
	const char *link;		/* a symlink's target */
	void *data;
	struct proc_dir_entry *parent;
	struct list_head subdir;	/* children, if a directory */
	struct list_head subdir_node;	/* in the parent's subdir */
};

extern struct proc_dir_entry proc_root;

/*
 * A per-process file: its name, mode and what it is. Files print with
 * @show; directories (fd/) and symlinks (exe, cwd) have their own
 * operations (base.c).
 */
struct pid_entry {
	const char *name;
	umode_t mode;
	int (*show)(struct seq_file *m, struct task_struct *task);
	const struct inode_operations *iop;
	const struct file_operations *fop;
	/* Symlinks: the target's text, kmalloc'ed; NULL with *err set. */
	char *(*link)(struct task_struct *task, int *err);
};

/*
 * What a procfs inode is (inode->i_private): a fixed entry, or a
 * per-process one with the task it shows (a reference held until the
 * inode goes: the task may be dead by then, see proc_get_task()).
 */
struct proc_inode {
	struct proc_dir_entry *pde;
	struct task_struct *task;
	const struct pid_entry *entry;
	int fd;				/* fd/N: N */
};

static inline struct proc_inode *PROC_I(const struct inode *inode)
{
	return inode->i_private;
}

/* inode.c */
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *pde);
struct inode *proc_pid_make_inode(struct super_block *sb, struct task_struct *task,
				  umode_t mode);
extern const struct super_operations proc_sops;
extern const struct file_operations proc_reg_file_ops;
extern const struct inode_operations proc_file_inode_operations;

/* generic.c: the fixed entries. */
struct proc_dir_entry *pde_lookup(struct proc_dir_entry *dir, const char *name,
				  unsigned int len);
/* Emits @dir's fixed entries from ctx->pos - @first on. false: the reader is full. */
bool proc_readdir_de(struct proc_dir_entry *dir, struct dir_context *ctx, loff_t first);
struct dentry *proc_lookup_de(struct inode *dir, struct dentry *dentry,
			      struct proc_dir_entry *de);
extern const struct inode_operations proc_dir_inode_operations;
extern const struct file_operations proc_dir_operations;

/* root.c and base.c: the root directory's PID entries. */
struct dentry *proc_pid_lookup(struct dentry *dentry, unsigned int flags);
int proc_pid_readdir(struct file *file, struct dir_context *ctx);
/* The task @inode shows, referenced, or NULL if it is gone (reaped). */
struct task_struct *proc_get_task(const struct inode *inode);
/* A dentry that no later lookup finds: a symlink whose text is for this
 * walker (/proc/self) or may change (exe, cwd). */
void proc_private_dentry(struct dentry *dentry, struct inode *inode);
const char *proc_get_link(struct dentry *dentry, struct inode *inode);
extern const struct inode_operations proc_link_inode_operations;

/* The per-process shows (array.c, base.c, task_mmu.c). */
int proc_pid_stat(struct seq_file *m, struct task_struct *task);
int proc_pid_status(struct seq_file *m, struct task_struct *task);
int proc_pid_statm(struct seq_file *m, struct task_struct *task);
int proc_pid_comm(struct seq_file *m, struct task_struct *task);
int proc_pid_cmdline(struct seq_file *m, struct task_struct *task);
int proc_pid_environ(struct seq_file *m, struct task_struct *task);
int proc_pid_auxv(struct seq_file *m, struct task_struct *task);
int proc_pid_maps(struct seq_file *m, struct task_struct *task);
int proc_pid_limits(struct seq_file *m, struct task_struct *task);
int proc_pid_wchan(struct seq_file *m, struct task_struct *task);

/* array.c */
#define USER_HZ 100	/* the unit of times in /proc, Linux's clock_t */
u64 nsec_to_clock_t(u64 ns);
const char *proc_task_state(const struct task_struct *p);
void proc_print_cpu_list(struct seq_file *m, unsigned long mask);

/* stat.c, uptime.c */
u64 proc_boot_time_sec(void);
int uptime_proc_show(struct seq_file *m, void *v);
int loadavg_proc_show(struct seq_file *m, void *v);

/* fd.c: /proc/PID/fd/ */
extern const struct inode_operations proc_fd_inode_operations;
extern const struct file_operations proc_fd_operations;
/* The path of @f as seen from the caller's root, kmalloc'ed, or NULL. */
char *proc_file_path(struct file *f, const struct path *p);


/* task_mmu.c: @task's mm with a user reference (mmput), or NULL. */
struct mm_struct *proc_task_mm(struct task_struct *task);

#endif
