/*
 * /proc/meminfo, as Linux's fs/proc/meminfo.c: every line Linux 6.1
 * prints, in its order and format, so free, top and friends parse it.
 * Values come from the allocators' own counters; what Spindle does not
 * have (swap, a page cache, huge pages) reads 0. The kernel shell's
 * "meminfo" renders this same show to the console.
 * Lock: none; each counter is read once, the total may be a little stale.
 */
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include <linux/proc_fs.h>
#include <linux/init.h>
#include <asm/pgtable.h>
#include <spindle/mm.h>
#include "internal.h"

static void show_val_kb(struct seq_file *m, const char *s, unsigned long pages)
{
	seq_printf(m, "%-16s%8lu kB\n", s, pages << (PAGE_SHIFT - 10));
}

static void show_zero_kb(struct seq_file *m, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		show_val_kb(m, names[i], 0);
}

static const char *const lru_lines[] = {
	"Buffers:", "Cached:", "SwapCached:", "Active:", "Inactive:",
	"Active(anon):", "Inactive(anon):", "Active(file):", "Inactive(file):",
	"Unevictable:", "Mlocked:", "SwapTotal:", "SwapFree:", "Zswap:",
	"Zswapped:", "Dirty:", "Writeback:", "AnonPages:", "Mapped:", "Shmem:",
};

static const char *const huge_lines[] = {
	"Percpu:", "HardwareCorrupted:", "AnonHugePages:", "ShmemHugePages:",
	"ShmemPmdMapped:", "FileHugePages:", "FilePmdMapped:",
};

/**
 * meminfo_proc_show - print /proc/meminfo
 * @m: where
 * @v: unused
 *
 * Return: 0.
 */
int meminfo_proc_show(struct seq_file *m, void *v)
{
	unsigned long total = totalram_pages(), free = nr_free_pages();
	unsigned long sreclaim = kmem_cache_count_empty();
	unsigned long slab = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	unsigned long sunreclaim = slab > sreclaim ? slab - sreclaim : 0;

	show_val_kb(m, "MemTotal:", total);
	show_val_kb(m, "MemFree:", free);
	show_val_kb(m, "MemAvailable:", free + sreclaim);
	show_zero_kb(m, lru_lines, ARRAY_SIZE(lru_lines));
	show_val_kb(m, "KReclaimable:", sreclaim);
	show_val_kb(m, "Slab:", slab);
	show_val_kb(m, "SReclaimable:", sreclaim);
	show_val_kb(m, "SUnreclaim:", sunreclaim);
	seq_printf(m, "%-16s%8lu kB\n", "KernelStack:",
		   global_node_page_state_pages(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:", global_node_page_state_pages(NR_PAGETABLE));
	show_val_kb(m, "NFS_Unstable:", 0);
	show_val_kb(m, "Bounce:", 0);
	show_val_kb(m, "WritebackTmp:", 0);
	show_val_kb(m, "CommitLimit:", total);
	show_val_kb(m, "Committed_AS:", total - free);
	seq_printf(m, "%-16s%8lu kB\n", "VmallocTotal:", (VMALLOC_END - VMALLOC_START + 1) >> 10);
	show_val_kb(m, "VmallocUsed:", mm_stat(NR_VMALLOC_PAGES));
	show_val_kb(m, "VmallocChunk:", 0);
	show_zero_kb(m, huge_lines, ARRAY_SIZE(huge_lines));
	seq_puts(m, "HugePages_Total:       0\nHugePages_Free:        0\n"
		 "HugePages_Rsvd:        0\nHugePages_Surp:        0\n");
	seq_printf(m, "%-16s%8lu kB\n", "Hugepagesize:", 2048UL);
	show_val_kb(m, "Hugetlb:", 0);
	return 0;
}

static int __init proc_meminfo_init(void)
{
	proc_create_single("meminfo", 0, NULL, meminfo_proc_show);
	return 0;
}
fs_initcall(proc_meminfo_init);
