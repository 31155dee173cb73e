/*
 * Running a signal handler in user mode and coming back from it, as
 * Linux's arch/x86/kernel/signal.c (64-bit only, fxsave FPU format).
 *
 * On the way back to user mode with a signal pending,
 * arch_do_signal_or_restart() asks kernel/signal.c (get_signal()) for a
 * signal with a handler, sorts out an interrupted system call (restart
 * it, or make it -EINTR), and builds Linux's rt_sigframe on the user
 * stack: the return address (sa_restorer, which calls rt_sigreturn), a
 * ucontext with the registers, mask and alternate stack, the siginfo,
 * and the FPU registers. rt_sigreturn puts everything back, trusting
 * nothing in the frame that could give user space kernel privileges.
 * Context: process, current only; no locks held except where noted.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/sighandling.h>
#include <uapi/asm/sigcontext.h>

#define NR_restart_syscall 219

/* What the handler's stack holds, at its rsp (Linux's struct rt_sigframe). */
struct rt_sigframe {
	char __user *pretcode;		/* the restorer: the handler returns there */
	struct ucontext uc;
	kernel_siginfo_t info;
	/* the FPU state follows, 64-byte aligned (uc_mcontext.fpstate) */
};

_Static_assert(sizeof(struct _fpstate_64) == sizeof(struct fxregs_state), "fpstate");
_Static_assert(sizeof(kernel_siginfo_t) == 128, "siginfo");

/* RFLAGS bits user space may set through rt_sigreturn (Linux's FIX_EFLAGS);
 * never IF, IOPL, NT or VM. */
#define FIX_EFLAGS (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
		    X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
		    X86_EFLAGS_CF | X86_EFLAGS_RF)

static bool on_sig_stack(unsigned long sp)
{
	return sp - current->sas_ss_sp < current->sas_ss_size;
}

static bool canonical(unsigned long addr)
{
	return (unsigned long)((long)(addr << 16) >> 16) == addr;
}

/*
 * Where the frame goes: below the red zone of the interrupted stack, or
 * at the top of the alternate stack for SA_ONSTACK. The FPU image is
 * 64-byte aligned, and the frame placed so that rsp + 8 is 16-byte
 * aligned at the handler's first instruction, as after a call.
 */
static struct rt_sigframe __user *get_sigframe(struct ksignal *ksig,
					       struct pt_regs *regs,
					       unsigned long *fpstate)
{
	unsigned long sp = regs->rsp - 128;	/* the ABI's red zone */

	if ((ksig->ka.sa.sa_flags & SA_ONSTACK) && current->sas_ss_size &&
	    !on_sig_stack(regs->rsp))
		sp = current->sas_ss_sp + current->sas_ss_size;
	sp = (sp - sizeof(struct _fpstate_64)) & ~63UL;
	*fpstate = sp;
	sp -= sizeof(struct rt_sigframe);
	return (struct rt_sigframe __user *)((sp & ~15UL) - 8);
}

static void fill_sigcontext(struct sigcontext *sc, const struct pt_regs *regs,
			    unsigned long fpstate, unsigned long mask)
{
	*sc = (struct sigcontext){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.rdi = regs->rdi, .rsi = regs->rsi, .rbp = regs->rbp, .rbx = regs->rbx,
		.rdx = regs->rdx, .rax = regs->rax, .rcx = regs->rcx, .rsp = regs->rsp,
		.rip = regs->rip, .eflags = regs->rflags,
		.cs = regs->cs, .ss = regs->ss,
		.err = regs->error_code,
		.trapno = regs->vector == -1UL ? 0 : regs->vector,
		.oldmask = mask,
		.cr2 = regs->vector == 14 ? read_cr2() : 0,
		.fpstate = fpstate,
	};
}

/* The live FPU registers to the user's frame. */
static int save_fpstate(unsigned long fpstate)
{
	struct fxregs_state *fx = &current->thread.fpu;

	preempt_disable();
	fxsave(fx);
	preempt_enable();
	/* fxsave leaves bytes 464..511 alone: no kernel data may leak. */
	memset(fx->padding, 0, sizeof(fx->padding));
	return copy_to_user((void __user *)fpstate, fx, sizeof(*fx)) ? -EFAULT : 0;
}

int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	struct rt_sigframe __user *frame;
	struct rt_sigframe kf;
	unsigned long fpstate;

	/* x86-64 has no trampoline in the kernel: libc must give one. */
	if (!(ksig->ka.sa.sa_flags & SA_RESTORER))
		return -EFAULT;
	frame = get_sigframe(ksig, regs, &fpstate);
	if (!access_ok(frame, fpstate + sizeof(struct _fpstate_64) - (unsigned long)frame))
		return -EFAULT;

	memset(&kf, 0, sizeof(kf));
	kf.pretcode = (char __user *)ksig->ka.sa.sa_restorer;
	kf.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	kf.uc.uc_stack.ss_sp = (void *)current->sas_ss_sp;
	kf.uc.uc_stack.ss_size = current->sas_ss_size;
	kf.uc.uc_stack.ss_flags = !current->sas_ss_size ? SS_DISABLE :
				  on_sig_stack(regs->rsp) ? SS_ONSTACK : 0;
	/* The mask to restore: rt_sigsuspend's saved one, if it replaced it. */
	fill_sigcontext(&kf.uc.uc_mcontext, regs, fpstate, sigmask_to_save()->sig[0]);
	kf.uc.uc_sigmask = *sigmask_to_save();
	kf.info = ksig->info;
	if (copy_to_user(frame, &kf, sizeof(kf)) || save_fpstate(fpstate))
		return -EFAULT;

	/* The handler: (sig, &info, &uc), fresh FPU state, no single-step. */
	regs->rdi = ksig->sig;
	regs->rsi = (unsigned long)&frame->info;
	regs->rdx = (unsigned long)&frame->uc;
	regs->rax = 0;
	regs->rip = (unsigned long)ksig->ka.sa.sa_handler;
	regs->rsp = (unsigned long)frame;
	regs->rflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	fpu__clear_user_state();
	return 0;
}

