/*
 * kernel/mm/page_alloc.c (the buddy allocator), with kernel/mm/memblock.c
 * and lib/fault-inject.c, on a simulated machine of about 80 MiB with
 * holes, reservations ending mid-page and RAM above 4 GiB (mm_support.c).
 *
 * After every test, host_buddy_snapshot() checks every free list against
 * the allocator's invariants and the teardown requires the allocator to
 * be exactly as it booted: the same free pages in the same blocks. So
 * each test also proves that freeing what it took merges everything back.
 */
#include "lib_names.h"
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/errno.h>
#include <linux/fault-inject.h>
#include <linux/random.h>
#include <spindle/mm.h>
#include "mm_support.h"
#include "lib_names_end.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static struct buddy_snapshot booted;	/* the state right after boot */

static int zone_of(unsigned long pfn)
{
	if (pfn < HOST_DMA_END_PFN)
		return ZONE_DMA;
	if (pfn < HOST_DMA32_END_PFN)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

static bool snap_free(const struct buddy_snapshot *s, unsigned long pfn)
{
	return s->free_map[pfn / 64] & (1UL << (pfn % 64));
}

/* A growable array of allocated blocks. */
struct blocks {
	struct page **page;
	unsigned int *order;
	size_t n, cap;
};

static void blocks_push(struct blocks *b, struct page *page, unsigned int order)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 1024;
		b->page = realloc(b->page, b->cap * sizeof(*b->page));
		b->order = realloc(b->order, b->cap * sizeof(*b->order));
	}
	b->page[b->n] = page;
	b->order[b->n++] = order;
}

/* Removes entry @i (the last one takes its place). */
static void blocks_remove(struct blocks *b, size_t i)
{
	b->page[i] = b->page[--b->n];
	b->order[i] = b->order[b->n];
}

static void blocks_release(struct blocks *b)
{
	free(b->page);
	free(b->order);
	memset(b, 0, sizeof(*b));
}

/* Allocates 2^@order blocks with @gfp until the allocator says no. */
static size_t alloc_until_null(struct blocks *b, gfp_t gfp, unsigned int order)
{
	size_t before = b->n;
	struct page *page;

	while ((page = alloc_pages(gfp, order)))
		blocks_push(b, page, order);
	return b->n - before;
}

/* Frees every block in a random order; checks the lists every @every. */
static void free_all_shuffled(struct blocks *b, size_t every)
{
	size_t done = 0;

	while (b->n) {
		size_t i = host_rand() % b->n;

		__free_pages(b->page[i], b->order[i]);
		blocks_remove(b, i);
		if (every && ++done % every == 0) {
			struct buddy_snapshot s;

			host_buddy_snapshot(&s);
			host_buddy_release(&s);
		}
	}
	blocks_release(b);
}

/* The blocks of 2^@order pages zone @z can give before its min watermark,
 * by the allocator's rules: enough free pages above min, and the pages in
 * blocks of at least that order. */
static unsigned long expected_blocks(const struct buddy_snapshot *s, int z,
				     unsigned int order, unsigned long min)
{
	unsigned long in_big_blocks = 0;

	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++)
		in_big_blocks += s->nr_free[z][o] << (o - order);
	if (!zones[z].managed_pages || s->free_pages[z] < min)
		return 0;
	return min(in_big_blocks, (s->free_pages[z] - min) >> order);
}

static int group_setup(void **state)
{
	host_mm_init();
	host_buddy_snapshot(&booted);
	return 0;
}

static int group_teardown(void **state)
{
	host_buddy_release(&booted);
	return 0;
}

static int setup(void **state)
{
	host_log_clear();
	host_srand(0x5eed);
	return 0;
}

static void swap_snapshots(struct buddy_snapshot *a, struct buddy_snapshot *b)
{
	struct buddy_snapshot t = *a;

	*a = *b;
	*b = t;
}

/* Every test leaves no lock held, no unexpected WARN, and the allocator
 * exactly as it booted. */
static int teardown(void **state)
{
	struct buddy_snapshot now;

	host_assert_unlocked();
	if (host_warnings())
		fail_msg("unexpected WARN:\n%s", host_log());
	host_buddy_snapshot(&now);
	/* a test that fails here is the only one blamed: the next compare
	 * with what it left */
	swap_snapshots(&booted, &now);
	host_assert_buddy_same(&now, &booted);
	host_buddy_release(&now);
	return 0;
}

