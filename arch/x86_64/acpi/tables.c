/*
 * Finding the ACPI tables: RSDP -> XSDT (or RSDT) -> every other table,
 * each checksum-checked before use and listed in the log as Linux does
 * ("ACPI: FACP 0x... 0000F4 (v03 BOCHS  BXPC ...)"). Mirrors the table
 * manager of ACPICA (drivers/acpi/acpica/tbxfroot.c, tbutils.c, tbprint.c)
 * and acpi_table_init() in drivers/acpi/tables.c. Simplified: tables are
 * found once at boot and never unmapped; there is no table override.
 * A missing or broken table is reported and skipped, never fatal.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/init.h>
#include <asm/acpi.h>
#include <asm/bootinfo.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/setup.h>

#define ACPI_MAX_TABLES 64
#define ACPI_MAX_TABLE_SIZE (16U << 20)	/* more means a corrupt header */

struct acpi_table_desc {
	phys_addr_t phys;
	const struct acpi_table_header *table;
};

bool acpi_disabled;
static const struct acpi_table_rsdp *rsdp;
static struct acpi_table_desc tables[ACPI_MAX_TABLES];
static unsigned int nr_tables;

static int __init acpi_param(char *val)
{
	if (strcmp(val, "off"))
		return -EINVAL;
	acpi_disabled = true;
	return 0;
}
early_param("acpi=", acpi_param);

static u8 acpi_checksum(const void *buf, size_t len)
{
	const u8 *p = buf;
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return sum;
}

/* Firmware strings are not NUL-terminated and not always printable. */
static const char *acpi_name(char *dst, const char *src, size_t len)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = src[i] >= ' ' && src[i] <= '~' ? src[i] : '?';
	dst[len] = '\0';
	return dst;
}

static void acpi_print_table(phys_addr_t phys, const struct acpi_table_header *t)
{
	char sig[5], oem[7], oem_table[9], compiler[5];

	pr_info("ACPI: %s 0x%016llX %06X (v%02u %-6s %-8s %08X %-4s %08X)\n",
		acpi_name(sig, t->signature, 4), (unsigned long long)phys,
		t->length, t->revision, acpi_name(oem, t->oem_id, 6),
		acpi_name(oem_table, t->oem_table_id, 8), t->oem_revision,
		acpi_name(compiler, t->asl_compiler_id, 4),
		t->asl_compiler_revision);
}

/*
 * Maps the table at @phys and checks its length and checksum. @signature
 * (or NULL for any) must match. Returns the mapped table or NULL.
 */
static const struct acpi_table_header *acpi_map_table(phys_addr_t phys,
						      const char *signature)
{
	const struct acpi_table_header *t;
	char sig[5];
	u8 sum;

	t = ioremap(phys, sizeof(*t));
	if (!t)
		return NULL;
	acpi_name(sig, t->signature, 4);
	if (signature && memcmp(t->signature, signature, 4)) {
		pr_warn("ACPI: expected %.4s at 0x%llx, found [%s]; ignored\n",
			signature, (unsigned long long)phys, sig);
		return NULL;
	}
	if (t->length < sizeof(*t) || t->length > ACPI_MAX_TABLE_SIZE) {
		pr_warn("ACPI: [%s] at 0x%llx has an invalid length %u; ignored\n",
			sig, (unsigned long long)phys, t->length);
		return NULL;
	}
	t = ioremap(phys, t->length);
	if (!t)
		return NULL;
	sum = acpi_checksum(t, t->length);
	if (sum) {
		pr_warn("ACPI BIOS Warning (bug): Incorrect checksum in table [%s] - "
			"0x%02X, should be 0x%02X; table ignored\n",
			sig, t->checksum, (u8)(t->checksum - sum));
		return NULL;
	}
	return t;
}

/* Adds a checked table to the list and the log. */
static const struct acpi_table_header *acpi_install_table(phys_addr_t phys,
							  const char *signature)
{
	const struct acpi_table_header *t;

	if (!phys)
		return NULL;
	if (nr_tables == ACPI_MAX_TABLES) {
		pr_warn("ACPI: more than %d tables; the rest are ignored\n",
			ACPI_MAX_TABLES);
		return NULL;
	}
	t = acpi_map_table(phys, signature);
	if (!t)
		return NULL;
	acpi_print_table(phys, t);
	tables[nr_tables++] = (struct acpi_table_desc){ phys, t };
	return t;
}

/*
 * The FADT points at two tables the root table does not list: the DSDT
 * (the main AML code) and the FACS (no checksum, just listed). ACPICA does
 * the same in acpi_tb_parse_fadt().
 */
static void acpi_install_fadt_tables(const struct acpi_table_header *t)
{
	const struct acpi_table_fadt *fadt = (const void *)t;
	phys_addr_t dsdt = fadt->dsdt, facs = fadt->facs;
	const u32 *facs_hdr;

	if (t->length >= offsetof(struct acpi_table_fadt, xpm1a_event_block)) {
		dsdt = fadt->xdsdt ?: dsdt;
		facs = fadt->xfacs ?: facs;
	}
	acpi_install_table(dsdt, "DSDT");
	facs_hdr = facs ? ioremap(facs, 8) : NULL;
	if (facs_hdr && !memcmp(facs_hdr, "FACS", 4))
		pr_info("ACPI: FACS 0x%016llX %06X\n", (unsigned long long)facs,
			facs_hdr[1]);
}

