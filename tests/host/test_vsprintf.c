/*
 * lib/vsprintf.c: every C conversion, flag, width, precision and length
 * is compared with the host's snprintf (same string, same return value);
 * then what is Spindle's own: %p, %pS/%ps/%pB through a fake
 * sprint_symbol(), and the truncation contracts of vsnprintf and
 * scnprintf, with exact-size heap buffers so ASan sees any overrun.
 */
#include "lib_names.h"
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include "lib_names_end.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* kernel/kallsyms.c's part, faked: remembers what it was asked. */
static unsigned long fake_addr;
static int fake_kind;	/* 'S', 's' or 'B' */

int sprint_symbol(char *buf, size_t size, unsigned long addr, bool with_offset)
{
	fake_addr = addr;
	fake_kind = with_offset ? 'S' : 's';
	return snprintf(buf, size, with_offset ? "fake_fn+0x10/0x40" : "fake_fn");
}

int sprint_backtrace(char *buf, size_t size, unsigned long addr)
{
	fake_addr = addr;
	fake_kind = 'B';
	return snprintf(buf, size, "caller_fn+0x5/0x20");
}

static int mismatches;

/* Formats with both; reports a difference and counts it. */
static void __attribute__((format(printf, 3, 4)))
check_same(int line, int size, const char *fmt, ...)
{
	char want[512], got[512];
	int want_len, got_len;
	va_list ap;

	memset(got, 'X', sizeof(got));
	va_start(ap, fmt);
	want_len = vsnprintf(want, size, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	got_len = spindle_vsnprintf(got, size, fmt, ap);
	va_end(ap);
	if (want_len != got_len || strcmp(want, got)) {
		print_error("line %d: \"%s\": host \"%s\" (%d), lib \"%s\" (%d)\n",
			    line, fmt, want, want_len, got, got_len);
		mismatches++;
	}
}

#define SAME(...) check_same(__LINE__, 512, __VA_ARGS__)

static int reset_mismatches(void **state)
{
	mismatches = 0;
	return 0;
}

#define TEST(fn) cmocka_unit_test_setup(fn, reset_mismatches)

/*
 * For combinations of flags that C defines as ignored ('0' with '-' or a
 * precision, ' ' with '+', '+' or ' ' on an unsigned conversion): -Wformat
 * warns about them, but lib/ must ignore them as the host does.
 */
#define SAME_IGNORED_FLAGS(...)                                   \
	_Pragma("GCC diagnostic push")                            \
	_Pragma("GCC diagnostic ignored \"-Wformat\"")            \
	_Pragma("GCC diagnostic ignored \"-Wformat-zero-length\"") \
	SAME(__VA_ARGS__);                                        \
	_Pragma("GCC diagnostic pop")

static void test_signed_decimal(void **state)
{
	static const int values[] = { 0, 1, -1, 7, -7, 42, -42, 1000, -99999,
				      INT_MAX, -INT_MAX - 1 };

	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		int v = values[i];

		SAME("%d|%i", v, v);
		SAME("[%5d] [%-5d] [%05d] [%+d] [% d]", v, v, v, v, v);
		SAME_IGNORED_FLAGS("[%+05d] [%-+6d] [% 05d] [%+ d] [%-05d]", v, v, v, v, v);
		SAME_IGNORED_FLAGS("[%.3d] [%.0d] [%5.0d] [%8.3d] [%-8.3d] [%08.3d]",
				   v, v, v, v, v, v);
		SAME("[%+.3d] [% .4d] [%.12d] [%20d] [%-20i]", v, v, v, v, v);
		SAME("[%1d] [%2d] [%11d] [%12d]", v, v, v, v);
	}
	assert_int_equal(mismatches, 0);
}

static void test_unsigned_hex_octal(void **state)
{
	static const unsigned int values[] = { 0, 1, 7, 8, 9, 15, 16, 255, 256,
					       0x7fffffff, 0x80000000, UINT_MAX };

	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		unsigned int v = values[i];

		SAME("%u|%x|%X|%o", v, v, v, v);
		SAME("[%#x] [%#X] [%#o] [%#10x] [%#-10X] [%#010x]", v, v, v, v, v, v);
		SAME("[%#.0x] [%#.0o] [%#.3o] [%#.5o] [%#5o] [%#-8o]", v, v, v, v, v, v);
		SAME("[%.0u] [%.0x] [%5.0o] [%.6x] [%#.6x] [%#12.6X]", v, v, v, v, v, v);
		SAME("[%08u] [%-8x] [%08o] [%12u] [%.10u]", v, v, v, v, v);
		SAME_IGNORED_FLAGS("[%+u] [% u] [%+x] [% X] [%+o] [%-08u] [%08.3x]",
				   v, v, v, v, v, v, v);
	}
	assert_int_equal(mismatches, 0);
}

