/*
 * lib/errname.c: every code in include/linux/errno.h has its name, given
 * as "-ENAME" whether the code is passed negative (as functions return
 * it) or positive; numbers without a name give NULL.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define E(x) { x, "-" #x }
/* Keep in step with include/linux/errno.h. */
static const struct {
	int err;
	const char *name;
} codes[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(EBUSY), E(EEXIST), E(ENODEV), E(EINVAL), E(ENOSPC),
	E(ERANGE), E(EDEADLK), E(ENAMETOOLONG), E(ENOSYS), E(ENODATA),
	E(ETIME), E(EOVERFLOW), E(EOPNOTSUPP), E(ETIMEDOUT), E(EALREADY),
	E(EINPROGRESS), E(ECANCELED),
};

static void test_every_code_has_its_name(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		const char *name = errname(-codes[i].err);

		if (!name || strcmp(name, codes[i].name))
			fail_msg("errname(-%d) is %s, want %s", codes[i].err,
				 name ? name : "NULL", codes[i].name);
		assert_string_equal(errname(codes[i].err), codes[i].name);
	}
}

static void test_unnamed_numbers_give_null(void **state)
{
	static const int unnamed[] = { 0, 41, -41, 58, -58, 126, -126, -1000,
				       4095, -4095, INT_MAX, -INT_MAX, -INT_MAX - 1 };

	for (size_t i = 0; i < ARRAY_SIZE(unnamed); i++)
		assert_null(errname(unnamed[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_has_its_name),
		cmocka_unit_test(test_unnamed_numbers_give_null),
	};

	return cmocka_run_group_tests_name("lib/errname.c", tests, NULL, NULL);
}