/* Installs every table the XSDT (8-byte entries) or RSDT (4-byte) lists. */
static void acpi_parse_root_entries(const struct acpi_table_header *root,
				    size_t entry_size)
{
	const u8 *entry = (const u8 *)(root + 1);
	size_t n = (root->length - sizeof(*root)) / entry_size;

	for (size_t i = 0; i < n; i++, entry += entry_size) {
		const struct acpi_table_header *t;
		u64 phys = 0;

		/* Entries are only 4-byte aligned in the XSDT: copy them. */
		memcpy(&phys, entry, entry_size);
		t = acpi_install_table(phys, NULL);
		if (t && !memcmp(t->signature, "FACP", 4))
			acpi_install_fadt_tables(t);
	}
}

/* ACPI 2.0+ firmware offers the XSDT; when it is broken, use the RSDT. */
static int acpi_parse_root_table(const struct acpi_table_rsdp *r, bool use_xsdt)
{
	const struct acpi_table_header *root = NULL;

	if (use_xsdt && r->xsdt_physical_address) {
		root = acpi_install_table(r->xsdt_physical_address, "XSDT");
		if (root) {
			acpi_parse_root_entries(root, 8);
			return 0;
		}
		pr_warn("ACPI: XSDT unusable; falling back to the RSDT\n");
	}
	root = acpi_install_table(r->rsdt_physical_address, "RSDT");
	if (!root) {
		pr_warn("ACPI: no valid RSDT or XSDT; ACPI tables unavailable\n");
		return -ENODEV;
	}
	acpi_parse_root_entries(root, 4);
	return 0;
}

/* Checks a candidate RSDP of @len bytes; sets *@xsdt if its XSDT is usable. */
static bool acpi_rsdp_valid(const struct acpi_table_rsdp *r, size_t len, bool *xsdt)
{
	*xsdt = false;
	if (len < ACPI_RSDP_REV0_SIZE || memcmp(r->signature, "RSD PTR ", 8))
		return false;
	if (acpi_checksum(r, ACPI_RSDP_REV0_SIZE))
		return false;
	if (r->revision < 2)
		return true;
	if (r->length < sizeof(*r) || r->length > len ||
	    acpi_checksum(r, r->length)) {
		pr_warn("ACPI: RSDP v%u extended checksum/length bad; using its RSDT\n",
			r->revision);
		return true;
	}
	*xsdt = true;
	return true;
}

/* Legacy BIOS: the RSDP sits on a 16-byte boundary in the EBDA's first
 * KiB or in 0xE0000-0xFFFFF (Linux: acpi_find_root_pointer()). */
static const struct acpi_table_rsdp *acpi_scan_rsdp(phys_addr_t start, size_t len,
						    bool *xsdt)
{
	const u8 *p = ioremap(start, len);

	for (size_t off = 0; p && off + sizeof(struct acpi_table_rsdp) <= len; off += 16)
		if (acpi_rsdp_valid((const void *)(p + off), len - off, xsdt))
			return (const void *)(p + off);
	return NULL;
}

static const struct acpi_table_rsdp *acpi_find_rsdp(bool *xsdt)
{
	const struct acpi_table_rsdp *r = NULL;
	const u16 *ebda_seg;

	if (boot_info.rsdp) {
		if (acpi_rsdp_valid(boot_info.rsdp, boot_info.rsdp_len, xsdt))
			return boot_info.rsdp;
		pr_warn("ACPI: the boot loader's RSDP copy has a bad signature or checksum\n");
	}
	if (boot_info.efi)	/* the legacy areas hold nothing under UEFI */
		return NULL;
	ebda_seg = ioremap(0x40E, 2);
	if (ebda_seg && *ebda_seg)
		r = acpi_scan_rsdp((phys_addr_t)*ebda_seg << 4, 1024, xsdt);
	if (!r)
		r = acpi_scan_rsdp(0xE0000, 0x20000, xsdt);
	return r;
}

/**
 * acpi_table_init - find and list the ACPI tables, then read the MADT,
 * the FADT and the \_S5 sleep values from them
 *
 * Context: setup_arch(), early boot. Without ACPI (no RSDP, acpi=off,
 * broken root table) it warns and returns; every user of the tables then
 * takes its legacy path (8259 PIC, PIT tick, keyboard-controller reset).
 */
void acpi_table_init(void)
{
	char oem[7];
	bool xsdt;

	if (acpi_disabled) {
		pr_info("ACPI: disabled by acpi=off\n");
		return;
	}
	rsdp = acpi_find_rsdp(&xsdt);
	if (!rsdp) {
		pr_warn("ACPI: no valid RSDP found: no ACPI tables; legacy PIC, "
			"PIT and reset will be used\n");
		return;
	}
	/* With GRUB this is the address of its copy, not the firmware's. */
	pr_info("ACPI: RSDP 0x%016llX %06X (v%02u %-6s)\n",
		(unsigned long long)__pa(rsdp),
		xsdt ? rsdp->length : ACPI_RSDP_REV0_SIZE, rsdp->revision,
		acpi_name(oem, rsdp->oem_id, 6));
	if (acpi_parse_root_table(rsdp, xsdt)) {
		rsdp = NULL;
		return;
	}
	acpi_madt_init();
	acpi_fadt_init();
	acpi_sleep_init();
}

/**
 * acpi_get_table - a checked ACPI table
 * @signature: its four-character signature ("APIC", "FACP", "DSDT", ...)
 * @instance: 0 for the first table with that signature, 1 the next, ...
 *
 * Return: the mapped table, or NULL when there is no such (valid) table.
 */
const struct acpi_table_header *acpi_get_table(const char *signature,
					       unsigned int instance)
{
	for (unsigned int i = 0; i < nr_tables; i++)
		if (!memcmp(tables[i].table->signature, signature, 4) && !instance--)
			return tables[i].table;
	return NULL;
}

const char *acpi_oem_id(void)
{
	static char oem[7];

	return rsdp ? acpi_name(oem, rsdp->oem_id, 6) : NULL;
}
