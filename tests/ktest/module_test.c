/*
 * In-kernel tests of module memory (arch/x86_64/mm/module_alloc.c,
 * set_memory.c) and the export table (kernel/ksyms.c): module memory
 * lies within 2 GiB of the kernel, starts read-write and no-exec, gets
 * the rights W^X gives each part, is unmapped when freed, and leaks no
 * page; exports are found by name, GPL-only ones only for GPL modules.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/export.h>
#include <linux/moduleloader.h>
#include <asm/pgtable.h>
#include <asm/module.h>
#include <asm/set_memory.h>
#include <spindle/ktest.h>
#include <spindle/mm.h>
#include <spindle/slab.h>

const struct kernel_symbol *find_kernel_symbol(const char *name, bool gplok);

static pteval_t flags_of(const void *addr)
{
	struct pte_info info;

	return lookup_address((unsigned long)addr, &info) ? info.flags : 0;
}

static void module_memory_is_near_and_wx(struct ktest *t)
{
	char *p = module_alloc(3 * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, (unsigned long)p >= MODULES_VADDR &&
			     (unsigned long)p + 3 * PAGE_SIZE <= MODULES_END);
	KTEST_EXPECT_TRUE(t, (flags_of(p) & _PAGE_RW) && (flags_of(p) & _PAGE_NX));
	KTEST_EXPECT_TRUE(t, !flags_of(p - 1));		/* the guard below */
	p[0] = 1;
	KTEST_EXPECT_EQ(t, set_memory_ro((unsigned long)p, 2), 0);
	KTEST_EXPECT_EQ(t, set_memory_x((unsigned long)p, 1), 0);
	KTEST_EXPECT_TRUE(t, !(flags_of(p) & _PAGE_RW) && !(flags_of(p) & _PAGE_NX));
	KTEST_EXPECT_TRUE(t, !(flags_of(p + PAGE_SIZE) & _PAGE_RW) &&
			     (flags_of(p + PAGE_SIZE) & _PAGE_NX));
	KTEST_EXPECT_TRUE(t, (flags_of(p + 2 * PAGE_SIZE) & _PAGE_RW) &&
			     (flags_of(p + 2 * PAGE_SIZE) & _PAGE_NX));
	KTEST_EXPECT_EQ(t, p[0], 1);
	module_memfree(p);
	KTEST_EXPECT_TRUE(t, !flags_of(p));
}

static void module_memory_churn_leaks_nothing(struct ktest *t)
{
	unsigned long pages;
	void *p = module_alloc(PAGE_SIZE);	/* page tables made once */

	module_memfree(p);
	kmem_cache_shrink_all();
	pages = nr_free_pages();
	for (int i = 0; i < 200; i++) {
		void *a = module_alloc(5 * PAGE_SIZE), *b = module_alloc(PAGE_SIZE);

		KTEST_ASSERT_TRUE(t, a && b);
		module_memfree(a);
		module_memfree(b);
	}
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
}

static void exports_are_found_by_name(struct ktest *t)
{
	const struct kernel_symbol *ks = find_kernel_symbol("printk", false);

	KTEST_ASSERT_NOT_NULL(t, ks);
	KTEST_EXPECT_EQ(t, ks->value, (unsigned long)printk);
	KTEST_EXPECT_TRUE(t, find_kernel_symbol("kthread_stop", false) != NULL);
	KTEST_EXPECT_TRUE(t, !find_kernel_symbol("panic", true));	/* not exported */
	KTEST_EXPECT_TRUE(t, !find_kernel_symbol("kallsyms_lookup_name", false));
	KTEST_EXPECT_TRUE(t, find_kernel_symbol("kallsyms_lookup_name", true) != NULL);
}

static const struct ktest_case module_cases[] = {
	KTEST_CASE(module_memory_is_near_and_wx),
	KTEST_CASE(module_memory_churn_leaks_nothing),
	KTEST_CASE(exports_are_found_by_name),
	{}
};

static const struct ktest_suite module_suite = {
	.name = "module",
	.cases = module_cases,
};
ktest_register_suite(module_suite);
