/*
 * Supervisor Mode Access Prevention, as Linux's asm/smap.h. With SMAP on
 * (CR4.SMAP, set in arch/x86_64/mm/init.c when CPUID has it) the kernel
 * faults on any access to a user page unless RFLAGS.AC is set, so the
 * user-access functions open that window with stac and close it with
 * clac. Linux patches the instructions in at boot (alternatives); here a
 * flag tested before each is enough: one well-predicted branch per copy,
 * and stac/clac would be #UD on a CPU without SMAP.
 */
#ifndef _ASM_SMAP_H
#define _ASM_SMAP_H

#include <linux/types.h>

extern bool x86_smap_enabled;

static __always_inline void stac(void)
{
	if (x86_smap_enabled)
		__asm__ __volatile__("stac" : : : "memory");
}

static __always_inline void clac(void)
{
	if (x86_smap_enabled)
		__asm__ __volatile__("clac" : : : "memory");
}

#endif
