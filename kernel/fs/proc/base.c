/*
 * The per-process directories, as Linux's fs/proc/base.c: /proc/PID is
 * made when a lookup asks for it (nothing is kept for tasks nobody looks
 * at), readdir of /proc lists every live task's PID (kernel threads and
 * zombies included, as Linux), and /proc/self names the reader.
 * An inode holds a reference to its task; every open and read checks
 * that the task still has its PID (proc_get_task), so the files of a
 * reaped task fail with -ESRCH as in Linux.
 * Simplified: one thread per process, so /proc/PID/task/ holds only
 * PID itself; everything is owned by root; no ptrace access checks.
 * Lock: tasklist_lock to find tasks; the VFS holds the directory's i_rwsem.
 */
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>
#include <uapi/linux/stat.h>
#include <uapi/linux/resource.h>
#include <uapi/linux/dirent.h>
#include <spindle/task.h>
#include <spindle/pid.h>
#include "internal.h"

/* readdir positions of /proc: fixed entries, then these, then PIDs. */
#define FIRST_PROCESS_ENTRY 256
#define TGID_OFFSET (FIRST_PROCESS_ENTRY + 2)

struct task_struct *proc_get_task(const struct inode *inode)
{
	struct task_struct *task = PROC_I(inode)->task;
	unsigned long flags;

	if (!task)
		return NULL;
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	if (find_task_by_pid(task->pid) == task)
		get_task_struct(task);
	else
		task = NULL;
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return task;
}

void proc_private_dentry(struct dentry *dentry, struct inode *inode)
{
	d_drop(dentry);		/* first: no lookup may find it shared */
	d_add(dentry, inode);
}

const char *proc_get_link(struct dentry *dentry, struct inode *inode)
{
	return inode->i_link ? inode->i_link : ERR_PTR(-ENOENT);
}

const struct inode_operations proc_link_inode_operations = {
	.get_link = proc_get_link,
};

/* A file of the table: one show, under a check that the task lives. */
static int proc_single_show(struct seq_file *m, void *v)
{
	struct inode *inode = m->private;
	struct task_struct *task = proc_get_task(inode);
	int err;

	if (!task)
		return -ESRCH;
	err = PROC_I(inode)->entry->show(m, task);
	put_task_struct(task);
	return err;
}

static int proc_single_open(struct inode *inode, struct file *file)
{
	return single_open(file, proc_single_show, inode);
}

/* comm is writable by the task itself, as Linux's comm_write(). */
static ssize_t proc_comm_write(struct file *file, const char __user *buf,
			       size_t count, loff_t *ppos)
{
	char name[TASK_COMM_LEN] = "";
	size_t len = min_t(size_t, count, sizeof(name) - 1);
	struct task_struct *task;

	if (copy_from_user(name, buf, len))
		return -EFAULT;
	name[len] = '\0';
	if (len && name[len - 1] == '\n')
		name[len - 1] = '\0';
	task = proc_get_task(file_inode(file));
	if (!task)
		return -ESRCH;
	if (task == current)
		set_task_comm(task, name);
	put_task_struct(task);
	return task == current ? (ssize_t)count : -EINVAL;
}

static const struct file_operations proc_single_file_operations = {
	.open = proc_single_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct file_operations proc_comm_operations = {
	.open = proc_single_open,
	.read_iter = seq_read_iter,
	.write = proc_comm_write,
	.llseek = seq_lseek,
	.release = single_release,
};

int proc_pid_comm(struct seq_file *m, struct task_struct *task)
{
	char comm[TASK_COMM_LEN];

	seq_printf(m, "%s\n", get_task_comm(comm, task));
	return 0;
}

/* Linux's limits file: the RLIMIT_* table with names and units. */
static const char *const lnames[][2] = {
	{ "Max cpu time", "seconds" }, { "Max file size", "bytes" },
	{ "Max data size", "bytes" }, { "Max stack size", "bytes" },
	{ "Max core file size", "bytes" }, { "Max resident set", "bytes" },
	{ "Max processes", "processes" }, { "Max open files", "files" },
	{ "Max locked memory", "bytes" }, { "Max address space", "bytes" },
	{ "Max file locks", "locks" }, { "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" }, { "Max nice priority", "" },
	{ "Max realtime priority", "" }, { "Max realtime timeout", "us" },
};

static void limit_value(struct seq_file *m, unsigned long v)
{
	if (v == RLIM_INFINITY)
		seq_printf(m, "%-20s ", "unlimited");
	else
		seq_printf(m, "%-20lu ", v);
}

int proc_pid_limits(struct seq_file *m, struct task_struct *task)
{
	struct signal_struct *sig = READ_ONCE(task->signal);

	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit",
		   "Units");
	for (size_t i = 0; sig && i < ARRAY_SIZE(lnames); i++) {
		seq_printf(m, "%-25s ", lnames[i][0]);
		limit_value(m, READ_ONCE(sig->rlim[i].rlim_cur));
		limit_value(m, READ_ONCE(sig->rlim[i].rlim_max));
		seq_printf(m, "%-10s\n", lnames[i][1]);
	}
	return 0;
}

