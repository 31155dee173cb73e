/*
 * The legacy 8259A interrupt controller pair. It is always remapped (its
 * power-on vectors 8..15 collide with CPU exceptions) and, when the I/O
 * APIC takes over, masked for good. Without ACPI it remains the way device
 * interrupts arrive. Mirrors arch/x86/kernel/i8259.c.
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/i8259.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIC_CASCADE_IRQ 2

static u16 cached_mask = 0xFFFF;

static void write_mask(void)
{
	outb(cached_mask & 0xFF, PIC1_DATA);
	outb(cached_mask >> 8, PIC2_DATA);
}

static void pic_mask(unsigned int irq)
{
	cached_mask |= 1 << irq;
	write_mask();
}

static void pic_unmask(unsigned int irq)
{
	cached_mask &= ~(1 << irq);
	if (irq >= 8)
		cached_mask &= ~(1 << PIC_CASCADE_IRQ);
	write_mask();
}

static void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_EOI, PIC2_CMD);
	outb(PIC_EOI, PIC1_CMD);
}

const struct irq_chip i8259_chip = {
	.name = "XT-PIC",
	.mask = pic_mask,
	.unmask = pic_unmask,
	.eoi = pic_eoi,
};

/* ICW1..ICW4: edge triggered, cascaded, vectors from IRQ0_VECTOR. */
void i8259_init(void)
{
	outb(0x11, PIC1_CMD);
	io_delay();
	outb(0x11, PIC2_CMD);
	io_delay();
	outb(IRQ0_VECTOR, PIC1_DATA);
	io_delay();
	outb(IRQ0_VECTOR + 8, PIC2_DATA);
	io_delay();
	outb(1 << PIC_CASCADE_IRQ, PIC1_DATA);	/* slave on IRQ 2 */
	io_delay();
	outb(PIC_CASCADE_IRQ, PIC2_DATA);
	io_delay();
	outb(0x01, PIC1_DATA);			/* 8086 mode */
	io_delay();
	outb(0x01, PIC2_DATA);
	io_delay();
	cached_mask = 0xFFFF;
	write_mask();
}
