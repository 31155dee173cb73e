/* CPU helpers: pause, control registers, MSRs, CPUID, TSC. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <linux/types.h>
#include <asm/ptrace.h>

/* Tells the CPU we are spinning (saves power, helps a sibling thread). */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)val),
			     "d"((u32)(val >> 32)) : "memory");
}

static inline void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	cpuid_count(leaf, 0, a, b, c, d);
}

static inline unsigned long read_cr2(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr3(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline unsigned long read_cr0(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr4(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void halt(void)
{
	__asm__ __volatile__("hlt" : : : "memory");
}

#define MSR_EFER 0xC0000080
#define MSR_STAR 0xC0000081		/* syscall/sysret segment bases */
#define MSR_LSTAR 0xC0000082		/* 64-bit syscall entry point */
#define MSR_SYSCALL_MASK 0xC0000084	/* RFLAGS bits syscall clears */
#define MSR_FS_BASE 0xC0000100
#define MSR_GS_BASE 0xC0000101
#define MSR_KERNEL_GS_BASE 0xC0000102	/* swapped in by swapgs */
#define MSR_APIC_BASE 0x1B
#define EFER_SCE (1UL << 0)		/* syscall/sysret enabled */

#define X86_CR0_MP (1UL << 1)		/* monitor coprocessor */
#define X86_CR0_EM (1UL << 2)		/* x87 emulation: must be off */
#define X86_CR0_TS (1UL << 3)		/* task switched: lazy FPU trap */
#define X86_CR0_NE (1UL << 5)		/* native x87 errors (#MF) */
#define X86_CR4_OSFXSR (1UL << 9)	/* fxsave/fxrstor, SSE enabled */
#define X86_CR4_OSXMMEXCPT (1UL << 10)	/* SIMD exceptions raise #XM */

/* RFLAGS bits (Linux's asm/processor-flags.h) */
#define X86_EFLAGS_CF 0x00000001UL
#define X86_EFLAGS_FIXED 0x00000002UL	/* bit 1 always reads 1 */
#define X86_EFLAGS_PF 0x00000004UL
#define X86_EFLAGS_AF 0x00000010UL
#define X86_EFLAGS_ZF 0x00000040UL
#define X86_EFLAGS_SF 0x00000080UL
#define X86_EFLAGS_TF 0x00000100UL
#define X86_EFLAGS_DF 0x00000400UL
#define X86_EFLAGS_OF 0x00000800UL
#define X86_EFLAGS_IOPL 0x00003000UL
#define X86_EFLAGS_NT 0x00004000UL
#define X86_EFLAGS_RF 0x00010000UL
#define X86_EFLAGS_AC 0x00040000UL

/* The fxsave image of the x87, MMX and SSE registers (Linux's struct
 * fxregs_state): 512 bytes, 16-byte aligned. */
struct fxregs_state {
	u16 cwd, swd, twd, fop;
	u64 rip, rdp;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];	/* 8 x87 registers, 16 bytes each */
	u32 xmm_space[64];	/* 16 xmm registers, 16 bytes each */
	u32 padding[24];
} __attribute__((aligned(16)));

/*
 * A task's CPU state that is not on its stack (Linux's struct
 * thread_struct, asm/processor.h). @sp must stay first: switch_to.asm
 * uses offset 0. fsbase/gsbase are a user task's TLS bases (gsbase is
 * the user's, kept in MSR_KERNEL_GS_BASE while in the kernel). The FPU
 * registers are saved here on every switch away from a task that has
 * user state (@user_state), eagerly, as Linux does.
 */
struct thread_struct {
	unsigned long sp;
	unsigned long fsbase;
	unsigned long gsbase;
	bool user_state;	/* runs in user mode: switch FPU, FS, GS */
	struct fxregs_state fpu;
};

struct pt_regs;
/* execve: current's user registers start a new program (process_64.c). */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);

#endif
