/* Slab allocator internals for reports and tests (kernel/mm/slab.c). */
#ifndef _SPINDLE_SLAB_H
#define _SPINDLE_SLAB_H

#include <linux/types.h>
#include <linux/compiler.h>

struct kmem_cache;

struct slab_stats {
	unsigned long active_objs;	/* handed out now */
	unsigned long num_objs;		/* room in all slabs */
	unsigned long num_slabs;
	unsigned int objsize, objperslab, pagesperslab;
};

typedef int (*report_fn)(const char *fmt, ...) __printf(1, 2);

void kmem_cache_init(void);
void kmem_cache_stats(const struct kmem_cache *s, struct slab_stats *st);
const char *kmem_cache_name(const struct kmem_cache *s);
/* Linux's /proc/slabinfo (version 2.1), one line per cache. */
struct seq_file;
int slabinfo_show(struct seq_file *m, void *v);
/* Shrinks every cache; returns pages given back. */
unsigned long kmem_cache_shrink_all(void);
/* Objects handed out over all caches. */
unsigned long slab_active_objects(void);

#endif
