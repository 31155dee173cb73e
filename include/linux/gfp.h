/*
 * Page allocation, as in Linux's include/linux/gfp.h: alloc_pages() gives
 * 2^order contiguous page frames from the buddy allocator. The gfp flags
 * say where the memory may come from and how hard to try.
 *
 * Spindle never sleeps or reclaims inside the allocator (yet), so
 * GFP_KERNEL and GFP_ATOMIC behave alike: an allocation that cannot be
 * met returns NULL at once. They differ in the contract, which
 * might_sleep() checks: GFP_KERNEL (__GFP_DIRECT_RECLAIM) may sleep, so
 * it is a bug in atomic context; GFP_ATOMIC and GFP_NOWAIT never sleep.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <linux/mm_types.h>


#define __GFP_DMA 0x01u		/* from ZONE_DMA (below 16 MiB) */
#define __GFP_DMA32 0x04u	/* from ZONE_DMA32 or below (below 4 GiB) */
#define __GFP_HIGH 0x20u	/* may dip below the min watermark */
#define __GFP_ZERO 0x100u	/* return zeroed memory */
#define __GFP_NOWARN 0x200u	/* no message on failure */
#define __GFP_NOFAIL_INJECT 0x400u	/* exempt from fault injection */
#define __GFP_DIRECT_RECLAIM 0x800u	/* the caller may sleep for memory */

#define GFP_ATOMIC (__GFP_HIGH)
#define GFP_KERNEL __GFP_DIRECT_RECLAIM
#define GFP_NOWAIT 0u
#define GFP_NOIO GFP_KERNEL	/* no I/O or filesystem to recurse into yet */
#define GFP_NOFS GFP_KERNEL
#define GFP_USER GFP_KERNEL
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32

/* May an allocation with @gfp sleep? (Linux's gfpflags_allow_blocking) */
static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & __GFP_DIRECT_RECLAIM;
}

#define MAX_ORDER 10		/* largest block: 2^10 pages = 4 MiB */
#define NR_PAGE_ORDERS (MAX_ORDER + 1)

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);

unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);

static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

static inline unsigned long __get_free_page(gfp_t gfp)
{
	return __get_free_pages(gfp, 0);
}

static inline unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

static inline void free_page(unsigned long addr)
{
	free_pages(addr, 0);
}

#define __free_page(page) __free_pages((page), 0)

#endif
