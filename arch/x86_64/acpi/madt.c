/*
 * The MADT ("APIC" table): where the local APIC and the I/O APICs are,
 * which processors exist, how ISA interrupts are rewired (interrupt
 * source overrides, e.g. IRQ 0 -> GSI 2) and where NMIs come in. Read
 * once into struct acpi_madt_info, which the APIC code queries. Mirrors
 * acpi_parse_madt(), acpi_parse_lapic(), acpi_parse_ioapic(),
 * acpi_parse_int_src_ovr() and acpi_parse_lapic_nmi() in Linux's
 * arch/x86/kernel/acpi/boot.c. Simplified: no MP-table fallback.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/acpi.h>

static struct acpi_madt_info madt_info;
static bool madt_valid;

static const char *const polarity_name[] = { "dfl", "high", "res", "low" };
static const char *const trigger_name[] = { "dfl", "edge", "res", "level" };

static const char *polarity(u16 flags)
{
	return polarity_name[flags & ACPI_MADT_POLARITY_MASK];
}

static const char *trigger(u16 flags)
{
	return trigger_name[(flags & ACPI_MADT_TRIGGER_MASK) >> 2];
}

/* Linux's acpi_register_lapic(): each APIC ID once, however listed. */
static bool madt_has_apic_id(const struct acpi_madt_info *info, u32 apic_id)
{
	for (unsigned int i = 0; i < info->nr_cpus; i++)
		if (info->cpu_apic_id[i] == apic_id)
			return true;
	return false;
}

static void madt_add_cpu(struct acpi_madt_info *info, u32 acpi_id, u32 apic_id,
			 u32 flags)
{
	if (!(flags & ACPI_MADT_ENABLED))
		return;
	if (madt_has_apic_id(info, apic_id)) {
		pr_warn("ACPI: APIC ID 0x%x listed twice; the second entry ignored\n",
			apic_id);
		return;
	}
	if (info->nr_cpus == NR_CPUS) {
		pr_warn("ACPI: NR_CPUS=%d reached; CPU with APIC ID %u ignored\n",
			NR_CPUS, apic_id);
		return;
	}
	info->cpu_acpi_id[info->nr_cpus] = acpi_id;
	info->cpu_apic_id[info->nr_cpus++] = apic_id;
}

static void madt_add_io_apic(struct acpi_madt_info *info, const struct acpi_madt_io_apic *e)
{
	pr_info("ACPI: IOAPIC (id[0x%02x] address[0x%08x] gsi_base[%u])\n",
		e->id, e->address, e->global_irq_base);
	if (info->nr_io_apics == MAX_IO_APICS) {
		pr_warn("ACPI: more than %d I/O APICs; ignored\n", MAX_IO_APICS);
		return;
	}
	info->io_apic[info->nr_io_apics++] = (struct madt_io_apic){
		e->id, e->address, e->global_irq_base };
}

static void madt_add_override(struct acpi_madt_info *info,
			      const struct acpi_madt_interrupt_override *e)
{
	pr_info("ACPI: INT_SRC_OVR (bus %u bus_irq %u global_irq %u %s %s)\n",
		e->bus, e->source_irq, e->global_irq, polarity(e->inti_flags),
		trigger(e->inti_flags));
	if (e->bus != 0 || e->source_irq >= 16) {
		pr_warn("ACPI: override for a non-ISA interrupt ignored\n");
		return;
	}
	if (info->nr_overrides == MAX_IRQ_OVERRIDES) {
		pr_warn("ACPI: too many interrupt source overrides; ignored\n");
		return;
	}
	info->override[info->nr_overrides++] = (struct madt_override){
		e->bus, e->source_irq, e->global_irq, e->inti_flags };
}

