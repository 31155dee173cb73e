/*
 * The machine state a signal handler sees and rt_sigreturn restores, with
 * Linux's x86-64 layout (arch/x86/include/uapi/asm/sigcontext.h,
 * ucontext.h): glibc and every debugger read these offsets.
 */
#ifndef _UAPI_ASM_SIGCONTEXT_H
#define _UAPI_ASM_SIGCONTEXT_H

#include <linux/types.h>
#include <uapi/linux/signal.h>

/* The fxsave image sigcontext.fpstate points at (struct _fpstate_64). */
struct _fpstate_64 {
	u16 cwd, swd, twd, fop;
	u64 rip, rdp;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];
	u32 xmm_space[64];
	u32 reserved2[12];
	u32 sw_reserved[12];	/* XSAVE's marker; zero here (no xstate) */
};

struct sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	u64 eflags;
	u16 cs, gs, fs, ss;
	u64 err;
	u64 trapno;
	u64 oldmask;
	u64 cr2;
	u64 fpstate;		/* struct _fpstate_64 __user *, or 0 */
	u64 reserved1[8];
};

/* uc_flags */
#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2	/* sigcontext.ss is saved */
#define UC_STRICT_RESTORE_SS 0x4	/* and restored */

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;	/* last, so it can grow */
};

#endif