/* Spindle has one mount namespace: every process sees /proc/mounts. */
static int proc_pid_mounts(struct seq_file *m, struct task_struct *task)
{
	return mounts_proc_show(m, NULL);
}

/* Linux prints the function a task sleeps in; Spindle does not know it. */
int proc_pid_wchan(struct seq_file *m, struct task_struct *task)
{
	seq_putc(m, '0');
	return 0;
}

/* The path of @p as the reader sees it, kmalloc'ed; NULL on failure. */
static char *proc_path_text(const struct path *p)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *name, *text = NULL;
	struct path root;

	if (!buf)
		return NULL;
	get_fs_root(current_fs(), &root);
	name = d_path_buf(p, &root, buf, PATH_MAX);
	path_put(&root);
	if (!IS_ERR(name))
		text = kstrdup(name, GFP_KERNEL);
	kfree(buf);
	return text;
}

char *proc_file_path(struct file *f, const struct path *p)
{
	return proc_path_text(f ? &f->f_path : p);
}

/* cwd and root: from the task's fs_struct. Linux holds task_lock here;
 * Spindle has none, so a task exiting on another CPU meanwhile is the
 * one race left (see docs/processes.md). */
static char *proc_fs_link(struct task_struct *task, int *err, bool want_root)
{
	struct path p;
	char *text;

	if (!task->fs || (task->flags & PF_EXITING)) {
		*err = -ENOENT;
		return NULL;
	}
	if (want_root)
		get_fs_root(task->fs, &p);
	else
		get_fs_pwd(task->fs, &p);
	text = proc_path_text(&p);
	path_put(&p);
	*err = text ? 0 : -ENOMEM;
	return text;
}

static char *proc_cwd_link(struct task_struct *task, int *err)
{
	return proc_fs_link(task, err, false);
}

static char *proc_root_link(struct task_struct *task, int *err)
{
	return proc_fs_link(task, err, true);
}

/* exe: the file mapped at the program's code (Linux keeps mm->exe_file). */
static char *proc_exe_link(struct task_struct *task, int *err)
{
	struct mm_struct *mm = proc_task_mm(task);
	struct vm_area_struct *vma;
	char *text = NULL;

	*err = -ENOENT;
	if (!mm)
		return NULL;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, mm->start_code);
	if (vma && vma->vm_start <= mm->start_code && vma->vm_file) {
		text = proc_file_path(vma->vm_file, NULL);
		*err = text ? 0 : -ENOMEM;
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	return text;
}

/* "123" -> 123; -1 for anything else (leading zeros, signs, too big). */
static int name_to_pid(const struct qstr *name)
{
	int pid = 0;

	if (!name->len || name->len > 9 || (name->name[0] == '0' && name->len > 1))
		return -1;
	for (unsigned int i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return -1;
		pid = pid * 10 + (name->name[i] - '0');
	}
	return pid;
}

#define REG(NAME, MODE, SHOW) { .name = NAME, .mode = S_IFREG | (MODE), .show = SHOW }
#define LNK(NAME, LINK) { .name = NAME, .mode = S_IFLNK | 0777, .link = LINK }
#define DIR(NAME, MODE, IOP, FOP) \
	{ .name = NAME, .mode = S_IFDIR | (MODE), .iop = IOP, .fop = FOP }

static const struct inode_operations proc_task_inode_operations;
static const struct file_operations proc_task_operations;

