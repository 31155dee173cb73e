/*
 * Memory counters for meminfo (Slab, KernelStack, PageTables, VmallocUsed),
 * kept in pages like Linux's global node page state (mm/vmstat.c).
 * Updated with atomic adds, so any context may change them.
 */
#include <linux/kernel.h>
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
