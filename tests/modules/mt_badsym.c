// Calls a kernel function that is not exported: "Unknown symbol".
#include <linux/module.h>

void panic(const char *fmt, ...);

static int __init mt_badsym_init(void)
{
	panic("mt_badsym: must never run\n");
	return 0;
}

static void __exit mt_badsym_exit(void)
{
}

module_init(mt_badsym_init);
module_exit(mt_badsym_exit);
MODULE_LICENSE("GPL");