/* /proc/PID's files, in Linux's readdir order (tgid_base_stuff). */
static const struct pid_entry tgid_base_stuff[] = {
	DIR("task", 0555, &proc_task_inode_operations, &proc_task_operations),
	DIR("fd", 0500, &proc_fd_inode_operations, &proc_fd_operations),
	REG("environ", 0400, proc_pid_environ),
	REG("auxv", 0400, proc_pid_auxv),
	REG("status", 0444, proc_pid_status),
	REG("limits", 0444, proc_pid_limits),
	{ .name = "comm", .mode = S_IFREG | 0644, .show = proc_pid_comm,
	  .fop = &proc_comm_operations },
	REG("cmdline", 0444, proc_pid_cmdline),
	REG("stat", 0444, proc_pid_stat),
	REG("statm", 0444, proc_pid_statm),
	REG("maps", 0444, proc_pid_maps),
	REG("mounts", 0444, proc_pid_mounts),
	LNK("cwd", proc_cwd_link),
	LNK("root", proc_root_link),
	LNK("exe", proc_exe_link),
	REG("wchan", 0444, proc_pid_wchan),
};

static const struct pid_entry *pid_entry_lookup(const struct qstr *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(tgid_base_stuff); i++) {
		const struct pid_entry *e = &tgid_base_stuff[i];

		if (strlen(e->name) == name->len && !memcmp(e->name, name->name, name->len))
			return e;
	}
	return NULL;
}

/* Instantiates @dentry as entry @e of @task. Return: NULL or ERR_PTR. */
static struct dentry *proc_pident_instantiate(struct dentry *dentry,
					      struct task_struct *task,
					      const struct pid_entry *e)
{
	struct inode *inode = proc_pid_make_inode(dentry->d_sb, task, e->mode);
	int err = 0;

	if (!inode)
		return ERR_PTR(-ENOMEM);
	PROC_I(inode)->entry = e;
	inode->i_op = S_ISREG(e->mode) ? &proc_file_inode_operations : e->iop;
	inode->i_fop = e->fop ? e->fop : &proc_single_file_operations;
	if (S_ISLNK(e->mode)) {
		inode->i_op = &proc_link_inode_operations;
		inode->i_link = e->link(task, &err);	/* NULL: readlink -ENOENT */
		proc_private_dentry(dentry, inode);
		return NULL;
	}
	d_add(dentry, inode);
	return NULL;
}

static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *dentry,
					    unsigned int flags)
{
	const struct pid_entry *e = pid_entry_lookup(&dentry->d_name);
	struct task_struct *task;
	struct dentry *ret;

	if (!e)
		return NULL;
	task = proc_get_task(dir);
	if (!task)
		return ERR_PTR(-ENOENT);
	ret = proc_pident_instantiate(dentry, task, e);
	put_task_struct(task);
	return ret;
}

static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	struct task_struct *task = proc_get_task(inode);

	if (!task)
		return -ENOENT;
	put_task_struct(task);
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, PROC_ROOT_INO, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	for (; ctx->pos - 2 < (loff_t)ARRAY_SIZE(tgid_base_stuff); ctx->pos++) {
		const struct pid_entry *e = &tgid_base_stuff[ctx->pos - 2];

		if (!dir_emit(ctx, e->name, strlen(e->name), get_next_ino(),
			      fs_umode_to_dtype(e->mode)))
			return 0;
	}
	return 0;
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup = proc_tgid_base_lookup,
};

static const struct file_operations proc_tgid_base_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = proc_tgid_base_readdir,
};

/* /proc/self -> "PID", /proc/thread-self -> "PID/task/TID". */
static struct dentry *proc_self_lookup(struct dentry *dentry, bool thread)
{
	struct inode *inode = proc_pid_make_inode(dentry->d_sb, current,
						  S_IFLNK | 0777);
	char text[32];

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (thread)
		snprintf(text, sizeof(text), "%d/task/%d", current->tgid, current->pid);
	else
		snprintf(text, sizeof(text), "%d", current->tgid);
	inode->i_op = &proc_link_inode_operations;
	inode->i_link = kstrdup(text, GFP_KERNEL);
	proc_private_dentry(dentry, inode);
	return NULL;
}

/* Makes @dentry /proc/PID (or task/TID) of @task. */
static struct dentry *proc_pid_instantiate(struct dentry *dentry,
					   struct task_struct *task)
{
	struct inode *inode = proc_pid_make_inode(dentry->d_sb, task, S_IFDIR | 0555);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_op = &proc_tgid_base_inode_operations;
	inode->i_fop = &proc_tgid_base_operations;
	set_nlink(inode, 2 + 2);	/* ".", its name, fd/.., task/.. */
	d_add(dentry, inode);
	return NULL;
}

/* The live task with PID @pid, referenced, or NULL. */
static struct task_struct *proc_find_task(int pid)
{
	struct task_struct *task;
	unsigned long flags;

