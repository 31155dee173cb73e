/*
 * The buddy page allocator, after Linux's mm/page_alloc.c. Each zone keeps
 * one free list per order (blocks of 2^order pages, aligned to their size).
 * Allocating takes the smallest block that fits and splits it, returning
 * the halves to lower lists; freeing merges a block with its "buddy" (the
 * neighbour that differs in bit @order of the frame number) while that
 * buddy is free too.
 *
 * Simplified: no per-CPU page lists, no migrate types, no compaction:
 * when a zone runs short, the request falls back to a lower zone; a zone
 * left below its low watermark wakes kswapd0, and a request that finds
 * nothing shrinks the caches once (kernel/mm/vmscan.c) before failing.
 * Locking: zone->lock (irqsave) guards the zone's free lists and counters.
 */
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fault-inject.h>
#include <linux/init.h>
#include <linux/swap.h>
#include <spindle/mm.h>

struct zone zones[MAX_NR_ZONES] = {
	[ZONE_DMA] = { .name = "DMA" },
	[ZONE_DMA32] = { .name = "DMA32" },
	[ZONE_NORMAL] = { .name = "Normal" },
};

struct page *mem_map;
unsigned long max_pfn;
static unsigned long total_managed;

DECLARE_FAULT_ATTR(fail_page_alloc);

static int __init setup_fail_page_alloc(char *str)
{
	return setup_fault_attr(&fail_page_alloc, str);
}
__setup("fail_page_alloc=", setup_fail_page_alloc);

static struct zone *page_zone(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	for (int z = MAX_NR_ZONES - 1; z > 0; z--)
		if (pfn >= zones[z].zone_start_pfn)
			return &zones[z];
	return &zones[0];
}

/**
 * free_area_init - lay out the zones over the page frames
 * @max_pfn_dma: end of ZONE_DMA
 * @max_pfn_dma32: end of ZONE_DMA32
 * @end_pfn: end of memory (ZONE_NORMAL)
 *
 * Context: boot, after mem_map is allocated with every page reserved.
 */
void free_area_init(unsigned long max_pfn_dma, unsigned long max_pfn_dma32,
		    unsigned long end_pfn)
{
	unsigned long bounds[MAX_NR_ZONES + 1] = { 0, max_pfn_dma, max_pfn_dma32,
						   end_pfn };

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		unsigned long start = min(bounds[z], end_pfn);
		unsigned long end = min(max(bounds[z + 1], start), end_pfn);

		zone->zone_start_pfn = start;
		zone->spanned_pages = end - start;
		raw_spin_lock_init(&zone->lock);
		for (int o = 0; o < NR_PAGE_ORDERS; o++) {
			INIT_LIST_HEAD(&zone->free_area[o].free_list);
			zone->free_area[o].nr_free = 0;
		}
	}
	max_pfn = end_pfn;
}

static void add_to_free_list(struct zone *zone, struct page *page,
			     unsigned int order)
{
	SetPageBuddy(page);
	page->order = order;
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

static void del_from_free_list(struct zone *zone, struct page *page,
			       unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	zone->free_area[order].nr_free--;
}

/* Caller holds zone->lock. Merges upward while the buddy is free. */
static void __free_one_page(struct zone *zone, unsigned long pfn,
			    unsigned int order)
{
	unsigned long start = zone->zone_start_pfn, end = zone_end_pfn(zone);

	lockdep_assert_held(&zone->lock);
	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn < start || buddy_pfn >= end)
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!PageBuddy(buddy) || buddy->order != order)
			break;
		del_from_free_list(zone, buddy, order);
		pfn &= buddy_pfn;	/* the merged block starts at the lower one */
		order++;
	}
	add_to_free_list(zone, pfn_to_page(pfn), order);
}

/* Caller holds zone->lock. Returns a block of @order, splitting a larger
 * one if needed, or NULL. */
static struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	lockdep_assert_held(&zone->lock);
	for (unsigned int o = order; o <= MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_list(zone, page, o);
		/* give back the upper halves: expand() in Linux */
		while (o > order) {
			o--;
			add_to_free_list(zone, page + (1UL << o), o);
		}
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* May this allocation take 2^order pages from @zone? Keeps the reserve
 * below the min watermark for __GFP_HIGH (atomic) requests. */
static bool zone_watermark_ok(const struct zone *zone, unsigned int order,
			      gfp_t gfp)
{
	unsigned long min = min_wmark_pages(zone);

	if (gfp & __GFP_HIGH)
		min /= 2;
	return zone->free_pages >= min + (1UL << order);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	set_page_count(page, 1);
	page->order = order;
	page->private = 0;
	if (order)
		SetPageHead(page);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static int highest_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

/* The first zone, from the highest @gfp allows down, that has the block;
 * wakes kswapd if that took the zone below its low watermark. */
static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order)
{
	for (int z = highest_zone(gfp); z >= 0; z--) {
		struct zone *zone = &zones[z];
		unsigned long flags;
		struct page *page = NULL;
		bool low;

		if (!zone->managed_pages)
			continue;
		raw_spin_lock_irqsave(&zone->lock, flags);
		if (zone_watermark_ok(zone, order, gfp))
			page = __rmqueue(zone, order);
		low = zone->free_pages < low_wmark_pages(zone);
		raw_spin_unlock_irqrestore(&zone->lock, flags);
		if (unlikely(low))
			wakeup_kswapd(zone, gfp, order);
		if (page) {
			prep_new_page(page, order, gfp);
			return page;
		}
	}
	return NULL;
}

/* May this failed allocation shrink caches itself? Not when atomic or
 * holding a lock (preempt count raised); try_to_free_pages() also
 * refuses to recurse from a shrinker. */
static bool can_direct_reclaim(gfp_t gfp)
{
	return !(gfp & __GFP_HIGH) && !preempt_count() && !irqs_disabled();
}

/**
 * alloc_pages - allocate 2^@order contiguous page frames
 * @gfp: allocation flags (zone limits, __GFP_ZERO, __GFP_HIGH)
 * @order: 0..MAX_ORDER
 *
 * Taking a zone below its low watermark wakes kswapd0. When no zone has
 * the block, a caller that may (see can_direct_reclaim()) shrinks the
 * caches once and tries again (Linux's direct reclaim).
 * Context: any; never sleeps.
 * Return: the first page, or NULL when no zone can satisfy the request.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	might_sleep_if(gfpflags_allow_blocking(gfp));	/* Linux's might_alloc() */
	if (WARN_ON_ONCE(order > MAX_ORDER))
		return NULL;
	if (!(gfp & __GFP_NOFAIL_INJECT) && should_fail(&fail_page_alloc, PAGE_SIZE << order))
		return NULL;
	page = get_page_from_freelist(gfp, order);
	if (unlikely(!page) && can_direct_reclaim(gfp) && try_to_free_pages(gfp, order))
		page = get_page_from_freelist(gfp, order);
	if (!page && !(gfp & __GFP_NOWARN))
		pr_warn("page allocation failure: order:%u, mode:%#x\n", order, gfp);
	return page;
}

