/* The kernel page tables and their setup (arch/x86_64/mm/). */
#ifndef _ASM_KERNEL_PGTABLE_H
#define _ASM_KERNEL_PGTABLE_H

#include <asm/pgtable.h>

extern pteval_t *kernel_pgd;
extern pteval_t early_pml4[];

/* Builds the final page tables (direct map of all RAM, W^X kernel image)
 * and switches to them. Context: boot, after memblock knows the RAM. */
void init_mem_mapping(void);

/* Programs the PAT so that PWT selects write-combining (asm/pgtable.h). */
void pat_init(void);

#endif
