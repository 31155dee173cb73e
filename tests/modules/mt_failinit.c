// An init function that fails: the module must not stay loaded.
#include <linux/module.h>
#include <linux/errno.h>

static int __init mt_failinit_init(void)
{
	pr_info("mt_failinit: refusing to load\n");
	return -ENODEV;
}

static void __exit mt_failinit_exit(void)
{
}

module_init(mt_failinit_init);
module_exit(mt_failinit_exit);
MODULE_LICENSE("GPL");
