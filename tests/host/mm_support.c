/*
 * A simulated machine for the host tests of kernel/mm, and the kernel
 * services the allocators call.
 *
 * Physical memory is one mmap'ed arena, PROT_NONE except the RAM ranges
 * of host_ram[], so an allocator that touches a hole faults at once; the
 * shim asm/page.h makes its address the direct map's PAGE_OFFSET. The
 * ranges straddle the 16 MiB DMA limit and reach above 4 GiB (the arena
 * is sparse: untouched pages cost nothing), and their ends and the
 * reservations fall mid-page, as firmware maps do. mem_map is calloc'ed,
 * so ASan guards both its ends.
 *
 * printk() formats with lib/vsprintf.c (the kernel's %px and friends)
 * into a log that tests search; WARN() is counted; panic() may longjmp.
 */
#include "lib_names.h"
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/memblock.h>
#include <linux/kallsyms.h>
#include <linux/vmalloc.h>
#include <spindle/mm.h>
#include <linux/swap.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <linux/seq_file.h>
#include "mm_support.h"
#include "lib_names_end.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

unsigned long host_direct_map;
unsigned long host_rflags = X86_EFLAGS_IF;
struct pcpu_hot host_pcpu_hot;
jmp_buf *host_panic_jmp;

/*
 * Low memory ending mid-page below the ISA hole; RAM across the 16 MiB
 * DMA limit with an 8-page hole at 32 MiB; RAM above 4 GiB (ZONE_NORMAL)
 * ending mid-page. About 80 MiB in all.
 */
const struct host_range host_ram[] = {
	{ 0, 0x9fc00 },
	{ 1 * HOST_MiB, 32 * HOST_MiB - 0x3000 },
	{ 32 * HOST_MiB + 0x5000, 64 * HOST_MiB },
	{ 4 * HOST_GiB, 4 * HOST_GiB + 16 * HOST_MiB + 0x5800 },
};
const unsigned int host_nr_ram = ARRAY_SIZE(host_ram);

/* Page 0, and a "kernel image" whose end is not page-aligned. */
const struct host_range host_reserved[] = {
	{ 0, 0x1000 },
	{ 1 * HOST_MiB, 3 * HOST_MiB + 0x1234 },
};
const unsigned int host_nr_reserved = ARRAY_SIZE(host_reserved);

phys_addr_t host_boot_alloc;
unsigned long host_released;

static unsigned long *usable_map;

/* BITS_PER_LONG and BITS_TO_LONGS() come from linux/types.h. */

static bool test_bit(const unsigned long *map, unsigned long bit)
{
	return map[bit / BITS_PER_LONG] & (1UL << (bit % BITS_PER_LONG));
}

static bool test_and_set_bit(unsigned long *map, unsigned long bit)
{
	bool old = test_bit(map, bit);

	map[bit / BITS_PER_LONG] |= 1UL << (bit % BITS_PER_LONG);
	return old;
}

/* ---- the kernel services kernel/mm and lib/ call ---- */

static char log_buf[1 << 18];
static size_t log_len;
static unsigned int warn_count;

static void log_append(const char *s)
{
	size_t n = strlen(s);

	if (getenv("HOST_MM_VERBOSE"))
		fputs(s, stderr);
	if (log_len + n >= sizeof(log_buf))
		log_len = 0;	/* keep the newest; tests clear it often */
	memcpy(log_buf + log_len, s, n + 1);
	log_len += n;
}

