/*
 * In-kernel tests of kswapd0 and the shrinker API (kernel/mm/vmscan.c):
 * an allocation that takes a zone below its low watermark wakes kswapd0,
 * which calls the shrinkers until the zone is above its high watermark.
 * The test's shrinker holds the very pages the test allocated.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/shrinker.h>
#include <linux/swap.h>
#include <linux/delay.h>
#include <spindle/ktest.h>

static LIST_HEAD(held_pages);
static unsigned long nr_held, scans, scans_in_kswapd;

static unsigned long held_count(struct shrinker *s, struct shrink_control *sc)
{
	return READ_ONCE(nr_held) ? nr_held : SHRINK_EMPTY;
}

static unsigned long held_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long freed = 0;

	scans++;
	if (current == kswapd_task())
		scans_in_kswapd++;
	while (freed < sc->nr_to_scan && !list_empty(&held_pages)) {
		struct page *page = list_first_entry(&held_pages, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
		nr_held--;
		freed++;
	}
	return freed;
}

static struct shrinker held_shrinker = {
	.count_objects = held_count,
	.scan_objects = held_scan,
	.seeks = DEFAULT_SEEKS,
};

/* The zone order-0 kernel allocations come from first. */
static struct zone *first_zone(void)
{
	for (int z = MAX_NR_ZONES - 1; z >= 0; z--)
		if (zones[z].managed_pages)
			return &zones[z];
	return NULL;
}

static void release_held(void)
{
	while (!list_empty(&held_pages)) {
		struct page *page = list_first_entry(&held_pages, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
	nr_held = 0;
}

static void kswapd_wakes_below_low_and_shrinks_to_high(struct ktest *t)
{
	struct zone *zone = first_zone();
	unsigned long runs = vm_event(PAGEOUTRUN), scanned = vm_event(SLABS_SCANNED);
	int waited = 0;

	KTEST_ASSERT_NOT_NULL(t, zone);
	KTEST_ASSERT_NOT_NULL(t, kswapd_task());
	scans = scans_in_kswapd = 0;
	register_shrinker(&held_shrinker, "ktest-held");
	/* Allocate until the zone is below low (or kswapd already shrank us). */
	while (READ_ONCE(zone->free_pages) >= low_wmark_pages(zone) && !READ_ONCE(scans)) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);

		if (!page)
			break;
		list_add(&page->lru, &held_pages);
		nr_held++;
	}
	KTEST_EXPECT_TRUE(t, nr_held > 0 || scans > 0);
	while (READ_ONCE(zone->free_pages) < high_wmark_pages(zone) && waited++ < 3000)
		msleep(1);
	unregister_shrinker(&held_shrinker);
	KTEST_EXPECT_TRUE(t, zone->free_pages >= high_wmark_pages(zone));
	KTEST_EXPECT_TRUE(t, scans_in_kswapd > 0);
	KTEST_EXPECT_TRUE(t, vm_event(PAGEOUTRUN) > runs);
	KTEST_EXPECT_TRUE(t, vm_event(SLABS_SCANNED) > scanned);
	release_held();
}

static void unregistered_shrinker_is_not_called(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	KTEST_ASSERT_NOT_NULL(t, page);
	list_add(&page->lru, &held_pages);
	nr_held = 1;
	scans = 0;
	register_shrinker(&held_shrinker, "ktest-held");
	unregister_shrinker(&held_shrinker);
	try_to_free_pages(GFP_KERNEL, 0);
	KTEST_EXPECT_EQ(t, scans, 0);
	release_held();
}

static void direct_reclaim_calls_shrinkers(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long stalls = vm_event(ALLOCSTALL);

	KTEST_ASSERT_NOT_NULL(t, page);
	list_add(&page->lru, &held_pages);
	nr_held = 1;
	scans = 0;
	register_shrinker(&held_shrinker, "ktest-held");
	KTEST_EXPECT_TRUE(t, try_to_free_pages(GFP_KERNEL, 0) >= 1);
	unregister_shrinker(&held_shrinker);
	KTEST_EXPECT_EQ(t, scans, 1);
	KTEST_EXPECT_EQ(t, nr_held, 0);
	KTEST_EXPECT_EQ(t, vm_event(ALLOCSTALL), stalls + 1);
	release_held();
}

static const struct ktest_case kswapd_cases[] = {
	KTEST_CASE(kswapd_wakes_below_low_and_shrinks_to_high),
	KTEST_CASE(unregistered_shrinker_is_not_called),
	KTEST_CASE(direct_reclaim_calls_shrinkers),
	{}
};

static const struct ktest_suite kswapd_suite = { .name = "kswapd", .cases = kswapd_cases };
ktest_register_suite(kswapd_suite);
