/*
 * Changing the rights of kernel pages already mapped, as Linux's
 * arch/x86/include/asm/set_memory.h (used for module W^X). @addr is
 * page-aligned; @numpages 4 KiB pages from it.
 */
#ifndef _ASM_SET_MEMORY_H
#define _ASM_SET_MEMORY_H

int set_memory_ro(unsigned long addr, int numpages);
int set_memory_rw(unsigned long addr, int numpages);
int set_memory_x(unsigned long addr, int numpages);
int set_memory_nx(unsigned long addr, int numpages);

#endif
