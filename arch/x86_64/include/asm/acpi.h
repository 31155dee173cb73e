/*
 * ACPI firmware tables (arch/x86_64/acpi/): the layouts Spindle reads and
 * what it keeps from them. Names follow Linux's ACPICA headers
 * (include/acpi/actbl*.h) so the structures can be compared field by field.
 * Every table is reached through ioremap() and checksum-checked first.
 */
#ifndef _ASM_ACPI_H
#define _ASM_ACPI_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <spindle/config.h>

#define ACPI_NAMESEG_SIZE 4
#define ACPI_OEM_ID_SIZE 6

/* The Root System Description Pointer (ACPI 6.5, 5.2.5.3). */
struct acpi_table_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;			/* over the first 20 bytes */
	char oem_id[ACPI_OEM_ID_SIZE];
	u8 revision;			/* 0: ACPI 1.0 (RSDT only); 2: ACPI 2.0+ */
	u32 rsdt_physical_address;
	u32 length;			/* revision 2 only, like what follows */
	u64 xsdt_physical_address;
	u8 extended_checksum;		/* over all @length bytes */
	u8 reserved[3];
} __packed;

#define ACPI_RSDP_REV0_SIZE 20

/* The header every system description table starts with. */
struct acpi_table_header {
	char signature[ACPI_NAMESEG_SIZE];
	u32 length;			/* of the whole table, header included */
	u8 revision;
	u8 checksum;			/* all bytes of the table sum to zero */
	char oem_id[ACPI_OEM_ID_SIZE];
	char oem_table_id[8];
	u32 oem_revision;
	char asl_compiler_id[ACPI_NAMESEG_SIZE];
	u32 asl_compiler_revision;
} __packed;

/* A register described by the firmware: where it is and how wide. */
struct acpi_generic_address {
	u8 space_id;			/* ACPI_ADR_SPACE_* */
	u8 bit_width;
	u8 bit_offset;
	u8 access_width;		/* 0 any, 1 byte, 2 word, 3 dword, 4 qword */
	u64 address;
} __packed;

#define ACPI_ADR_SPACE_SYSTEM_MEMORY 0
#define ACPI_ADR_SPACE_SYSTEM_IO 1
#define ACPI_ADR_SPACE_PCI_CONFIG 2

/* The Fixed ACPI Description Table, signature "FACP" (ACPI 6.5, 5.2.9). */
struct acpi_table_fadt {
	struct acpi_table_header header;
	u32 facs;
	u32 dsdt;
	u8 model;
	u8 preferred_profile;
	u16 sci_interrupt;
	u32 smi_command;		/* port that switches SMM <-> ACPI mode */
	u8 acpi_enable;			/* value to write there for ACPI mode */
	u8 acpi_disable;
	u8 s4_bios_request;
	u8 pstate_control;
	u32 pm1a_event_block;
	u32 pm1b_event_block;
	u32 pm1a_control_block;
	u32 pm1b_control_block;
	u32 pm2_control_block;
	u32 pm_timer_block;
	u32 gpe0_block;
	u32 gpe1_block;
	u8 pm1_event_length;
	u8 pm1_control_length;
	u8 pm2_control_length;
	u8 pm_timer_length;
	u8 gpe0_block_length;
	u8 gpe1_block_length;
	u8 gpe1_base;
	u8 cst_control;
	u16 c2_latency;
	u16 c3_latency;
	u16 flush_size;
	u16 flush_stride;
	u8 duty_offset;
	u8 duty_width;
	u8 day_alarm;
	u8 month_alarm;
	u8 century;
	u16 boot_flags;			/* IA-PC boot architecture flags */
	u8 reserved;
	u32 flags;			/* ACPI_FADT_* */
	/* ACPI 2.0 and later (revision >= 3): */
	struct acpi_generic_address reset_register;
	u8 reset_value;
	u16 arm_boot_flags;
	u8 minor_revision;
	u64 xfacs;
	u64 xdsdt;
	struct acpi_generic_address xpm1a_event_block;
	struct acpi_generic_address xpm1b_event_block;
	struct acpi_generic_address xpm1a_control_block;
	struct acpi_generic_address xpm1b_control_block;
	struct acpi_generic_address xpm2_control_block;
	struct acpi_generic_address xpm_timer_block;
	struct acpi_generic_address xgpe0_block;
	struct acpi_generic_address xgpe1_block;
	struct acpi_generic_address sleep_control;
	struct acpi_generic_address sleep_status;
	u64 hypervisor_id;
} __packed;

