/*
 * In-kernel tests of the slab allocator and kmalloc (kernel/mm/slab.c):
 * counts, alignment, the debug checks (double free, wild pointer, use
 * after free), and churn that must leave every count where it started.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/fault-inject.h>
#include <spindle/ktest.h>
#include <spindle/slab.h>

struct thing {
	long a, b, c;
};

static unsigned long active(struct kmem_cache *s)
{
	struct slab_stats st;

	kmem_cache_stats(s, &st);
	return st.active_objs;
}

static void cache_counts_objects(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("ktest_thing", sizeof(struct thing),
						 0, 0, NULL);
	struct thing *objs[100];

	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		objs[i]->a = i;
	}
	KTEST_EXPECT_EQ(t, active(s), 100);
	for (int i = 0; i < 100; i++)
		KTEST_EXPECT_EQ(t, objs[i]->a, i);
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, objs[i]);
	KTEST_EXPECT_EQ(t, active(s), 0);
	kmem_cache_destroy(s);
}

static void kmalloc_sizes_and_alignment(struct ktest *t)
{
	static const size_t sizes[] = { 1, 7, 8, 9, 24, 64, 100, 200, 1000, 4096,
					5000, 8192, 8193, 65536, 1 << 20 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i], GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, (unsigned long)p & 7, 0);
		KTEST_EXPECT_TRUE(t, ksize(p) >= sizes[i]);
		memset(p, 0x5a, sizes[i]);
		kfree(p);
	}
	KTEST_EXPECT_TRUE(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
}

static void kzalloc_is_zeroed_after_reuse(struct ktest *t)
{
	char *p = kmalloc(200, GFP_KERNEL);
	bool zero = true;

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xff, 200);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (int i = 0; i < 200; i++)
		zero &= p[i] == 0;
	KTEST_EXPECT_TRUE(t, zero);
	kfree(p);
}

static void double_free_is_refused(struct ktest *t)
{
	unsigned long before = slab_active_objects();
	void *a = kmalloc(64, GFP_KERNEL), *b, *c;

	KTEST_ASSERT_NOT_NULL(t, a);
	kfree(a);
	kfree(a);	/* reported; the free list must stay sane */
	b = kmalloc(64, GFP_KERNEL);
	c = kmalloc(64, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, b != c);	/* a corrupt list would hand out a twice */
	kfree(b);
	kfree(c);
	KTEST_EXPECT_EQ(t, slab_active_objects(), before);
}

static void wild_pointer_is_refused(struct ktest *t)
{
	char *p = kmalloc(128, GFP_KERNEL);
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, p);
	before = slab_active_objects();
	kfree(p + 8);		/* inside an object, not its start */
	kfree((void *)0x1234);	/* not memory at all */
	KTEST_EXPECT_EQ(t, slab_active_objects(), before);
	kfree(p);
}

static void use_after_free_is_detected(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("ktest_uaf", 48, 0, SLAB_POISON, NULL);
	char *p, *q;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(s, p);
	p[20] = 1;		/* the bug: write after free */
	q = kmem_cache_alloc(s, GFP_KERNEL);	/* reports it */
	KTEST_EXPECT_TRUE(t, q == p);
	kmem_cache_free(s, q);
	kmem_cache_destroy(s);
}

static void churn_leaves_no_trace(struct ktest *t)
{
	unsigned long objs, pages;
	void *p[64];

	kmem_cache_shrink_all();
	objs = slab_active_objects();
	pages = nr_free_pages();
	for (int round = 0; round < 200; round++) {
		for (int i = 0; i < 64; i++)
			p[i] = kmalloc(8 << (i % 11), GFP_KERNEL);
		for (int i = 0; i < 64; i++)
			kfree(p[i]);
	}
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, slab_active_objects(), objs);
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
}

static void injected_failure_returns_null(struct ktest *t)
{
	unsigned long before = slab_active_objects();

	fault_attr_fail_nth(&failslab, 1);
	KTEST_EXPECT_NULL(t, kmalloc(32, GFP_KERNEL));
	KTEST_EXPECT_EQ(t, slab_active_objects(), before);
	fault_attr_disable(&failslab);
}

static const struct ktest_case slab_cases[] = {
	KTEST_CASE(cache_counts_objects),
	KTEST_CASE(kmalloc_sizes_and_alignment),
	KTEST_CASE(kzalloc_is_zeroed_after_reuse),
	KTEST_CASE(double_free_is_refused),
	KTEST_CASE(wild_pointer_is_refused),
	KTEST_CASE(use_after_free_is_detected),
	KTEST_CASE(churn_leaves_no_trace),
	KTEST_CASE(injected_failure_returns_null),
	{}
};

static const struct ktest_suite slab_suite = {
	.name = "slab",
	.cases = slab_cases,
};
ktest_register_suite(slab_suite);
