/*
 * The console shell's teaching tools from user space, through debugfs
 * (Spindle's own interface; Linux has no kernel shell). Two files run
 * the very code of the shell commands in the writer's context, with
 * their output captured (capture.c):
 *
 *  /sys/kernel/debug/kthread/control  one `kthread` command without the
 *	word "kthread": echo "create demo --work spin" > control;
 *	echo "stop 42" > control. A read gives the last command's output,
 *	then the `kthread list` table.
 *  /sys/kernel/debug/kshell  any shell command line: echo "meminfo" >
 *	kshell; cat kshell gives its output. Interactive ones (top, watch)
 *	are refused with -EINVAL.
 *
 * A write returns the byte count, or the command's error as errno:
 * -EINVAL bad syntax, -ESRCH no such PID, -EPERM a thread one may not
 * stop or park, ... Each command is logged in one line (dmesg).
 * Locking: each file's mutex guards its last output.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <spindle/shell.h>

#define SHELL_FILE_OUT_MAX 8192

struct shell_file {
	const char *prefix;	/* put before what is written ("kthread ") */
	const char *list;	/* a command whose output follows a read, or NULL */
	struct mutex lock;
	char *last;		/* the last command's output (SHELL_FILE_OUT_MAX) */
};

static struct shell_file kthread_control = { .prefix = "kthread ", .list = "kthread list" };
static struct shell_file kshell = { .prefix = "" };

/* Commands that wait for keys: they would never end here. */
static bool interactive(const char *line)
{
	static const char *const names[] = { "top", "watch" };
	size_t n = 0;

	while (line[n] && line[n] != ' ')
		n++;

	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (n == strlen(names[i]) && !strncmp(line, names[i], n))
			return true;
	return false;
}

/* Copies the user's text after @prefix, without the final newline. */
static int shell_file_line(const char *prefix, char *line, size_t size,
			   const char __user *buf, size_t count)
{
	size_t n = strlen(prefix);

	if (!count || count > size - n - 1)
		return -EINVAL;
	memcpy(line, prefix, n);
	if (copy_from_user(line + n, buf, count))
		return -EFAULT;
	line[n + count] = '\0';
	if (strlen(line) != n + count)
		return -EINVAL;		/* a NUL inside */
	while (count && (line[n + count - 1] == '\n' || line[n + count - 1] == ' '))
		line[n + --count] = '\0';
	if (!count || interactive(skip_spaces(line)))
		return -EINVAL;
	return 0;
}

static ssize_t shell_file_write(struct file *file, const char __user *buf,
				size_t count, loff_t *ppos)
{
	struct shell_file *sf = file_inode(file)->i_private;
	char line[SHELL_LINE_MAX], shown[SHELL_LINE_MAX];
	char *out, *old;
	int ret = shell_file_line(sf->prefix, line, sizeof(line), buf, count);

	if (ret)
		return ret;
	out = kmalloc(SHELL_FILE_OUT_MAX, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	strscpy(shown, line, sizeof(shown));
	ret = shell_run_captured(line, out, SHELL_FILE_OUT_MAX);
	pr_debug("debugfs shell: '%s': %d (%s)\n", shown, ret, shell_errname(ret));
	mutex_lock(&sf->lock);
	old = sf->last;
	sf->last = out;
	mutex_unlock(&sf->lock);
	kfree(old);
	return ret < 0 ? ret : (ssize_t)count;
}

static int shell_file_show(struct seq_file *m, void *v)
{
	struct shell_file *sf = m->private;
	char line[SHELL_LINE_MAX], *out;

	mutex_lock(&sf->lock);
	if (sf->last)
		seq_puts(m, sf->last);
	mutex_unlock(&sf->lock);
	if (!sf->list)
		return 0;
	out = kmalloc(SHELL_FILE_OUT_MAX, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	strscpy(line, sf->list, sizeof(line));
	shell_run_captured(line, out, SHELL_FILE_OUT_MAX);
	seq_puts(m, out);
	kfree(out);
	return 0;
}

static int shell_file_open(struct inode *inode, struct file *file)
{
	return single_open(file, shell_file_show, inode->i_private);
}

static const struct file_operations shell_file_fops = {
	.open = shell_file_open,
	.read = seq_read,
	.write = shell_file_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int __init shell_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir("kthread", NULL);

	mutex_init(&kthread_control.lock);
	mutex_init(&kshell.lock);
	debugfs_create_file("control", 0600, dir, &kthread_control, &shell_file_fops);
	return PTR_ERR_OR_ZERO(debugfs_create_file("kshell", 0600, NULL, &kshell,
						   &shell_file_fops));
}
late_initcall(shell_debugfs_init);
