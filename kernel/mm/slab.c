/*
 * The slab allocator, in the manner of Linux's SLUB (mm/slub.c), much
 * reduced. A cache cuts slabs (1..8 contiguous pages from the buddy
 * allocator) into objects of one size. Free objects of a slab are chained
 * through their first word; a cache keeps its slabs on a partial list
 * (some objects free) and a full list. Empty slabs go back to the page
 * allocator, except one kept to absorb alloc/free churn.
 *
 * Always checked, as cheaply as Linux's SLAB_FREELIST_HARDENED: a free of
 * a pointer that is not an object of the cache, and a free of the object
 * at the head of its slab's free list (the common double free), are
 * reported and refused instead of corrupting the lists.
 *
 * Debugging, chosen at boot with Linux's option `slub_debug=` (off by
 * default, as in a Linux kernel booted without it; CONFIG_SLUB_DEBUG_ON
 * turns it on): P poisons freed objects with POISON_FREE and checks the
 * poison when an object is handed out again (a write after free is
 * reported); F (consistency checks) also walks the free list on every
 * free, so any double free is refused. `slub_debug` alone means both;
 * `slub_debug=-` neither. A cache made with SLAB_POISON is always
 * poisoned.
 *
 * Simplified: no per-CPU slabs; one lock per cache (irqsave).
 */
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/list.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <linux/fault-inject.h>
#include <linux/init.h>
#include <linux/vmalloc.h>
#include <spindle/config.h>
#include <spindle/slab.h>
#include <spindle/mm.h>

#define POISON_FREE 0x6b
#define MAX_SLAB_ORDER 3
#define MIN_OBJECTS_PER_SLAB 8
#define KMALLOC_LARGE_MAGIC 0x6b6d616c6c6f63UL	/* "kmalloc" */

struct kmem_cache {
	const char *name;
	unsigned int object_size;	/* what the user asked for */
	unsigned int size;		/* with alignment */
	unsigned int order;		/* 2^order pages per slab */
	unsigned int objects;		/* per slab */
	slab_flags_t flags;
	void (*ctor)(void *);
	raw_spinlock_t lock;
	struct list_head partial;	/* slabs with free objects */
	struct list_head full;
	struct page *empty;		/* one spare empty slab, or NULL */
	unsigned long nr_slabs;
	unsigned long active_objs;
	struct list_head list;		/* all caches */
};

DECLARE_FAULT_ATTR(failslab);

static int __init setup_failslab(char *str)
{
	return setup_fault_attr(&failslab, str);
}
__setup("failslab=", setup_failslab);

static LIST_HEAD(slab_caches);
static DEFINE_RAW_SPINLOCK(slab_caches_lock);
static struct kmem_cache cache_cache;	/* the cache of kmem_cache structs */

static const unsigned int kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192
};
static const char *const kmalloc_names[] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
	"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512",
	"kmalloc-1k", "kmalloc-2k", "kmalloc-4k", "kmalloc-8k"
};
static struct kmem_cache *kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];

/* The debug flags every cache gets (slub_debug=). */
static slab_flags_t slub_debug = CONFIG_SLUB_DEBUG_ON ?
				 SLAB_POISON | SLAB_CONSISTENCY_CHECKS : 0;

static int __init setup_slub_debug(char *str)
{
	slab_flags_t flags = 0;

	for (; *str && *str != ','; str++) {
		switch (*str) {
		case 'p': case 'P':
			flags |= SLAB_POISON;
			break;
		case 'f': case 'F':
			flags |= SLAB_CONSISTENCY_CHECKS;
			break;
		case '-':
			flags = 0;
			break;
		default:
			pr_warn("slub_debug: option '%c' not supported\n", *str);
		}
	}
	slub_debug = flags;
	return 0;
}
__setup("slub_debug=", setup_slub_debug);

/* "slub_debug" without a value: everything Spindle has. */
static int __init setup_slub_debug_all(char *str)
{
	slub_debug = SLAB_POISON | SLAB_CONSISTENCY_CHECKS;
	return 0;
}
__setup("slub_debug", setup_slub_debug_all);

static bool poisoned(const struct kmem_cache *s)
{
	return (s->flags & SLAB_POISON) && !s->ctor;
}

static void *get_free(const void *obj)
{
	return *(void *const *)obj;
}

static void set_free(void *obj, void *next)
{
	*(void **)obj = next;
}

static void *slab_base(const struct page *slab)
{
	return page_address(slab);
}

/* Picks the slab order: the smallest holding MIN_OBJECTS_PER_SLAB with
 * little waste, as Linux's calculate_order(). */
