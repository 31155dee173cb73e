/* Page-fault error code bits (Intel SDM vol. 3, 4.7), Linux's names. */
#ifndef _ASM_TRAP_PF_H
#define _ASM_TRAP_PF_H

#define X86_PF_PROT (1UL << 0)	/* 0: not present, 1: protection */
#define X86_PF_WRITE (1UL << 1)
#define X86_PF_USER (1UL << 2)	/* from user mode */
#define X86_PF_RSVD (1UL << 3)	/* reserved bit set in an entry */
#define X86_PF_INSTR (1UL << 4)	/* instruction fetch */

#endif
