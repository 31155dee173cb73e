// module_param() values from the insmod line and /sys/module/mt_params/
// parameters/ (reps read-only, who and loud writable by root).
#include <linux/module.h>
#include <linux/kernel.h>

static int reps = 1;
static char *who = "nobody";
static bool loud;
module_param(reps, int, 0444);
module_param(who, charp, 0644);
module_param(loud, bool, 0600);
MODULE_PARM_DESC(reps, "how many times");

static int __init mt_params_init(void)
{
	pr_info("mt_params: reps=%d who=%s loud=%d\n", reps, who, loud);
	return 0;
}

static void __exit mt_params_exit(void)
{
	pr_info("mt_params: bye %s\n", who);
}

module_init(mt_params_init);
module_exit(mt_params_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Spindle tests");
MODULE_DESCRIPTION("module parameters");
