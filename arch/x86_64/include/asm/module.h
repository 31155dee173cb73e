/*
 * x86-64 relocation types a module may use (Linux's
 * arch/x86/include/asm/elf.h), and where module memory lives.
 */
#ifndef _ASM_MODULE_H
#define _ASM_MODULE_H

#define R_X86_64_NONE 0
#define R_X86_64_64 1		/* S + A, 64 bits */
#define R_X86_64_PC32 2		/* S + A - P, 32 bits signed */
#define R_X86_64_PLT32 4	/* as PC32: no PLT in the kernel */
#define R_X86_64_GOTPCREL 9	/* not emitted for -mcmodel=kernel */
#define R_X86_64_32 10		/* S + A, zero-extended */
#define R_X86_64_32S 11		/* S + A, sign-extended */
#define R_X86_64_PC64 24	/* S + A - P, 64 bits */

/*
 * Modules sit above the kernel image, within 2 GiB of it (Linux's
 * MODULES_VADDR..MODULES_END), so -mcmodel=kernel code reaches the
 * kernel with 32-bit displacements and addresses fit R_X86_64_32S.
 */
#define MODULES_VADDR 0xFFFFFFFFA0000000UL
#define MODULES_END 0xFFFFFFFFFF000000UL

#endif