/* memblock_free_all() gives the buddy allocator every whole page of RAM
 * outside the reservations, and nothing else. */
static void test_boot_frees_exactly_the_usable_ram(void **state)
{
	unsigned long usable = 0;
	phys_addr_t ram_end = host_ram[host_nr_ram - 1].end;

	assert_int_equal(max_pfn, PFN_DOWN(ram_end));
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		bool ok = host_pfn_usable(pfn);

		if (snap_free(&booted, pfn) != ok)
			fail_msg("pfn %#lx: free %d, usable %d", pfn,
				 snap_free(&booted, pfn), ok);
		if (PageReserved(pfn_to_page(pfn)) == ok)
			fail_msg("pfn %#lx: PG_reserved %d, usable %d", pfn,
				 PageReserved(pfn_to_page(pfn)), ok);
		usable += ok;
	}
	assert_int_equal(host_released, usable);
	assert_int_equal(totalram_pages(), usable);
	assert_int_equal(nr_free_pages(), usable);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		assert_int_equal(zones[z].managed_pages, host_usable_pages(z));
		assert_int_equal(zones[z].free_pages, host_usable_pages(z));
	}
}

static void test_zones_span_the_dma_limits(void **state)
{
	assert_int_equal(zones[ZONE_DMA].zone_start_pfn, 0);
	assert_int_equal(zone_end_pfn(&zones[ZONE_DMA]), HOST_DMA_END_PFN);
	assert_int_equal(zones[ZONE_DMA32].zone_start_pfn, HOST_DMA_END_PFN);
	assert_int_equal(zone_end_pfn(&zones[ZONE_DMA32]), HOST_DMA32_END_PFN);
	assert_int_equal(zones[ZONE_NORMAL].zone_start_pfn, HOST_DMA32_END_PFN);
	assert_int_equal(zone_end_pfn(&zones[ZONE_NORMAL]), max_pfn);
}

/* memblock_phys_alloc() takes the top of RAM: the 16 MiB above 4 GiB keep
 * four 4 MiB blocks and the one page below the boot allocation. */
static void test_boot_allocation_is_reserved_at_the_top(void **state)
{
	phys_addr_t top = ALIGN_DOWN(host_ram[host_nr_ram - 1].end, PAGE_SIZE);

	assert_int_equal(host_boot_alloc % PAGE_SIZE, 0);
	assert_int_equal(host_boot_alloc, top - 4 * PAGE_SIZE);
	for (unsigned long pfn = PHYS_PFN(host_boot_alloc); pfn < max_pfn; pfn++)
		assert_true(PageReserved(pfn_to_page(pfn)));
	assert_int_equal(booted.nr_free[ZONE_NORMAL][MAX_ORDER], 4);
	assert_int_equal(booted.nr_free[ZONE_NORMAL][0], 1);
	for (int o = 1; o < MAX_ORDER; o++)
		assert_int_equal(booted.nr_free[ZONE_NORMAL][o], 0);
}

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* Linux's rule: min_free_kbytes = sqrt(16 * managed kB), shared by size. */
static void test_watermarks_follow_min_free_kbytes(void **state)
{
	unsigned long total = totalram_pages(), sum = 0;
	unsigned long min_kb = clamp(isqrt(total * 4 * 16), 128UL, 262144UL);

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long min = (min_kb / 4) * zones[z].managed_pages / total;

		assert_int_equal(min_wmark_pages(&zones[z]), min);
		assert_int_equal(low_wmark_pages(&zones[z]), min + min / 4);
		assert_int_equal(high_wmark_pages(&zones[z]), min + min / 2);
		assert_true(min > 0);
		sum += min;
	}
	assert_in_range(sum, min_kb / 4 - MAX_NR_ZONES, min_kb / 4);
}

