/*
 * The I/O APIC: routes device interrupt pins (global system interrupts,
 * GSIs) to a local APIC as vectors. Each pin has a 64-bit redirection
 * entry: vector, polarity, trigger mode, mask and destination APIC ID.
 * Spindle routes IRQ n to vector IRQ0_VECTOR + n; an ISA IRQ goes to the
 * pin its MADT interrupt source override names (IRQ 0 -> GSI 2 on QEMU)
 * with the override's polarity and trigger, else to pin n, edge, active
 * high; pins 16 and up are PCI: level, active low. Mirrors
 * setup_IO_APIC(), mp_find_ioapic() and the ioapic_chip of Linux's
 * arch/x86/kernel/apic/io_apic.c. Simplified: one destination CPU, no
 * interrupt remapping, no MSI.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/irq.h>

/* Indirect access: write a register number to IOREGSEL, data in IOWIN. */
#define IOAPIC_IOREGSEL 0x00
#define IOAPIC_IOWIN 0x10
#define IOAPIC_REG_ID 0x00
#define IOAPIC_REG_VER 0x01
#define IOAPIC_REG_TABLE 0x10		/* entry n: 0x10 + 2n (low), + 1 (high) */

#define IOAPIC_LEVEL (1U << 15)
#define IOAPIC_ACTIVE_LOW (1U << 13)
#define IOAPIC_MASKED (1U << 16)

struct io_apic {
	volatile u8 *base;
	u32 id;
	u32 gsi_base;
	unsigned int nr_pins;
};

/* Where IRQ n arrives: apic < 0 means nowhere. */
struct irq_pin {
	int apic;
	unsigned int pin;
	u32 gsi;
	bool level, active_low, overridden;
};

static struct io_apic io_apics[MAX_IO_APICS];
static unsigned int nr_io_apics;
static struct irq_pin irq_pins[NR_IRQS];

static u32 io_apic_read(const struct io_apic *ioa, u32 reg)
{
	writel(reg, ioa->base + IOAPIC_IOREGSEL);
	return readl(ioa->base + IOAPIC_IOWIN);
}

static void io_apic_write(const struct io_apic *ioa, u32 reg, u32 val)
{
	writel(reg, ioa->base + IOAPIC_IOREGSEL);
	writel(val, ioa->base + IOAPIC_IOWIN);
}

/**
 * io_apic_probe - map the MADT's I/O APICs and read their sizes
 *
 * An I/O APIC whose version register reads all ones is not there and is
 * skipped. Return: 0 when at least one answers, else -ENODEV.
 */
int io_apic_probe(void)
{
	const struct acpi_madt_info *madt = acpi_madt();

	for (unsigned int i = 0; madt && i < madt->nr_io_apics; i++) {
		const struct madt_io_apic *m = &madt->io_apic[i];
		struct io_apic *ioa = &io_apics[nr_io_apics];
		u32 ver;

		ioa->base = ioremap(m->address, 4096);
		if (!ioa->base)
			continue;
		ver = io_apic_read(ioa, IOAPIC_REG_VER);
		if (ver == 0xFFFFFFFF) {
			pr_warn("IOAPIC[%u]: no answer at 0x%08x; ignored\n", i, m->address);
			continue;
		}
		ioa->id = m->id;
		ioa->gsi_base = m->gsi_base;
		ioa->nr_pins = ((ver >> 16) & 0xFF) + 1;
		pr_info("IOAPIC[%u]: apic_id %u, version %u, address 0x%08x, GSI %u-%u\n",
			nr_io_apics, m->id, ver & 0xFF, m->address, m->gsi_base,
			m->gsi_base + ioa->nr_pins - 1);
		nr_io_apics++;
	}
	if (!nr_io_apics) {
		pr_warn("APIC: no working I/O APIC\n");
		return -ENODEV;
	}
	return 0;
}

/* The I/O APIC and pin of @gsi (Linux's mp_find_ioapic()). */
static int find_pin(u32 gsi, unsigned int *pin)
{
	for (unsigned int i = 0; i < nr_io_apics; i++) {
		if (gsi >= io_apics[i].gsi_base &&
		    gsi < io_apics[i].gsi_base + io_apics[i].nr_pins) {
			*pin = gsi - io_apics[i].gsi_base;
			return i;
		}
	}
	return -1;
}

