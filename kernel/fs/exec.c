/*
 * execve(), after Linux's fs/exec.c: open the file, copy argv and envp
 * into the kernel, let a binary format (ELF, #! scripts) recognise it,
 * and at the point of no return (begin_new_exec) swap in a fresh
 * address space, close O_CLOEXEC descriptors, reset signal handlers and
 * take the program's name. The format then maps the program and builds
 * the stack (binfmt_elf.c).
 *
 * PID 1 comes here as a kernel thread (kernel_init -> kernel_execve):
 * the exec turns it into a user process, as in Linux. A process with
 * threads loses them first (de_thread).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/binfmts.h>
#include <linux/mm.h>
#include <linux/completion.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/resource.h>
#include <uapi/linux/stat.h>
#include <spindle/task.h>
#include <spindle/pid.h>

#define PATH_MAX 4096
#define ARG_LIST_KMALLOC_MAX (4 * PAGE_SIZE)	/* larger lists use vmalloc */

/* Grows @l so that @extra more bytes fit. Return: 0 or -ENOMEM. */
static int arg_list_grow(struct arg_list *l, size_t extra)
{
	size_t cap = l->cap ? l->cap : 256;
	char *buf;

	while (cap < l->len + extra)
		cap *= 2;
	buf = cap <= ARG_LIST_KMALLOC_MAX ? kmalloc(cap, GFP_KERNEL) : vmalloc(cap);
	if (!buf)
		return -ENOMEM;
	if (l->len)
		memcpy(buf, l->buf, l->len);
	arg_list_free(l);
	l->buf = buf;
	l->cap = cap;
	return 0;
}

void arg_list_free(struct arg_list *l)
{
	if (l->cap > ARG_LIST_KMALLOC_MAX)
		vfree(l->buf);
	else
		kfree(l->buf);
	l->buf = NULL;
	l->cap = 0;
}

/**
 * arg_list_add - append string @s (@len bytes, without NUL) to @l
 * @limit: the most bytes argv and envp may take together (-E2BIG)
 */
int arg_list_add(struct arg_list *l, const char *s, size_t len, size_t limit)
{
	int err;

	if (len >= MAX_ARG_STRLEN || l->len + len + 1 > limit)
		return -E2BIG;
	if (l->len + len + 1 > l->cap) {
		err = arg_list_grow(l, len + 1);
		if (err)
			return err;
	}
	memcpy(l->buf + l->len, s, len);
	l->buf[l->len + len] = '\0';
	l->len += len + 1;
	l->count++;
	return 0;
}

/* The @i-th pointer of a user or kernel argv array, or an ERR_PTR. */
static const char __user *get_arg_ptr(struct user_arg_ptr argv, int i)
{
	const char __user *p;

	if (argv.is_kernel)
		return (const char __user *)argv.kernel[i];
	if (copy_from_user(&p, argv.user + i, sizeof(p)))
		return ERR_PTR(-EFAULT);
	return p;
}

/* One user string into @l, through a bounce buffer of one page. */
static int copy_user_string(struct arg_list *l, const char __user *str, size_t limit,
			    char *page)
{
	long len = strnlen_user(str, MAX_ARG_STRLEN);
	size_t start;
	int err;

	if (len <= 0)
		return -EFAULT;
	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	err = arg_list_add(l, "", 0, limit);	/* reserve the slot, then fill */
	if (err)
		return err;
	l->len--;
	l->count--;
	start = l->len;
	if (l->len + len > limit)
		return -E2BIG;
	if (l->len + len > l->cap && arg_list_grow(l, len))
		return -ENOMEM;
	for (long done = 0; done < len; done += PAGE_SIZE) {
		long n = min(len - done, (long)PAGE_SIZE);

		if (copy_from_user(page, str + done, n))
			return -EFAULT;
		memcpy(l->buf + start + done, page, n);
	}
	if (l->buf[start + len - 1] != '\0')
		return -EFAULT;	/* the string changed under us */
	l->len += len;
	l->count++;
	return 0;
}