static void check_allocated_block(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;
	unsigned long addr = (unsigned long)page_address(page);

	assert_int_equal(pfn & (n - 1), 0);
	assert_int_equal(addr & ((PAGE_SIZE << order) - 1), 0);
	assert_ptr_equal(virt_to_page((void *)addr), page);
	assert_true(virt_addr_valid((void *)addr));
	assert_int_equal(PageHead(page), order > 0);
	assert_false(PageBuddy(page));
	assert_int_equal(page_count(page), 1);
	if (gfp & __GFP_DMA)
		assert_true(pfn + n <= HOST_DMA_END_PFN);
	if (gfp & __GFP_DMA32)
		assert_true(pfn + n <= HOST_DMA32_END_PFN);
	for (unsigned long i = 0; i < n; i++)
		if (!host_pfn_usable(pfn + i))
			fail_msg("block %#lx/%u holds pfn %#lx, not usable RAM", pfn, order,
				 pfn + i);
}

/* Each order from each zone class: aligned, in bounds, writable end to
 * end (the arena's holes are unmapped, so a wrong page would fault). */
static void test_every_order_allocates_an_aligned_block(void **state)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_DMA32, GFP_DMA };
	unsigned long before = nr_free_pages();

	for (unsigned int g = 0; g < ARRAY_SIZE(gfps); g++) {
		for (unsigned int order = 0; order <= MAX_ORDER; order++) {
			struct page *page = alloc_pages(gfps[g], order);

			assert_non_null(page);
			check_allocated_block(page, order, gfps[g]);
			assert_int_equal(nr_free_pages(), before - (1UL << order));
			memset(page_address(page), 0xa5, PAGE_SIZE << order);
			__free_pages(page, order);
			assert_int_equal(nr_free_pages(), before);
		}
	}
}

static void test_order_above_max_is_refused(void **state)
{
	unsigned long before = nr_free_pages();

	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER + 1));
	assert_int_equal(host_warnings(), 1);
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER + 5));
	assert_int_equal(host_warnings(), 1);	/* WARN_ON_ONCE */
	assert_int_equal(nr_free_pages(), before);
	host_log_clear();
}

/* Allocating until NULL yields exactly what the zones hold above their
 * min watermarks, at every order; freeing all restores the boot state. */
static void test_exhaustion_stops_at_the_min_watermark(void **state)
{
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		struct buddy_snapshot s;
		struct blocks b = { 0 };
		unsigned long want = 0;

		host_buddy_snapshot(&s);
		for (int z = 0; z < MAX_NR_ZONES; z++)
			want += expected_blocks(&s, z, order, min_wmark_pages(&zones[z]));
		assert_true(want > 0);
		assert_int_equal(alloc_until_null(&b, GFP_KERNEL | __GFP_NOWARN, order), want);
		for (int z = 0; z < MAX_NR_ZONES; z++)
			assert_true(zones[z].free_pages >= min_wmark_pages(&zones[z]));
		assert_false(host_log_has("page allocation failure"));
		if (order == 0) {
			assert_null(alloc_page(GFP_KERNEL));
			assert_true(host_log_has("page allocation failure: order:0"));
			host_log_clear();
		}
		free_all_shuffled(&b, 0);
		host_buddy_release(&s);
	}
}

/* GFP_ATOMIC (__GFP_HIGH) may go down to half the min watermark. */
static void test_atomic_allocations_use_half_the_reserve(void **state)
{
	struct blocks b = { 0 };
	unsigned long want = 0;

	alloc_until_null(&b, GFP_KERNEL | __GFP_NOWARN, 0);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long min = min_wmark_pages(&zones[z]);

		assert_int_equal(zones[z].free_pages, min);
		want += min - min / 2;
	}
	assert_int_equal(alloc_until_null(&b, GFP_ATOMIC | __GFP_NOWARN, 0), want);
	assert_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
	assert_null(alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	free_all_shuffled(&b, 0);
}

/* Every single page out, then back in a random order, with the lists
 * checked along the way: the splits all merge back. */
static void test_split_and_merge_in_random_order(void **state)
{
	struct blocks b = { 0 };

	assert_true(alloc_until_null(&b, GFP_KERNEL | __GFP_NOWARN, 0) > 10000);
	free_all_shuffled(&b, 1500);
}

/* Normal is used first, then DMA32, then DMA, each down to its min. */
static void test_zone_fallback_order(void **state)
{
	static const int order_of_use[] = { ZONE_NORMAL, ZONE_DMA32, ZONE_DMA };
	struct blocks b = { 0 };

	for (unsigned int i = 0; i < ARRAY_SIZE(order_of_use); i++) {
		int z = order_of_use[i];
		unsigned long n = zones[z].free_pages - min_wmark_pages(&zones[z]);

		for (unsigned long k = 0; k < n; k++) {
			struct page *page = alloc_page(GFP_KERNEL | __GFP_NOWARN);

			assert_non_null(page);
			if (zone_of(page_to_pfn(page)) != z)
				fail_msg("allocation %lu of zone %s came from pfn %#lx", k,
					 zones[z].name, page_to_pfn(page));
			blocks_push(&b, page, 0);
		}
	}
	assert_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
	free_all_shuffled(&b, 0);
}