static void free_pages_ok(struct page *page, unsigned int order);

/*
 * A page being freed must be one we handed out: report anything else.
 * Only the first page of a free block is PG_buddy, so a page freed twice
 * after merging into its buddy's block is caught by its zero refcount
 * (as are tail pages, never handed out alone).
 */
static bool free_page_bad(struct page *page, unsigned int order)
{
	const char *why = NULL;

	if (PageBuddy(page))
		why = "already free (double free?)";
	else if (PageReserved(page))
		why = "reserved";
	else if (PageSlab(page))
		why = "still a slab page";
	else if (!page_count(page))
		why = "not in use (double free?)";
	else if (page->order != order)
		why = "freed with a different order than allocated";
	if (!why)
		return false;
	pr_err("BUG: Bad page state: pfn:%#lx order:%u: %s\n", page_to_pfn(page),
	       order, why);
	WARN_ON(1);
	return true;
}

/**
 * __free_pages - give back 2^@order pages from alloc_pages()
 * @page: the first page
 * @order: the order it was allocated with
 *
 * Context: any. A page that is not ours to free is reported and left alone.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (!page || free_page_bad(page, order))
		return;
	free_pages_ok(page, order);
}

/**
 * __put_page - free an order-0 page whose last reference put_page() dropped
 * @page: the page, refcount 0
 *
 * The buddy allocator's check, with the refcount already at 0 (Linux's
 * __folio_put()). Context: any.
 */
void __put_page(struct page *page)
{
	set_page_count(page, 1);	/* what free_page_bad() expects of a live page */
	__free_pages(page, 0);
}

static void free_pages_ok(struct page *page, unsigned int order)
{
	struct zone *zone;
	unsigned long flags;

	ClearPageHead(page);
	set_page_count(page, 0);
	page->private = 0;
	zone = page_zone(page);
	raw_spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(zone, page_to_pfn(page), order);
	raw_spin_unlock_irqrestore(&zone->lock, flags);
}

/* Boot: hand a reserved block to the allocator (Linux's __free_pages_core). */
void free_boot_pages(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long n = 1UL << order, flags;

	for (unsigned long i = 0; i < n; i++)
		ClearPageReserved(page + i);
	/* Alone at boot, but the lock rule holds here too, as in Linux. */
	raw_spin_lock_irqsave(&zone->lock, flags);
	zone->managed_pages += n;
	total_managed += n;
	__free_one_page(zone, page_to_pfn(page), order);
	raw_spin_unlock_irqrestore(&zone->lock, flags);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (WARN_ON(!virt_addr_valid((void *)addr)))
		return;
	__free_pages(virt_to_page((void *)addr), order);
}

bool virt_addr_valid(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= PAGE_OFFSET && PHYS_PFN(a - PAGE_OFFSET) < max_pfn;
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	for (unsigned long bit = 1UL << 62; bit; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

/**
 * setup_per_zone_wmarks - set each zone's min/low/high watermarks
 *
 * As Linux: min_free_kbytes = sqrt(16 * managed kB), clamped to
 * [128 kB, 256 MB], shared out in proportion to zone size; low and high
 * are min plus a quarter and a half. kswapd0 wakes below low and
 * sleeps again above high.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long kbytes = total_managed * (PAGE_SIZE / 1024);
	unsigned long min_kb = clamp(int_sqrt(kbytes * 16), 128UL, 262144UL);
	unsigned long min_pages = min_kb / (PAGE_SIZE / 1024);

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		unsigned long min = total_managed ?
			min_pages * zone->managed_pages / total_managed : 0;

		zone->watermark[WMARK_MIN] = min;
		zone->watermark[WMARK_LOW] = min + min / 4;
		zone->watermark[WMARK_HIGH] = min + min / 2;
	}
}

unsigned long totalram_pages(void)
{
	return total_managed;
}

unsigned long nr_free_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += READ_ONCE(zones[z].free_pages);
	return n;
}

/* Linux's /proc/buddyinfo: free blocks of each order, per zone. */
int buddyinfo_show(struct seq_file *m, void *v)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];

		if (!zone->managed_pages)
			continue;
		seq_printf(m, "Node 0, zone %8s", zone->name);
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			seq_printf(m, " %6lu", READ_ONCE(zone->free_area[o].nr_free));
		seq_putc(m, '\n');
	}
	return 0;
}
