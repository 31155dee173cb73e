/*
 * kernel/mm/slab.c (caches, kmalloc and their debug checks) over the real
 * buddy allocator (kernel/mm/page_alloc.c) on the simulated machine of
 * mm_support.c. Objects are filled with patterns and checked before they
 * are freed, so two objects sharing memory show up; the debug checks are
 * provoked on purpose and must refuse without damage.
 *
 * The teardown requires every test to give back all it took: after
 * kmem_cache_shrink_all(), the same objects in use, the same pages free
 * in the same buddy blocks, as right after kmem_cache_init().
 */
#include "lib_names.h"
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/fault-inject.h>
#include <spindle/mm.h>
#include <spindle/slab.h>
#include "mm_support.h"
#include "lib_names_end.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static struct buddy_snapshot start;
static unsigned long start_active, start_slab_pages;

static struct slab_stats stats(struct kmem_cache *s)
{
	struct slab_stats st;

	kmem_cache_stats(s, &st);
	return st;
}

static bool all_bytes(const void *p, int c, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)c)
			return false;
	return true;
}

/* Fills an object with a byte of its own, checked before it is freed. */
static unsigned char tag_of(const void *p)
{
	uintptr_t a = (uintptr_t)p;

	return (unsigned char)((a >> 3) ^ (a >> 11) ^ 0x5a);
}

static void fill(void *p, size_t n)
{
	memset(p, tag_of(p), n);
}

static void check_fill(const void *p, size_t n)
{
	if (!all_bytes(p, tag_of(p), n))
		fail_msg("object %p (%zu bytes) was overwritten while in use", p, n);
}

static int group_setup(void **state)
{
	host_mm_init();
	kmem_cache_init();
	kmem_cache_shrink_all();
	start_active = slab_active_objects();
	start_slab_pages = mm_stat(NR_SLAB_PAGES);
	host_buddy_snapshot(&start);
	return 0;
}

static int group_teardown(void **state)
{
	host_buddy_release(&start);
	return 0;
}

static int setup(void **state)
{
	host_log_clear();
	host_srand(0x51ab);
	return 0;
}

static int teardown(void **state)
{
	struct buddy_snapshot now, was;

	host_assert_unlocked();
	if (host_warnings())
		fail_msg("unexpected WARN:\n%s", host_log());
	kmem_cache_shrink_all();
	host_buddy_snapshot(&now);
	was = start;	/* the next test is compared with what this one left */
	start = now;
	host_assert_buddy_same(&was, &now);
	host_buddy_release(&was);
	assert_int_equal(slab_active_objects(), start_active);
	assert_int_equal(mm_stat(NR_SLAB_PAGES), start_slab_pages);
	return 0;
}

/* Runs @bad, which must be reported with @msg and one WARN, and change
 * nothing. */