	if (pid <= 0)
		return NULL;
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	task = find_task_by_pid(pid);
	if (task)
		get_task_struct(task);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return task;
}

/* task/TID: a thread of the process (a kernel thread's: itself). */
static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	struct task_struct *task = proc_get_task(dir);
	struct task_struct *thread;
	struct dentry *ret = NULL;

	if (!task)
		return ERR_PTR(-ENOENT);
	thread = proc_find_task(name_to_pid(&dentry->d_name));
	if (thread && (thread == task || (task->signal && same_thread_group(thread, task))))
		ret = proc_pid_instantiate(dentry, thread);
	if (thread)
		put_task_struct(thread);
	put_task_struct(task);
	return ret;
}

/* The TID of the @n-th thread of @task's process, or 0 past the last. */
static int nth_thread(struct task_struct *task, loff_t n)
{
	struct task_struct *t;
	unsigned long flags;
	int tid = 0;

	if (!task->signal)
		return n == 0 ? task->pid : 0;
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(task, t) {
		if (n-- == 0) {
			tid = t->pid;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return tid;
}

/* task/: one directory per thread, as /proc/PID itself. */
static int proc_task_readdir(struct file *file, struct dir_context *ctx)
{
	struct task_struct *task = proc_get_task(file_inode(file));
	char name[12];
	int tid;

	if (!task)
		return -ENOENT;
	if (ctx->pos == 0 && dir_emit(ctx, ".", 1, file_inode(file)->i_ino, DT_DIR))
		ctx->pos = 1;
	if (ctx->pos == 1 && dir_emit(ctx, "..", 2, get_next_ino(), DT_DIR))
		ctx->pos = 2;
	while (ctx->pos >= 2 && (tid = nth_thread(task, ctx->pos - 2)) > 0) {
		int len = snprintf(name, sizeof(name), "%d", tid);

		if (!dir_emit(ctx, name, len, get_next_ino(), DT_DIR))
			break;
		ctx->pos++;
	}
	put_task_struct(task);
	return 0;
}

static const struct inode_operations proc_task_inode_operations = {
	.lookup = proc_task_lookup,
};

static const struct file_operations proc_task_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = proc_task_readdir,
};

/**
 * proc_pid_lookup - /proc/PID and /proc/self
 * @dentry: the name being looked up in /proc
 * @flags: lookup flags
 *
 * Return: NULL (dentry made positive, or left negative: -ENOENT) or ERR_PTR.
 */
struct dentry *proc_pid_lookup(struct dentry *dentry, unsigned int flags)
{
	const struct qstr *name = &dentry->d_name;
	struct task_struct *task;
	struct dentry *ret;

	if (name->len == 4 && !memcmp(name->name, "self", 4))
		return proc_self_lookup(dentry, false);
	if (name->len == 11 && !memcmp(name->name, "thread-self", 11))
		return proc_self_lookup(dentry, true);
	task = proc_find_task(name_to_pid(name));
	if (!task)
		return NULL;
	ret = proc_pid_instantiate(dentry, task);
	put_task_struct(task);
	return ret;
}

/* The smallest process ID >= @from that is in use, or 0 if none. */
static int next_tgid(int from)
{
	struct task_struct *p;
	unsigned long flags;
	int best = 0;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p->pid >= from && p->pid > 0 && p->tgid == p->pid &&
		    (!best || p->pid < best))
			best = p->pid;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/* /proc's readdir after the fixed entries: "self", then every PID. */
int proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	char name[12];
	int pid;

	if (ctx->pos < FIRST_PROCESS_ENTRY)
		ctx->pos = FIRST_PROCESS_ENTRY;
	if (ctx->pos == FIRST_PROCESS_ENTRY) {
		if (!dir_emit(ctx, "self", 4, get_next_ino(), DT_LNK))
			return 0;
		ctx->pos++;
	}
	if (ctx->pos == FIRST_PROCESS_ENTRY + 1) {
		if (!dir_emit(ctx, "thread-self", 11, get_next_ino(), DT_LNK))
			return 0;
		ctx->pos++;
	}
	while ((pid = next_tgid(ctx->pos - TGID_OFFSET)) > 0) {
		int len = snprintf(name, sizeof(name), "%d", pid);

		ctx->pos = pid + TGID_OFFSET;
		if (!dir_emit(ctx, name, len, get_next_ino(), DT_DIR))
			return 0;
		ctx->pos++;
	}
	ctx->pos = PID_MAX_DEFAULT + TGID_OFFSET;	/* the end */
	return 0;
}
