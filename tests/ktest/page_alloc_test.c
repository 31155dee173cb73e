/*
 * In-kernel tests of the buddy allocator (kernel/mm/page_alloc.c): blocks
 * come back merged, counts return to where they were, an impossible
 * request fails cleanly, injected failures are answered with NULL.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/fault-inject.h>
#include <linux/string.h>
#include <spindle/ktest.h>

/* Free blocks per order over all zones, to compare before and after. */
static void snapshot(unsigned long counts[NR_PAGE_ORDERS])
{
	memset(counts, 0, sizeof(unsigned long) * NR_PAGE_ORDERS);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			counts[o] += zones[z].free_area[o].nr_free;
}

static void alloc_free_every_order(struct ktest *t)
{
	unsigned long before = nr_free_pages();

	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, page_to_pfn(p) & ((1UL << order) - 1), 0);
		KTEST_EXPECT_EQ(t, nr_free_pages(), before - (1UL << order));
		__free_pages(p, order);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* Splitting for 2^k single pages and freeing them merges back exactly. */
static void split_and_merge_restore_buddyinfo(struct ktest *t)
{
	unsigned long before[NR_PAGE_ORDERS], after[NR_PAGE_ORDERS];
	struct page *pages[64];

	snapshot(before);
	for (int i = 0; i < 64; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
	}
	for (int i = 63; i >= 0; i--)
		__free_page(pages[i]);
	snapshot(after);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		KTEST_EXPECT_EQ(t, after[o], before[o]);
}

static void zeroed_pages_are_zero(struct ktest *t)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 1);
	unsigned char *p;
	bool all_zero = true;

	KTEST_ASSERT_TRUE(t, addr != 0);
	memset((void *)addr, 0xAA, 2 * PAGE_SIZE);
	free_pages(addr, 1);
	p = (unsigned char *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (unsigned long i = 0; i < 2 * PAGE_SIZE; i++)
		all_zero &= p[i] == 0;
	KTEST_EXPECT_TRUE(t, all_zero);
	free_pages((unsigned long)p, 1);
}

static void too_large_order_fails(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER + 1));
}

static void dma32_pages_are_below_4g(struct ktest *t)
{
	struct page *p = alloc_page(GFP_DMA32);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, PFN_PHYS(page_to_pfn(p)) < (4ULL << 30));
	__free_page(p);
}

static void double_free_is_refused(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);
	unsigned long free_after_first;

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
	free_after_first = nr_free_pages();
	__free_page(p);		/* reported, ignored */
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_after_first);
}

static void injected_failure_returns_null(struct ktest *t)
{
	unsigned long before = nr_free_pages();

	fault_attr_fail_nth(&fail_page_alloc, 1);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	fault_attr_disable(&fail_page_alloc);
}

static void watermarks_are_ordered(struct ktest *t)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (!zone->managed_pages)
			continue;
		KTEST_EXPECT_TRUE(t, min_wmark_pages(zone) <= low_wmark_pages(zone));
		KTEST_EXPECT_TRUE(t, low_wmark_pages(zone) <= high_wmark_pages(zone));
		KTEST_EXPECT_TRUE(t, high_wmark_pages(zone) < zone->managed_pages);
	}
}

static const struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(alloc_free_every_order),
	KTEST_CASE(split_and_merge_restore_buddyinfo),
	KTEST_CASE(zeroed_pages_are_zero),
	KTEST_CASE(too_large_order_fails),
	KTEST_CASE(dma32_pages_are_below_4g),
	KTEST_CASE(double_free_is_refused),
	KTEST_CASE(injected_failure_returns_null),
	KTEST_CASE(watermarks_are_ordered),
	{}
};

static const struct ktest_suite page_alloc_suite = {
	.name = "page_alloc",
	.cases = page_alloc_cases,
};
ktest_register_suite(page_alloc_suite);