#define EXPECT_REFUSED(bad, msg)                                            \
	do {                                                                \
		unsigned long active = slab_active_objects();               \
		unsigned long free = nr_free_pages();                       \
		host_log_clear();                                           \
		bad;                                                        \
		if (!host_log_has(msg) || host_warnings() != 1)             \
			fail_msg("%s: not reported as \"%s\"; log:\n%s",    \
				 #bad, msg, host_log());                    \
		assert_int_equal(slab_active_objects(), active);            \
		assert_int_equal(nr_free_pages(), free);                    \
		host_log_clear();                                           \
	} while (0)

static void test_cache_counts_objects_and_slabs(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-100", 100, 0, 0, NULL);
	unsigned long pages = nr_free_pages(), slab_pages = mm_stat(NR_SLAB_PAGES);
	void *objs[80];
	struct slab_stats st;

	assert_non_null(s);
	assert_string_equal(kmem_cache_name(s), "test-100");
	st = stats(s);
	assert_int_equal(st.objsize, 104);
	assert_int_equal(st.objperslab, 39);
	assert_int_equal(st.pagesperslab, 1);
	assert_int_equal(st.num_slabs, 0);
	for (int i = 0; i < 80; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(objs[i]);
		st = stats(s);
		assert_int_equal(st.active_objs, i + 1);
		assert_int_equal(st.num_slabs, i / 39 + 1);
		assert_int_equal(st.num_objs, st.num_slabs * 39);
	}
	assert_int_equal(nr_free_pages(), pages - 3);
	assert_int_equal(mm_stat(NR_SLAB_PAGES), slab_pages + 3);
	for (int i = 0; i < 80; i++)
		kmem_cache_free(s, objs[i]);
	st = stats(s);
	assert_int_equal(st.active_objs, 0);
	assert_int_equal(st.num_slabs, 1);	/* one empty slab is kept */
	assert_int_equal(kmem_cache_shrink(s), 1);
	assert_int_equal(stats(s).num_slabs, 0);
	assert_int_equal(kmem_cache_shrink(s), 0);
	assert_int_equal(nr_free_pages(), pages);
	kmem_cache_destroy(s);
}

/* An object freed from a full slab makes that slab usable again: the
 * next allocation takes it instead of making a new slab. */
static void test_object_freed_from_a_full_slab_is_reused(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-full", 100, 0, 0, NULL);
	void *objs[3 * 39], *again;

	for (int i = 0; i < 3 * 39; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	assert_int_equal(stats(s).num_slabs, 3);
	kmem_cache_free(s, objs[5]);
	again = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(again, objs[5]);
	assert_int_equal(stats(s).num_slabs, 3);
	for (int i = 0; i < 3 * 39; i++)
		kmem_cache_free(s, objs[i]);
	assert_int_equal(stats(s).num_slabs, 1);
	kmem_cache_destroy(s);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return (x > y) - (x < y);
}

/* Thousands of objects of a cache: inside slab pages of the cache, and
 * no two overlapping (sorted, each ends before the next starts). */
static void check_cache_disjoint(unsigned int size, unsigned int n)
{
	struct kmem_cache *s = kmem_cache_create("test-disjoint", size, 0, 0, NULL);
	void **objs = calloc(n, sizeof(*objs));

	assert_non_null(s);
	for (unsigned int i = 0; i < n; i++) {
		struct page *page;

		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(objs[i]);
		page = virt_to_page(objs[i]);
		assert_true(PageSlab(page));
		if (PageTail(page))
			page = page->first_page;
		assert_ptr_equal(page->slab_cache, s);
		fill(objs[i], size);
	}
	assert_int_equal(stats(s).active_objs, n);
	qsort(objs, n, sizeof(*objs), cmp_ptr);
	for (unsigned int i = 0; i < n; i++) {
		check_fill(objs[i], size);
		if (i + 1 < n)
			assert_true((char *)objs[i] + size <= (char *)objs[i + 1]);
	}
	for (unsigned int left = n; left; left--) {
		unsigned int i = host_rand() % left;

		check_fill(objs[i], size);
		kmem_cache_free(s, objs[i]);
		objs[i] = objs[left - 1];
	}
	assert_int_equal(stats(s).active_objs, 0);
	kmem_cache_destroy(s);
	free(objs);
}

static void test_objects_never_overlap(void **state)
{
	static const unsigned int sizes[] = { 8, 13, 24, 100, 1000, 3000, 32768 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++)
		check_cache_disjoint(sizes[i], sizes[i] > 4096 ? 300 : 5000);
}

static void check_aligned(const char *name, unsigned int size, unsigned int align,
			  slab_flags_t flags, unsigned int want_align,
			  unsigned int want_objsize)
{
	struct kmem_cache *s = kmem_cache_create(name, size, align, flags, NULL);
	void *objs[200];

	assert_non_null(s);
	assert_int_equal(stats(s).objsize, want_objsize);
	for (int i = 0; i < 200; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if ((uintptr_t)objs[i] % want_align)
			fail_msg("%s: object %p is not %u-aligned", name, objs[i], want_align);
		fill(objs[i], size);
	}
	for (int i = 0; i < 200; i++) {
		check_fill(objs[i], size);
		kmem_cache_free(s, objs[i]);
	}
	kmem_cache_destroy(s);
}

static void test_alignment(void **state)
{
	check_aligned("test-hwcache", 24, 0, SLAB_HWCACHE_ALIGN, 64, 64);
	check_aligned("test-hwcache-big", 100, 0, SLAB_HWCACHE_ALIGN, 64, 128);
	check_aligned("test-align128", 24, 128, 0, 128, 128);
	check_aligned("test-align0", 13, 0, 0, 8, 16);
	check_aligned("test-align4", 5, 4, 0, 8, 8);	/* never below a pointer */
}

static size_t kmalloc_class(size_t size)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512,
					  1024, 2048, 4096, 8192 };

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

/* Every size up to 8 KiB comes from the next size class, aligned to at
 * least 8 bytes, and to its size for powers of two (as Linux promises). */
static void test_kmalloc_size_classes(void **state)
{
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		char *p = kmalloc(size, GFP_KERNEL);
		size_t class = kmalloc_class(size);

		assert_non_null(p);
		assert_int_equal(ksize(p), class);
		assert_int_equal((uintptr_t)p % 8, 0);
		if ((class & (class - 1)) == 0)
			assert_int_equal((uintptr_t)p % class, 0);
		assert_true(PageSlab(virt_to_page(p)));
		fill(p, size);
		check_fill(p, size);
		kfree(p);
	}
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	assert_int_equal(ksize(NULL), 0);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
}