/* Exhausts @gfp: every page is below @limit_pfn and the zones above the
 * limit are untouched. */
static void exhaust_below(gfp_t gfp, unsigned long limit_pfn)
{
	unsigned long free_before[MAX_NR_ZONES], want = 0;
	struct blocks b = { 0 };

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		free_before[z] = zones[z].free_pages;
		if (zones[z].zone_start_pfn < limit_pfn)
			want += free_before[z] - min_wmark_pages(&zones[z]);
	}
	assert_int_equal(alloc_until_null(&b, gfp | __GFP_NOWARN, 0), want);
	for (size_t i = 0; i < b.n; i++)
		assert_true(page_to_pfn(b.page[i]) < limit_pfn);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (zones[z].zone_start_pfn >= limit_pfn)
			assert_int_equal(zones[z].free_pages, free_before[z]);
	free_all_shuffled(&b, 0);
}

static void test_dma32_never_goes_above_4g(void **state)
{
	exhaust_below(GFP_DMA32, HOST_DMA32_END_PFN);
}

static void test_dma_never_goes_above_16m(void **state)
{
	exhaust_below(GFP_DMA, HOST_DMA_END_PFN);
}

/* A random mix of orders and zones: blocks never overlap, hold what their
 * owner wrote, __GFP_ZERO blocks are zero, and every usable page is at all
 * times either free or handed out, never both nor neither. */
#define TAG(pfn, order) (0x7a6700000000000ULL | ((u64)(pfn) << 4) | (order))

static void check_conservation(const unsigned long *owned)
{
	struct buddy_snapshot s;

	host_buddy_snapshot(&s);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		bool taken = owned[pfn / 64] & (1UL << (pfn % 64));

		if (host_pfn_usable(pfn) != (taken != snap_free(&s, pfn)))
			fail_msg("pfn %#lx: usable %d, handed out %d, free %d", pfn,
				 host_pfn_usable(pfn), taken, snap_free(&s, pfn));
	}
	host_buddy_release(&s);
}

static void mark(unsigned long *owned, struct page *page, unsigned int order, bool on)
{
	for (unsigned long pfn = page_to_pfn(page), i = 0; i < (1UL << order); i++) {
		bool was = owned[(pfn + i) / 64] & (1UL << ((pfn + i) % 64));

		if (was == on)
			fail_msg("pfn %#lx handed out twice (or freed twice)", pfn + i);
		owned[(pfn + i) / 64] ^= 1UL << ((pfn + i) % 64);
	}
}

static void tag_block(struct page *page, unsigned int order)
{
	u64 *first = page_address(page);
	u64 *last = (u64 *)((char *)first + (PAGE_SIZE << order)) - 1;

	*first = *last = TAG(page_to_pfn(page), order);
}

static void check_tag(struct page *page, unsigned int order)
{
	u64 *first = page_address(page);
	u64 *last = (u64 *)((char *)first + (PAGE_SIZE << order)) - 1;

	assert_int_equal(*first, TAG(page_to_pfn(page), order));
	assert_int_equal(*last, TAG(page_to_pfn(page), order));
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

static void test_random_operations_keep_blocks_disjoint(void **state)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_KERNEL, GFP_DMA32, GFP_DMA,
				      GFP_ATOMIC, GFP_KERNEL | __GFP_ZERO };
	unsigned long *owned = calloc((max_pfn + 63) / 64, sizeof(long));
	struct blocks b = { 0 };

	for (int op = 1; op <= 40000; op++) {
		if (b.n && host_rand() % 5 < 2) {
			size_t i = host_rand() % b.n;

			check_tag(b.page[i], b.order[i]);
			mark(owned, b.page[i], b.order[i], false);
			__free_pages(b.page[i], b.order[i]);
			blocks_remove(&b, i);
		} else {
			/* order k with probability 2^-(k+1) */
			unsigned int order = __builtin_ctz(host_rand() | (1U << MAX_ORDER));
			gfp_t gfp = gfps[host_rand() % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
			struct page *page = alloc_pages(gfp, order);

			if (!page)
				continue;
			check_allocated_block(page, order, gfp);
			if (gfp & __GFP_ZERO)
				assert_true(all_zero(page_address(page), PAGE_SIZE << order));
			mark(owned, page, order, true);
			tag_block(page, order);
			blocks_push(&b, page, order);
		}
		if (op % 8000 == 0)
			check_conservation(owned);
	}
	for (size_t i = 0; i < b.n; i++) {
		check_tag(b.page[i], b.order[i]);
		mark(owned, b.page[i], b.order[i], false);
	}
	free_all_shuffled(&b, 0);
	free(owned);
}

