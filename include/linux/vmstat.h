/*
 * Global memory counters, as Linux's include/linux/vmstat.h (the numbers
 * behind /proc/meminfo's Slab, KernelStack and PageTables lines), read from
 * Spindle's allocator counters (kernel/mm/vmstat.c). As in Linux, the
 * items ending in _B count bytes and are read in pages with
 * global_node_page_state_pages(); NR_KERNEL_STACK_KB counts KiB.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/mmzone.h>

/* Spindle's slab does not tell reclaimable caches apart: all are
 * unreclaimable, and NR_SLAB_RECLAIMABLE_B reads 0. */
enum node_stat_item {
	NR_SLAB_RECLAIMABLE_B,
	NR_SLAB_UNRECLAIMABLE_B,
	NR_KERNEL_STACK_KB,
	NR_PAGETABLE,
	NR_VM_NODE_STAT_ITEMS
};

unsigned long global_node_page_state_pages(enum node_stat_item item);

static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	return global_node_page_state_pages(item);
}

#endif