/* Above 8 KiB: whole buddy blocks of the smallest order that fits. */
static void test_large_kmalloc_takes_pages(void **state)
{
	static const size_t sizes[] = { 8193, 12288, 16384, 16385, 100000,
					1 << 20, 4 << 20 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long before = nr_free_pages(), objs = slab_active_objects();
		unsigned int order = 0;
		char *p = kmalloc(sizes[i], GFP_KERNEL);

		while ((PAGE_SIZE << order) < sizes[i])
			order++;
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % (PAGE_SIZE << order), 0);
		assert_int_equal(ksize(p), PAGE_SIZE << order);
		assert_int_equal(nr_free_pages(), before - (1UL << order));
		assert_int_equal(slab_active_objects(), objs);
		assert_false(PageSlab(virt_to_page(p)));
		fill(p, sizes[i]);
		check_fill(p, sizes[i]);
		kfree(p);
		assert_int_equal(nr_free_pages(), before);
	}
}

/* Sizes no block can hold fail cleanly, however large. */
static void test_impossible_kmalloc_sizes_fail(void **state)
{
	unsigned long before = nr_free_pages();

	assert_null(kmalloc((4 << 20) + 1, GFP_KERNEL));
	assert_null(kmalloc(1UL << 40, GFP_KERNEL));
	assert_null(kmalloc((1UL << 63) + 1, GFP_KERNEL));
	assert_null(kmalloc(SIZE_MAX, GFP_KERNEL));
	assert_null(kmalloc_array(SIZE_MAX / 2, 4, GFP_KERNEL));
	assert_null(kcalloc(4, SIZE_MAX / 3, GFP_KERNEL));
	assert_int_equal(nr_free_pages(), before);
}

static void test_kzalloc_zeroes_reused_memory(void **state)
{
	static const size_t sizes[] = { 1, 8, 100, 200, 4096, 8192, 20000 };
	struct kmem_cache *s = kmem_cache_create("test-zalloc", 72, 0, 0, NULL);
	char *p;

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = kmalloc(sizes[i], GFP_KERNEL);
		memset(p, 0xaa, sizes[i]);
		kfree(p);
		p = kzalloc(sizes[i], GFP_KERNEL);
		assert_true(all_bytes(p, 0, sizes[i]));
		kfree(p);
	}
	p = kcalloc(10, 30, GFP_KERNEL);
	assert_true(all_bytes(p, 0, 300));
	kfree(p);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	memset(p, 0xaa, 72);
	kmem_cache_free(s, p);
	p = kmem_cache_zalloc(s, GFP_KERNEL);
	assert_true(all_bytes(p, 0, 72));
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

/* Allocating until NULL takes every page above the min watermarks, with
 * no message; GFP_ATOMIC then reaches into the reserve. Everything comes
 * back when the objects are freed and the cache shrunk. */
