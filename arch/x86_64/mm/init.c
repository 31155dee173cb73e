/*
 * The kernel's final page tables, after Linux's arch/x86/mm/init.c and
 * init_64.c (init_mem_mapping, mem_init):
 *  - the direct map: every range of RAM at PAGE_OFFSET + phys, read/write,
 *    never executable, with 1 GiB or 2 MiB pages where they fit;
 *  - the kernel image at KERNEL_VMA with 4 KiB pages and W^X rights: text
 *    read+execute, rodata read-only, data and bss read/write, no-execute;
 *  - page 0 (and all low virtual memory) unmapped, so NULL faults;
 *  - SMEP and SMAP on when the CPU has them.
 * Then mem_init() builds mem_map, hands free memory to the buddy
 * allocator and gives every kernel-half PML4 entry its PDPT, so that the
 * kernel half copied into each address space never changes.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/smap.h>
#include <asm/kernel_pgtable.h>
#include <asm/processor.h>
#include <asm/io.h>
#include <asm/bootinfo.h>
#include <spindle/mm.h>
#include <spindle/arch.h>
#include <linux/mm_types.h>

extern char _text[], __start_rodata[], __end_rodata[], _sdata[], _end[];

#define X86_CR4_SMEP (1UL << 20)
#define X86_CR4_SMAP (1UL << 21)
#define LOW_MEM_END 0x100000UL		/* firmware and VGA area, mapped whole */

static void map_or_die(unsigned long va, phys_addr_t pa, unsigned long size,
		       pgprot_t prot, bool huge)
{
	if (map_kernel_range(va, pa, size, prot, huge))
		panic("init_mem_mapping: out of memory for page tables");
}

static void map_ram_range(phys_addr_t start, phys_addr_t end, void *arg)
{
	start = max(start, (phys_addr_t)LOW_MEM_END);
	if (end > start)
		map_or_die((unsigned long)__va(start), start, end - start,
			   PAGE_KERNEL, true);
}

/* ACPI tables and NVS are RAM the kernel reads but never allocates. */
static void map_firmware_ranges(void)
{
	for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];

		if (r->type == MEM_ACPI || r->type == MEM_NVS)
			map_ram_range(ALIGN_DOWN(r->addr, PAGE_SIZE),
				      PAGE_ALIGN(r->addr + r->len), NULL);
	}
}

static void map_image_part(char *start, char *end, pgprot_t prot)
{
	unsigned long va = (unsigned long)start;

	map_or_die(va, va - KERNEL_VMA, ALIGN((unsigned long)end, PAGE_SIZE) - va,
		   prot, false);
}

static void enable_smep_smap(void)
{
	u32 a, b, c, d;
	unsigned long cr4 = read_cr4();

	cpuid_count(7, 0, &a, &b, &c, &d);
	if (b & (1U << 7))
		cr4 |= X86_CR4_SMEP;
	if (b & (1U << 20))
		cr4 |= X86_CR4_SMAP;
	write_cr4(cr4);
	x86_smap_enabled = cr4 & X86_CR4_SMAP;
	pr_info("x86/mm: SMEP %s, SMAP %s\n",
		cr4 & X86_CR4_SMEP ? "on" : "not supported",
		cr4 & X86_CR4_SMAP ? "on" : "not supported");
}

static void check_nx(void)
{
	if (!(rdmsr(MSR_EFER) & (1UL << 11)))
		pr_warn("x86/mm: the CPU has no NX bit: data is executable (no W^X)\n");
}

void init_mem_mapping(void)
{
	pat_init();
	kernel_pgd = __va(memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE));
	if (!kernel_pgd)
		panic("init_mem_mapping: no memory for the page tables");

	map_or_die((unsigned long)__va(0), 0, LOW_MEM_END, PAGE_KERNEL, true);
	memblock_for_each_mem_range(map_ram_range, NULL);
	map_firmware_ranges();

	map_image_part(_text, __start_rodata, PAGE_KERNEL_RX);
	map_image_part(__start_rodata, __end_rodata, PAGE_KERNEL_RO);
	map_image_part(_sdata, _end, PAGE_KERNEL);
	early_ioremap_remap_all();

	write_cr3(__pa(kernel_pgd));
	init_mm.pgd = (unsigned long *)kernel_pgd;
	memblock_set_current_limit(MEMBLOCK_ALLOC_ANYWHERE);
	check_nx();
	enable_smep_smap();
	pr_info("x86/mm: kernel text %#lx-%#lx RX, rodata RO+NX, data RW+NX; "
		"direct map at %#lx\n", (unsigned long)_text,
		(unsigned long)__start_rodata - 1, PAGE_OFFSET);
}

#define ZONE_DMA_END_PFN (16UL << (20 - PAGE_SHIFT))
#define ZONE_DMA32_END_PFN (4UL << (30 - PAGE_SHIFT))

/* mem_map holds a struct page for every frame below the end of RAM. */
static void alloc_mem_map(unsigned long end_pfn)
{
	phys_addr_t size = PAGE_ALIGN(end_pfn * sizeof(struct page));
	phys_addr_t pa = memblock_phys_alloc(size, PAGE_SIZE);

	if (!pa)
		panic("mem_init: no memory for mem_map (%llu bytes)",
		      (unsigned long long)size);
	mem_map = __va(pa);
	for (unsigned long pfn = 0; pfn < end_pfn; pfn++)
		SetPageReserved(&mem_map[pfn]);
}

void mem_init(void)
{
	unsigned long end_pfn = PFN_DOWN(memblock_end_of_DRAM());
	unsigned long released, total = PFN_DOWN(memblock_phys_mem_size());
	unsigned long image_kb = (unsigned long)(_end - _text) >> 10;

	alloc_mem_map(end_pfn);
	free_area_init(ZONE_DMA_END_PFN, ZONE_DMA32_END_PFN, end_pfn);
	released = memblock_free_all();
	pgtable_use_buddy();
	preallocate_kernel_pgd();
	setup_per_zone_wmarks();
	pr_info("Memory: %luK/%luK available (%luK kernel image, %luK reserved)\n",
		released << (PAGE_SHIFT - 10), total << (PAGE_SHIFT - 10), image_kb,
		(total - released) << (PAGE_SHIFT - 10));
}
