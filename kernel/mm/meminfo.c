/*
 * The memory report, in the form of Linux's /proc/meminfo
 * (fs/proc/meminfo.c), in kB, from the allocators' own counters.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <spindle/mm.h>

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

void show_meminfo(report_fn print)
{
	print("MemTotal:       %8lu kB\n", K(totalram_pages()));
	print("MemFree:        %8lu kB\n", K(nr_free_pages()));
	print("Slab:           %8lu kB\n", K(mm_stat(NR_SLAB_PAGES)));
	print("KernelStack:    %8lu kB\n", K(mm_stat(NR_KERNEL_STACK_PAGES)));
	print("PageTables:     %8lu kB\n", K(mm_stat(NR_PAGETABLE_PAGES)));
	print("VmallocUsed:    %8lu kB\n", K(mm_stat(NR_VMALLOC_PAGES)));
}
