/*
 * memblock: the boot-time memory allocator, after Linux's mm/memblock.c.
 * Two sorted, merged lists of physical ranges: "memory" (RAM, from the
 * firmware map) and "reserved" (in use). Allocation searches top-down for
 * a gap of RAM not reserved, below the current limit, and reserves it.
 * memblock_free_all() then releases the rest to the buddy allocator.
 *
 * Simplified: fixed arrays of ranges; nothing is ever freed back.
 * Context: boot only, one CPU, no locking.
 */
#include <linux/memblock.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <spindle/mm.h>

#define MEMBLOCK_MAX_REGIONS 128

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
	const char *name;
};

static struct memblock_type memory = { .name = "memory" };
static struct memblock_type reserved = { .name = "reserved" };
static phys_addr_t current_limit = MEMBLOCK_ALLOC_ANYWHERE;

static void remove_region(struct memblock_type *type, unsigned int i)
{
	memmove(&type->regions[i], &type->regions[i + 1],
		(type->cnt - i - 1) * sizeof(type->regions[0]));
	type->cnt--;
}

/* Merges neighbours that touch or overlap, keeping the list sorted. */
static void merge_regions(struct memblock_type *type)
{
	unsigned int i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *a = &type->regions[i], *b = a + 1;

		if (a->base + a->size >= b->base) {
			phys_addr_t end = max(a->base + a->size, b->base + b->size);

			a->size = end - a->base;
			remove_region(type, i + 1);
		} else {
			i++;
		}
	}
}

static int add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned int i;

	if (!size)
		return 0;
	if (type->cnt == MEMBLOCK_MAX_REGIONS) {
		pr_err("memblock: too many %s regions; [%#llx+%#llx] dropped\n",
		       type->name, (unsigned long long)base, (unsigned long long)size);
		return -ENOSPC;
	}
	for (i = 0; i < type->cnt && type->regions[i].base < base; i++)
		;
	memmove(&type->regions[i + 1], &type->regions[i],
		(type->cnt - i) * sizeof(type->regions[0]));
	type->regions[i] = (struct memblock_region){ base, size };
	type->cnt++;
	merge_regions(type);
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return add_range(&memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return add_range(&reserved, base, size);
}

void memblock_set_current_limit(phys_addr_t limit)
{
	current_limit = limit;
}

/* Highest start in [lo, hi) where @size fits without touching a reserved
 * range, searching down from hi; 0 when there is none. */
static phys_addr_t find_in_range(phys_addr_t lo, phys_addr_t hi,
				 phys_addr_t size, phys_addr_t align)
{
	int i;

	for (i = reserved.cnt; i >= 0; i--) {
		/* the gap above reserved region i-1 and below region i */
		phys_addr_t gap_lo = i ? reserved.regions[i - 1].base +
				     reserved.regions[i - 1].size : 0;
		phys_addr_t gap_hi = i < (int)reserved.cnt ?
				     reserved.regions[i].base : MEMBLOCK_ALLOC_ANYWHERE;
		phys_addr_t start;

		gap_lo = max(gap_lo, lo);
		gap_hi = min(gap_hi, hi);
		if (gap_hi <= gap_lo || gap_hi - gap_lo < size)
			continue;
		start = ALIGN_DOWN(gap_hi - size, align);
		if (start >= gap_lo)
			return start;
	}
	return 0;
}

/**
 * memblock_phys_alloc_range - allocate boot memory inside [@start, @end)
 * @size: bytes
 * @align: a power of two
 * @start: lowest acceptable address (page 0 is never handed out)
 * @end: the allocation ends at or below this (also capped by the limit)
 *
 * Highest fit first, as Linux's memblock_phys_alloc_range().
 * Return: the physical address (memory zeroed), or 0 when nothing fits.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	size = ALIGN(size, align);
	for (int i = memory.cnt - 1; i >= 0; i--) {
		struct memblock_region *r = &memory.regions[i];
		phys_addr_t hi = min(min(r->base + r->size, current_limit), end);
		/* never hand out page 0: a zero return means failure */
		phys_addr_t lo = max(max(r->base, (phys_addr_t)PAGE_SIZE), start);
		phys_addr_t found;

		if (hi <= lo)
			continue;
		found = find_in_range(lo, hi, size, align);
		if (found && !memblock_reserve(found, size)) {
			memset(__va(found), 0, size);
			return found;
		}
	}
	return 0;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t found = memblock_phys_alloc_range(size, align, 0,
						      MEMBLOCK_ALLOC_ANYWHERE);

	if (!found)
		pr_err("memblock: cannot allocate %llu bytes\n", (unsigned long long)size);
	return found;
}

phys_addr_t memblock_phys_mem_size(void)
{
	phys_addr_t total = 0;

	for (unsigned int i = 0; i < memory.cnt; i++)
		total += memory.regions[i].size;
	return total;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	if (!memory.cnt)
		return 0;
	return memory.regions[memory.cnt - 1].base + memory.regions[memory.cnt - 1].size;
}

void memblock_for_each_mem_range(void (*fn)(phys_addr_t, phys_addr_t, void *),
				 void *arg)
{
	for (unsigned int i = 0; i < memory.cnt; i++)
		fn(memory.regions[i].base,
		   memory.regions[i].base + memory.regions[i].size, arg);
}

/* Releases the page frames [start, end) to the buddy allocator in the
 * largest aligned blocks that fit. */
static unsigned long free_pfn_range(unsigned long start, unsigned long end)
{
	unsigned long count = end > start ? end - start : 0;

	while (start < end) {
		unsigned int order = MAX_ORDER;

		while (order && ((start & ((1UL << order) - 1)) ||
				 start + (1UL << order) > end))
			order--;
		free_boot_pages(pfn_to_page(start), order);
		start += 1UL << order;
	}
	return count;
}

unsigned long memblock_free_all(void)
{
	unsigned long released = 0;

	for (unsigned int m = 0; m < memory.cnt; m++) {
		phys_addr_t base = memory.regions[m].base;
		phys_addr_t end = base + memory.regions[m].size;
		unsigned int r = 0;

		/* walk the holes the reserved ranges leave in this region */
		while (base < end) {
			phys_addr_t next_res = end, res_end = end;

			for (; r < reserved.cnt; r++) {
				phys_addr_t rb = reserved.regions[r].base;
				phys_addr_t re = rb + reserved.regions[r].size;

				if (re <= base)
					continue;
				next_res = min(max(rb, base), end);
				res_end = min(re, end);
				break;
			}
			released += free_pfn_range(PFN_UP(base), PFN_DOWN(next_res));
			base = res_end;
		}
	}
	return released;
}

static void dump_type(const struct memblock_type *type)
{
	pr_debug(" %s.cnt = %u\n", type->name, type->cnt);
	for (unsigned int i = 0; i < type->cnt; i++)
		pr_debug(" %s[%u]\t[%#016llx-%#016llx], %#llx bytes\n", type->name, i,
			 (unsigned long long)type->regions[i].base,
			 (unsigned long long)(type->regions[i].base +
					      type->regions[i].size - 1),
			 (unsigned long long)type->regions[i].size);
}

void memblock_dump(void)
{
	pr_debug("MEMBLOCK configuration:\n");
	dump_type(&memory);
	dump_type(&reserved);
}
