/* Exception vector numbers, as in Linux's asm/trapnr.h. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

struct pt_regs;

#define X86_TRAP_DE 0		/* divide error */
#define X86_TRAP_DB 1		/* debug */
#define X86_TRAP_NMI 2		/* non-maskable interrupt */
#define X86_TRAP_BP 3		/* breakpoint (int3) */
#define X86_TRAP_OF 4		/* overflow */
#define X86_TRAP_BR 5		/* bound range exceeded */
#define X86_TRAP_UD 6		/* invalid opcode */
#define X86_TRAP_NM 7		/* device not available */
#define X86_TRAP_DF 8		/* double fault */
#define X86_TRAP_OLD_MF 9	/* coprocessor segment overrun */
#define X86_TRAP_TS 10		/* invalid TSS */
#define X86_TRAP_NP 11		/* segment not present */
#define X86_TRAP_SS 12		/* stack segment fault */
#define X86_TRAP_GP 13		/* general protection fault */
#define X86_TRAP_PF 14		/* page fault */
#define X86_TRAP_SPURIOUS 15
#define X86_TRAP_MF 16		/* x87 floating point error */
#define X86_TRAP_AC 17		/* alignment check */
#define X86_TRAP_MC 18		/* machine check */
#define X86_TRAP_XF 19		/* SIMD floating point error */
#define X86_TRAP_VE 20		/* virtualization exception */
#define X86_TRAP_CP 21		/* control protection */
#define X86_TRAP_VC 29		/* VMM communication */
#define X86_TRAP_SX 30		/* security exception */
#define FIRST_EXTERNAL_VECTOR 32

/* Entry from entry.asm for every vector. */
void x86_interrupt(struct pt_regs *regs);
/* Handles vectors 0..31. */
void do_exception(struct pt_regs *regs);
/* Vector 14 (arch/x86_64/mm/fault.c): user faults are resolved or
 * signalled; kernel ones resolved, fixed up or oopsed. */
void do_page_fault(struct pt_regs *regs, unsigned long error_code,
		   unsigned long address);
/* Prints the page-fault oops and dies (traps.c). */
void page_fault_oops(struct pt_regs *regs, unsigned long address);
/* Handles vectors 32..255 (arch/x86_64/kernel/irq.c). */
void do_irq(struct pt_regs *regs);

#endif
