/*
 * The kernel side of the mmap constants (Linux's include/linux/mman.h):
 * the user-visible values come from <uapi/linux/mman.h>; this adds the
 * translation of PROT_* and MAP_* into VM_* flags.
 */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include <linux/mm.h>
#include <uapi/linux/mman.h>

/* PROT_* to VM_READ/VM_WRITE/VM_EXEC (the bits line up, as in Linux). */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN) ? VM_GROWSDOWN : 0;
}

#endif
