/* Page flag bits, as in Linux's include/linux/page-flags.h. */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>

enum pageflags {
	PG_reserved,	/* never given to the buddy allocator (firmware, kernel) */
	PG_buddy,	/* free, the head of a buddy block of page->order */
	PG_slab,	/* part of a slab (first page, or PG_tail) */
	PG_tail,	/* a later page of a multi-page slab */
	PG_head,	/* first page of an allocated block of order > 0 */
	PG_stack,	/* part of a kernel stack */
	PG_pgtable,	/* a page-table page */
};

#define PAGEFLAG(name, bit)                                              \
	static inline bool Page##name(const struct page *p)              \
	{ return p->flags & (1UL << PG_##bit); }                         \
	static inline void SetPage##name(struct page *p)                 \
	{ p->flags |= 1UL << PG_##bit; }                                 \
	static inline void ClearPage##name(struct page *p)               \
	{ p->flags &= ~(1UL << PG_##bit); }

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Slab, slab)
PAGEFLAG(Tail, tail)
PAGEFLAG(Head, head)
PAGEFLAG(Stack, stack)
PAGEFLAG(Pgtable, pgtable)

#undef PAGEFLAG

#endif
