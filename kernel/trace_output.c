/*
 * The event recorder (kernel/trace.c) in tracefs, after Linux's
 * kernel/trace/trace.c (tracer_init_tracefs) and trace_output.c:
 *  - trace: the ring, one event per line in Linux's layout
 *      "            comm-pid     [cpu] secs.usecs: event: fields";
 *    opening it with O_TRUNC ("echo > trace") empties the ring;
 *  - tracing_on: 1 records into the ring (and ends the boot recording),
 *    0 stops; the ring is not emptied;
 *  - boot_trace (Spindle's): the boot recording in the same layout.
 * Fields are "target=PID arg=N tcomm=NAME" (tcomm last, to the end of
 * the line), or "target=-1 arg=0 text=STEP" for a boot step, so that
 * user/src/trace2mermaid.c can rebuild the events and draw the diagram
 * the shell's `trace mermaid` draws.
 * Locking: a read works on a snapshot taken at open (trace_copy()).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/tracefs.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <linux/uaccess.h>
#include <linux/err.h>
#include <linux/cpumask.h>
#include <uapi/linux/fcntl.h>
#include <spindle/trace.h>

struct trace_snapshot {
	unsigned int n;
	unsigned long dropped;
	bool boot;
	struct trace_event ev[max(TRACE_RING_LEN, TRACE_BOOT_LEN)];
};

static void trace_print_header(struct seq_file *m, const struct trace_snapshot *s)
{
	seq_printf(m, "# tracer: spindle%s\n#\n", s->boot ? " (boot recording)" : "");
	seq_printf(m, "# entries-in-buffer/entries-written: %u/%lu   #P:%u\n#\n", s->n,
		   s->n + s->dropped, num_online_cpus());
	seq_puts(m, "#           TASK-PID     CPU#  TIMESTAMP  FUNCTION\n");
	seq_puts(m, "#              | |         |      |         |\n");
}

/* One event; the layout trace2mermaid parses. */
static void trace_print_event(struct seq_file *m, const struct trace_event *e)
{
	seq_printf(m, "%16s-%-7d [%03u] %5llu.%06llu: %s: target=%d arg=%ld ", e->comm,
		   e->pid, e->cpu, (unsigned long long)(e->ts / 1000000000),
		   (unsigned long long)(e->ts % 1000000000 / 1000),
		   trace_type_name(e->type), e->target, e->arg);
	if (e->type == TRACE_BOOT_MARK)
		seq_printf(m, "text=%s\n", e->text ?: "");
	else
		seq_printf(m, "tcomm=%s\n", e->tcomm);
}

/* Position 0 is the header, position i + 1 the i-th event. */
static void *t_start(struct seq_file *m, loff_t *pos)
{
	struct trace_snapshot *s = m->private;

	return *pos <= s->n ? (void *)(uintptr_t)(*pos + 1) : NULL;
}

static void *t_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return t_start(m, pos);
}

static void t_stop(struct seq_file *m, void *v)
{
}

static int t_show(struct seq_file *m, void *v)
{
	struct trace_snapshot *s = m->private;
	unsigned long i = (uintptr_t)v - 1;

	if (!i)
		trace_print_header(m, s);
	else
		trace_print_event(m, &s->ev[i - 1]);
	return 0;
}

static const struct seq_operations trace_seq_ops = {
	.start = t_start, .next = t_next, .stop = t_stop, .show = t_show,
};

static int trace_open(struct inode *inode, struct file *file)
{
	bool boot = inode->i_private != NULL;
	struct trace_snapshot *s;
	int err;

	if ((file->f_mode & FMODE_WRITE) && (file->f_flags & O_TRUNC) && !boot)
		trace_clear();
	if (!(file->f_mode & FMODE_READ))
		return 0;
	s = vmalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->boot = boot;
	s->n = trace_copy(boot, s->ev, ARRAY_SIZE(s->ev), &s->dropped);
	err = seq_open(file, &trace_seq_ops);
	if (err) {
		vfree(s);
		return err;
	}
	((struct seq_file *)file->private_data)->private = s;
	return 0;
}

static int trace_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	if (!m)
		return 0;
	vfree(m->private);
	return seq_release(inode, file);
}

/* Writing is only for "echo > trace" (the O_TRUNC did the work). */
static ssize_t trace_write(struct file *file, const char __user *buf, size_t count,
			   loff_t *ppos)
{
	return count;
}

static ssize_t trace_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos)
{
	if (!file->private_data)
		return -EBADF;
	return seq_read(file, buf, count, ppos);
}

static loff_t trace_llseek(struct file *file, loff_t offset, int whence)
{
	return file->private_data ? seq_lseek(file, offset, whence) : 0;
}

static const struct file_operations trace_fops = {
	.open = trace_open,
	.read = trace_read,
	.write = trace_write,
	.llseek = trace_llseek,
	.release = trace_release,
};

static ssize_t tracing_on_read(struct file *file, char __user *buf, size_t count,
			       loff_t *ppos)
{
	char text[2] = { READ_ONCE(trace_flags) & TRACE_ON ? '1' : '0', '\n' };

	return simple_read_from_buffer(buf, count, ppos, text, 2);
}

static ssize_t tracing_on_write(struct file *file, const char __user *buf, size_t count,
				loff_t *ppos)
{
	char text[8];
	unsigned int v;

	if (!count || count >= sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, buf, count))
		return -EFAULT;
	text[count] = '\0';
	if (text[count - 1] == '\n')
		text[count - 1] = '\0';
	if (kstrtouint(text, 10, &v))
		return -EINVAL;
	trace_set_on(v != 0);
	return count;
}

static const struct file_operations tracing_on_fops = {
	.read = tracing_on_read,
	.write = tracing_on_write,
	.llseek = generic_file_llseek,
};

static int __init tracer_init_tracefs(void)
{
	tracefs_create_file("trace", 0644, NULL, NULL, &trace_fops);
	tracefs_create_file("tracing_on", 0644, NULL, NULL, &tracing_on_fops);
	return PTR_ERR_OR_ZERO(tracefs_create_file("boot_trace", 0444, NULL, (void *)1,
						   &trace_fops));
}
late_initcall(tracer_init_tracefs);