#define ACPI_FADT_32BIT_TIMER (1U << 8)		/* TMR_VAL_EXT: the PM timer has 32 bits, not 24 */
#define ACPI_FADT_RESET_REGISTER (1U << 10)	/* reset_register is valid */
#define ACPI_FADT_HW_REDUCED (1U << 20)		/* no PM1 blocks, no SMI_CMD */

/* PM1 control register bits. */
#define ACPI_PM1_SCI_EN (1U << 0)		/* set: the OS owns ACPI events */
#define ACPI_PM1_SLP_TYP_SHIFT 10
#define ACPI_PM1_SLP_TYP_MASK (7U << ACPI_PM1_SLP_TYP_SHIFT)
#define ACPI_PM1_SLP_EN (1U << 13)

/* The Multiple APIC Description Table, signature "APIC" (5.2.12). */
struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address;			/* local APIC physical address */
	u32 flags;			/* ACPI_MADT_PCAT_COMPAT */
} __packed;

#define ACPI_MADT_PCAT_COMPAT (1U << 0)	/* a dual 8259 is also present */

struct acpi_subtable_header {
	u8 type;
	u8 length;
} __packed;

enum acpi_madt_type {
	ACPI_MADT_TYPE_LOCAL_APIC = 0,
	ACPI_MADT_TYPE_IO_APIC = 1,
	ACPI_MADT_TYPE_INTERRUPT_OVERRIDE = 2,
	ACPI_MADT_TYPE_NMI_SOURCE = 3,
	ACPI_MADT_TYPE_LOCAL_APIC_NMI = 4,
	ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE = 5,
	ACPI_MADT_TYPE_LOCAL_X2APIC = 9,
	ACPI_MADT_TYPE_LOCAL_X2APIC_NMI = 10,
};

struct acpi_madt_local_apic {
	struct acpi_subtable_header header;
	u8 processor_id;
	u8 id;
	u32 lapic_flags;
} __packed;

#define ACPI_MADT_ENABLED (1U << 0)
#define ACPI_MADT_ONLINE_CAPABLE (1U << 1)

struct acpi_madt_io_apic {
	struct acpi_subtable_header header;
	u8 id;
	u8 reserved;
	u32 address;
	u32 global_irq_base;
} __packed;

struct acpi_madt_interrupt_override {
	struct acpi_subtable_header header;
	u8 bus;				/* 0: ISA */
	u8 source_irq;
	u32 global_irq;
	u16 inti_flags;
} __packed;

struct acpi_madt_nmi_source {
	struct acpi_subtable_header header;
	u16 inti_flags;
	u32 global_irq;
} __packed;

struct acpi_madt_local_apic_nmi {
	struct acpi_subtable_header header;
	u8 processor_id;		/* 0xff: every processor */
	u16 inti_flags;
	u8 lint;
} __packed;

struct acpi_madt_local_apic_override {
	struct acpi_subtable_header header;
	u16 reserved;
	u64 address;
} __packed;

struct acpi_madt_local_x2apic {
	struct acpi_subtable_header header;
	u16 reserved;
	u32 local_apic_id;
	u32 lapic_flags;
	u32 uid;
} __packed;

struct acpi_madt_local_x2apic_nmi {
	struct acpi_subtable_header header;
	u16 inti_flags;
	u32 uid;			/* 0xffffffff: every processor */
	u8 lint;
	u8 reserved[3];
} __packed;

