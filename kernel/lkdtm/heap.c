/*
 * LKDTM crash types for the heap, after Linux's drivers/misc/lkdtm/heap.c.
 * Spindle catches these with slab poisoning (CONFIG_SLAB_DEBUG,
 * kernel/mm/slab.c): a freed object is filled with 0x6b, and the next
 * allocation of it checks that the poison is intact.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "lkdtm.h"

#define UAF_SIZE 512
#define POISON_FREE 0x6b

/* Writes into a freed object; allocating it again finds the damage. */
void noinline lkdtm_WRITE_AFTER_FREE(void)
{
	unsigned long *base = kmalloc(UAF_SIZE, GFP_KERNEL), *again;
	size_t offset = UAF_SIZE / 2 / sizeof(*base);

	if (!base)
		return;
	pr_info("lkdtm: allocated memory %px-%px\n", base, (char *)base + UAF_SIZE);
	kfree(base);
	pr_info("lkdtm: attempting bad write to freed memory at %px\n", &base[offset]);
	base[offset] = 0x0abcdef0;
	/* The slab hands out the object it freed last: the same one. */
	again = kmalloc(UAF_SIZE, GFP_KERNEL);
	if (again != base)
		pr_warn("lkdtm: got another object back; the damage waits for later\n");
	kfree(again);
}

/* Reads a freed object: the poison must be there, not the old data. */
void noinline lkdtm_READ_AFTER_FREE(void)
{
	volatile unsigned long *base = kmalloc(UAF_SIZE, GFP_KERNEL);
	size_t offset = UAF_SIZE / 2 / sizeof(*base);
	unsigned long saw;

	if (!base)
		return;
	base[offset] = 0x0abcdef0;
	kfree((void *)base);
	pr_info("lkdtm: attempting bad read from freed memory at %px\n", &base[offset]);
	saw = base[offset];
	if (saw == 0x0abcdef0)
		pr_err("lkdtm: FAIL: memory was not poisoned\n");
	else if ((unsigned char)saw == POISON_FREE)
		pr_info("lkdtm: memory correctly poisoned (%#lx)\n", saw);
	else
		pr_info("lkdtm: freed memory was reused (%#lx)\n", saw);
}

void noinline lkdtm_SLAB_FREE_DOUBLE(void)
{
	void *p = kmalloc(UAF_SIZE, GFP_KERNEL);

	if (!p)
		return;
	pr_info("lkdtm: attempting double slab free of %px\n", p);
	kfree(p);
	kfree(p);
}
