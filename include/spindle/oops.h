/* Reporting a kernel fault: an "oops" (arch/x86_64/kernel/dumpstack.c). */
#ifndef _SPINDLE_OOPS_H
#define _SPINDLE_OOPS_H

#include <linux/compiler.h>

struct pt_regs;

/* Addresses this low are reported as a NULL pointer dereference. */
#define PAGE_SIZE_FOR_NULL 4096

/**
 * die - report a fatal kernel fault and stop
 * @str: what happened ("invalid opcode", "Oops", ...)
 * @regs: the registers at the fault
 * @err: the CPU's error code
 */
void die(const char *str, struct pt_regs *regs, unsigned long err) __noreturn;
/* The report alone, for faults that must then stop the machine. */
void __die(const char *str, struct pt_regs *regs, unsigned long err);
const char *exception_name(unsigned int vector);

#endif
