/*
 * Device interrupt handlers, as in Linux's include/linux/interrupt.h. IRQ
 * numbers are the legacy ISA numbers (0 timer, 1 keyboard, 4 COM1, ...);
 * the arch code routes each to its I/O APIC pin or PIC line.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>

typedef enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
} irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev);

/**
 * request_irq - install a handler for an interrupt line and unmask it
 * @irq: the ISA IRQ number
 * @handler: called in interrupt context, with interrupts off
 * @flags: unused (Linux's IRQF_*)
 * @name: shown in the interrupt counts
 * @dev: passed to @handler
 *
 * Return: 0, -EINVAL for a bad line, -EBUSY if the line is taken.
 */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev);
void free_irq(unsigned int irq, void *dev);

#endif