static void calculate_sizes(struct kmem_cache *s)
{
	for (s->order = 0; s->order < MAX_SLAB_ORDER; s->order++) {
		unsigned long bytes = PAGE_SIZE << s->order;

		if (bytes / s->size >= MIN_OBJECTS_PER_SLAB ||
		    bytes % s->size <= bytes / 16)
			break;
	}
	s->objects = (PAGE_SIZE << s->order) / s->size;
}

static int init_cache(struct kmem_cache *s, const char *name, unsigned int size,
		      unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	if (!size || size > (PAGE_SIZE << MAX_SLAB_ORDER))
		return -EINVAL;
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max(align, 64u);
	align = max(align, (unsigned int)sizeof(void *));
	s->name = name;
	s->object_size = size;
	s->size = ALIGN(max(size, (unsigned int)sizeof(void *)), align);
	/* alignment may grow an object past what the largest slab holds */
	if (s->size > (PAGE_SIZE << MAX_SLAB_ORDER))
		return -EINVAL;
	s->flags = flags | slub_debug;
	s->ctor = ctor;
	s->empty = NULL;
	s->nr_slabs = s->active_objs = 0;
	raw_spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->full);
	calculate_sizes(s);
	return 0;
}

static void add_cache(struct kmem_cache *s)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&slab_caches_lock, flags);
	list_add_tail(&s->list, &slab_caches);
	raw_spin_unlock_irqrestore(&slab_caches_lock, flags);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = kmem_cache_zalloc(&cache_cache, GFP_KERNEL);

	if (s && init_cache(s, name, size, align, flags, ctor)) {
		kmem_cache_free(&cache_cache, s);
		s = NULL;
	}
	if (!s) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: cannot create cache %s", name);
		return NULL;
	}
	add_cache(s);
	return s;
}

/* A new slab with every object on its free list; NULL if no pages. */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab = alloc_pages((gfp & ~__GFP_ZERO) | __GFP_NOWARN |
					__GFP_NOFAIL_INJECT, s->order);
	char *base;

	if (!slab)
		return NULL;
	base = slab_base(slab);
	SetPageSlab(slab);
	slab->slab_cache = s;
	slab->inuse = 0;
	slab->objects = s->objects;
	for (unsigned int i = 1; i < (1U << s->order); i++) {
		SetPageSlab(slab + i);
		SetPageTail(slab + i);
		slab[i].slab_cache = s;
		slab[i].first_page = slab;
	}
	slab->freelist = NULL;
	for (int i = s->objects - 1; i >= 0; i--) {
		void *obj = base + i * s->size;

		if (s->ctor)
			s->ctor(obj);
		else if (poisoned(s))
			memset(obj, POISON_FREE, s->size);
		set_free(obj, slab->freelist);
		slab->freelist = obj;
	}
	s->nr_slabs++;
	mod_mm_stat(NR_SLAB_PAGES, 1L << s->order);
	return slab;
}

static void discard_slab(struct kmem_cache *s, struct page *slab)
{
	for (unsigned int i = 0; i < (1U << s->order); i++) {
		ClearPageSlab(slab + i);
		ClearPageTail(slab + i);
		slab[i].slab_cache = NULL;
		slab[i].freelist = NULL;
	}
	s->nr_slabs--;
	mod_mm_stat(NR_SLAB_PAGES, -(1L << s->order));
	slab->order = s->order;	/* inuse/objects shared its word */
	__free_pages(slab, s->order);
}

/* Checks that a free object still holds its poison: a mismatch means
 * someone wrote to it after freeing it. */
static void check_poison(struct kmem_cache *s, void *obj)
{
	const unsigned long pattern = POISON_FREE * 0x0101010101010101UL;
	unsigned char *p = obj;
	unsigned int i = sizeof(void *);

	/* A word at a time (sizes are multiples of 8); bytes for the report. */
	while (i < s->size && *(unsigned long *)(p + i) == pattern)
		i += sizeof(unsigned long);
	for (; i < s->size; i++) {
		if (p[i] != POISON_FREE) {
			pr_err("BUG %s: use after free: object %px byte %u is %#x, "
			       "not the poison %#x\n", s->name, obj, i, p[i],
			       POISON_FREE);
			WARN_ON(1);
			memset(p + sizeof(void *), POISON_FREE, s->size - sizeof(void *));
			return;
		}
	}
}

/* Caller holds s->lock. A slab with a free object, made if needed. */
static struct page *get_partial(struct kmem_cache *s)
{
	struct page *slab;

	lockdep_assert_held(&s->lock);
	if (!list_empty(&s->partial))
		return list_first_entry(&s->partial, struct page, lru);
	slab = s->empty;
	if (slab) {
		s->empty = NULL;
		list_add(&slab->lru, &s->partial);
	}
	return slab;
}

