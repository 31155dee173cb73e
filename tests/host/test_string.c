/*
 * lib/string.c against the C library where the contracts are the same
 * (mem*, str*), and against Linux's documented contracts for strlcpy,
 * strscpy, strsep, strim and skip_spaces. Buffers are malloc'ed at their
 * exact size, so that ASan reports any access one byte too far.
 */
#include "lib_names.h"
#include <linux/string.h>
#include <linux/errno.h>
#include "lib_names_end.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* A fresh heap copy of @n bytes, so ASan guards both ends. */
static char *dup_exact(const void *src, size_t n)
{
	char *p = malloc(n ? n : 1);

	memcpy(p, src, n);
	return p;
}

static void fill_pattern(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 37);
}

static void test_memset(void **state)
{
	for (size_t n = 0; n <= 70; n++) {
		unsigned char *got = malloc(n + 1), *want = malloc(n + 1);

		fill_pattern(got, n, 1);
		fill_pattern(want, n, 1);
		assert_ptr_equal(spindle_memset(got, 0x1A5, n), got);
		memset(want, 0x1A5, n);		/* the byte is (unsigned char)c */
		assert_memory_equal(got, want, n);
		free(got);
		free(want);
	}
}

static void test_memcpy(void **state)
{
	unsigned char src[97];

	fill_pattern(src, sizeof(src), 7);
	for (size_t n = 0; n <= sizeof(src); n++) {
		unsigned char *dst = malloc(n ? n : 1);

		assert_ptr_equal(spindle_memcpy(dst, src, n), dst);
		assert_memory_equal(dst, src, n);
		free(dst);
	}
}

/* Every overlap of every length, forwards and backwards, against libc. */
static void test_memmove_overlap_both_ways(void **state)
{
	enum { SIZE = 40 };

	for (size_t n = 0; n <= SIZE; n++) {
		for (size_t src = 0; src + n <= SIZE; src++) {
			for (size_t dst = 0; dst + n <= SIZE; dst++) {
				unsigned char got[SIZE], want[SIZE];

				fill_pattern(got, SIZE, 3);
				fill_pattern(want, SIZE, 3);
				assert_ptr_equal(spindle_memmove(got + dst, got + src, n),
						 got + dst);
				memmove(want + dst, want + src, n);
				assert_memory_equal(got, want, SIZE);
			}
		}
	}
}

static void test_memcmp(void **state)
{
	static const struct {
		const char *a, *b;
		size_t n;
	} cases[] = {
		{ "abc", "abc", 3 }, { "abc", "abd", 3 }, { "abd", "abc", 3 },
		{ "abc", "abd", 2 }, { "", "", 0 }, { "a", "b", 0 },
		{ "\x80", "\x7f", 1 },		/* bytes compare unsigned */
		{ "\x7f", "\xff", 1 }, { "a\0b", "a\0c", 3 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *a = dup_exact(cases[i].a, cases[i].n);
		char *b = dup_exact(cases[i].b, cases[i].n);

		assert_int_equal(sign(spindle_memcmp(a, b, cases[i].n)),
				 sign(memcmp(a, b, cases[i].n)));
		free(a);
		free(b);
	}
}

static void test_memchr(void **state)
{
	char *s = dup_exact("hello\0world\xc8", 12);

	assert_ptr_equal(spindle_memchr(s, 'l', 12), s + 2);
	assert_ptr_equal(spindle_memchr(s, '\0', 12), s + 5);
	assert_ptr_equal(spindle_memchr(s, 'w', 12), s + 6);
	assert_ptr_equal(spindle_memchr(s, 'w', 6), NULL);	/* not past n */
	assert_ptr_equal(spindle_memchr(s, 'z', 12), NULL);
	assert_ptr_equal(spindle_memchr(s, 0xc8, 12), s + 11);
	assert_ptr_equal(spindle_memchr(s, 0x100 + 'h', 12), s);	/* c as a byte */
	assert_ptr_equal(spindle_memchr(s, 'h', 0), NULL);
	free(s);
}

static void test_strlen_strnlen(void **state)
{
	static const char *const strs[] = { "", "a", "hello", "a longer string, 31 bytes here" };

	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		size_t len = strlen(strs[i]);
		char *s = dup_exact(strs[i], len + 1);

		assert_int_equal(spindle_strlen(s), len);
		for (size_t max = 0; max <= len + 2; max++)
			assert_int_equal(spindle_strnlen(s, max), strnlen(s, max));
		free(s);
	}
	/* strnlen must not read past max when there is no NUL. */
	char *raw = dup_exact("abcd", 4);

	assert_int_equal(spindle_strnlen(raw, 4), 4);
	free(raw);
}

static const char *const cmp_strs[] = {
	"", "a", "b", "ab", "abc", "abd", "abcd", "B", "\x80", "\x7f", "\xff\x01",
};

static void test_strcmp(void **state)
{
	size_t n = sizeof(cmp_strs) / sizeof(cmp_strs[0]);

	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			char *a = dup_exact(cmp_strs[i], strlen(cmp_strs[i]) + 1);
			char *b = dup_exact(cmp_strs[j], strlen(cmp_strs[j]) + 1);

			assert_int_equal(sign(spindle_strcmp(a, b)), sign(strcmp(a, b)));
			free(a);
			free(b);
		}
	}
}

static void test_strncmp(void **state)
{
	size_t n = sizeof(cmp_strs) / sizeof(cmp_strs[0]);

	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			char *a = dup_exact(cmp_strs[i], strlen(cmp_strs[i]) + 1);
			char *b = dup_exact(cmp_strs[j], strlen(cmp_strs[j]) + 1);

			for (size_t k = 0; k <= 6; k++)
				assert_int_equal(sign(spindle_strncmp(a, b, k)),
						 sign(strncmp(a, b, k)));
			free(a);
			free(b);
		}
	}
}