static void test_exhaustion_fails_cleanly_and_recovers(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-2k", 2048, 0, 0, NULL);
	unsigned long above_min = 0, n = 0, cap = 64 * 1024;
	void **objs = calloc(cap, sizeof(*objs));
	void *obj;

	assert_int_equal(stats(s).objperslab, 2);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		above_min += zones[z].free_pages - min_wmark_pages(&zones[z]);
	while (n < cap && (obj = kmem_cache_alloc(s, GFP_KERNEL)))
		objs[n++] = obj;
	assert_int_equal(n, 2 * above_min);
	assert_null(kmem_cache_alloc(s, GFP_KERNEL));
	assert_int_equal(host_warnings(), 0);
	assert_false(host_log_has("page allocation failure"));
	objs[n] = kmem_cache_alloc(s, GFP_ATOMIC);
	assert_non_null(objs[n++]);
	for (unsigned long i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	assert_int_equal(stats(s).active_objs, 0);
	assert_int_equal(kmem_cache_shrink(s), 1);
	assert_int_equal(stats(s).num_slabs, 0);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(obj);
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
	free(objs);
}

static void test_double_free_is_refused(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-df", 64, 0, 0, NULL);
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);
	void *x, *y;
	char *k;

	kmem_cache_free(s, a);
	EXPECT_REFUSED(kmem_cache_free(s, a), "double free of object");
	assert_int_equal(stats(s).active_objs, 1);
	x = kmem_cache_alloc(s, GFP_KERNEL);
	y = kmem_cache_alloc(s, GFP_KERNEL);
	assert_true(x != y && x != b && y != b);
	kmem_cache_free(s, x);
	kmem_cache_free(s, y);
	kmem_cache_free(s, b);

	/* the slab is now the cache's spare empty slab */
	assert_int_equal(stats(s).num_slabs, 1);
	EXPECT_REFUSED(kmem_cache_free(s, b), "double free of object");
	/* and once shrunk, its page is the buddy allocator's again */
	kmem_cache_shrink(s);
	EXPECT_REFUSED(kmem_cache_free(s, b), "is not a slab object");

	k = kmalloc(100, GFP_KERNEL);
	kfree(k);
	EXPECT_REFUSED(kfree(k), "double free of object");
	k = kmalloc(50000, GFP_KERNEL);
	kfree(k);
	EXPECT_REFUSED(kfree(k), "not a kmalloc object");
	kmem_cache_destroy(s);
}

static void test_wild_pointers_are_refused(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-wild", 100, 0, 0, NULL);
	struct kmem_cache *t = kmem_cache_create("test-other", 100, 0, 0, NULL);
	char *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(t, GFP_KERNEL);
	char *base = page_address(virt_to_page(a));
	char *heap = calloc(1, 64), *small = kmalloc(64, GFP_KERNEL);
	char *big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	fill(a, 100);
	EXPECT_REFUSED(kmem_cache_free(s, a + 1), "not an object of this cache");
	EXPECT_REFUSED(kmem_cache_free(s, a + 52), "not an object of this cache");
	EXPECT_REFUSED(kmem_cache_free(s, base + 39 * 104),	/* past the last */
		       "not an object of this cache");
	EXPECT_REFUSED(kmem_cache_free(s, b), "(it belongs to test-other)");
	EXPECT_REFUSED(kmem_cache_free(s, heap), "is not a slab object");
	EXPECT_REFUSED(kmem_cache_free(s, page_address(page)), "is not a slab object");
	EXPECT_REFUSED(kfree(heap), "not a kmalloc address");
	EXPECT_REFUSED(kfree(small + 8), "not an object of this cache");
	EXPECT_REFUSED(kfree(big + PAGE_SIZE), "not a kmalloc object");
	EXPECT_REFUSED(kfree(big + 8), "not a kmalloc object");
	EXPECT_REFUSED(kfree(page_address(page)), "not a kmalloc object");
	check_fill(a, 100);
	assert_int_equal(stats(s).active_objs, 1);

	__free_pages(page, 2);
	kfree(big);
	kfree(small);
	free(heap);
	kmem_cache_free(s, a);
	kmem_cache_free(t, b);
	kmem_cache_destroy(s);
	kmem_cache_destroy(t);
}

/* A write to a freed object is found when the object is handed out
 * again (it comes back first: the free list is LIFO). */
static void test_use_after_free_write_is_reported(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-uaf", 64, 0, 0, NULL);
	char *a = kmem_cache_alloc(s, GFP_KERNEL), *b;

	kmem_cache_free(s, a);
	a[20] = 0;
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(b, a);
	assert_true(host_log_has("use after free"));
	assert_true(host_log_has("byte 20 is "));
	assert_int_equal(host_warnings(), 1);
	host_log_clear();
	kmem_cache_free(s, b);
	b = kmem_cache_alloc(s, GFP_KERNEL);	/* repoisoned: no second report */
	assert_int_equal(host_warnings(), 0);
	kmem_cache_free(s, b);

	a[sizeof(void *)] = 0x11;	/* the first byte after the free pointer */
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_true(host_log_has("use after free"));
	assert_int_equal(host_warnings(), 1);
	host_log_clear();
	kmem_cache_free(s, b);

	b = kmalloc(500, GFP_KERNEL);
	kfree(b);
	b[499] = 1;
	a = kmalloc(500, GFP_KERNEL);
	assert_true(host_log_has("BUG kmalloc-512: use after free"));
	assert_int_equal(host_warnings(), 1);
	host_log_clear();
	kfree(a);
	kmem_cache_destroy(s);
}

