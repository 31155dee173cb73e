/*
 * The `lkdtm` shell command, after Linux's drivers/misc/lkdtm/core.c:
 * `lkdtm TYPE` does what echo TYPE > /sys/kernel/debug/provoke-crash/DIRECT
 * does on Linux, but always in a fresh kernel thread ("lkdtm"), so that
 * the oops kills that thread (make_task_dead()) and the shell goes on.
 * The shell waits for the thread with kthread_stop() and prints its
 * result: -EFAULT when an oops killed it, 0 when it returned.
 *
 * From user space it is Linux's interface: debugfs's
 * provoke-crash/DIRECT. A write of a type's name runs it in the writing
 * process's own context (an oops kills that process, make_task_dead(),
 * and the kernel goes on); a read lists the types.
 *
 * Names are LKDTM's own where Linux has the type; DIVIDE_BY_ZERO and
 * INVALID_OPCODE are Spindle's (Linux tests those paths elsewhere).
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/debugfs.h>
#include <linux/uaccess.h>
#include <linux/ctype.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include "lkdtm.h"

enum outcome { OOPS, REPORT, PANICS };

struct crashtype {
	const char *name;
	void (*func)(void);
	enum outcome outcome;
	const char *what;
};

#define CRASHTYPE(n, o, w) { #n, lkdtm_##n, o, w }

static const struct crashtype crashtypes[] = {
	CRASHTYPE(PANIC, PANICS, "panic(): the kernel stops (QEMU exits with status 3)"),
	CRASHTYPE(BUG, OOPS, "BUG(): invalid opcode oops, the thread dies"),
	CRASHTYPE(WARNING, REPORT, "WARN_ON(1): a warning with a backtrace; goes on"),
	CRASHTYPE(EXCEPTION, OOPS, "write through a NULL pointer: page fault oops"),
	CRASHTYPE(ACCESS_NULL, OOPS, "read through a NULL pointer: page fault oops"),
	CRASHTYPE(WRITE_RO, OOPS, "write to .rodata: protection fault oops"),
	CRASHTYPE(WRITE_KERN, OOPS, "write to kernel text: protection fault oops"),
	CRASHTYPE(EXEC_STACK, OOPS, "execute on the stack: NX fault oops"),
	CRASHTYPE(EXEC_KMALLOC, OOPS, "execute in kmalloc memory: NX fault oops"),
	CRASHTYPE(EXHAUST_STACK, OOPS,
		  "recurse into the stack's guard page: double fault, the thread dies"),
	CRASHTYPE(DIVIDE_BY_ZERO, OOPS, "integer division by zero: divide error oops"),
	CRASHTYPE(INVALID_OPCODE, OOPS, "ud2: invalid opcode oops"),
	CRASHTYPE(SOFTLOCKUP, REPORT,
		  "spin with preemption off until the watchdog reports a soft lockup"),
	CRASHTYPE(HUNG_TASK, REPORT,
		  "sleep uninterruptibly until khungtaskd reports a hung task"),
	CRASHTYPE(SPINLOCKUP, REPORT, "take a spinlock twice; report the lockup after 2 s"),
	CRASHTYPE(ATOMIC_SLEEP, REPORT,
		  "mutex_lock() and kmalloc(GFP_KERNEL) under a spinlock: might_sleep() reports"),
	CRASHTYPE(WRITE_AFTER_FREE, REPORT, "write to freed memory: slab poison check reports"),
	CRASHTYPE(READ_AFTER_FREE, REPORT, "read freed memory: it must hold the poison"),
	CRASHTYPE(SLAB_FREE_DOUBLE, REPORT, "kfree() twice: the slab reports a double free"),
};

struct lkdtm_run {
	const struct crashtype *ct;
	struct completion started;
};

static int lkdtm_thread(void *data)
{
	struct lkdtm_run *run = data;
	const struct crashtype *ct = run->ct;

	pr_info("lkdtm: Performing direct entry %s\n", ct->name);
	complete(&run->started);	/* run is on the shell's stack: not after this */
	ct->func();
	return 0;
}

