/*
 * The FADT ("FACP" table): the fixed hardware registers power off and
 * reset use - the PM1a/PM1b control blocks, the SMI command port that
 * switches the chipset into ACPI mode, the reset register - and where the
 * DSDT is, and the ACPI PM timer (PM_TMR_BLK). Mirrors ACPICA's acpi_tb_create_local_fadt() and
 * acpi_tb_convert_fadt() (drivers/acpi/acpica/tbfadt.c): the table is
 * copied into a zeroed full-size FADT so that fields an old, short FADT
 * lacks read as zero, and the 32-bit legacy addresses become generic
 * address structures when the 64-bit X_ ones are absent.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/acpi.h>

static struct acpi_fadt_info fadt_info;
static bool fadt_valid;

/* True when a FADT of @len bytes contains @field. */
#define FADT_HAS(len, field) \
	((len) >= offsetof(struct acpi_table_fadt, field) + \
		  sizeof(((struct acpi_table_fadt *)0)->field))

/* The X_ block when present, else the legacy I/O port of @len bytes. */
static struct acpi_generic_address fadt_block(const struct acpi_generic_address *x,
					      u32 legacy, u8 len)
{
	struct acpi_generic_address gas = { 0 };

	if (x->address)
		return *x;
	if (legacy) {
		gas.space_id = ACPI_ADR_SPACE_SYSTEM_IO;
		gas.bit_width = len * 8;
		gas.address = legacy;
	}
	return gas;
}

static const char *space_name(const struct acpi_generic_address *gas)
{
	switch (gas->space_id) {
	case ACPI_ADR_SPACE_SYSTEM_IO:
		return "io";
	case ACPI_ADR_SPACE_SYSTEM_MEMORY:
		return "mem";
	case ACPI_ADR_SPACE_PCI_CONFIG:
		return "pci";
	default:
		return "?";
	}
}

static void fadt_convert(const struct acpi_table_fadt *f, u32 len)
{
	fadt_info.revision = f->header.revision;
	fadt_info.flags = f->flags;
	fadt_info.sci_interrupt = f->sci_interrupt;
	fadt_info.smi_command = f->smi_command;
	fadt_info.acpi_enable = f->acpi_enable;
	fadt_info.pm1a_control = fadt_block(&f->xpm1a_control_block,
					    f->pm1a_control_block, f->pm1_control_length);
	fadt_info.pm1b_control = fadt_block(&f->xpm1b_control_block,
					    f->pm1b_control_block, f->pm1_control_length);
	/* A PM_TMR_LEN other than 4 means there is no PM timer. */
	if (f->pm_timer_length == 4 || f->xpm_timer_block.address)
		fadt_info.pm_timer = fadt_block(&f->xpm_timer_block,
						f->pm_timer_block, 4);
	/* Old FADTs may have garbage where the reset register later went. */
	if (FADT_HAS(len, reset_value) && (f->flags & ACPI_FADT_RESET_REGISTER)) {
		fadt_info.reset_register = f->reset_register;
		fadt_info.reset_value = f->reset_value;
	}
	fadt_info.dsdt = f->xdsdt ?: f->dsdt;
	fadt_info.facs = f->xfacs ?: f->facs;
}

static void fadt_print(void)
{
	const struct acpi_fadt_info *f = &fadt_info;

	pr_info("ACPI: FADT: SCI IRQ %u, SMI_CMD 0x%x, PM1a_CNT 0x%llx (%s), "
		"PM1b_CNT 0x%llx\n", f->sci_interrupt, f->smi_command,
		(unsigned long long)f->pm1a_control.address,
		space_name(&f->pm1a_control),
		(unsigned long long)f->pm1b_control.address);
	if (f->pm_timer.address)
		pr_info("ACPI: FADT: PM timer 0x%llx (%s), %u-bit\n",
			(unsigned long long)f->pm_timer.address,
			space_name(&f->pm_timer),
			f->flags & ACPI_FADT_32BIT_TIMER ? 32 : 24);
	if (f->reset_register.address)
		pr_info("ACPI: FADT: reset register 0x%llx (%s), value 0x%x\n",
			(unsigned long long)f->reset_register.address,
			space_name(&f->reset_register), f->reset_value);
	else
		pr_info("ACPI: FADT: no reset register (FADT v%u)\n", f->revision);
}

/**
 * acpi_fadt_init - read the FADT into the structure acpi_fadt() returns
 *
 * Without a valid FADT acpi_fadt() returns NULL: no ACPI power off and no
 * ACPI reset; the callers fall back or report -ENODEV.
 */
void acpi_fadt_init(void)
{
	const struct acpi_table_header *t = acpi_get_table("FACP", 0);
	static struct acpi_table_fadt copy;
	u32 len;

	if (!t || t->length < offsetof(struct acpi_table_fadt, reset_register)) {
		pr_warn("ACPI: no valid FADT (FACP table): no ACPI power off or reset\n");
		return;
	}
	len = min_t(u32, t->length, sizeof(copy));
	memset(&copy, 0, sizeof(copy));
	memcpy(&copy, t, len);
	fadt_convert(&copy, len);
	fadt_valid = true;
	fadt_print();
	if (fadt_info.flags & ACPI_FADT_HW_REDUCED)
		pr_warn("ACPI: hardware-reduced ACPI: no PM1 blocks; ACPI S5 "
			"power off is not supported by Spindle here\n");
}

/* The FADT facts, or NULL when there is no valid FADT. */
const struct acpi_fadt_info *acpi_fadt(void)
{
	return fadt_valid ? &fadt_info : NULL;
}
