// The fuzz target: code, data, relocations and parameters like any
// module, but no init or exit function, so that nothing in it ever runs
// when a corrupted copy happens to load.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>

static int counter;
static const char *names[] = { "alpha", "beta", "gamma" };
module_param(counter, int, 0444);

int mt_fuzz_sum(int a, int b);
int mt_fuzz_sum(int a, int b)
{
	return a + b + counter + (int)strlen(names[a % 3]);
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("fuzz target");
