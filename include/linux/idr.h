/*
 * ID allocation, as the IDA half of Linux's include/linux/idr.h and
 * lib/idr.c: ida_alloc() hands out the smallest free integer ID (at
 * least 0, or in [min, max]), ida_free() gives it back. Linux keeps
 * 1024-bit bitmaps in an XArray; Spindle keeps the same bitmaps in a
 * list sorted by their first ID, allocated as IDs reach them.
 *
 * Locking: the IDA has its own spinlock (interrupts off while held); the
 * bitmaps are allocated with the caller's gfp outside it, so ida_alloc()
 * with GFP_KERNEL may sleep and ida_free() never does.
 */
#ifndef _LINUX_IDR_H
#define _LINUX_IDR_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

#define IDA_BITMAP_BITS 1024

struct ida {
	spinlock_t lock;
	struct list_head chunks;	/* struct ida_chunk, by first ID */
};

#define IDA_INIT(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .chunks = LIST_HEAD_INIT(name.chunks) }
#define DEFINE_IDA(name) struct ida name = IDA_INIT(name)

static inline void ida_init(struct ida *ida)
{
	spin_lock_init(&ida->lock);
	INIT_LIST_HEAD(&ida->chunks);
}

/**
 * ida_alloc_range - allocate the smallest free ID in [@min, @max]
 * @ida: the allocator
 * @min: the lowest ID wanted
 * @max: the highest (at most INT_MAX)
 * @gfp: how to allocate a new bitmap (GFP_KERNEL may sleep)
 *
 * Return: the ID; -ENOSPC if all of [@min, @max] are taken (or @min >
 * @max); -ENOMEM if a bitmap could not be allocated.
 */
int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp);
void ida_free(struct ida *ida, unsigned int id);
/* Frees every ID and bitmap; the IDA can be used again afterwards. */
void ida_destroy(struct ida *ida);
bool ida_is_empty(struct ida *ida);

static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0U, gfp);
}

static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	return ida_alloc_range(ida, min, ~0U, gfp);
}

static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, max, gfp);
}

/* The older names, still used by much driver code. */
#define ida_simple_get(ida, start, end, gfp) \
	ida_alloc_range(ida, start, (end) ? (end) - 1 : ~0U, gfp)
#define ida_simple_remove(ida, id) ida_free(ida, id)

#endif