/* A system call interrupted by a handled signal: restart or -EINTR. */
static void handler_syscall_restart(struct pt_regs *regs, const struct ksignal *ksig)
{
	switch ((long)regs->rax) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		regs->rax = -EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ksig->ka.sa.sa_flags & SA_RESTART)) {
			regs->rax = -EINTR;
			break;
		}
		fallthrough;
	case -ERESTARTNOINTR:
		regs->rax = regs->orig_rax;
		regs->rip -= 2;		/* the syscall instruction again */
		break;
	}
}

/* No handler ran: every restart code restarts. */
static void plain_syscall_restart(struct pt_regs *regs)
{
	switch ((long)regs->rax) {
	case -ERESTARTNOHAND:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
		regs->rax = regs->orig_rax;
		regs->rip -= 2;
		break;
	case -ERESTART_RESTARTBLOCK:
		regs->rax = NR_restart_syscall;
		regs->rip -= 2;
		break;
	}
}

/**
 * arch_do_signal_or_restart - deliver current's pending signal
 * @regs: current's user registers, about to be restored
 *
 * Called by the exit-to-user work when a signal is pending. A signal
 * whose action is a handler gets its frame; defaults (ignore, stop,
 * die) happen inside get_signal().
 * Context: process, interrupts on.
 */
void arch_do_signal_or_restart(struct pt_regs *regs)
{
	bool in_syscall = (long)regs->orig_rax >= 0;
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		if (in_syscall)
			handler_syscall_restart(regs, &ksig);
		signal_setup_done(setup_rt_frame(&ksig, regs) < 0, &ksig);
		return;
	}
	if (in_syscall)
		plain_syscall_restart(regs);
	/* No handler ran: rt_sigsuspend's temporary mask goes now. */
	restore_saved_sigmask();
}

/* The registers from the frame; only what user mode may choose. */
static int restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc)
{
	if (!canonical(sc->rip))
		return -EFAULT;	/* iret to it would fault in the kernel */
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10;
	regs->r11 = sc->r11; regs->r12 = sc->r12; regs->r13 = sc->r13;
	regs->r14 = sc->r14; regs->r15 = sc->r15; regs->rdi = sc->rdi;
	regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rax = sc->rax; regs->rcx = sc->rcx;
	regs->rsp = sc->rsp; regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	regs->cs = GDT_USER_CS;		/* never a selector of the kernel's */
	regs->ss = GDT_USER_DS;
	regs->orig_rax = -1UL;		/* not in a system call: no restart */
	return 0;
}

/* The FPU registers from the frame; 0 means a fresh state. */
static int restore_fpstate(unsigned long fpstate)
{
	struct fxregs_state fx;

	if (!fpstate) {
		fpu__clear_user_state();
		return 0;
	}
	if (copy_from_user(&fx, (const void __user *)fpstate, sizeof(fx)))
		return -EFAULT;
	fx.mxcsr &= fpu__mxcsr_mask();	/* reserved bits: #GP in fxrstor */
	preempt_disable();
	current->thread.fpu = fx;
	fxrstor(&current->thread.fpu);
	current->thread.user_state = true;
	preempt_enable();
	return 0;
}

/* sigaltstack as saved in the frame, unless we are running on it. */
static void restore_altstack(const stack_t *ss, unsigned long sp)
{
	if (on_sig_stack(sp))
		return;
	if (ss->ss_flags & SS_DISABLE) {
		current->sas_ss_sp = 0;
		current->sas_ss_size = 0;
	} else if (ss->ss_size >= MINSIGSTKSZ &&
		   (unsigned long)ss->ss_sp + ss->ss_size <= TASK_SIZE_MAX) {
		current->sas_ss_sp = (unsigned long)ss->ss_sp;
		current->sas_ss_size = ss->ss_size;
	}
}

/* rt_sigreturn(2): back from a handler, through the frame at rsp - 8
 * (the handler's ret popped pretcode). A bad frame is a SIGSEGV. */
SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe __user *frame =
		(struct rt_sigframe __user *)(regs->rsp - sizeof(char *));
	struct ucontext uc;

	if (copy_from_user(&uc, &frame->uc, sizeof(uc)))
		goto badframe;
	set_current_blocked(&uc.uc_sigmask);	/* never SIGKILL or SIGSTOP */
	if (restore_sigcontext(regs, &uc.uc_mcontext) ||
	    restore_fpstate(uc.uc_mcontext.fpstate))
		goto badframe;
	restore_altstack(&uc.uc_stack, regs->rsp);
	return regs->rax;	/* the interrupted code's rax, unchanged */
badframe:
	force_sig(SIGSEGV);
	return 0;
}
