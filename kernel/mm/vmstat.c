/*
 * Memory counters for meminfo (Slab, KernelStack, PageTables, VmallocUsed),
 * kept in pages like Linux's global node page state (mm/vmstat.c), and
 * read through Linux's names (global_node_page_state(), si_meminfo()).
 * Updated with atomic adds, so any context may change them.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <spindle/mm.h>

static long mm_stats[NR_MM_STATS];

void mod_mm_stat(enum mm_stat item, long delta)
{
	__atomic_add_fetch(&mm_stats[item], delta, __ATOMIC_RELAXED);
}

unsigned long mm_stat(enum mm_stat item)
{
	long v = __atomic_load_n(&mm_stats[item], __ATOMIC_RELAXED);

	return v > 0 ? v : 0;
}

unsigned long global_node_page_state_pages(enum node_stat_item item)
{
	switch (item) {
	case NR_SLAB_UNRECLAIMABLE_B:
		return mm_stat(NR_SLAB_PAGES);
	case NR_KERNEL_STACK_KB:
		return mm_stat(NR_KERNEL_STACK_PAGES) * (PAGE_SIZE / 1024);
	case NR_PAGETABLE:
		return mm_stat(NR_PAGETABLE_PAGES);
	default:
		return 0;
	}
}

void si_meminfo(struct sysinfo *val)
{
	*val = (struct sysinfo){
		.totalram = totalram_pages(),
		.freeram = nr_free_pages(),
		.mem_unit = PAGE_SIZE,
	};
}
