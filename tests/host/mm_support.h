/*
 * Support for the host tests of kernel/mm (test_buddy.c, test_slab.c):
 * a simulated machine's physical memory, the kernel services the
 * allocators call (printk, WARN, panic), and a checker of the buddy
 * allocator's free lists. See mm_support.c and docs/testing.md.
 *
 * Include it after the kernel headers, between lib_names.h and
 * lib_names_end.h.
 */
#ifndef _HOST_MM_SUPPORT_H
#define _HOST_MM_SUPPORT_H

#include <setjmp.h>
#include <linux/types.h>
#include <linux/mm.h>
#include <linux/mmzone.h>

#define HOST_MiB (1ULL << 20)
#define HOST_GiB (1ULL << 30)

/* The zone limits the arch passes to free_area_init() (in pfns). */
#define HOST_DMA_END_PFN (16UL << (20 - PAGE_SHIFT))
#define HOST_DMA32_END_PFN (4UL << (30 - PAGE_SHIFT))

struct host_range {
	phys_addr_t start, end;		/* [start, end) */
};

/* The simulated firmware map and boot reservations. */
extern const struct host_range host_ram[];
extern const unsigned int host_nr_ram;
extern const struct host_range host_reserved[];
extern const unsigned int host_nr_reserved;
/* What memblock_phys_alloc() gave at boot, and its size. */
extern phys_addr_t host_boot_alloc;
#define HOST_BOOT_ALLOC_SIZE (3 * 4096 + 100)
/* What memblock_free_all() said it released. */
extern unsigned long host_released;

/*
 * Boots the memory manager as arch/x86_64/mm/init.c's mem_init() does:
 * memblock from the map above, mem_map with every page reserved,
 * free_area_init() with the real zone limits, memblock_free_all(),
 * setup_per_zone_wmarks(). Once per process.
 */
void host_mm_init(void);

/* May the buddy allocator hand out @pfn? (whole page of RAM, not reserved) */
bool host_pfn_usable(unsigned long pfn);
/* Usable pages in zone @z. */
unsigned long host_usable_pages(int z);

/*
 * The buddy allocator's state, read from its free lists after checking
 * every invariant (see host_buddy_snapshot()).
 */
struct buddy_snapshot {
	unsigned long nr_free[MAX_NR_ZONES][NR_PAGE_ORDERS];
	unsigned long free_pages[MAX_NR_ZONES];
	unsigned long *free_map;	/* one bit per pfn: free */
};

/*
 * Walks every free list and fails the current test unless: each block is
 * on the list of its order, marked PG_buddy with that order, aligned to
 * its size, inside its zone, made of usable pages no other free block
 * covers, and not mergeable with its buddy; list lengths match nr_free,
 * page totals match free_pages; no page outside a free block is marked
 * PG_buddy. Fills @s (free with host_buddy_release()).
 */
void host_buddy_snapshot(struct buddy_snapshot *s);
void host_buddy_release(struct buddy_snapshot *s);
/* Fails the test unless @a and @b hold the same free pages and blocks. */
void host_assert_buddy_same(const struct buddy_snapshot *a,
			    const struct buddy_snapshot *b);
/* Fails the test if a zone lock is held or interrupts were left off. */
void host_assert_unlocked(void);

/* Kernel messages since the last host_log_clear(), without level prefixes. */
const char *host_log(void);
bool host_log_has(const char *needle);
unsigned int host_log_count(const char *needle);
/* WARN()s since the last host_log_clear(). */
unsigned int host_warnings(void);
void host_log_clear(void);

/* When set, panic() logs its message and longjmp()s here with 1. */
extern jmp_buf *host_panic_jmp;

/* The seq_file output of the kernel's shows (slabinfo_show, ...) goes to
 * this printf-like sink; the seq_file argument is ignored. */
extern int (*host_seq_sink)(const char *fmt, ...);

/* The tests' own random numbers (the kernel's feed fault injection). */
void host_srand(u64 seed);
u32 host_rand(void);

/*
 * The kernel headers already defined the kernel's sigset_t, loff_t and
 * dev_t (the mm headers reach linux/sched.h and linux/fs.h); the C
 * library's, included after this file, are renamed out of the way.
 */
#define sigset_t libc_sigset_t
#define loff_t libc_loff_t
#define dev_t libc_dev_t

#endif
