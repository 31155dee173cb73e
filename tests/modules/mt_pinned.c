// Takes a reference to itself, as a driver with an open file would:
// rmmod must be refused while it is held.
#include <linux/module.h>

static int __init mt_pinned_init(void)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	pr_info("mt_pinned: holding myself\n");
	return 0;
}

static void __exit mt_pinned_exit(void)
{
}

module_init(mt_pinned_init);
module_exit(mt_pinned_exit);
MODULE_LICENSE("GPL");