/* @all: the processor ID that means "every processor" in this entry type. */
static void madt_add_lapic_nmi(struct acpi_madt_info *info, u32 processor_id, u32 all,
			       u16 flags, u8 lint)
{
	pr_info("ACPI: LAPIC_NMI (acpi_id[0x%02x] %s %s lint[0x%x])\n",
		processor_id, polarity(flags), trigger(flags), lint);
	if (processor_id == all)
		processor_id = ~0U;
	if (info->nr_lapic_nmis == MAX_LAPIC_NMIS || lint > 1)
		return;
	info->lapic_nmi[info->nr_lapic_nmis++] = (struct madt_lapic_nmi){
		processor_id, flags, lint };
}

/* Minimum length of each entry type Spindle reads; 0: skipped. */
static const u8 madt_entry_size[] = {
	[ACPI_MADT_TYPE_LOCAL_APIC] = sizeof(struct acpi_madt_local_apic),
	[ACPI_MADT_TYPE_IO_APIC] = sizeof(struct acpi_madt_io_apic),
	[ACPI_MADT_TYPE_INTERRUPT_OVERRIDE] = sizeof(struct acpi_madt_interrupt_override),
	[ACPI_MADT_TYPE_NMI_SOURCE] = sizeof(struct acpi_madt_nmi_source),
	[ACPI_MADT_TYPE_LOCAL_APIC_NMI] = sizeof(struct acpi_madt_local_apic_nmi),
	[ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE] = sizeof(struct acpi_madt_local_apic_override),
	[ACPI_MADT_TYPE_LOCAL_X2APIC] = sizeof(struct acpi_madt_local_x2apic),
	[ACPI_MADT_TYPE_LOCAL_X2APIC_NMI] = sizeof(struct acpi_madt_local_x2apic_nmi),
};

static void madt_parse_entry(struct acpi_madt_info *info, const struct acpi_subtable_header *h)
{
	const void *e = h;

	switch (h->type) {
	case ACPI_MADT_TYPE_LOCAL_APIC: {
		const struct acpi_madt_local_apic *l = e;

		pr_info("ACPI: LAPIC (acpi_id[0x%02x] lapic_id[0x%02x] %s)\n",
			l->processor_id, l->id, l->lapic_flags & ACPI_MADT_ENABLED ?
			"enabled" : "disabled");
		madt_add_cpu(info, l->processor_id, l->id, l->lapic_flags);
		break;
	}
	case ACPI_MADT_TYPE_LOCAL_X2APIC: {
		const struct acpi_madt_local_x2apic *x = e;

		pr_info("ACPI: X2APIC (apic_id[0x%02x] uid[0x%02x] %s)\n",
			x->local_apic_id, x->uid, x->lapic_flags & ACPI_MADT_ENABLED ?
			"enabled" : "disabled");
		info->nr_x2apic_entries++;
		madt_add_cpu(info, x->uid, x->local_apic_id, x->lapic_flags);
		break;
	}
	case ACPI_MADT_TYPE_IO_APIC:
		madt_add_io_apic(info, e);
		break;
	case ACPI_MADT_TYPE_INTERRUPT_OVERRIDE:
		madt_add_override(info, e);
		break;
	case ACPI_MADT_TYPE_NMI_SOURCE: {
		const struct acpi_madt_nmi_source *n = e;

		pr_info("ACPI: NMI_SRC (%s %s global_irq %u)\n", polarity(n->inti_flags),
			trigger(n->inti_flags), n->global_irq);
		break;
	}
	case ACPI_MADT_TYPE_LOCAL_APIC_NMI: {
		const struct acpi_madt_local_apic_nmi *n = e;

		madt_add_lapic_nmi(info, n->processor_id, 0xff, n->inti_flags, n->lint);
		break;
	}
	case ACPI_MADT_TYPE_LOCAL_X2APIC_NMI: {
		const struct acpi_madt_local_x2apic_nmi *n = e;

		madt_add_lapic_nmi(info, n->uid, ~0U, n->inti_flags, n->lint);
		break;
	}
	case ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE: {
		const struct acpi_madt_local_apic_override *o = e;

		pr_info("ACPI: LAPIC_ADDR_OVR (address[0x%llx])\n",
			(unsigned long long)o->address);
		info->lapic_addr = o->address;
		break;
	}
	}
}