static void test_objects_in_multi_page_slabs(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-3000", 3000, 0, 0, NULL);
	unsigned long pages = nr_free_pages();
	char *objs[25];
	struct slab_stats st = stats(s);

	assert_int_equal(st.pagesperslab, 8);
	assert_int_equal(st.objperslab, 10);
	for (int i = 0; i < 25; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		fill(objs[i], 3000);
	}
	assert_int_equal(nr_free_pages(), pages - 24);
	/* object 9 of the first slab lies in its 7th page, a tail page */
	assert_true(PageTail(virt_to_page(objs[9])));
	assert_int_equal(ksize(objs[9]), 3000);
	EXPECT_REFUSED(kmem_cache_free(s, objs[9] + 100), "not an object of this cache");
	for (int i = 0; i < 25; i++) {
		check_fill(objs[i], 3000);
		if (i % 2)
			kfree(objs[i]);
		else
			kmem_cache_free(s, objs[i]);
	}
	assert_int_equal(stats(s).active_objs, 0);
	kmem_cache_destroy(s);
}

/* Linux-style churn: random sizes, random frees, every object checked
 * before it goes; after it all, the counts are back where they started. */
static void test_churn_returns_every_count(void **state)
{
	enum { LIVE = 4000 };
	struct { char *p; size_t size; } live[LIVE];
	unsigned long active = slab_active_objects(), free_pages = nr_free_pages();
	int n = 0;

	for (int op = 0; op < 60000; op++) {
		if (n == LIVE || (n && host_rand() % 2)) {
			int i = host_rand() % n;

			check_fill(live[i].p, live[i].size);
			kfree(live[i].p);
			live[i] = live[--n];
		} else {
			u32 r = host_rand();
			size_t size = r % 100 < 75 ? 1 + r % 256 :
				      r % 100 < 97 ? 1 + r % 8192 : 8193 + r % 60000;
			char *p = host_rand() % 4 ? kmalloc(size, GFP_KERNEL) :
				  kzalloc(size, GFP_KERNEL);

			assert_non_null(p);
			assert_true(ksize(p) >= size);
			fill(p, size);
			live[n].p = p;
			live[n++].size = size;
		}
	}
	while (n) {
		check_fill(live[n - 1].p, live[n - 1].size);
		kfree(live[--n].p);
	}
	assert_int_equal(slab_active_objects(), active);
	assert_true(kmem_cache_shrink_all() > 0);
	assert_int_equal(nr_free_pages(), free_pages);
}

static void test_failslab_makes_allocations_fail(void **state)
{
	struct kmem_cache *s;
	unsigned long active = slab_active_objects();
	void *p;

	fault_attr_fail_nth(&failslab, 1);
	assert_null(kmalloc(32, GFP_KERNEL));
	p = kmalloc(32, GFP_KERNEL);
	assert_non_null(p);
	kfree(p);

	fault_attr_fail_nth(&failslab, 1);
	assert_null(kmalloc(100000, GFP_KERNEL));

	fault_attr_fail_nth(&failslab, 1);
	assert_null(kmem_cache_create("test-never", 64, 0, 0, NULL));
	assert_int_equal(slab_active_objects(), active);

	assert_int_equal(setup_fault_attr(&failslab, "3,100,0,-1"), 0);
	for (int i = 1; i <= 30; i++) {
		p = kmalloc(i * 10, GFP_KERNEL);
		assert_int_equal(p == NULL, i % 3 == 0);
		kfree(p);
	}
	fault_attr_disable(&failslab);

	/* a new slab's pages are exempt from page-allocation injection */
	s = kmem_cache_create("test-nofail", 64, 0, 0, NULL);
	fault_attr_fail_nth(&fail_page_alloc, 1);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(p);
	assert_null(alloc_page(GFP_KERNEL));	/* the injection was still pending */
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
	assert_int_equal(slab_active_objects(), active);
}

static void test_destroy_with_live_objects_is_refused(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-live", 40, 0, 0, NULL);
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b;

	kmem_cache_destroy(s);
	assert_true(host_log_has("kmem_cache_destroy test-live: 1 objects still in use"));
	assert_int_equal(host_warnings(), 1);
	host_log_clear();
	b = kmem_cache_alloc(s, GFP_KERNEL);	/* the cache still works */
	assert_non_null(b);
	assert_int_equal(stats(s).active_objs, 2);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
	kmem_cache_destroy(NULL);
}