static const struct crashtype *find_crashtype(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(crashtypes); i++)
		if (!strcmp(crashtypes[i].name, name))
			return &crashtypes[i];
	return NULL;
}

static int list_crashtypes(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(crashtypes); i++)
		tty_printf("%-17s %s\n", crashtypes[i].name, crashtypes[i].what);
	return 0;
}

/* Runs @ct in a new thread and waits until it has returned or died. */
static int provoke(const struct crashtype *ct)
{
	struct lkdtm_run run = { .ct = ct };
	struct task_struct *k;
	int ret;

	init_completion(&run.started);
	k = kthread_run(lkdtm_thread, &run, "lkdtm");
	if (IS_ERR(k)) {
		tty_printf("lkdtm: cannot create a thread: %s\n", shell_errname(PTR_ERR(k)));
		return PTR_ERR(k);
	}
	get_task_struct(k);
	/* Stopping it before it starts would skip the crash (-EINTR). */
	wait_for_completion(&run.started);
	ret = kthread_stop(k);
	tty_printf("lkdtm: %s: thread %s (PID %d) %s; kthread_stop() returned %d (%s)\n",
		   ct->name, k->comm, k->pid,
		   ret == -EFAULT ? "was killed by the oops" : "returned", ret,
		   shell_errname(ret));
	put_task_struct(k);
	return ret;
}

/* lkdtm list | lkdtm TYPE */
int cmd_lkdtm(int argc, char **argv)
{
	const struct crashtype *ct;

	if (argc != 2)
		return shell_usage(argv[0]);
	if (!strcmp(argv[1], "list"))
		return list_crashtypes();
	ct = find_crashtype(argv[1]);
	if (!ct) {
		tty_printf("lkdtm: unknown type '%s'; 'lkdtm list' names them\n", argv[1]);
		return -EINVAL;
	}
	tty_printf("lkdtm: %s: %s\n", ct->name, ct->what);
	return provoke(ct);
}

const char *lkdtm_complete(unsigned int i)
{
	if (i == 0)
		return "list";
	return i <= ARRAY_SIZE(crashtypes) ? crashtypes[i - 1].name : NULL;
}

/* Reading DIRECT: the types, as Linux's lkdtm_debugfs_read(). */
static ssize_t lkdtm_debugfs_read(struct file *f, char __user *user_buf,
				  size_t count, loff_t *off)
{
	static char text[1024];	/* the same text every time */
	int n = scnprintf(text, sizeof(text), "Available crash types:\n");

	for (unsigned int i = 0; i < ARRAY_SIZE(crashtypes); i++)
		n += scnprintf(text + n, sizeof(text) - n, "%s\n", crashtypes[i].name);
	return simple_read_from_buffer(user_buf, count, off, text, n);
}

/* echo TYPE > DIRECT: the crash happens here, in the writer's context. */
static ssize_t direct_entry(struct file *f, const char __user *user_buf,
			    size_t count, loff_t *off)
{
	const struct crashtype *ct;
	char buf[32];
	size_t n = count;

	if (count < 1 || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, user_buf, count))
		return -EFAULT;
	while (n && isspace(buf[n - 1]))
		n--;
	buf[n] = '\0';
	ct = find_crashtype(buf);
	if (!ct) {
		pr_info("lkdtm: unknown crash type; 'cat DIRECT' lists them\n");
		return -EINVAL;
	}
	pr_info("lkdtm: Performing direct entry %s\n", ct->name);
	ct->func();
	return count;
}

static const struct file_operations direct_fops = {
	.read = lkdtm_debugfs_read,
	.write = direct_entry,
	.llseek = generic_file_llseek,
};

static int __init lkdtm_module_init(void)
{
	struct dentry *dir = debugfs_create_dir("provoke-crash", NULL);

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	return PTR_ERR_OR_ZERO(debugfs_create_file("DIRECT", 0644, dir, NULL,
						   &direct_fops));
}
late_initcall(lkdtm_module_init);
