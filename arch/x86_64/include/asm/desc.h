/*
 * Descriptor tables: the GDT (code and data segments and the TSS) and the
 * IDT (one gate per vector). Segment selectors and the IST stack numbers
 * used by the exception gates live here too.
 */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#include <linux/types.h>

#define GDT_KERNEL_CS 0x08
#define GDT_KERNEL_DS 0x10
#define GDT_USER_DS 0x1b
#define GDT_USER_CS 0x23
#define GDT_TSS 0x28

/* Interrupt stack table slots (1-based, as the gate's IST field). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3
#define IST_STACK_SIZE 8192

/* Loads this CPU's GDT and TSS; @cpu picks its IST stacks. */
void cpu_tables_init(unsigned int cpu);
/* Fills and loads the IDT. */
void idt_setup(void);
void idt_load(void);
/* This CPU's TSS.rsp0: the stack an interrupt from ring 3 starts on. */
void load_sp0(unsigned long sp0);
/* The top of the IST stack @ist (1-based) of @cpu, for stack checks. */
unsigned long ist_stack_top(unsigned int cpu, int ist);

#endif