static void route_irq(unsigned int irq)
{
	struct irq_pin *p = &irq_pins[irq];
	u16 flags = 0;

	p->gsi = irq;
	if (irq < 16) {
		acpi_isa_irq_to_gsi(irq, &p->gsi, &flags);
		p->overridden = p->gsi != irq || flags;
		/* "Conforms to the bus" means ISA: edge, active high. */
		p->level = (flags & ACPI_MADT_TRIGGER_MASK) == ACPI_MADT_TRIGGER_LEVEL;
		p->active_low = (flags & ACPI_MADT_POLARITY_MASK) ==
				ACPI_MADT_POLARITY_ACTIVE_LOW;
	} else {
		p->level = true;
		p->active_low = true;
	}
	p->apic = find_pin(p->gsi, &p->pin);
}

/*
 * Two IRQs may land on one GSI: with IRQ 0 -> GSI 2, IRQ 2 (the old PIC
 * cascade) has no pin of its own. The override wins, as in Linux.
 */
static void drop_shadowed_irqs(void)
{
	for (unsigned int i = 0; i < NR_IRQS; i++) {
		for (unsigned int j = 0; j < NR_IRQS; j++) {
			if (i == j || irq_pins[i].apic < 0 || irq_pins[j].apic < 0 ||
			    irq_pins[i].gsi != irq_pins[j].gsi)
				continue;
			if (irq_pins[j].gsi != j)	/* j arrived by override */
				irq_pins[i].apic = -1;
		}
	}
}

static void write_entry(unsigned int irq, u32 dest)
{
	const struct irq_pin *p = &irq_pins[irq];
	const struct io_apic *ioa = &io_apics[p->apic];
	u32 low = (IRQ0_VECTOR + irq) | IOAPIC_MASKED;	/* fixed, physical */

	if (p->level)
		low |= IOAPIC_LEVEL;
	if (p->active_low)
		low |= IOAPIC_ACTIVE_LOW;
	io_apic_write(ioa, IOAPIC_REG_TABLE + 2 * p->pin + 1, dest << 24);
	io_apic_write(ioa, IOAPIC_REG_TABLE + 2 * p->pin, low);
	if (p->overridden)
		pr_info("IO-APIC: IRQ %u -> IOAPIC[%d] pin %u (GSI %u), %s, active %s\n",
			irq, p->apic, p->pin, p->gsi, p->level ? "level" : "edge",
			p->active_low ? "low" : "high");
}

static void mask_all_pins(void)
{
	for (unsigned int i = 0; i < nr_io_apics; i++)
		for (unsigned int pin = 0; pin < io_apics[i].nr_pins; pin++)
			io_apic_write(&io_apics[i], IOAPIC_REG_TABLE + 2 * pin,
				      IOAPIC_MASKED);
}

/**
 * setup_IO_APIC - mask every pin, then program the entries for IRQs
 * 0..NR_IRQS-1, still masked, to be delivered to @dest_apic_id
 *
 * request_irq() unmasks a line through ioapic_chip. Context: boot,
 * interrupts off, after io_apic_probe() succeeded.
 */
void setup_IO_APIC(u32 dest_apic_id)
{
	unsigned int routed = 0;

	mask_all_pins();
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		route_irq(irq);
	drop_shadowed_irqs();
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		if (irq_pins[irq].apic < 0)
			continue;
		write_entry(irq, dest_apic_id);
		routed++;
	}
	pr_info("IO-APIC: %u IRQs routed to APIC ID %u on vectors 0x%x-0x%x\n",
		routed, dest_apic_id, IRQ0_VECTOR, IRQ0_VECTOR + NR_IRQS - 1);
}

static void ioapic_set_mask(unsigned int irq, bool masked)
{
	const struct irq_pin *p = &irq_pins[irq];
	const struct io_apic *ioa;
	u32 reg, low;

	if (irq >= NR_IRQS || p->apic < 0)
		return;
	ioa = &io_apics[p->apic];
	reg = IOAPIC_REG_TABLE + 2 * p->pin;
	low = io_apic_read(ioa, reg);
	low = masked ? low | IOAPIC_MASKED : low & ~IOAPIC_MASKED;
	io_apic_write(ioa, reg, low);
}

static void ioapic_mask(unsigned int irq)
{
	ioapic_set_mask(irq, true);
}

static void ioapic_unmask(unsigned int irq)
{
	if (irq < NR_IRQS && irq_pins[irq].apic < 0)
		pr_warn("IO-APIC: IRQ %u has no I/O APIC pin; it will never fire\n", irq);
	ioapic_set_mask(irq, false);
}

/* The local APIC's EOI also ends a level-triggered pin's cycle: the
 * local APIC broadcasts it to the I/O APICs. */
static void ioapic_eoi(unsigned int irq)
{
	apic_eoi();
}

const struct irq_chip ioapic_chip = {
	.name = "IO-APIC",
	.mask = ioapic_mask,
	.unmask = ioapic_unmask,
	.eoi = ioapic_eoi,
};
