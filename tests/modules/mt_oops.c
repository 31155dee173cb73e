// Its thread faults in module code: the oops must name the function and
// the module, "mt_oops_crash+0x.../0x... [mt_oops]".
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/err.h>

static int *volatile mt_oops_ptr;

static noinline int mt_oops_crash(void *data)
{
	pr_info("mt_oops: about to fault\n");
	return *mt_oops_ptr;
}

static int __init mt_oops_init(void)
{
	struct task_struct *t = kthread_run(mt_oops_crash, NULL, "mt_oops");

	return PTR_ERR_OR_ZERO(t);
}

module_init(mt_oops_init);
MODULE_LICENSE("GPL");