static int cmp_pfn(const void *a, const void *b)
{
	unsigned long x = page_to_pfn(*(struct page *const *)a);
	unsigned long y = page_to_pfn(*(struct page *const *)b);

	return (x > y) - (x < y);
}

/* With the watermarks at zero, take every page; give back every other
 * one: no two free pages are buddies, so nothing merges and an order-1
 * request fails with thousands of pages free. Then the rest merges back
 * into the boot blocks. */
static void test_every_other_page_free_never_merges(void **state)
{
	unsigned long saved[MAX_NR_ZONES], freed = 0, even = 0;
	struct buddy_snapshot s;
	struct blocks b = { 0 };
	size_t kept = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		saved[z] = zones[z].watermark[WMARK_MIN];
		zones[z].watermark[WMARK_MIN] = 0;
	}
	assert_int_equal(alloc_until_null(&b, GFP_KERNEL | __GFP_NOWARN, 0),
			 totalram_pages());
	assert_int_equal(nr_free_pages(), 0);
	qsort(b.page, b.n, sizeof(*b.page), cmp_pfn);
	for (size_t i = 0; i < b.n; i++) {
		if (page_to_pfn(b.page[i]) % 2 == 0) {
			__free_page(b.page[i]);
			freed++;
		} else {
			b.page[kept++] = b.page[i];
		}
	}
	b.n = kept;
	host_buddy_snapshot(&s);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 1; o < NR_PAGE_ORDERS; o++)
			assert_int_equal(s.nr_free[z][o], 0);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn += 2)
		even += host_pfn_usable(pfn);
	assert_int_equal(freed, even);
	assert_int_equal(nr_free_pages(), freed);
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 1));
	host_buddy_release(&s);

	free_all_shuffled(&b, 4000);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		zones[z].watermark[WMARK_MIN] = saved[z];
}

/* Runs @bad, which must be refused as a "Bad page state" with the
 * allocator unchanged. */
#define EXPECT_BAD_PAGE(bad, why)                                       \
	do {                                                            \
		struct buddy_snapshot before, after;                    \
		host_buddy_snapshot(&before);                           \
		host_log_clear();                                       \
		bad;                                                    \
		if (!host_log_has("BUG: Bad page state") ||             \
		    !host_log_has(why) || host_warnings() != 1)         \
			fail_msg("%s: not reported as \"%s\"; log:\n%s", \
				 #bad, why, host_log());                \
		host_buddy_snapshot(&after);                            \
		host_assert_buddy_same(&before, &after);                \
		host_buddy_release(&before);                            \
		host_buddy_release(&after);                             \
		host_log_clear();                                       \
	} while (0)

/* Two allocated order-0 pages that are buddies (pfn lo and lo + 1). */
static void alloc_buddy_pair(struct page **lo, struct page **hi)
{
	struct page *got[64];
	int n = 0;

	*lo = *hi = NULL;
	while (!*lo && n < 64) {
		got[n] = alloc_page(GFP_KERNEL);
		assert_non_null(got[n]);
		for (int i = 0; i < n; i++)
			if ((page_to_pfn(got[i]) ^ 1) == page_to_pfn(got[n])) {
				*lo = got[i] < got[n] ? got[i] : got[n];
				*hi = got[i] < got[n] ? got[n] : got[i];
			}
		n++;
	}
	assert_non_null(*lo);
	for (int i = 0; i < n; i++)
		if (got[i] != *lo && got[i] != *hi)
			__free_page(got[i]);
}

static void test_double_free_of_a_free_block_is_refused(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 3);

	__free_pages(page, 3);
	EXPECT_BAD_PAGE(__free_pages(page, 3), "double free");
	EXPECT_BAD_PAGE(__free_page(page), "double free");
}