static void test_impossible_caches_are_not_made(void **state)
{
	jmp_buf panicked;
	struct kmem_cache *s;

	assert_null(kmem_cache_create("test-0", 0, 0, 0, NULL));
	assert_null(kmem_cache_create("test-32k+1", 32769, 0, 0, NULL));
	/* the object fits, but not once aligned */
	assert_null(kmem_cache_create("test-align64k", 30000, 65536, 0, NULL));
	s = kmem_cache_create("test-32k", 32768, 0, 0, NULL);
	assert_non_null(s);
	assert_int_equal(stats(s).objperslab, 1);
	assert_int_equal(stats(s).pagesperslab, 8);
	kmem_cache_destroy(s);

	host_panic_jmp = &panicked;
	if (!setjmp(panicked)) {
		kmem_cache_create("test-panic", 0, 0, SLAB_PANIC, NULL);
		host_panic_jmp = NULL;
		fail_msg("SLAB_PANIC did not panic");
	}
	host_panic_jmp = NULL;
	assert_true(host_log_has("cannot create cache test-panic"));
}

static int ctor_calls;

static void stamp(void *obj)
{
	ctor_calls++;
	memset((char *)obj + 8, 0xc7, 40);
}

/* The constructor runs on each object when its slab is made, never
 * again, and the debug poison leaves constructed objects alone. */
static void test_constructor_runs_when_the_slab_is_made(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-ctor", 48, 0, 0, stamp);
	unsigned int per_slab = stats(s).objperslab;
	char *a, *b;

	ctor_calls = 0;
	a = kmem_cache_alloc(s, GFP_KERNEL);
	assert_int_equal(ctor_calls, per_slab);
	assert_true(all_bytes(a + 8, 0xc7, 40));
	kmem_cache_free(s, a);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(b, a);
	assert_true(all_bytes(b + 8, 0xc7, 40));
	assert_int_equal(ctor_calls, per_slab);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

static char report[1 << 14];
static size_t report_len;

static int __attribute__((format(printf, 1, 2))) collect(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(report + report_len, sizeof(report) - report_len, fmt, ap);
	va_end(ap);
	report_len += n;
	return n;
}

static void test_slabinfo_reports_each_cache(void **state)
{
	struct kmem_cache *s = kmem_cache_create("test-info", 200, 0, 0, NULL);
	void *objs[3];
	unsigned long active, num, slabs, slabs2;
	unsigned int objsize, per, pages;
	const char *line;

	for (int i = 0; i < 3; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	report_len = 0;
	host_seq_sink = collect;
	slabinfo_show(NULL, NULL);
	assert_non_null(strstr(report, "\nkmalloc-8 "));
	assert_non_null(strstr(report, "\nkmalloc-8k "));
	line = strstr(report, "\ntest-info ");
	assert_non_null(line);
	assert_int_equal(sscanf(line, " test-info %lu %lu %u %u %u : tunables %*u %*u %*u : slabdata %lu %lu",
				&active, &num, &objsize, &per, &pages, &slabs, &slabs2), 7);
	assert_int_equal(active, 3);
	assert_int_equal(num, 20);
	assert_int_equal(objsize, 200);
	assert_int_equal(per, 20);
	assert_int_equal(pages, 1);
	assert_int_equal(slabs, 1);
	for (int i = 0; i < 3; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
	report_len = 0;
	host_seq_sink = collect;
	slabinfo_show(NULL, NULL);
	assert_null(strstr(report, "test-info"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_cache_counts_objects_and_slabs),
		T(test_object_freed_from_a_full_slab_is_reused),
		T(test_objects_never_overlap),
		T(test_alignment),
		T(test_kmalloc_size_classes),
		T(test_large_kmalloc_takes_pages),
		T(test_impossible_kmalloc_sizes_fail),
		T(test_kzalloc_zeroes_reused_memory),
		T(test_exhaustion_fails_cleanly_and_recovers),
		T(test_double_free_is_refused),
		T(test_wild_pointers_are_refused),
		T(test_use_after_free_write_is_reported),
		T(test_objects_in_multi_page_slabs),
		T(test_churn_returns_every_count),
		T(test_failslab_makes_allocations_fail),
		T(test_destroy_with_live_objects_is_refused),
		T(test_impossible_caches_are_not_made),
		T(test_constructor_runs_when_the_slab_is_made),
		T(test_slabinfo_reports_each_cache),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
