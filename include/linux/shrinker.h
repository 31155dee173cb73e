/*
 * Shrinkers, as Linux's include/linux/shrinker.h: a cache that holds
 * memory it could give back registers a shrinker; reclaim (kswapd, or an
 * allocation that found no free pages) asks each how much it could free
 * (count_objects) and then asks it to free some (scan_objects).
 */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/gfp.h>

struct shrink_control {
	gfp_t gfp_mask;
	int nid;
	unsigned long nr_to_scan;	/* objects to look at in this call */
	unsigned long nr_scanned;	/* looked at (the shrinker may set it) */
};

#define SHRINK_STOP (~0UL)		/* scan_objects: cannot free now */
#define SHRINK_EMPTY (~0UL - 1)		/* count_objects: nothing cached */

/**
 * struct shrinker - a cache reclaim can shrink
 * @count_objects: how many objects could be freed now (0 or SHRINK_EMPTY:
 *	none); must be cheap; may not sleep
 * @scan_objects: free up to sc->nr_to_scan objects; return how many were
 *	freed, or SHRINK_STOP; may not sleep (direct reclaim calls it)
 * @batch: objects per scan_objects call (0: SHRINK_BATCH)
 * @seeks: cost of recreating an object (DEFAULT_SEEKS); higher = scanned less
 * @name: for reports
 * @list: on the shrinker list (vmscan's own)
 */
struct shrinker {
	unsigned long (*count_objects)(struct shrinker *s, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *s, struct shrink_control *sc);
	long batch;
	int seeks;
	unsigned int flags;
	char name[32];
	struct list_head list;
};

#define DEFAULT_SEEKS 2

int register_shrinker(struct shrinker *shrinker, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void unregister_shrinker(struct shrinker *shrinker);

#endif
