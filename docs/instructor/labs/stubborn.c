// SPDX-License-Identifier: GPL-2.0
/*
 * Lab 3 of docs/labs.md, solved: a kthread that never asks
 * kthread_should_stop(), so rmmod's kthread_stop() waits until it ends on
 * its own. The init and exit functions are Lab 1's. Built out of tree and
 * loaded by tests/e2e/test_docs_labs.py, which checks that the thread
 * function below is the lab's, character for character.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *task;

static int stubborn_fn(void *data)
{
	for (int i = 0; i < 8; i++) {	/* never asks kthread_should_stop() */
		printk(KERN_INFO "stubborn: round %d\n", i);
		ssleep(1);
	}
	printk(KERN_INFO "stubborn: done on my own\n");
	return 42;
}

static int __init stubborn_init(void)
{
	task = kthread_run(stubborn_fn, NULL, "stubborn");
	return IS_ERR(task) ? PTR_ERR(task) : 0;
}

static void __exit stubborn_exit(void)
{
	printk(KERN_INFO "stubborn: kthread_stop() returned %d\n",
	       kthread_stop(task));
}

module_init(stubborn_init);
module_exit(stubborn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a kthread that ignores kthread_should_stop()");
