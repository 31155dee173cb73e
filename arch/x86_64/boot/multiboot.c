/*
 * Reads the multiboot2 boot information GRUB left in memory into
 * struct boot_info: command line, memory map, framebuffer, ACPI RSDP.
 * Mirrors what Linux's boot code collects into boot_params (e820 map,
 * screen_info, acpi_rsdp_addr). Unknown tags are skipped, as the spec asks.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <linux/initrd.h>
#include <linux/mm.h>
#include <spindle/mm.h>

struct boot_info boot_info;

static void add_mem_region(u64 addr, u64 len, u32 type)
{
	if (boot_info.nr_mem >= E820_MAX_ENTRIES) {
		pr_warn("multiboot: memory map has over %d entries; rest ignored\n",
			E820_MAX_ENTRIES);
		return;
	}
	boot_info.mem[boot_info.nr_mem++] = (struct mem_region){ addr, len, type };
}

static void parse_mmap(const struct mb2_tag_mmap *t)
{
	const u8 *p = (const u8 *)t->entries, *end = (const u8 *)t + t->size;

	if (t->entry_size < sizeof(struct mb2_mmap_entry))
		return;
	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;
		u32 type = e->type >= MEM_USABLE && e->type <= MEM_UNUSABLE ?
			e->type : MEM_RESERVED;

		if (e->len)
			add_mem_region(e->addr, e->len, type);
	}
}

static void parse_framebuffer(const struct mb2_tag_framebuffer *t)
{
	struct framebuffer_info *fb = &boot_info.fb;

	if (t->size < offsetof(struct mb2_tag_framebuffer, red_pos))
		return;
	fb->phys = t->addr;
	fb->pitch = t->pitch;
	fb->width = t->width;
	fb->height = t->height;
	fb->bpp = t->bpp;
	fb->type = t->fb_type;
	if (t->fb_type == MB2_FB_TYPE_RGB && t->size >= sizeof(*t)) {
		fb->red_pos = t->red_pos;
		fb->red_size = t->red_size;
		fb->green_pos = t->green_pos;
		fb->green_size = t->green_size;
		fb->blue_pos = t->blue_pos;
		fb->blue_size = t->blue_size;
	}
	boot_info.has_fb = true;
}

static void parse_tag(const struct mb2_tag *tag)
{
	const char *payload = (const char *)(tag + 1);
	size_t payload_len = tag->size - sizeof(*tag);

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		boot_info.cmdline = payload;
		boot_info.cmdline_len = payload_len;
		break;
	case MB2_TAG_BOOTLOADER:
		boot_info.loader_name = payload;
		break;
	case MB2_TAG_MMAP:
		parse_mmap((const void *)tag);
		break;
	case MB2_TAG_FRAMEBUFFER:
		parse_framebuffer((const void *)tag);
		break;
	case MB2_TAG_ACPI_NEW:
		/* The ACPI 2.0+ RSDP wins over the 1.0 copy. */
		boot_info.rsdp = payload;
		boot_info.rsdp_len = payload_len;
		break;
	case MB2_TAG_ACPI_OLD:
		if (!boot_info.rsdp) {
			boot_info.rsdp = payload;
			boot_info.rsdp_len = payload_len;
		}
		break;
	case MB2_TAG_EFI64:
		boot_info.efi = true;
		break;
	case MB2_TAG_MODULE: {
		const struct mb2_tag_module *m = (const void *)tag;

		if (!boot_info.modules_start || m->mod_start < boot_info.modules_start)
			boot_info.modules_start = m->mod_start;
		if (m->mod_end > boot_info.modules_end)
			boot_info.modules_end = m->mod_end;
		/* The first module is the initramfs (Linux's initrd_start/end);
		 * e820.c keeps the modules' range reserved in memblock. */
		if (!initrd_start && m->mod_end > m->mod_start) {
			initrd_start = (unsigned long)__va(m->mod_start);
			initrd_end = (unsigned long)__va(m->mod_end);
		}
		break;
	}
	default:
		break;
	}
}

/**
 * multiboot_parse - collect the boot loader's information
 * @magic: EAX at entry; must be the multiboot2 magic
 * @phys: EBX at entry, the physical address of the information
 *
 * Context: very early, before any console: it only records.
 */
void multiboot_parse(u32 magic, phys_addr_t phys)
{
	const struct mb2_info *info;
	const u8 *p, *end;

	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC || !phys || phys >= EARLY_DIRECT_MAP_SIZE)
		return;
	info = __va(phys);
	boot_info.info_start = phys;
	boot_info.info_end = phys + info->total_size;
	p = (const u8 *)(info + 1);
	end = (const u8 *)info + info->total_size;
	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *tag = (const void *)p;

		if (tag->type == MB2_TAG_END || tag->size < sizeof(*tag))
			break;
		parse_tag(tag);
		p += ALIGN(tag->size, 8);
	}
}

/**
 * free_initrd_mem - give the unpacked initramfs's pages to the buddy allocator
 * @start: its first byte (kernel virtual)
 * @end: one past its last byte
 *
 * Only whole pages inside the range are freed; a page it shares with
 * another module or the boot information stays reserved.
 */
void free_initrd_mem(unsigned long start, unsigned long end)
{
	unsigned long pfn = PFN_UP(__pa((void *)start));
	unsigned long last = PFN_DOWN(__pa((void *)end));
	phys_addr_t info_start = boot_info.info_start, info_end = boot_info.info_end;

	for (; pfn < last; pfn++) {
		phys_addr_t phys = (phys_addr_t)pfn << PAGE_SHIFT;

		if (phys + PAGE_SIZE > info_start && phys < info_end)
			continue;	/* the boot information is still read later */
		free_boot_pages(pfn_to_page(pfn), 0);
	}
}