/* MPS INTI flags: an interrupt's polarity and trigger mode. */
#define ACPI_MADT_POLARITY_MASK 3
#define ACPI_MADT_POLARITY_CONFORMS 0	/* as the bus says: ISA high */
#define ACPI_MADT_POLARITY_ACTIVE_HIGH 1
#define ACPI_MADT_POLARITY_ACTIVE_LOW 3
#define ACPI_MADT_TRIGGER_MASK (3 << 2)
#define ACPI_MADT_TRIGGER_CONFORMS 0	/* as the bus says: ISA edge */
#define ACPI_MADT_TRIGGER_EDGE (1 << 2)
#define ACPI_MADT_TRIGGER_LEVEL (3 << 2)

/* The HPET description table, signature "HPET" (IA-PC HPET spec 3.2.4). */
struct acpi_table_hpet {
	struct acpi_table_header header;
	u32 id;				/* the hardware ID of event timer block */
	struct acpi_generic_address address;
	u8 sequence;
	u16 minimum_tick;
	u8 flags;
} __packed;

/* ---- What Spindle keeps from the tables ---- */

#define MAX_IO_APICS 8
#define MAX_IRQ_OVERRIDES 16
#define MAX_LAPIC_NMIS 8

struct madt_io_apic {
	u32 id;
	u32 address;
	u32 gsi_base;
};

struct madt_override {
	u8 bus;
	u8 source_irq;
	u32 gsi;
	u16 flags;			/* ACPI_MADT_POLARITY_* | TRIGGER_* */
};

struct madt_lapic_nmi {
	u32 processor_id;		/* ACPI processor UID; ~0: all */
	u16 flags;
	u8 lint;			/* 0 or 1: the LINT pin */
};

/* The interrupt topology from the MADT (Linux spreads it over
 * arch/x86/kernel/acpi/boot.c and the mp_ioapics/mp_irqs tables). */
struct acpi_madt_info {
	phys_addr_t lapic_addr;
	bool pcat_compat;
	unsigned int nr_cpus;
	u32 cpu_apic_id[NR_CPUS];	/* enabled processors, in MADT order */
	u32 cpu_acpi_id[NR_CPUS];
	unsigned int nr_x2apic_entries;	/* type 9 entries, enabled or not */
	unsigned int nr_io_apics;
	struct madt_io_apic io_apic[MAX_IO_APICS];
	unsigned int nr_overrides;
	struct madt_override override[MAX_IRQ_OVERRIDES];
	unsigned int nr_lapic_nmis;
	struct madt_lapic_nmi lapic_nmi[MAX_LAPIC_NMIS];
};

/* The FADT facts power off and reset need (from a zero-padded copy). */
struct acpi_fadt_info {
	u8 revision;
	u32 flags;
	u16 sci_interrupt;
	u32 smi_command;
	u8 acpi_enable;
	struct acpi_generic_address pm1a_control;	/* address 0: absent */
	struct acpi_generic_address pm1b_control;
	struct acpi_generic_address reset_register;
	u8 reset_value;
	struct acpi_generic_address pm_timer;	/* PM_TMR_BLK, address 0: absent */
	phys_addr_t dsdt;
	phys_addr_t facs;
};

/* tables.c (acpi_table_init() is declared in asm/setup.h) */

extern bool acpi_disabled;
const struct acpi_table_header *acpi_get_table(const char *signature,
					       unsigned int instance);
/* The OEM ID of the RSDP ("BOCHS " under QEMU), or NULL without ACPI. */
const char *acpi_oem_id(void);

/* madt.c */
void acpi_madt_init(void);
const struct acpi_madt_info *acpi_madt(void);
int acpi_madt_parse(const struct acpi_table_madt *madt, struct acpi_madt_info *info);
int acpi_isa_irq_to_gsi(unsigned int isa_irq, u32 *gsi, u16 *flags);

/* fadt.c */
void acpi_fadt_init(void);
const struct acpi_fadt_info *acpi_fadt(void);

/* hwregs.c */
int acpi_gas_read(const struct acpi_generic_address *reg, u64 *value);
int acpi_gas_write(const struct acpi_generic_address *reg, u64 value);
int acpi_enable_mode(void);

/* sleep.c */
void acpi_sleep_init(void);
int acpi_power_off(void);

/* reboot.c */
int acpi_reboot(void);

#endif