/* Linux's copy_strings(): every string of @argv, with the limits. */
static int copy_strings(struct arg_list *l, struct user_arg_ptr argv, size_t limit)
{
	char *page = NULL;
	int err = 0;

	if (!argv.is_kernel && !argv.user)
		return 0;	/* a NULL array is an empty one, as Linux allows */
	if (!argv.is_kernel) {
		page = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!page)
			return -ENOMEM;
	}
	for (int i = 0; !err; i++) {
		const char __user *str = get_arg_ptr(argv, i);

		if (IS_ERR(str)) {
			err = PTR_ERR(str);
		} else if (!str) {
			break;
		} else if (argv.is_kernel) {
			const char *k = (const char *)str;

			err = arg_list_add(l, k, strlen(k), limit);
		} else {
			err = copy_user_string(l, str, limit, page);
		}
		if (!err && l->count > 0x7FFFFFFF / 2)
			err = -E2BIG;
	}
	kfree(page);
	return err;
}

/**
 * bprm_open - open @name for execution and read its first bytes
 *
 * Return: 0, -ENOENT and the like from the path walk, -EACCES for a file
 * that is not a regular file with an execute bit.
 */
int bprm_open(struct linux_binprm *bprm, const char *name)
{
	struct file *file = filp_open(name, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(file))
		return PTR_ERR(file);
	if (!S_ISREG(file_inode(file)->i_mode) || !(file_inode(file)->i_mode & 0111)) {
		fput(file);
		return -EACCES;
	}
	memset(bprm->buf, 0, sizeof(bprm->buf));
	n = kernel_read(file, bprm->buf, sizeof(bprm->buf), &pos);
	if (n < 0) {
		fput(file);
		return n;
	}
	if (bprm->file)
		fput(bprm->file);
	bprm->file = file;
	return 0;
}

/* Tries each binary format in turn (Linux's search_binary_handler). */
int exec_binprm(struct linux_binprm *bprm)
{
	int ret;

	if (++bprm->recursion > BINPRM_MAX_RECURSION)
		return -ELOOP;
	ret = load_script(bprm);
	if (ret == -ENOEXEC)
		ret = load_elf_binary(bprm);
	return ret;
}

/* PID 1 arrives here a kernel thread: it becomes a process (Linux's
 * begin_new_exec clears PF_KTHREAD the same way). */
static int become_process(void)
{
	struct task_struct *me = current;
	int err;

	if (!(me->flags & PF_KTHREAD))
		return 0;
	if (!me->signal) {
		err = signal_structs_alloc(me);
		if (err)
			return err;
		me->signal->flags |= SIGNAL_UNKILLABLE;	/* init */
		me->exit_signal = SIGCHLD;
	}
	me->flags &= ~(PF_KTHREAD | PF_NOFREEZE);	/* a process: freezable */
	free_kthread_struct(me);
	return 0;
}

/* Sleeps until @tsk is its process's only live thread, and the leader,
 * if that is another, a zombie. Return: 0, or -EINTR if killed. */
