/*
 * In-kernel tests of the architecture's memcpy, memset and memmove
 * (arch/x86_64/lib/memcpy_64.asm), which replace lib/string.c's portable
 * versions in the kernel: every length 0..80 at every alignment 0..7 of
 * source and destination, overlapping moves both ways, and the bytes
 * around each destination left alone. A byte loop here is the reference.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <spindle/ktest.h>

#define AREA 160
#define GUARD 0x5a

static unsigned char src[AREA], dst[AREA], ref[AREA];

static void fill_pattern(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + 1);
}

static bool same(const unsigned char *a, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static void memcpy_every_length_and_alignment(struct ktest *t)
{
	int bad = 0;

	for (size_t n = 0; n <= 80; n++) {
		for (int so = 0; so < 8; so++) {
			for (int d = 0; d < 8; d++) {
				fill_pattern(src, AREA, n + so);
				for (size_t i = 0; i < AREA; i++)
					dst[i] = ref[i] = GUARD;
				for (size_t i = 0; i < n; i++)
					ref[16 + d + i] = src[so + i];
				if (memcpy(dst + 16 + d, src + so, n) != dst + 16 + d ||
				    !same(dst, ref, AREA))
					bad++;
			}
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0);
}

static void memset_every_length_and_alignment(struct ktest *t)
{
	int bad = 0;

	for (size_t n = 0; n <= 80; n++) {
		for (int d = 0; d < 8; d++) {
			for (size_t i = 0; i < AREA; i++)
				dst[i] = ref[i] = GUARD;
			for (size_t i = 0; i < n; i++)
				ref[16 + d + i] = 0xc3;
			/* only the low byte of the value counts */
			if (memset(dst + 16 + d, 0x7c3, n) != dst + 16 + d ||
			    !same(dst, ref, AREA))
				bad++;
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0);
}

/* Overlap in both directions, by every distance up to 24 bytes. */
static void memmove_overlapping(struct ktest *t)
{
	int bad = 0;

	for (size_t n = 0; n <= 64; n++) {
		for (int shift = -24; shift <= 24; shift++) {
			size_t from = 40, to = 40 + shift;

			fill_pattern(dst, AREA, n);
			for (size_t i = 0; i < AREA; i++)
				ref[i] = dst[i];
			for (size_t i = 0; i < n; i++)	/* a copy read first */
				src[i] = dst[from + i];
			for (size_t i = 0; i < n; i++)
				ref[to + i] = src[i];
			if (memmove(dst + to, dst + from, n) != dst + to || !same(dst, ref, AREA))
				bad++;
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0);
}

static const struct ktest_case string_cases[] = {
	KTEST_CASE(memcpy_every_length_and_alignment),
	KTEST_CASE(memset_every_length_and_alignment),
	KTEST_CASE(memmove_overlapping),
	{}
};

static const struct ktest_suite string_suite = {
	.name = "string",
	.cases = string_cases,
};
ktest_register_suite(string_suite);
