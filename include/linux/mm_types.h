/*
 * struct page: one per physical page frame, in the mem_map array, as in
 * Linux's include/linux/mm_types.h. Fields are shared by the page's
 * owners: the buddy allocator while the page is free, the slab allocator
 * while it holds objects.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>

struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits, see linux/page-flags.h */
	struct list_head lru;		/* buddy free list, or slab list */
	union {
		unsigned int order;		/* PG_buddy: block order */
		struct {			/* PG_slab: */
			unsigned short inuse;	/* objects handed out */
			unsigned short objects;	/* objects in this slab */
		};
	};
	unsigned int refcount;		/* users of an allocated page */
	union {
		struct kmem_cache *slab_cache;	/* PG_slab: owner */
		unsigned long private;		/* free for the owner's use */
	};
	union {
		void *freelist;		/* PG_slab: first free object */
		struct page *first_page;	/* PG_tail: the slab's first page */
	};
};

#endif