/* The page freed twice was merged into its buddy's block in between: it
 * is no longer a block head, yet it is free. */
static void test_double_free_after_merging_is_refused(void **state)
{
	struct page *lo, *hi;

	alloc_buddy_pair(&lo, &hi);
	__free_page(lo);
	__free_page(hi);	/* merges with lo: lo heads the block */
	assert_false(PageBuddy(hi));
	EXPECT_BAD_PAGE(__free_page(hi), "double free");
	EXPECT_BAD_PAGE(__free_page(lo), "double free");

	alloc_buddy_pair(&lo, &hi);
	__free_page(hi);
	__free_page(lo);
	EXPECT_BAD_PAGE(__free_page(hi), "double free");
}

static void test_free_with_the_wrong_order_is_refused(void **state)
{
	struct page *big = alloc_pages(GFP_KERNEL, 2);
	struct page *one = alloc_page(GFP_KERNEL);

	EXPECT_BAD_PAGE(__free_pages(big, 1), "different order");
	EXPECT_BAD_PAGE(__free_pages(big, 0), "different order");
	EXPECT_BAD_PAGE(__free_pages(big, 3), "different order");
	EXPECT_BAD_PAGE(__free_pages(one, 1), "different order");
	/* a tail page was never handed out on its own */
	EXPECT_BAD_PAGE(__free_page(big + 1), "double free");
	__free_pages(big, 2);
	__free_page(one);
}

static void test_free_of_a_reserved_page_is_refused(void **state)
{
	unsigned long hole = PHYS_PFN(32 * HOST_MiB);	/* in the 32 MiB hole */

	assert_false(host_pfn_usable(hole));
	EXPECT_BAD_PAGE(__free_page(pfn_to_page(0)), "reserved");
	EXPECT_BAD_PAGE(__free_page(pfn_to_page(PHYS_PFN(2 * HOST_MiB))), "reserved");
	EXPECT_BAD_PAGE(__free_page(pfn_to_page(hole)), "reserved");
	EXPECT_BAD_PAGE(__free_page(pfn_to_page(PHYS_PFN(host_boot_alloc))), "reserved");
}

static void test_free_pages_of_a_foreign_address_warns(void **state)
{
	char *outside = calloc(1, 64);
	unsigned long end = (unsigned long)__va(PFN_PHYS(max_pfn));

	assert_false(virt_addr_valid(outside));
	assert_false(virt_addr_valid((void *)end));
	assert_false(virt_addr_valid((void *)(host_direct_map - 1)));
	assert_true(virt_addr_valid((void *)host_direct_map));
	assert_true(virt_addr_valid((void *)(end - 1)));
	free_pages((unsigned long)outside, 0);
	free_pages(end, 0);
	assert_int_equal(host_warnings(), 2);
	assert_false(host_log_has("Bad page state"));
	host_log_clear();
	free_pages(0, 0);
	__free_pages(NULL, 0);
	assert_int_equal(host_warnings(), 0);
	free(outside);
}

/* Free memory holds whatever its last owner left: fill it all with a
 * pattern, and __GFP_ZERO must still give zeroes. */
static void test_gfp_zero_clears_old_contents(void **state)
{
	struct buddy_snapshot s;
	unsigned long addr;

	host_buddy_snapshot(&s);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		if (snap_free(&s, pfn))
			memset(__va(PFN_PHYS(pfn)), 0xaa, PAGE_SIZE);
	host_buddy_release(&s);
	addr = __get_free_page(GFP_KERNEL);
	assert_int_equal(*(unsigned char *)addr, 0xaa);	/* not cleared unasked */
	free_page(addr);
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		addr = __get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
		assert_true(addr);
		assert_true(all_zero((void *)addr, PAGE_SIZE << order));
		free_pages(addr, order);
	}
	addr = get_zeroed_page(GFP_DMA);
	assert_true(addr && all_zero((void *)addr, PAGE_SIZE));
	free_page(addr);
}

/* ---- fault injection: lib/fault-inject.c and its use in alloc_pages ---- */