static void test_length_modifiers(void **state)
{
	SAME("%hhd %hhd %hhd %hhi", 300, -129, 127, 128);
	SAME("%hhu %hhu %hhx %hho", -1, 256 + 7, 0x1ff, 0777);
	SAME("%hd %hd %hi %hd", 70000, -32769, 32767, -32768);
	SAME("%hu %hx %hX %ho", -1, 0x12345, 0xabcde, 0x1ffff);
	SAME("%ld %ld %li", LONG_MAX, -LONG_MAX - 1, 0L);
	SAME("%lu %lx %lX %lo", ULONG_MAX, ULONG_MAX, 0xdeadbeefcafeUL, ULONG_MAX);
	SAME("%lld %lld %lli", (long long)LONG_MAX, -(long long)LONG_MAX - 1, -5LL);
	SAME("%llu %llx %#llo %#llX", ~0ULL, ~0ULL, ~0ULL, 0x1234567890abcdefULL);
	SAME("%zu %zx %zd %zd", (size_t)-1, (size_t)0x42, (ssize_t)-5, (ssize_t)5);
	SAME("%td %td %tx", (ptrdiff_t)-7, (ptrdiff_t)PTRDIFF_MAX, (ptrdiff_t)0xff);
	SAME("[%20lld] [%-+20lld] [%#22llo]", -1LL, 1LL, 1ULL);
	SAME("%d %ld %d %lld %d", 1, 2L, 3, 4LL, 5);	/* argument sizes mixed */
	assert_int_equal(mismatches, 0);
}

static void test_char_string_percent(void **state)
{
	SAME("[%c] [%5c] [%-5c] [%c%c]", 'a', 'b', 'c', 'd', 0x100 + 'e');
	SAME("[%s] [%10s] [%-10s] [%.3s] [%10.3s] [%-10.3s]",
	     "hello", "hello", "hello", "hello", "hello", "hello");
	SAME("[%.0s] [%.10s] [%s] [%5s] [%s]", "abc", "abc", "", "", "longer than width");
	SAME("100%% [%%] %d%%", 5);
	SAME("plain text, no conversions");
	SAME_IGNORED_FLAGS("");
	SAME("[%s|%d|%x|%c|%u]", "mix", -3, 0xbeef, 'q', 7u);
	assert_int_equal(mismatches, 0);
}

static void test_star_width_and_precision(void **state)
{
	SAME("[%*d] [%-*d] [%*d]", 5, 42, 5, 42, -5, 42);
	SAME("[%.*d] [%.*d] [%*.*d] [%0*d]", 3, 7, -1, 7, 8, 4, -7, 6, -3);
	SAME("[%*s] [%-*s] [%*s]", 8, "ab", 8, "ab", -8, "ab");
	SAME("[%.*s] [%.*s] [%*.*s]", 2, "abcdef", -1, "abcdef", 6, 3, "abcdef");
	SAME("[%*x] [%#*o] [%*c]", 6, 0xab, 5, 8, 3, 'z');
	SAME("[%*d]", 0, 9);
	assert_int_equal(mismatches, 0);
}

/* %c of NUL stores a NUL and counts it, as in C. */
static void test_char_nul(void **state)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(spindle_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	assert_memory_equal(buf, "a\0b", 4);
}

static void test_null_string(void **state)
{
	const char *volatile null = NULL;	/* hidden from -Wformat-overflow */
	char buf[32];

	assert_int_equal(spindle_snprintf(buf, sizeof(buf), "[%s]", null), 8);
	assert_string_equal(buf, "[(null)]");
}

static void test_pointer(void **state)
{
	char buf[64];

	spindle_snprintf(buf, sizeof(buf), "%p", (void *)0x1234);
	assert_string_equal(buf, "0000000000001234");
	spindle_snprintf(buf, sizeof(buf), "%p", NULL);
	assert_string_equal(buf, "0000000000000000");
	spindle_snprintf(buf, sizeof(buf), "%p|", (void *)0xffffffff80001000UL);
	assert_string_equal(buf, "ffffffff80001000|");
}

