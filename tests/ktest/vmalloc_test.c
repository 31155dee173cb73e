/*
 * In-kernel tests of the vmalloc area and kernel stacks
 * (kernel/mm/vmalloc.c, kernel/fork.c): guard pages are unmapped, stacks
 * are counted, every failure on the way is clean, churn leaks nothing.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fault-inject.h>
#include <asm/pgtable.h>
#include <spindle/ktest.h>
#include <spindle/kstack.h>
#include <spindle/mm.h>
#include <spindle/slab.h>

static bool mapped(const void *addr)
{
	struct pte_info info;

	return lookup_address((unsigned long)addr, &info);
}

static void vmalloc_maps_and_guards(struct ktest *t)
{
	char *p = vmalloc(3 * PAGE_SIZE + 1);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(p));
	memset(p, 0x11, 4 * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, mapped(p) && mapped(p + 4 * PAGE_SIZE - 1));
	KTEST_EXPECT_TRUE(t, !mapped(p - 1));		/* the guard below */
	KTEST_EXPECT_TRUE(t, find_vm_area_by_guard(p - 1) == find_vm_area(p));
	vfree(p);
	KTEST_EXPECT_TRUE(t, !mapped(p));
}

static void stacks_are_counted_and_guarded(struct ktest *t)
{
	unsigned long before = mm_stat(NR_KERNEL_STACK_PAGES);
	char *s = alloc_thread_stack("ktest");

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_EQ(t, mm_stat(NR_KERNEL_STACK_PAGES), before + THREAD_SIZE / PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, mapped(s) && mapped(s + THREAD_SIZE - 1));
	KTEST_EXPECT_TRUE(t, !mapped(s - 1));
	KTEST_EXPECT_TRUE(t, find_vm_area_by_guard(s - 8)->flags & VM_KSTACK);
	free_thread_stack(s);
	KTEST_EXPECT_EQ(t, mm_stat(NR_KERNEL_STACK_PAGES), before);
}

static void vfree_of_wrong_address_is_refused(struct ktest *t)
{
	char *p = vmalloc(PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	vfree(p + 16);		/* reported, ignored */
	KTEST_EXPECT_TRUE(t, mapped(p));
	vfree(p);
}

/* Every allocation inside alloc_thread_stack() fails in turn: each must
 * give NULL and leave no page, object or mapping behind. */
static void every_failure_point_is_clean(struct ktest *t)
{
	struct fault_attr *attrs[] = { &failslab, &fail_page_alloc };

	for (unsigned int a = 0; a < ARRAY_SIZE(attrs); a++) {
		for (unsigned long n = 1; n <= 8; n++) {
			unsigned long pages, objs;
			void *s;

			kmem_cache_shrink_all();
			pages = nr_free_pages();
			objs = slab_active_objects();
			fault_attr_fail_nth(attrs[a], n);
			s = alloc_thread_stack("ktest");
			fault_attr_disable(attrs[a]);
			if (s)
				free_thread_stack(s);
			kmem_cache_shrink_all();
			KTEST_EXPECT_EQ(t, slab_active_objects(), objs);
			KTEST_EXPECT_MSG(t, nr_free_pages() >= pages - 4,
					 "%s nth=%lu: %lu pages lost", attrs[a]->name,
					 n, pages - nr_free_pages());
		}
	}
}

static void stack_churn_leaks_nothing(struct ktest *t)
{
	void *stacks[100];
	unsigned long pages, stack_pages = mm_stat(NR_KERNEL_STACK_PAGES);

	/* Warm up: page tables for the area are made once and kept. */
	for (int i = 0; i < 100; i++)
		stacks[i] = alloc_thread_stack("ktest");
	for (int i = 0; i < 100; i++)
		free_thread_stack(stacks[i]);
	kmem_cache_shrink_all();
	pages = nr_free_pages();
	for (int round = 0; round < 100; round++) {
		for (int i = 0; i < 100; i++) {
			stacks[i] = alloc_thread_stack("ktest");
			KTEST_ASSERT_NOT_NULL(t, stacks[i]);
		}
		for (int i = 0; i < 100; i++)
			free_thread_stack(stacks[i]);
	}
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
	KTEST_EXPECT_EQ(t, mm_stat(NR_KERNEL_STACK_PAGES), stack_pages);
}

static const struct ktest_case vmalloc_cases[] = {
	KTEST_CASE(vmalloc_maps_and_guards),
	KTEST_CASE(stacks_are_counted_and_guarded),
	KTEST_CASE(vfree_of_wrong_address_is_refused),
	KTEST_CASE(every_failure_point_is_clean),
	KTEST_CASE(stack_churn_leaks_nothing),
	{}
};

static const struct ktest_suite vmalloc_suite = {
	.name = "vmalloc",
	.cases = vmalloc_cases,
};
ktest_register_suite(vmalloc_suite);
