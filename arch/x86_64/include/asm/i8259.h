/* The legacy PIC (arch/x86_64/apic/i8259.c). */
#ifndef _ASM_I8259_H
#define _ASM_I8259_H

#include <asm/irq.h>

extern const struct irq_chip i8259_chip;
/* Remaps the PIC to IRQ0_VECTOR.. and masks every line. */
void i8259_init(void);

#endif
