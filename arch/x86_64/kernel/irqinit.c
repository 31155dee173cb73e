/*
 * init_IRQ(): choose how device interrupts arrive. The PIC is always
 * remapped and masked first; with an ACPI MADT the local APIC and I/O
 * APIC take over and the PIC stays masked for good, otherwise the PIC
 * stays in charge (with a warning), as Linux falls back when it finds no
 * APIC. Mirrors native_init_IRQ() in arch/x86/kernel/irqinit.c and the
 * APIC_init_uniprocessor() path of arch/x86/kernel/apic/apic.c.
 */
#include <linux/kernel.h>
#include <asm/irq.h>
#include <asm/i8259.h>
#include <asm/apic.h>
#include <spindle/arch.h>

void init_IRQ(void)
{
	i8259_init();
	if (apic_init() == 0) {
		pr_info("init_IRQ: local APIC and I/O APIC in use; 8259 PIC masked\n");
		return;
	}
	pr_warn("init_IRQ: no usable APIC; using the legacy 8259 PIC\n");
	irq_set_chip(&i8259_chip);
}