/**
 * acpi_madt_parse - read a MADT's entries into @info
 * @madt: the table, header.length bytes
 * @info: zeroed by the caller
 *
 * Walks the variable-length entries, refusing any that overrun the
 * table; each APIC ID is kept once, whether listed as a LAPIC (type 0)
 * or an X2APIC (type 9) entry. Separate from acpi_madt_init() so that a
 * test can feed it a table no emulator provides.
 * Return: 0, or -EINVAL when an entry's length is bad (the entries
 * before it are kept).
 */
int acpi_madt_parse(const struct acpi_table_madt *madt, struct acpi_madt_info *info)
{
	const u8 *p = (const u8 *)(madt + 1);
	const u8 *end = (const u8 *)madt + madt->header.length;

	while (p + sizeof(struct acpi_subtable_header) <= end) {
		const struct acpi_subtable_header *h = (const void *)p;

		if (h->length < sizeof(*h) || p + h->length > end) {
			pr_warn("ACPI: MADT entry of type %u has a bad length %u; "
				"rest of the MADT ignored\n", h->type, h->length);
			return -EINVAL;
		}
		if (h->type < ARRAY_SIZE(madt_entry_size) && madt_entry_size[h->type]) {
			if (h->length >= madt_entry_size[h->type])
				madt_parse_entry(info, h);
			else
				pr_warn("ACPI: short MADT entry of type %u ignored\n",
					h->type);
		}
		p += h->length;
	}
	return 0;
}

/**
 * acpi_madt_init - read the MADT into the structure acpi_madt() returns
 *
 * Without a MADT, or with one that names no I/O APIC, acpi_madt() stays
 * NULL and the kernel keeps the 8259 PIC.
 */
void acpi_madt_init(void)
{
	const struct acpi_table_madt *madt = (const void *)acpi_get_table("APIC", 0);

	if (!madt || madt->header.length < sizeof(*madt)) {
		pr_warn("ACPI: no valid MADT (APIC table): the APICs cannot be found\n");
		return;
	}
	madt_info.lapic_addr = madt->address;
	madt_info.pcat_compat = madt->flags & ACPI_MADT_PCAT_COMPAT;
	acpi_madt_parse(madt, &madt_info);
	pr_info("ACPI: Local APIC address 0x%08llx; %u CPU(s), %u I/O APIC(s), "
		"%u override(s)\n", (unsigned long long)madt_info.lapic_addr,
		madt_info.nr_cpus, madt_info.nr_io_apics, madt_info.nr_overrides);
	if (!madt_info.nr_io_apics) {
		pr_warn("ACPI: the MADT lists no I/O APIC\n");
		return;
	}
	madt_valid = true;
}

/* The MADT facts, or NULL when there is no usable MADT. */
const struct acpi_madt_info *acpi_madt(void)
{
	return madt_valid ? &madt_info : NULL;
}

/**
 * acpi_isa_irq_to_gsi - where an ISA interrupt arrives at the I/O APICs
 * @isa_irq: 0..15
 * @gsi: set to the global system interrupt (pin number across I/O APICs)
 * @flags: set to the override's polarity/trigger flags, 0 (ISA default:
 *	edge, active high) when there is no override
 *
 * Return: 0, or -ENODEV without a MADT, -EINVAL for a non-ISA @isa_irq.
 */
int acpi_isa_irq_to_gsi(unsigned int isa_irq, u32 *gsi, u16 *flags)
{
	if (!madt_valid)
		return -ENODEV;
	if (isa_irq >= 16)
		return -EINVAL;
	*gsi = isa_irq;
	*flags = 0;
	for (unsigned int i = 0; i < madt_info.nr_overrides; i++) {
		if (madt_info.override[i].source_irq == isa_irq) {
			*gsi = madt_info.override[i].gsi;
			*flags = madt_info.override[i].flags;
		}
	}
	return 0;
}
