/*
 * Memory zones and their free lists, as in Linux's include/linux/mmzone.h.
 * Physical memory is split by address into zones (DMA below 16 MiB, DMA32
 * below 4 GiB, Normal above); each zone has its own buddy free lists,
 * lock and watermarks. One node (no NUMA).
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	MAX_NR_ZONES
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks of this order */
};

struct zone {
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* pfn range size, holes included */
	unsigned long managed_pages;	/* pages given to the buddy allocator */
	unsigned long free_pages;
	unsigned long watermark[NR_WMARK];
	struct free_area free_area[NR_PAGE_ORDERS];
	raw_spinlock_t lock;
};

extern struct zone zones[MAX_NR_ZONES];

static inline unsigned long zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_MIN];
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_LOW];
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_HIGH];
}

#endif
