/*
 * What the ELF loader needs to know about x86-64 (Linux's
 * arch/x86/include/asm/elf.h): where programs and their stack go
 * without address randomisation, the platform name and the CPU feature
 * word passed in the auxiliary vector.
 */
#ifndef _ASM_ELF_H
#define _ASM_ELF_H

#include <linux/uaccess.h>
#include <asm/processor.h>

/* Static-pie programs load at two thirds of user space, as Linux. */
#define ELF_ET_DYN_BASE 0x555555554000UL
/* The top of the stack of a new program (Linux's STACK_TOP, unrandomised). */
#define STACK_TOP TASK_SIZE_MAX
#define ELF_PLATFORM "x86_64"
/* Ticks per second as user space counts them (times(), /proc). */
#define USER_HZ 100

/* AT_HWCAP: CPUID leaf 1's EDX feature bits, as Linux's ELF_HWCAP. */
static inline unsigned long elf_hwcap(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return d;
}

#endif
