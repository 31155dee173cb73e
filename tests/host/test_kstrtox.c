/*
 * lib/kstrtox.c against Linux's kstrto*() contract: the whole string is
 * one number in the given base (0: "0x" hex, "0" octal, else decimal),
 * with an optional sign where the type has one and one trailing newline;
 * overflow is -ERANGE, anything else malformed -EINVAL, and on error the
 * result is left alone.
 */
#include <linux/kernel.h>
#include <linux/errno.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define LONG_MIN_ (-LONG_MAX - 1)
#define INT_MIN_ (-INT_MAX - 1)
#define UNTOUCHED 0x5a5a5a5a

struct ul_case {
	const char *s;
	unsigned int base;
	int err;
	unsigned long val;
};

static void test_kstrtoul(void **state)
{
	static const struct ul_case cases[] = {
		{ "0", 10, 0, 0 }, { "42", 10, 0, 42 }, { "+42", 10, 0, 42 },
		{ "42\n", 10, 0, 42 }, { "ff", 16, 0, 0xff }, { "FF", 16, 0, 0xff },
		{ "0xff", 16, 0, 0xff }, { "0XfF", 16, 0, 0xff }, { "777", 8, 0, 0777 },
		{ "0x1f", 0, 0, 0x1f }, { "017", 0, 0, 017 }, { "0", 0, 0, 0 },
		{ "19", 0, 0, 19 }, { "0x", 0, -EINVAL, 0 }, { "0x", 16, -EINVAL, 0 },
		{ "018", 0, -EINVAL, 0 }, { "8", 8, -EINVAL, 0 }, { "1g", 16, -EINVAL, 0 },
		{ "0x1f", 10, -EINVAL, 0 }, { "", 10, -EINVAL, 0 }, { "\n", 10, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 }, { "-1", 10, -EINVAL, 0 }, { " 1", 10, -EINVAL, 0 },
		{ "1 ", 10, -EINVAL, 0 }, { "1\n\n", 10, -EINVAL, 0 },
		{ "1\nx", 10, -EINVAL, 0 }, { "12abc", 10, -EINVAL, 0 },
		{ "18446744073709551615", 10, 0, ULONG_MAX },
		{ "0xffffffffffffffff", 0, 0, ULONG_MAX },
		{ "1777777777777777777777", 8, 0, ULONG_MAX },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "0x10000000000000000", 0, -ERANGE, 0 },
		{ "99999999999999999999999", 10, -ERANGE, 0 },
		{ "00000000000000000000000000000042", 10, 0, 42 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long v = UNTOUCHED;
		int err = kstrtoul(cases[i].s, cases[i].base, &v);

		if (err != cases[i].err || v != (cases[i].err ? UNTOUCHED : cases[i].val))
			fail_msg("kstrtoul(\"%s\", %u): %d, %lu; want %d, %lu",
				 cases[i].s, cases[i].base, err, v, cases[i].err,
				 cases[i].val);
	}
}

struct l_case {
	const char *s;
	unsigned int base;
	int err;
	long val;
};

static void test_kstrtol(void **state)
{
	static const struct l_case cases[] = {
		{ "0", 10, 0, 0 }, { "-0", 10, 0, 0 }, { "+0", 10, 0, 0 },
		{ "-42", 10, 0, -42 }, { "+42\n", 10, 0, 42 }, { "-0x10", 0, 0, -16 },
		{ "-010", 0, 0, -8 }, { "-ff", 16, 0, -255 },
		{ "9223372036854775807", 10, 0, LONG_MAX },
		{ "-9223372036854775808", 10, 0, LONG_MIN_ },
		{ "9223372036854775808", 10, -ERANGE, 0 },
		{ "-9223372036854775809", 10, -ERANGE, 0 },
		{ "-18446744073709551616", 10, -ERANGE, 0 },
		{ "-", 10, -EINVAL, 0 }, { "--1", 10, -EINVAL, 0 },
		{ "+-1", 10, -EINVAL, 0 }, { "-+1", 10, -EINVAL, 0 },
		{ "- 1", 10, -EINVAL, 0 }, { "", 0, -EINVAL, 0 },
		{ "-1\n", 10, 0, -1 }, { "-\n", 10, -EINVAL, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		long v = UNTOUCHED;
		int err = kstrtol(cases[i].s, cases[i].base, &v);

		if (err != cases[i].err || v != (cases[i].err ? UNTOUCHED : cases[i].val))
			fail_msg("kstrtol(\"%s\", %u): %d, %ld; want %d, %ld",
				 cases[i].s, cases[i].base, err, v, cases[i].err,
				 cases[i].val);
	}
}

static void test_kstrtouint(void **state)
{
	unsigned int v = UNTOUCHED;

	assert_int_equal(kstrtouint("4294967295", 10, &v), 0);
	assert_int_equal(v, UINT_MAX);
	assert_int_equal(kstrtouint("0xffffffff\n", 0, &v), 0);
	assert_int_equal(v, UINT_MAX);
	assert_int_equal(kstrtouint("+7", 10, &v), 0);
	assert_int_equal(v, 7);
	v = UNTOUCHED;
	assert_int_equal(kstrtouint("4294967296", 10, &v), -ERANGE);
	assert_int_equal(kstrtouint("-1", 10, &v), -EINVAL);
	assert_int_equal(kstrtouint("x", 10, &v), -EINVAL);
	assert_int_equal(kstrtouint("18446744073709551616", 10, &v), -ERANGE);
	assert_int_equal(v, UNTOUCHED);
}

static void test_kstrtoint(void **state)
{
	int v = UNTOUCHED;

	assert_int_equal(kstrtoint("2147483647", 10, &v), 0);
	assert_int_equal(v, INT_MAX);
	assert_int_equal(kstrtoint("-2147483648", 10, &v), 0);
	assert_int_equal(v, INT_MIN_);
	assert_int_equal(kstrtoint("-0x80000000", 0, &v), 0);
	assert_int_equal(v, INT_MIN_);
	assert_int_equal(kstrtoint("-12\n", 10, &v), 0);
	assert_int_equal(v, -12);
	v = UNTOUCHED;
	assert_int_equal(kstrtoint("2147483648", 10, &v), -ERANGE);
	assert_int_equal(kstrtoint("-2147483649", 10, &v), -ERANGE);
	assert_int_equal(kstrtoint("4294967296", 10, &v), -ERANGE);
	assert_int_equal(kstrtoint("1.5", 10, &v), -EINVAL);
	assert_int_equal(kstrtoint("", 10, &v), -EINVAL);
	assert_int_equal(v, UNTOUCHED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kstrtoul),
		cmocka_unit_test(test_kstrtol),
		cmocka_unit_test(test_kstrtouint),
		cmocka_unit_test(test_kstrtoint),
	};

	return cmocka_run_group_tests_name("lib/kstrtox.c", tests, NULL, NULL);
}