/* %pS and the like are not C: -Wformat reads them as %p and a letter. */
#define SPINDLE_FORMAT(call)                           \
	_Pragma("GCC diagnostic push")                 \
	_Pragma("GCC diagnostic ignored \"-Wformat\"") \
	call;                                          \
	_Pragma("GCC diagnostic pop")

static void test_pointer_symbols(void **state)
{
	char buf[64];

	assert_int_equal(spindle_snprintf(buf, sizeof(buf), "at %pS.", (void *)0xabc), 21);
	assert_string_equal(buf, "at fake_fn+0x10/0x40.");
	assert_int_equal(fake_addr, 0xabc);
	assert_int_equal(fake_kind, 'S');

	spindle_snprintf(buf, sizeof(buf), "%ps()", (void *)0xdef);
	assert_string_equal(buf, "fake_fn()");
	assert_int_equal(fake_addr, 0xdef);
	assert_int_equal(fake_kind, 's');

	spindle_snprintf(buf, sizeof(buf), "<%pB>", (void *)0x123);
	assert_string_equal(buf, "<caller_fn+0x5/0x20>");
	assert_int_equal(fake_addr, 0x123);
	assert_int_equal(fake_kind, 'B');

	/* Width and precision apply to the symbol as to a string. */
	SPINDLE_FORMAT(spindle_snprintf(buf, sizeof(buf), "[%-20ps] [%12ps] [%.4pS]",
					(void *)1, (void *)2, (void *)3));
	assert_string_equal(buf, "[fake_fn             ] [     fake_fn] [fake]");
}

/* Every buffer size from 0 to past the end, each buffer exactly that big. */
static void test_vsnprintf_truncation(void **state)
{
	static const char want[] = "hello, world 12345";
	const int len = sizeof(want) - 1;

	for (int size = 0; size <= len + 2; size++) {
		char *buf = malloc(size ? size : 1);

		memset(buf, 'X', size ? size : 1);
		assert_int_equal(spindle_snprintf(buf, size, "%s, %s %d", "hello",
						  "world", 12345), len);
		if (size == 0) {
			assert_int_equal(buf[0], 'X');	/* nothing written */
		} else {
			int kept = size - 1 < len ? size - 1 : len;

			assert_memory_equal(buf, want, kept);
			assert_int_equal(buf[kept], '\0');
		}
		free(buf);
	}
	/* Size 0 with no buffer at all: only the length. */
	assert_int_equal(spindle_snprintf(NULL, 0, "%d-%s", 123, "abc"), 7);
}

/* Truncation in the middle of padding and numbers matches the host too. */
static void test_truncation_matches_host(void **state)
{
	for (int size = 1; size <= 24; size++) {
		check_same(__LINE__, size, "[%10d|%-8s|%#x]", -42, "ab", 0xff);
		check_same(__LINE__, size, "%020llu", 123456789ULL);
	}
	assert_int_equal(mismatches, 0);
}

static int call_vscnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = spindle_vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_scnprintf_returns_what_was_stored(void **state)
{
	char buf[8];

	assert_int_equal(spindle_scnprintf(buf, sizeof(buf), "%s", "abc"), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(spindle_scnprintf(buf, sizeof(buf), "%s", "abcdefgh"), 7);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(spindle_scnprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	assert_int_equal(spindle_scnprintf(buf, 1, "%d", 99), 0);
	assert_string_equal(buf, "");
	assert_int_equal(spindle_scnprintf(NULL, 0, "%d", 99), 0);
	assert_int_equal(call_vscnprintf(buf, 4, "%d", 123456), 3);
	assert_string_equal(buf, "123");
	assert_int_equal(call_vscnprintf(buf, sizeof(buf), "%d", 12), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_signed_decimal),
		TEST(test_unsigned_hex_octal),
		TEST(test_length_modifiers),
		TEST(test_char_string_percent),
		TEST(test_star_width_and_precision),
		TEST(test_char_nul),
		TEST(test_null_string),
		TEST(test_pointer),
		TEST(test_pointer_symbols),
		TEST(test_vsnprintf_truncation),
		TEST(test_truncation_matches_host),
		TEST(test_scnprintf_returns_what_was_stored),
	};

	return cmocka_run_group_tests_name("lib/vsprintf.c", tests, NULL, NULL);
}
