// An init but no exit function: Linux never lets it be removed.
#include <linux/module.h>

static int __init mt_noexit_init(void)
{
	pr_info("mt_noexit: here to stay\n");
	return 0;
}

module_init(mt_noexit_init);
MODULE_LICENSE("GPL");
