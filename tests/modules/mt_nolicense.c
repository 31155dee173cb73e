// No MODULE_LICENSE(): loads, but taints the kernel (Linux's message).
#include <linux/module.h>

static int __init mt_nolicense_init(void)
{
	pr_info("mt_nolicense: loaded\n");
	return 0;
}

static void __exit mt_nolicense_exit(void)
{
}

module_init(mt_nolicense_init);
module_exit(mt_nolicense_exit);
