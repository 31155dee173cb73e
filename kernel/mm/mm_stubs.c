/*
 * TEMPORARY weak stand-ins for functions other helpers implement (the
 * vfs: fget/get_file/fput/kernel_read; the lead: send_sig/force_sig*),
 * so that this branch links and its tests run with anonymous memory.
 * Each answers "nothing there"; the real definitions override them.
 * Delete this file once vfs and signals are merged.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/sched/signal.h>

struct file *fget(unsigned int fd);

__weak struct file *fget(unsigned int fd)
{
	return NULL;
}

__weak struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

__weak void fput(struct file *f)
{
	f->f_count--;
}

__weak ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	return -EIO;
}

__weak int send_sig(int sig, struct task_struct *p, int priv)
{
	pr_warn("send_sig(%d) to %s[%d]: no signals in this kernel yet\n", sig,
		p->comm, p->pid);
	return 0;
}

__weak int force_sig_fault(int sig, int code, void __user *addr)
{
	pr_warn("force_sig_fault(%d, %d, %px): no signals in this kernel yet\n",
		sig, code, addr);
	return 0;
}

__weak void force_sig(int sig)
{
	pr_warn("force_sig(%d): no signals in this kernel yet\n", sig);
}

__weak bool fatal_signal_pending(struct task_struct *p)
{
	return false;
}
