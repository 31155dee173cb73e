// Links against mt_provider's exports: loads only after it, and keeps it
// loaded (its use count, the users column of /proc/modules).
#include <linux/module.h>
#include <linux/kernel.h>

extern int mt_provider_calls;
int mt_provider_add(int a, int b);

static int __init mt_consumer_init(void)
{
	int sum = mt_provider_add(40, 2);

	pr_info("mt_consumer: 40 + 2 = %d (call %d)\n", sum, mt_provider_calls);
	return 0;
}

static void __exit mt_consumer_exit(void)
{
	pr_info("mt_consumer: bye\n");
}

module_init(mt_consumer_init);
module_exit(mt_consumer_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses mt_provider's exports");
