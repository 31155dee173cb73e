// Its init function faults: only insmod dies, and the module is not left
// half-loaded (its name can be loaded again).
#include <linux/module.h>

static int *volatile mt_initoops_ptr;

static int __init mt_initoops_init(void)
{
	pr_info("mt_initoops: about to fault in init\n");
	return *mt_initoops_ptr;
}

static void __exit mt_initoops_exit(void)
{
}

module_init(mt_initoops_init);
module_exit(mt_initoops_exit);
MODULE_LICENSE("GPL");
