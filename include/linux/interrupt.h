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

/* Softirqs, highest priority first (Linux's numbering). */
enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	IRQ_POLL_SOFTIRQ,
	TASKLET_SOFTIRQ,
	SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ,
	RCU_SOFTIRQ,
	NR_SOFTIRQS
};

extern const char *const softirq_to_name[NR_SOFTIRQS];

void open_softirq(int nr, void (*action)(void));
void raise_softirq(unsigned int nr);
void raise_softirq_irqoff(unsigned int nr);
void __raise_softirq_irqoff(unsigned int nr);
struct task_struct *this_cpu_ksoftirqd(void);
void do_softirq(void);
unsigned long softirq_count_of(int nr);

/* Around every hard interrupt handler (arch/x86_64/kernel/irq.c). */
void irq_enter(void);
void irq_exit(void);

#endif
