/*
 * The IDA (include/linux/idr.h), as the ida_* half of Linux's lib/idr.c.
 * Each struct ida_chunk covers IDA_BITMAP_BITS IDs from a multiple of
 * IDA_BITMAP_BITS; chunks exist only where IDs were allocated and are
 * freed when their last ID is. Searching walks the sorted chunk list.
 */
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/bitops.h>
#include <linux/errno.h>

struct ida_chunk {
	struct list_head list;
	unsigned int base;		/* the first ID it covers */
	unsigned int used;		/* IDs allocated in it */
	DECLARE_BITMAP(bits, IDA_BITMAP_BITS);
};

/*
 * Finds the smallest free ID in [min, max] under the lock and marks it.
 * Returns it, -ENOSPC, or -EAGAIN when the ID lies in a chunk that does
 * not exist yet and @spare is NULL (the caller allocates one and retries).
 */
static int ida_find_and_set(struct ida *ida, unsigned int min, unsigned int max,
			    struct ida_chunk **spare)
{
	unsigned long id = min;
	struct ida_chunk *c, *fresh;

	list_for_each_entry(c, &ida->chunks, list) {
		if (c->base + IDA_BITMAP_BITS <= id)
			continue;
		if (c->base > id)
			break;		/* id falls in a gap before this chunk */
		id = c->base + find_next_zero_bit(c->bits, IDA_BITMAP_BITS, id - c->base);
		if (id > max)
			return -ENOSPC;
		if (id < c->base + IDA_BITMAP_BITS) {
			__set_bit(id - c->base, c->bits);
			c->used++;
			return id;
		}
	}
	/* id is in no chunk: a new one goes before c (or at the end). */
	if (id > max)
		return -ENOSPC;
	if (!*spare)
		return -EAGAIN;
	fresh = *spare;
	*spare = NULL;
	fresh->base = id - id % IDA_BITMAP_BITS;
	__set_bit(id - fresh->base, fresh->bits);
	fresh->used = 1;
	list_add_tail(&fresh->list, &c->list);	/* before c, or last */
	return id;
}

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp)
{
	struct ida_chunk *spare = NULL;
	unsigned long flags;
	int id;

	if ((int)min < 0)
		return -ENOSPC;
	if ((int)max < 0)
		max = INT_MAX;
	if (min > max)
		return -ENOSPC;
	for (;;) {
		spin_lock_irqsave(&ida->lock, flags);
		id = ida_find_and_set(ida, min, max, &spare);
		spin_unlock_irqrestore(&ida->lock, flags);
		if (id != -EAGAIN)
			break;
		spare = kzalloc(sizeof(*spare), gfp);
		if (!spare)
			return -ENOMEM;
	}
	kfree(spare);
	return id;
}

/**
 * ida_free - give back an ID
 * @ida: the allocator
 * @id: an ID ida_alloc*() returned; freeing one that is not allocated is
 *      a bug, reported with Linux's WARN and otherwise ignored
 */
void ida_free(struct ida *ida, unsigned int id)
{
	struct ida_chunk *c, *freed = NULL;
	unsigned long flags;
	bool was_set = false;

	spin_lock_irqsave(&ida->lock, flags);
	list_for_each_entry(c, &ida->chunks, list) {
		if (id < c->base || id - c->base >= IDA_BITMAP_BITS)
			continue;
		was_set = __test_and_clear_bit(id - c->base, c->bits);
		if (was_set && --c->used == 0) {
			list_del(&c->list);
			freed = c;
		}
		break;
	}
	spin_unlock_irqrestore(&ida->lock, flags);
	WARN(!was_set, "ida_free called for id=%u which is not allocated.\n", id);
	kfree(freed);
}

void ida_destroy(struct ida *ida)
{
	struct ida_chunk *c, *n;
	unsigned long flags;
	LIST_HEAD(dead);

	spin_lock_irqsave(&ida->lock, flags);
	list_splice_init(&ida->chunks, &dead);
	spin_unlock_irqrestore(&ida->lock, flags);
	list_for_each_entry_safe(c, n, &dead, list)
		kfree(c);
}

bool ida_is_empty(struct ida *ida)
{
	return list_empty(&ida->chunks);
}
