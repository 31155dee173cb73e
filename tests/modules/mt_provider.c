// Exports a function and a counter to other modules (mt_consumer).
#include <linux/module.h>
#include <linux/kernel.h>

int mt_provider_calls;
EXPORT_SYMBOL(mt_provider_calls);

int mt_provider_add(int a, int b)
{
	mt_provider_calls++;
	return a + b;
}
EXPORT_SYMBOL_GPL(mt_provider_add);

static int __init mt_provider_init(void)
{
	pr_info("mt_provider: ready\n");
	return 0;
}

static void __exit mt_provider_exit(void)
{
	pr_info("mt_provider: called %d times\n", mt_provider_calls);
}

module_init(mt_provider_init);
module_exit(mt_provider_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports for mt_consumer");