int vprintk(const char *fmt, va_list args)
{
	char msg[1024];
	int n = spindle_vscnprintf(msg, sizeof(msg), fmt, args);
	const char *text = msg;

	while (text[0] == KERN_SOH[0] && text[1])
		text += 2;	/* the level: every message is logged */
	log_append(text);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void __warn(const char *file, int line, const char *func, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	warn_count++;
	printk("WARNING: at %s:%d %s()\n", file, line, func);
	va_start(ap, fmt);
	spindle_vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (msg[0])
		printk("%s\n", msg);
}

void dump_stack(void)
{
}

/* might_sleep() in the allocators: with the shim's preemption count
 * raised (a spinlock held) a GFP_KERNEL allocation counts as a WARN, so
 * a test that allocates under a lock fails as the kernel would report. */
void __might_sleep(const char *file, int line)
{
	if (!preempt_count())
		return;
	warn_count++;
	printk("BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	spindle_vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("Kernel panic - not syncing: %s\n", msg);
	if (host_panic_jmp)
		longjmp(*host_panic_jmp, 1);
	fprintf(stderr, "Kernel panic - not syncing: %s\n", msg);
	abort();
}

void __bug_report(const char *file, int line)
{
	fprintf(stderr, "kernel BUG at %s:%d!\n", file, line);
}

/* One task and no scheduler: nothing ever needs to run instead
 * (need_resched() is the shim's test_preempt_need_resched(): false). */
void preempt_schedule(void)
{
}

void host_cpu_relax(void)
{
	fprintf(stderr, "deadlock: spinning on a lock this (only) thread holds\n");
	abort();
}

int sprint_symbol(char *buf, size_t size, unsigned long addr, bool with_offset)
{
	return spindle_scnprintf(buf, size, "%#lx", addr);
}

int sprint_backtrace(char *buf, size_t size, unsigned long addr)
{
	return sprint_symbol(buf, size, addr, true);
}

/* There is no vmalloc area on the host; slab.c only asks for a message. */
bool is_vmalloc_addr(const void *addr)
{
	return false;
}

const char *host_log(void)
{
	return log_buf;
}

bool host_log_has(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

unsigned int host_log_count(const char *needle)
{
	unsigned int n = 0;

	for (const char *p = log_buf; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

unsigned int host_warnings(void)
{
	return warn_count;
}

void host_log_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
	warn_count = 0;
}

static u64 rand_state = 1;

void host_srand(u64 seed)
{
	rand_state = seed ? seed : 1;
}

u32 host_rand(void)
{
	rand_state ^= rand_state >> 12;
	rand_state ^= rand_state << 25;
	rand_state ^= rand_state >> 27;
	return (u32)((rand_state * 0x2545F4914F6CDD1DULL) >> 32);
}

/* ---- the simulated machine ---- */

static bool overlaps(phys_addr_t a, phys_addr_t b, phys_addr_t start, phys_addr_t end)
{
	return a < end && start < b;
}

/* The oracle for what the buddy allocator may own, from the map alone. */
static bool pfn_usable_by_map(unsigned long pfn)
{
	phys_addr_t a = PFN_PHYS(pfn), b = a + PAGE_SIZE;
	bool ram = false;

	for (unsigned int i = 0; i < host_nr_ram; i++)
		if (a >= host_ram[i].start && b <= host_ram[i].end)
			ram = true;
	for (unsigned int i = 0; i < host_nr_reserved; i++)
		if (overlaps(a, b, host_reserved[i].start, host_reserved[i].end))
			return false;
	if (overlaps(a, b, host_boot_alloc, host_boot_alloc + HOST_BOOT_ALLOC_SIZE))
		return false;
	return ram;
}

/* Reserves the arena (aligned to the largest block, so that virtual and
 * physical alignment agree) and opens the RAM ranges in it. */
static void map_arena(phys_addr_t end)
{
	unsigned long align = PAGE_SIZE << MAX_ORDER;
	unsigned long span = PFN_UP(end) << PAGE_SHIFT;
	void *p = mmap(NULL, span + align, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap arena");
		abort();
	}
	host_direct_map = ALIGN((unsigned long)p, align);
	for (unsigned int i = 0; i < host_nr_ram; i++) {
		phys_addr_t a = ALIGN_DOWN(host_ram[i].start, PAGE_SIZE);
		phys_addr_t b = ALIGN(host_ram[i].end, PAGE_SIZE);

		if (mprotect(__va(a), b - a, PROT_READ | PROT_WRITE)) {
			perror("mprotect arena");
			abort();
		}
	}
}

void host_mm_init(void)
{
	phys_addr_t end = host_ram[host_nr_ram - 1].end;
	unsigned long end_pfn;

	for (unsigned int i = 0; i < host_nr_ram; i++)
		memblock_add(host_ram[i].start, host_ram[i].end - host_ram[i].start);
	for (unsigned int i = 0; i < host_nr_reserved; i++)
		memblock_reserve(host_reserved[i].start,
				 host_reserved[i].end - host_reserved[i].start);
	map_arena(end);
	host_boot_alloc = memblock_phys_alloc(HOST_BOOT_ALLOC_SIZE, PAGE_SIZE);

	end_pfn = PFN_DOWN(memblock_end_of_DRAM());
	mem_map = calloc(end_pfn, sizeof(struct page));
	for (unsigned long pfn = 0; pfn < end_pfn; pfn++)
		SetPageReserved(&mem_map[pfn]);
	free_area_init(HOST_DMA_END_PFN, HOST_DMA32_END_PFN, end_pfn);
	host_released = memblock_free_all();
	setup_per_zone_wmarks();

	usable_map = calloc(BITS_TO_LONGS(end_pfn), sizeof(long));
	for (unsigned long pfn = 0; pfn < end_pfn; pfn++)
		if (pfn_usable_by_map(pfn))
			test_and_set_bit(usable_map, pfn);
}

bool host_pfn_usable(unsigned long pfn)
{
	return pfn < max_pfn && test_bit(usable_map, pfn);
}

unsigned long host_usable_pages(int z)
{
	unsigned long n = 0;

	for (unsigned long pfn = zones[z].zone_start_pfn; pfn < zone_end_pfn(&zones[z]); pfn++)
		n += host_pfn_usable(pfn);
	return n;
}

/* ---- the buddy checker ---- */

static void check_block(const struct zone *zone, unsigned int order,
			struct page *page, unsigned long *map)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;
	unsigned long bad_flags = (1UL << PG_reserved) | (1UL << PG_slab) |
				  (1UL << PG_tail) | (1UL << PG_head);

	if (pfn >= max_pfn)
		fail_msg("zone %s order %u: a list entry outside mem_map", zone->name, order);
	if (!PageBuddy(page) || page->order != order)
		fail_msg("zone %s: pfn %#lx on the order-%u list has PG_buddy %d, order %u",
			 zone->name, pfn, order, PageBuddy(page), page->order);
	if (pfn & (n - 1))
		fail_msg("zone %s: order-%u block at pfn %#lx is misaligned", zone->name, order, pfn);
	if (pfn < zone->zone_start_pfn || pfn + n > zone_end_pfn(zone))
		fail_msg("zone %s: order-%u block at pfn %#lx leaves the zone", zone->name, order, pfn);
	for (unsigned long i = 0; i < n; i++) {
		if (!host_pfn_usable(pfn + i))
			fail_msg("free block %#lx/%u covers pfn %#lx: a hole or reserved",
				 pfn, order, pfn + i);
		if (test_and_set_bit(map, pfn + i))
			fail_msg("pfn %#lx is in two free blocks (the later %#lx/%u)",
				 pfn + i, pfn, order);
		if ((i && PageBuddy(page + i)) || (page[i].flags & bad_flags))
			fail_msg("free block %#lx/%u: page %#lx has flags %#lx", pfn, order,
				 pfn + i, page[i].flags);
	}
	if (order < MAX_ORDER) {
		unsigned long buddy = pfn ^ n;

		if (buddy >= zone->zone_start_pfn && buddy < zone_end_pfn(zone) &&
		    PageBuddy(pfn_to_page(buddy)) && pfn_to_page(buddy)->order == order)
			fail_msg("free blocks %#lx and %#lx of order %u were not merged",
				 pfn, buddy, order);
	}
}

static void check_zone(int z, struct buddy_snapshot *s)
{
	const struct zone *zone = &zones[z];
	unsigned long pages = 0;

	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++) {
		const struct list_head *head = &zone->free_area[o].free_list, *pos;
		unsigned long n = 0;

		for (pos = head->next; pos != head; pos = pos->next) {
			if (pos->next->prev != pos)
				fail_msg("zone %s order %u: broken list links", zone->name, o);
			if (++n > max_pfn)
				fail_msg("zone %s order %u: the list loops", zone->name, o);
			check_block(zone, o, list_entry(pos, struct page, lru), s->free_map);
		}
		if (n != zone->free_area[o].nr_free)
			fail_msg("zone %s order %u: %lu blocks listed, nr_free says %lu",
				 zone->name, o, n, zone->free_area[o].nr_free);
		s->nr_free[z][o] = n;
		pages += n << o;
	}
	if (pages != zone->free_pages)
		fail_msg("zone %s: %lu pages on the lists, free_pages says %lu",
			 zone->name, pages, zone->free_pages);
	s->free_pages[z] = pages;
}

void host_buddy_snapshot(struct buddy_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->free_map = calloc(BITS_TO_LONGS(max_pfn), sizeof(long));
	for (int z = 0; z < MAX_NR_ZONES; z++)
		check_zone(z, s);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		if (PageBuddy(pfn_to_page(pfn)) && !test_bit(s->free_map, pfn))
			fail_msg("pfn %#lx is marked PG_buddy but on no free list", pfn);
}

void host_buddy_release(struct buddy_snapshot *s)
{
	free(s->free_map);
	s->free_map = NULL;
}

void host_assert_buddy_same(const struct buddy_snapshot *a,
			    const struct buddy_snapshot *b)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			if (a->nr_free[z][o] != b->nr_free[z][o])
				fail_msg("zone %s order %d: %lu free blocks, was %lu",
					 zones[z].name, o, b->nr_free[z][o], a->nr_free[z][o]);
		assert_int_equal(a->free_pages[z], b->free_pages[z]);
	}
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		if (test_bit(a->free_map, pfn) != test_bit(b->free_map, pfn))
			fail_msg("pfn %#lx: free %d, was %d", pfn,
				 test_bit(b->free_map, pfn), test_bit(a->free_map, pfn));
}

void host_assert_unlocked(void)
{
	assert_false(irqs_disabled());
	assert_int_equal(host_pcpu_hot.preempt_count, 0);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		assert_false(raw_spin_is_locked(&zones[z].lock));
}

/* The host has no kswapd and no shrinkers: page_alloc.c's reclaim hooks
 * do nothing, so an allocation fails exactly when the zones are empty. */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
}

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	return 0;
}

/* ---- seq_file: the shows print through host_seq_sink ---- */

int (*host_seq_sink)(const char *fmt, ...);

void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	char line[512];

	vsnprintf(line, sizeof(line), fmt, args);
	if (host_seq_sink)
		host_seq_sink("%s", line);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(m, fmt, ap);
	va_end(ap);
}

void seq_puts(struct seq_file *m, const char *s)
{
	if (host_seq_sink)
		host_seq_sink("%s", s);
}

void seq_putc(struct seq_file *m, char c)
{
	if (host_seq_sink)
		host_seq_sink("%c", c);
}
