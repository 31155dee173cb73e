/*
 * TEMPORARY weak stand-ins for what other parts of the kernel implement
 * (the signal code: kernel/signal.c; the VFS: register_chrdev(),
 * devtmpfs; uaccess: arch/x86_64). The real definitions, once merged,
 * replace these. Delete this file when all of them exist.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>
#include <spindle/devtmpfs.h>

__weak bool signal_pending(struct task_struct *p)
{
	return false;
}

__weak int kill_pgrp(pid_t pgrp, int sig, int priv)
{
	return -ESRCH;
}

__weak int register_chrdev(unsigned int major, const char *name,
			   const struct file_operations *fops)
{
	return 0;
}

__weak int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	return 0;
}

__weak unsigned long copy_from_user(void *to, const void __user *from,
				    unsigned long n)
{
	return n;
}

__weak unsigned long copy_to_user(void __user *to, const void *from,
				  unsigned long n)
{
	return n;
}
