/*
 * boot_crash=TYPE: makes the boot fault on purpose at the end of
 * start_kernel(), so that a student (and the tests) can see the oops the
 * kernel prints: null (page fault on a NULL pointer), divide (divide
 * error), opcode (invalid opcode), bug (BUG()). Each fault sits in its own
 * noinline function so the backtrace names it.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <spindle/boot_crash.h>

static char crash_type[16];

static noinline void crash_null_deref(void)
{
	volatile int *p = NULL;

	pr_info("boot_crash: reading through a NULL pointer\n");
	(void)*p;
}

static noinline void crash_divide(void)
{
	/* Both operands volatile: gcc turns 1 / x into a compare. */
	volatile int one = 1, zero = 0;
	volatile int r;

	pr_info("boot_crash: dividing by zero\n");
	r = one / zero;
	(void)r;
}

static noinline void crash_invalid_opcode(void)
{
	pr_info("boot_crash: executing an undefined instruction\n");
	__builtin_trap();
}

static noinline void crash_bug(void)
{
	pr_info("boot_crash: BUG()\n");
	BUG();
}

static const struct {
	const char *name;
	void (*fn)(void);
} crashes[] = {
	{ "null", crash_null_deref },
	{ "divide", crash_divide },
	{ "opcode", crash_invalid_opcode },
	{ "bug", crash_bug },
};

static int __init boot_crash_setup(char *val)
{
	strlcpy(crash_type, val, sizeof(crash_type));
	return 0;
}
__setup("boot_crash=", boot_crash_setup);

void boot_crash_run(void)
{
	if (!crash_type[0])
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(crashes); i++) {
		if (!strcmp(crash_type, crashes[i].name)) {
			crashes[i].fn();
			return;
		}
	}
	pr_warn("boot_crash: unknown type '%s' (null, divide, opcode, bug); "
		"not crashing\n", crash_type);
}
