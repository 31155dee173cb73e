/*
 * LKDTM crash types that test the page protections (W^X, NX, the NULL
 * page), after Linux's drivers/misc/lkdtm/perms.c. Each must end in a
 * page fault that kills the thread; surviving one is a FAIL.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "lkdtm.h"

static const unsigned long rodata = 0xAA55AA55;

void noinline lkdtm_ACCESS_NULL(void)
{
	volatile unsigned long *ptr = NULL;
	unsigned long tmp;

	pr_info("lkdtm: attempting bad read at %px\n", ptr);
	tmp = *ptr;
	(void)tmp;
	pr_err("lkdtm: FAIL: survived bad read\n");
}

void noinline lkdtm_WRITE_RO(void)
{
	volatile unsigned long *ptr = (unsigned long *)&rodata;

	pr_info("lkdtm: attempting bad rodata write at %px\n", ptr);
	*ptr ^= 0xabcd1234;
	pr_err("lkdtm: FAIL: survived bad write\n");
}

static noinline void do_nothing(void)
{
}

void noinline lkdtm_WRITE_KERN(void)
{
	volatile unsigned char *ptr = (unsigned char *)do_nothing;

	pr_info("lkdtm: attempting bad write to kernel text at %px\n", ptr);
	*ptr = 0xCC;
	pr_err("lkdtm: FAIL: survived bad write\n");
	do_nothing();
}

/* Copies a `ret` to @dst and calls it: a fault if @dst is not executable. */
static noinline void execute_location(unsigned char *dst)
{
	void (*func)(void) = (void (*)(void))dst;

	dst[0] = 0xC3;		/* ret */
	pr_info("lkdtm: attempting bad execution at %px\n", dst);
	func();
	pr_err("lkdtm: FAIL: func returned\n");
}

void noinline lkdtm_EXEC_STACK(void)
{
	unsigned char stack_area[64];

	execute_location(stack_area);
}

void noinline lkdtm_EXEC_KMALLOC(void)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return;
	execute_location(p);
	kfree(p);
}
