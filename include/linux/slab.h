/*
 * Object caches and kmalloc(), as in Linux's include/linux/slab.h. A
 * kmem_cache hands out objects of one size from slabs (runs of pages cut
 * into equal objects); kmalloc() picks the cache of the next power of two
 * (and 96 and 192), or takes whole pages for sizes above 8 KiB.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

typedef unsigned int slab_flags_t;

#define SLAB_HWCACHE_ALIGN 0x2000u	/* align objects to cache lines */
#define SLAB_PANIC 0x40000u		/* panic if the cache cannot be made */
#define SLAB_CONSISTENCY_CHECKS 0x100u	/* walk the free list on free (debug) */
#define SLAB_POISON 0x800u		/* poison freed objects (debug) */

#define KMALLOC_MAX_CACHE_SIZE 8192
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;

/**
 * kmem_cache_create - make a cache of objects of one size
 * @name: shown in slabinfo (the string must outlive the cache)
 * @size: object size in bytes
 * @align: minimum alignment (0: 8 bytes)
 * @flags: SLAB_*
 * @ctor: called on each object when its slab is made, or NULL
 *
 * Return: the cache, or NULL (unless SLAB_PANIC).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
/* Frees the cache; it must hold no objects (reported otherwise). */
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *obj);
/* Gives empty slabs back to the page allocator; returns pages freed. */
unsigned long kmem_cache_shrink(struct kmem_cache *s);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

void *kmalloc(size_t size, gfp_t gfp);
void kfree(const void *obj);
/* The usable size of a kmalloc() object. */
size_t ksize(const void *obj);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, gfp);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

#endif