static unsigned int fails_in(struct fault_attr *attr, int calls, ssize_t size)
{
	unsigned int n = 0;

	for (int i = 0; i < calls; i++)
		n += should_fail(attr, size);
	return n;
}

static void test_should_fail_is_off_by_default(void **state)
{
	DECLARE_FAULT_ATTR(attr);

	assert_int_equal(fails_in(&attr, 1000, 4096), 0);
	assert_int_equal(attr.count, 1000);
	assert_int_equal(attr.failures, 0);
}

static void test_fail_nth_fails_exactly_that_call_once(void **state)
{
	DECLARE_FAULT_ATTR(attr);

	fault_attr_fail_nth(&attr, 3);
	assert_false(should_fail(&attr, 1));
	assert_false(should_fail(&attr, 1));
	assert_true(should_fail(&attr, 1));
	assert_int_equal(fails_in(&attr, 100, 1), 0);
	assert_int_equal(attr.failures, 1);
	fault_attr_fail_nth(&attr, 1);
	assert_true(should_fail(&attr, 1));
	assert_false(should_fail(&attr, 1));
}

static void test_interval_fails_every_nth_call(void **state)
{
	DECLARE_FAULT_ATTR(attr);

	assert_int_equal(setup_fault_attr(&attr, "3,100,0,-1"), 0);
	for (int i = 1; i <= 30; i++)
		assert_int_equal(should_fail(&attr, 8), i % 3 == 0);
	assert_int_equal(attr.failures, 10);
}

static void test_times_limits_the_failures(void **state)
{
	DECLARE_FAULT_ATTR(attr);

	assert_int_equal(setup_fault_attr(&attr, "1,100,0,2"), 0);
	assert_true(should_fail(&attr, 8));
	assert_true(should_fail(&attr, 8));
	assert_int_equal(fails_in(&attr, 100, 8), 0);
	assert_int_equal(setup_fault_attr(&attr, "1,100,0,-1"), 0);
	assert_int_equal(fails_in(&attr, 100, 8), 100);
	fault_attr_disable(&attr);
	assert_int_equal(fails_in(&attr, 100, 8), 0);
}

/* space: that budget of bytes is allocated before any failure. */
static void test_space_lets_the_first_bytes_through(void **state)
{
	DECLARE_FAULT_ATTR(attr);

	assert_int_equal(setup_fault_attr(&attr, "1,100,10000,-1"), 0);
	assert_false(should_fail(&attr, 4096));
	assert_false(should_fail(&attr, 4096));
	assert_true(should_fail(&attr, 4096));
	assert_true(should_fail(&attr, 4096));
}

static void test_probability_is_a_share_of_calls(void **state)
{
	DECLARE_FAULT_ATTR(attr);
	unsigned int first, n;
	bool seq[200];

	assert_int_equal(setup_fault_attr(&attr, "1,0,0,-1"), 0);
	assert_int_equal(fails_in(&attr, 1000, 8), 0);
	assert_int_equal(setup_fault_attr(&attr, "1,50,0,-1"), 0);
	prandom_seed(42);
	first = fails_in(&attr, 10000, 8);
	assert_in_range(first, 4500, 5500);
	prandom_seed(42);
	assert_int_equal(fails_in(&attr, 10000, 8), first);	/* repeatable */
	assert_int_equal(setup_fault_attr(&attr, "1,10,0,-1"), 0);
	n = fails_in(&attr, 10000, 8);
	assert_in_range(n, 700, 1300);
	/* the same seed gives the same calls */
	prandom_seed(7);
	for (int i = 0; i < 200; i++)
		seq[i] = should_fail(&attr, 8);
	prandom_seed(7);
	for (int i = 0; i < 200; i++)
		assert_int_equal(should_fail(&attr, 8), seq[i]);
}

static void test_bad_fault_attr_strings_are_rejected(void **state)
{
	static const char *const bad[] = {
		"", "1,100,0", "0,100,0,1", "1,101,0,1", "1,-1,0,1", "1,100,-5,1",
		"x,100,0,1", "1,100,0,y", "1,,0,1",
		"1,100,0,1111111111111111111111111111111111111111111111111111111111111111",
	};
	DECLARE_FAULT_ATTR(attr);

	assert_int_equal(setup_fault_attr(&attr, "7,30,0,5"), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		if (setup_fault_attr(&attr, bad[i]) != -EINVAL)
			fail_msg("\"%s\" was accepted", bad[i]);
		assert_int_equal(attr.interval, 7);
		assert_int_equal(attr.probability, 30);
		assert_int_equal(attr.times, 5);
	}
}