static int wait_other_threads(struct task_struct *tsk)
{
	unsigned long flags;
	bool done;

	for (;;) {
		raw_spin_lock_irqsave(&tasklist_lock, flags);
		set_current_state(TASK_KILLABLE);
		if (thread_group_leader(tsk))
			done = tsk->signal->nr_threads == 1;
		else
			done = tsk->signal->nr_threads == 2 && tsk->group_leader->exit_state;
		raw_spin_unlock_irqrestore(&tasklist_lock, flags);
		if (done || fatal_signal_pending(tsk))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return done ? 0 : -EINTR;
}

/* A thread that execs becomes the process: it takes the zombie leader's
 * PID, parent, place in the lists and start time; the old leader, now
 * under the thread's former PID, is released (Linux's de_thread()). */
static void take_leader_place(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;
	struct signal_struct *sig = tsk->signal;
	unsigned long flags;
	LIST_HEAD(dead);

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	exchange_pids(tsk, leader);
	tsk->start_time = leader->start_time;
	list_del(&tsk->tasks);
	list_replace_init(&leader->tasks, &tsk->tasks);
	list_replace_init(&leader->sibling, &tsk->sibling);
	tsk->real_parent = leader->real_parent;
	tsk->exit_signal = SIGCHLD;
	leader->exit_signal = -1;
	tsk->group_leader = leader->group_leader = tsk;
	spin_lock(&tsk->sighand->siglock);
	list_move(&tsk->thread_node, &sig->thread_head);
	if (sig->real_timer_task == leader)
		sig->real_timer_task = tsk;
	spin_unlock(&tsk->sighand->siglock);
	release_zombie(leader, &dead);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	put_dead_tasks(&dead);
}

/*
 * execve() in a process with threads (Linux's de_thread()): the other
 * threads are killed and waited for, so the new program starts alone.
 * Return: 0, or -EAGAIN/-EINTR when the process is being killed anyway.
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	int err;

	if (!sig || thread_group_empty(tsk))
		return 0;
	spin_lock_irq(&tsk->sighand->siglock);
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
		spin_unlock_irq(&tsk->sighand->siglock);
		return -EAGAIN;
	}
	sig->group_exec_task = tsk;
	zap_other_threads(tsk);
	spin_unlock_irq(&tsk->sighand->siglock);
	err = wait_other_threads(tsk);
	if (!err && !thread_group_leader(tsk))
		take_leader_place(tsk);
	spin_lock_irq(&tsk->sighand->siglock);
	sig->group_exec_task = NULL;
	spin_unlock_irq(&tsk->sighand->siglock);
	return err;
}

/* What a vfork() parent waits for: the child no longer uses its memory. */
static void release_vfork_parent(void)
{
	struct completion *done = current->vfork_done;

	if (done) {
		current->vfork_done = NULL;
		complete(done);
	}
}

/* comm is the file's base name, cut to 15 characters (Linux). */
static void set_comm_from_path(const char *path)
{
	const char *base = strrchr(path, '/');

	set_task_comm(current, base ? base + 1 : path);
}

/**
 * begin_new_exec - the point of no return of execve()
 * @bprm: the program about to run
 *
 * Gives current a fresh, empty address space in place of its old one.
 * After this, an error kills the process (SIGSEGV), as in Linux: there
 * is no old program left to return to.
 * Return: 0 or -ENOMEM (before anything changed).
 */
int begin_new_exec(struct linux_binprm *bprm)
{
	struct mm_struct *mm = mm_alloc();
	int err;

	if (!mm)
		return -ENOMEM;
	err = de_thread(current);
	if (!err)
		err = become_process();
	if (err) {
		mmput(mm);
		return err;
	}
	exec_mm_release(current, current->mm);
	err = exec_mmap(mm);
	if (err) {
		mmput(mm);
		return err;
	}
	release_vfork_parent();
	flush_signal_handlers(current);
	current->sas_ss_sp = current->sas_ss_size = 0;
	current->not_dumpable = false;	/* no set-user-ID programs here */
	do_close_on_exec(current->files);
	set_comm_from_path(bprm->filename);
	return 0;
}

static void bprm_free(struct linux_binprm *bprm)
{
	if (bprm->file)
		fput(bprm->file);
	arg_list_free(&bprm->argv);
	arg_list_free(&bprm->envp);
	kfree(bprm->interp);
	kfree(bprm);
}

/**
 * do_execve - run @filename in place of the current program
 * @filename: a kernel copy of the path
 * @argv, @envp: the arguments and environment (user or kernel arrays)
 *
 * Context: process context; sleeps.
 * Return: 0 (the new program runs when the caller returns to user
 * mode), or -errno with the old program intact.
 */
int do_execve(const char *filename, struct user_arg_ptr argv, struct user_arg_ptr envp)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	int err;

	if (!bprm)
		return -ENOMEM;
	bprm->filename = filename;
	/* Linux's limit: a quarter of the stack rlimit for the strings. */
	bprm->args_limit = clamp(rlimit(RLIMIT_STACK) / 4, 128UL * 1024, 6UL << 20);
	err = bprm_open(bprm, filename);
	if (!err)
		err = copy_strings(&bprm->argv, argv, bprm->args_limit);
	if (!err)
		err = copy_strings(&bprm->envp, envp, bprm->args_limit - bprm->argv.len);
	if (!err)
		err = exec_binprm(bprm);
	bprm_free(bprm);
	return err;
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct user_arg_ptr a = { .is_kernel = true, .kernel = argv };
	struct user_arg_ptr e = { .is_kernel = true, .kernel = envp };

	return do_execve(filename, a, e);
}

SYSCALL_DEFINE3(execve, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	struct user_arg_ptr a = { .user = argv }, e = { .user = envp };
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len, ret;

	if (!name)
		return -ENOMEM;
	len = strncpy_from_user(name, filename, PATH_MAX);
	if (len < 0)
		ret = len;
	else if (len == PATH_MAX)
		ret = -ENAMETOOLONG;
	else if (len == 0)
		ret = -ENOENT;
	else
		ret = do_execve(name, a, e);
	kfree(name);
	return ret;
}
