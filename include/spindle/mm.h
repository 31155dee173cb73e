/*
 * Spindle's memory-manager internals, shared between kernel/mm/ files and
 * the boot code that starts them (not an API for modules: those use
 * linux/gfp.h, linux/slab.h and linux/vmalloc.h).
 */
#ifndef _SPINDLE_MM_H
#define _SPINDLE_MM_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <spindle/slab.h>

/* Page allocator (kernel/mm/page_alloc.c). */
void free_area_init(unsigned long max_pfn_dma, unsigned long max_pfn_dma32,
		    unsigned long end_pfn);
void free_boot_pages(struct page *page, unsigned int order);
void setup_per_zone_wmarks(void);
/*
 * The /proc files' shows of kernel/mm/ (registered by kernel/fs/proc/).
 * They print with these three of linux/seq_file.h, declared here so that
 * mm/ does not pull in the VFS headers (the host tests build mm/ alone).
 */
struct seq_file;
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
/* Linux's /proc/buddyinfo: free blocks of each order, per zone. */
int buddyinfo_show(struct seq_file *m, void *v);
/* /proc/meminfo (kernel/fs/proc/meminfo.c). */
int meminfo_proc_show(struct seq_file *m, void *v);
/* Linux's /proc/vmstat lines that Spindle has (kernel/mm/vmscan.c). */
int vmstat_show(struct seq_file *m, void *v);
/* The zones' free pages and watermarks (the shell's vmstat adds them). */
int zone_watermarks_show(struct seq_file *m, void *v);

/* Counters for meminfo, in pages. */
enum mm_stat {
	NR_SLAB_PAGES,
	NR_KERNEL_STACK_PAGES,
	NR_PAGETABLE_PAGES,
	NR_VMALLOC_PAGES,
	NR_MM_STATS
};
void mod_mm_stat(enum mm_stat item, long delta);
unsigned long mm_stat(enum mm_stat item);

/* Empty slab pages the caches keep (kernel/mm/slab.c). */
unsigned long kmem_cache_count_empty(void);

/* The arch's part of mm_init (arch/x86_64/mm/init.c). */
void mem_init(void);

#endif