/* alloc_pages() asks fail_page_alloc; __GFP_NOFAIL_INJECT is not asked. */
static void test_fail_page_alloc_makes_alloc_pages_fail(void **state)
{
	struct page *a, *b;

	fault_attr_fail_nth(&fail_page_alloc, 2);
	a = alloc_page(GFP_KERNEL);
	assert_non_null(a);
	assert_null(alloc_page(GFP_KERNEL));
	b = alloc_page(GFP_KERNEL);
	assert_non_null(b);
	__free_page(a);
	__free_page(b);

	fault_attr_fail_nth(&fail_page_alloc, 1);
	a = alloc_pages(GFP_KERNEL | __GFP_NOFAIL_INJECT, 1);
	assert_non_null(a);
	assert_null(alloc_pages(GFP_KERNEL, 1));	/* still pending: this one */
	__free_pages(a, 1);

	assert_int_equal(setup_fault_attr(&fail_page_alloc, "2,100,0,-1"), 0);
	for (int i = 1; i <= 20; i++) {
		a = alloc_pages(GFP_KERNEL, i % 4);
		assert_int_equal(a == NULL, i % 2 == 0);
		if (a)
			__free_pages(a, i % 4);
	}
	fault_attr_disable(&fail_page_alloc);
	assert_int_equal(fails_in(&fail_page_alloc, 10, 4096), 0);
}

/* ---- the report ---- */

static char report[4096];
static size_t report_len;

static int __attribute__((format(printf, 1, 2))) collect(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(report + report_len, sizeof(report) - report_len, fmt, ap);
	va_end(ap);
	report_len += n;
	return n;
}

static void test_buddyinfo_lists_each_zone(void **state)
{
	const char *line = report;
	struct page *page = alloc_pages(GFP_DMA, 1);	/* splits something */

	report_len = 0;
	host_seq_sink = collect;
	buddyinfo_show(NULL, NULL);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		char name[16];
		unsigned long n[NR_PAGE_ORDERS];
		int used;

		assert_int_equal(sscanf(line, "Node 0, zone %15s%n", name, &used), 1);
		assert_string_equal(name, zones[z].name);
		line += used;
		for (int o = 0; o < NR_PAGE_ORDERS; o++) {
			assert_int_equal(sscanf(line, "%lu%n", &n[o], &used), 1);
			assert_int_equal(n[o], zones[z].free_area[o].nr_free);
			line += used;
		}
		assert_int_equal(*line++, '\n');
	}
	assert_int_equal(*line, '\0');
	__free_pages(page, 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_boot_frees_exactly_the_usable_ram),
		T(test_zones_span_the_dma_limits),
		T(test_boot_allocation_is_reserved_at_the_top),
		T(test_watermarks_follow_min_free_kbytes),
		T(test_every_order_allocates_an_aligned_block),
		T(test_order_above_max_is_refused),
		T(test_exhaustion_stops_at_the_min_watermark),
		T(test_atomic_allocations_use_half_the_reserve),
		T(test_split_and_merge_in_random_order),
		T(test_zone_fallback_order),
		T(test_dma32_never_goes_above_4g),
		T(test_dma_never_goes_above_16m),
		T(test_random_operations_keep_blocks_disjoint),
		T(test_every_other_page_free_never_merges),
		T(test_double_free_of_a_free_block_is_refused),
		T(test_double_free_after_merging_is_refused),
		T(test_free_with_the_wrong_order_is_refused),
		T(test_free_of_a_reserved_page_is_refused),
		T(test_free_pages_of_a_foreign_address_warns),
		T(test_gfp_zero_clears_old_contents),
		T(test_should_fail_is_off_by_default),
		T(test_fail_nth_fails_exactly_that_call_once),
		T(test_interval_fails_every_nth_call),
		T(test_times_limits_the_failures),
		T(test_space_lets_the_first_bytes_through),
		T(test_probability_is_a_share_of_calls),
		T(test_bad_fault_attr_strings_are_rejected),
		T(test_fail_page_alloc_makes_alloc_pages_fail),
		T(test_buddyinfo_lists_each_zone),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
