// mt_multi.ko is built from two objects (mt_multi-y in Kbuild).
#include <linux/module.h>

int multi_helper(int x);

static int __init multi_init(void)
{
	pr_info("mt_multi: helper says %d\n", multi_helper(20));
	return 0;
}

static void __exit multi_exit(void)
{
}

module_init(multi_init);
module_exit(multi_exit);
MODULE_LICENSE("GPL");
