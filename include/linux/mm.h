/*
 * Page frames and addresses, as in Linux's include/linux/mm.h: the
 * mem_map array holds one struct page per physical page frame, so
 * converting between a page, its frame number and its direct-map address
 * is arithmetic.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/gfp.h>
#include <linux/sysinfo.h>
#include <asm/page.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the highest page frame */

#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PAGE_ALIGN(x) ALIGN(x, PAGE_SIZE)

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

/* @addr must be a direct-map address (see virt_addr_valid()). */
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PHYS_PFN(__pa(addr)));
}

/* True if @addr lies in the direct map of a page frame mem_map covers. */
bool virt_addr_valid(const void *addr);

/* Totals in pages, for meminfo. */
unsigned long totalram_pages(void);
unsigned long nr_free_pages(void);

/* Fills the memory fields of @val (totalram, freeram; mem_unit is a
 * page), as Linux's si_meminfo(). */
void si_meminfo(struct sysinfo *val);

#endif
