/*
 * Interrupt vectors and the interrupt-controller interface. Device IRQ n
 * arrives on vector IRQ0_VECTOR + n whichever controller routes it; the
 * local APIC's own interrupts use fixed vectors near the top, as Linux's
 * asm/irq_vectors.h.
 */
#ifndef _ASM_IRQ_H
#define _ASM_IRQ_H

#include <linux/types.h>

struct pt_regs;

#define NR_IRQS 24			/* I/O APIC pins; the PIC uses 16 */
#define IRQ0_VECTOR 0x20
#define LOCAL_TIMER_VECTOR 0xEC
/* The xHCI controller's MSI (drivers/usb/host/xhci.c); Linux allocates
 * MSI vectors dynamically, Spindle has one MSI user. */
#define XHCI_MSI_VECTOR 0xE0
/* Interprocessor interrupts, Linux's vectors (asm/irq_vectors.h). */
#define CALL_FUNCTION_SINGLE_VECTOR 0xFB
#define CALL_FUNCTION_VECTOR 0xFC
#define RESCHEDULE_VECTOR 0xFD
#define ERROR_APIC_VECTOR 0xFE
#define SPURIOUS_APIC_VECTOR 0xFF
#define PIC_SPURIOUS_VECTOR (IRQ0_VECTOR + 7)

/* An interrupt controller, as Linux's struct irq_chip. */
struct irq_chip {
	const char *name;
	void (*mask)(unsigned int irq);
	void (*unmask)(unsigned int irq);
	void (*eoi)(unsigned int irq);
};

/* Chooses the controller device IRQs go through (PIC or I/O APIC). */
void irq_set_chip(const struct irq_chip *chip);
const struct irq_chip *irq_get_chip(void);

/* Handlers for the APIC's own vectors (timer, spurious, error). */
typedef void (*sysvec_handler_t)(struct pt_regs *regs);
void set_system_vector(unsigned int vector, sysvec_handler_t handler);

/* How many times IRQ @irq has fired, and its name (NULL if unused). */
u64 irq_count(unsigned int irq, const char **name);

#endif