static void test_strchr_strrchr(void **state)
{
	char *s = dup_exact("abcabc", 7);

	assert_ptr_equal(spindle_strchr(s, 'b'), strchr(s, 'b'));
	assert_ptr_equal(spindle_strrchr(s, 'b'), strrchr(s, 'b'));
	assert_ptr_equal(spindle_strchr(s, 'z'), NULL);
	assert_ptr_equal(spindle_strrchr(s, 'z'), NULL);
	/* The terminator can be searched for. */
	assert_ptr_equal(spindle_strchr(s, '\0'), s + 6);
	assert_ptr_equal(spindle_strrchr(s, '\0'), s + 6);
	assert_ptr_equal(spindle_strchr(s, 0x100 + 'c'), strchr(s, 0x100 + 'c'));
	free(s);
}

static void test_strstr(void **state)
{
	static const char *const pairs[][2] = {
		{ "hello world", "world" }, { "hello world", "o w" },
		{ "hello", "" }, { "", "" }, { "", "a" }, { "aaab", "aab" },
		{ "abc", "abcd" }, { "abcabd", "abd" }, { "abc", "c" },
		{ "abc", "x" },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char *h = dup_exact(pairs[i][0], strlen(pairs[i][0]) + 1);
		char *n = dup_exact(pairs[i][1], strlen(pairs[i][1]) + 1);

		assert_ptr_equal(spindle_strstr(h, n), strstr(h, n));
		free(h);
		free(n);
	}
}

static void test_strlcpy(void **state)
{
	char *dst = malloc(8);

	assert_int_equal(spindle_strlcpy(dst, "short", 8), 5);
	assert_string_equal(dst, "short");
	/* Cut to size - 1 and terminated; returns strlen(src) to detect it. */
	assert_int_equal(spindle_strlcpy(dst, "much too long", 8), 13);
	assert_string_equal(dst, "much to");
	assert_int_equal(spindle_strlcpy(dst, "exactly", 8), 7);
	assert_string_equal(dst, "exactly");
	assert_int_equal(spindle_strlcpy(dst, "x", 1), 1);
	assert_string_equal(dst, "");
	/* Size 0 writes nothing at all. */
	memcpy(dst, "unchang", 8);
	assert_int_equal(spindle_strlcpy(dst, "abc", 0), 3);
	assert_string_equal(dst, "unchang");
	free(dst);
}

static void test_strscpy(void **state)
{
	char *dst = malloc(8);

	assert_int_equal(spindle_strscpy(dst, "short", 8), 5);
	assert_string_equal(dst, "short");
	assert_int_equal(spindle_strscpy(dst, "exactly", 8), 7);
	assert_string_equal(dst, "exactly");
	assert_int_equal(spindle_strscpy(dst, "8 chars!", 8), -E2BIG);
	assert_string_equal(dst, "8 chars");
	assert_int_equal(spindle_strscpy(dst, "much too long", 8), -E2BIG);
	assert_string_equal(dst, "much to");
	assert_int_equal(spindle_strscpy(dst, "", 8), 0);
	assert_string_equal(dst, "");
	memcpy(dst, "unchang", 8);
	assert_int_equal(spindle_strscpy(dst, "abc", 0), -E2BIG);
	assert_string_equal(dst, "unchang");
	free(dst);
}

static void test_strsep(void **state)
{
	char buf[] = "a,b;;c,";
	char *s = buf;

	assert_string_equal(spindle_strsep(&s, ",;"), "a");
	assert_string_equal(spindle_strsep(&s, ",;"), "b");
	assert_string_equal(spindle_strsep(&s, ",;"), "");	/* empty token */
	assert_string_equal(spindle_strsep(&s, ",;"), "c");
	assert_string_equal(spindle_strsep(&s, ",;"), "");	/* after the last , */
	assert_null(s);
	assert_null(spindle_strsep(&s, ",;"));

	char none[] = "word";

	s = none;
	assert_ptr_equal(spindle_strsep(&s, " "), none);
	assert_null(s);
}

static void test_strim_and_skip_spaces(void **state)
{
	char a[] = " \t\n hello world \r\n\v\f ";
	char b[] = "   ";
	char c[] = "";
	char d[] = "x";

	assert_string_equal(spindle_skip_spaces(" \t\nx y "), "x y ");
	assert_string_equal(spindle_skip_spaces(""), "");
	assert_string_equal(spindle_strim(a), "hello world");
	assert_string_equal(a, " \t\n hello world");	/* cut in place */
	assert_string_equal(spindle_strim(b), "");
	assert_string_equal(spindle_strim(c), "");
	assert_string_equal(spindle_strim(d), "x");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memset),
		cmocka_unit_test(test_memcpy),
		cmocka_unit_test(test_memmove_overlap_both_ways),
		cmocka_unit_test(test_memcmp),
		cmocka_unit_test(test_memchr),
		cmocka_unit_test(test_strlen_strnlen),
		cmocka_unit_test(test_strcmp),
		cmocka_unit_test(test_strncmp),
		cmocka_unit_test(test_strchr_strrchr),
		cmocka_unit_test(test_strstr),
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_strscpy),
		cmocka_unit_test(test_strsep),
		cmocka_unit_test(test_strim_and_skip_spaces),
	};

	return cmocka_run_group_tests_name("lib/string.c", tests, NULL, NULL);
}