/**
 * kmem_cache_alloc - take an object from a cache
 * @s: the cache
 * @gfp: GFP_* (and __GFP_ZERO to clear it)
 *
 * Context: any; never sleeps.
 * Return: the object, or NULL when memory is exhausted.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab;
	unsigned long flags;
	void *obj;

	might_sleep_if(gfpflags_allow_blocking(gfp));	/* Linux's might_alloc() */
	if (!(gfp & __GFP_NOFAIL_INJECT) && should_fail(&failslab, s->object_size))
		return NULL;
	raw_spin_lock_irqsave(&s->lock, flags);
	slab = get_partial(s);
	if (!slab) {
		/* Allocate outside the lock: the page allocator has its own. */
		raw_spin_unlock_irqrestore(&s->lock, flags);
		slab = new_slab(s, gfp);
		if (!slab)
			return NULL;
		raw_spin_lock_irqsave(&s->lock, flags);
		list_add(&slab->lru, &s->partial);
	}
	obj = slab->freelist;
	slab->freelist = get_free(obj);
	if (++slab->inuse == slab->objects)
		list_move_tail(&slab->lru, &s->full);
	s->active_objs++;
	raw_spin_unlock_irqrestore(&s->lock, flags);
	if (unlikely(poisoned(s)))
		check_poison(s, obj);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

/* The slab holding @obj, or NULL with a report if @obj is not an object
 * of @s (wrong cache, not a slab page, or not an object boundary). */
static struct page *object_slab(struct kmem_cache *s, const void *obj)
{
	struct page *page;
	unsigned long offset;

	if (!virt_addr_valid(obj) || !PageSlab(page = virt_to_page(obj))) {
		pr_err("BUG: kmem_cache_free(%s): %px is not a slab object\n",
		       s->name, obj);
		return NULL;
	}
	if (PageTail(page))
		page = page->first_page;
	offset = (const char *)obj - (const char *)slab_base(page);
	if (page->slab_cache != s || offset % s->size || offset / s->size >= s->objects) {
		pr_err("BUG: kmem_cache_free(%s): %px is not an object of this "
		       "cache (it belongs to %s)\n", s->name, obj,
		       page->slab_cache ? page->slab_cache->name : "no cache");
		return NULL;
	}
	return page;
}

/* Caller holds s->lock. Is @obj already on @slab's free list? */
static bool already_free(struct page *slab, const void *obj)
{
	for (void *p = slab->freelist; p; p = get_free(p))
		if (p == obj)
			return true;
	return false;
}

/* Caller holds s->lock: the slab lost an object; move it between lists. */
static void slab_put_object(struct kmem_cache *s, struct page *slab)
{
	lockdep_assert_held(&s->lock);
	if (slab->inuse == slab->objects)
		list_move_tail(&slab->lru, &s->partial);	/* was full */
	if (--slab->inuse)
		return;
	list_del(&slab->lru);
	if (!s->empty) {
		s->empty = slab;	/* keep one empty slab for churn */
		return;
	}
	discard_slab(s, slab);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *slab;
	unsigned long flags;

	if (!obj)
		return;
	slab = object_slab(s, obj);
	if (!slab) {
		WARN_ON(1);
		return;
	}
	raw_spin_lock_irqsave(&s->lock, flags);
	if (unlikely(slab->freelist == obj ||
		     ((s->flags & SLAB_CONSISTENCY_CHECKS) && already_free(slab, obj)))) {
		raw_spin_unlock_irqrestore(&s->lock, flags);
		pr_err("BUG %s: double free of object %px\n", s->name, obj);
		WARN_ON(1);
		return;
	}
	if (unlikely(poisoned(s)))
		memset(obj, POISON_FREE, s->size);
	set_free(obj, slab->freelist);
	slab->freelist = obj;
	s->active_objs--;
	slab_put_object(s, slab);
	raw_spin_unlock_irqrestore(&s->lock, flags);
}

unsigned long kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long flags, freed = 0;

	raw_spin_lock_irqsave(&s->lock, flags);
	if (s->empty) {
		freed = 1UL << s->order;
		discard_slab(s, s->empty);
		s->empty = NULL;
	}
	raw_spin_unlock_irqrestore(&s->lock, flags);
	return freed;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long flags;

	if (!s)
		return;
	kmem_cache_shrink(s);
	if (s->active_objs || s->nr_slabs) {
		pr_err("kmem_cache_destroy %s: %lu objects still in use; cache kept\n",
		       s->name, s->active_objs);
		WARN_ON(1);
		return;
	}
	raw_spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&s->list);
	raw_spin_unlock_irqrestore(&slab_caches_lock, flags);
	kmem_cache_free(&cache_cache, s);
}

