// A proprietary module using an EXPORT_SYMBOL_GPL() function: refused.
#include <linux/module.h>
#include <linux/kallsyms.h>

static int __init mt_gplonly_init(void)
{
	return kallsyms_lookup_name("printk") ? 0 : -ENOENT;
}

static void __exit mt_gplonly_exit(void)
{
}

module_init(mt_gplonly_init);
module_exit(mt_gplonly_exit);
MODULE_LICENSE("Proprietary");