static int kmalloc_index(size_t size)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		if (size <= kmalloc_sizes[i])
			return i;
	return -1;
}

/* Above KMALLOC_MAX_CACHE_SIZE: whole pages, marked as ours. */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = 0;
	struct page *page;

	if (size > (PAGE_SIZE << MAX_ORDER))
		return NULL;	/* also keeps the shift below in range */
	while ((PAGE_SIZE << order) < size)
		order++;
	if (should_fail(&failslab, size))
		return NULL;
	page = alloc_pages(gfp | __GFP_NOFAIL_INJECT, order);
	if (!page)
		return NULL;
	page->private = KMALLOC_LARGE_MAGIC;
	return page_address(page);
}

/**
 * kmalloc - allocate @size bytes
 * @size: bytes (0 gives ZERO_SIZE_PTR, which kfree() accepts)
 * @gfp: GFP_* (and __GFP_ZERO)
 *
 * Context: any; never sleeps.
 * Return: memory aligned to at least 8 bytes, or NULL.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	int i;

	if (!size)
		return ZERO_SIZE_PTR;
	i = kmalloc_index(size);
	if (i < 0)
		return kmalloc_large(size, gfp);
	return kmem_cache_alloc(kmalloc_caches[i], gfp);
}

void kfree(const void *obj)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(obj))
		return;
	if (!virt_addr_valid(obj)) {
		pr_err("BUG: kfree(%px): not a kmalloc address%s\n", obj,
		       is_vmalloc_addr(obj) ? " (use vfree)" : "");
		WARN_ON(1);
		return;
	}
	page = virt_to_page(obj);
	if (PageTail(page))
		page = page->first_page;
	if (PageSlab(page)) {
		kmem_cache_free(page->slab_cache, (void *)obj);
		return;
	}
	if (PageHead(page) && page->private == KMALLOC_LARGE_MAGIC &&
	    obj == page_address(page)) {
		page->private = 0;
		__free_pages(page, page->order);
		return;
	}
	pr_err("BUG: kfree(%px): not a kmalloc object (double free?)\n", obj);
	WARN_ON(1);
}

size_t ksize(const void *obj)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(obj) || !virt_addr_valid(obj))
		return 0;
	page = virt_to_page(obj);
	if (PageTail(page))
		page = page->first_page;
	if (PageSlab(page))
		return page->slab_cache->object_size;
	return PAGE_SIZE << page->order;
}

void kmem_cache_init(void)
{
	init_cache(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0, 0, NULL);
	add_cache(&cache_cache);
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i],
						      kmalloc_sizes[i], 0,
						      SLAB_PANIC, NULL);
	pr_info("SLUB: %u kmalloc caches from 8 B to %u B; slub_debug=%s%s%s\n",
		(unsigned int)ARRAY_SIZE(kmalloc_sizes), KMALLOC_MAX_CACHE_SIZE,
		slub_debug & SLAB_CONSISTENCY_CHECKS ? "F" : "",
		slub_debug & SLAB_POISON ? "P" : "",
		slub_debug ? "" : "- (off)");
}

void kmem_cache_stats(const struct kmem_cache *s, struct slab_stats *st)
{
	st->active_objs = s->active_objs;
	st->num_slabs = s->nr_slabs;
	st->num_objs = s->nr_slabs * s->objects;
	st->objsize = s->size;
	st->objperslab = s->objects;
	st->pagesperslab = 1U << s->order;
}

const char *kmem_cache_name(const struct kmem_cache *s)
{
	return s->name;
}

int slabinfo_show(struct seq_file *m, void *v)
{
	struct kmem_cache *s;
	struct slab_stats st;

	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		 "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
		 "slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	list_for_each_entry(s, &slab_caches, list) {
		kmem_cache_stats(s, &st);
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : "
			   "slabdata %6lu %6lu %6u\n", s->name, st.active_objs,
			   st.num_objs, st.objsize, st.objperslab, st.pagesperslab,
			   0, 0, 0, st.num_slabs, st.num_slabs, 0);
	}
	return 0;
}

unsigned long kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;
	unsigned long freed = 0;

	list_for_each_entry(s, &slab_caches, list)
		freed += kmem_cache_shrink(s);
	return freed;
}

/* Pages held by the caches' spare empty slabs (for the slab shrinker). */
unsigned long kmem_cache_count_empty(void)
{
	struct kmem_cache *s;
	unsigned long pages = 0;

	list_for_each_entry(s, &slab_caches, list)
		if (READ_ONCE(s->empty))
			pages += 1UL << s->order;
	return pages;
}

unsigned long slab_active_objects(void)
{
	struct kmem_cache *s;
	unsigned long n = 0;

	list_for_each_entry(s, &slab_caches, list)
		n += s->active_objs;
	return n;
}
