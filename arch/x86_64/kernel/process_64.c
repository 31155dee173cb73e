/*
 * The architecture's part of creating and switching tasks, as Linux's
 * arch/x86/kernel/process_64.c (__switch_to, start_thread, arch_prctl)
 * and process.c (copy_thread, ret_from_fork).
 *
 * Every task's kernel stack ends with a struct pt_regs (task_pt_regs()):
 * the user registers while the task is in the kernel. __switch_to points
 * TSS.rsp0 and this CPU's pcpu_hot.top_of_stack at the next task's stack
 * top, so its next entry from ring 3 saves them there, and for a task
 * with user state it saves and loads the FPU registers and the FS and
 * user GS bases.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <spindle/kstack.h>
#include <spindle/sched_arch.h>

/* The offsets calling.inc and entry_64.asm use. */
_Static_assert(__builtin_offsetof(struct pt_regs, orig_rax) == 15 * 8, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, rip) == 18 * 8, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, rsp) == 21 * 8, "pt_regs");
_Static_assert(sizeof(struct pt_regs) == 23 * 8, "pt_regs");
_Static_assert(PCPU_OFFSET(top_of_stack) == PCPU_HOT_top_of_stack, "pcpu_hot");
_Static_assert(PCPU_OFFSET(user_rsp_scratch) == PCPU_HOT_user_rsp_scratch, "pcpu_hot");

extern char ret_from_fork_asm[];

static struct pcpu_hot pcpu_hot[NR_CPUS];

void pcpu_hot_init(unsigned int cpu, struct task_struct *idle)
{
	pcpu_hot[cpu].current_task = idle;
	pcpu_hot[cpu].cpu_number = cpu;
	pcpu_hot[cpu].preempt_count = PREEMPT_ENABLED;
	wrmsr(MSR_GS_BASE, (unsigned long)&pcpu_hot[cpu]);
}

struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((char *)p->stack + THREAD_SIZE) - 1;
}

struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

/*
 * Second half of the switch, on the new task's stack. Returns @prev.
 * The FS and user GS bases are read back from the MSRs: user code can
 * change them without the kernel (loading a selector into FS zeroes it).
 */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	struct thread_struct *pt = &prev->thread, *nt = &next->thread;
	unsigned long top = (unsigned long)next->stack + THREAD_SIZE;

	if (pt->user_state) {
		fxsave(&pt->fpu);
		pt->fsbase = rdmsr(MSR_FS_BASE);
		pt->gsbase = rdmsr(MSR_KERNEL_GS_BASE);
	}
	if (nt->user_state) {
		fxrstor(&nt->fpu);
		wrmsr(MSR_FS_BASE, nt->fsbase);
		wrmsr(MSR_KERNEL_GS_BASE, nt->gsbase);
	}
	this_cpu_write_8(top_of_stack, top);
	load_sp0(top);
	set_current(next);
	return prev;
}

/*
 * The frame __switch_to_asm pops for a task that never ran: six saved
 * registers (rbx = fn, r12 = its argument, rbp = 0 to end backtraces)
 * and the return address ret_from_fork_asm, then one spare word so the
 * stack is 16-byte aligned when it calls on. It sits right below the
 * task's pt_regs.
 */
struct fork_frame {
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret_addr;
	unsigned long pad;
};

/* A user child's registers: the parent's, returning 0 from clone(). */
static int copy_user_thread(struct task_struct *p, struct pt_regs *childregs,
			    const struct kernel_clone_args *args)
{
	struct thread_struct *t = &p->thread;

	*childregs = *current_pt_regs();
	childregs->rax = 0;
	if (args->stack)
		childregs->rsp = args->stack;
	preempt_disable();	/* the parent's live registers and bases */
	t->fsbase = rdmsr(MSR_FS_BASE);
	t->gsbase = rdmsr(MSR_KERNEL_GS_BASE);
	if (current->thread.user_state)
		fxsave(&t->fpu);
	else
		fpu__init_state(&t->fpu);
	preempt_enable();
	if (args->flags & CLONE_SETTLS) {
		if (args->tls >= TASK_SIZE_MAX)
			return -EPERM;
		t->fsbase = args->tls;
	}
	t->user_state = true;
	return 0;
}

/**
 * copy_thread - set up a new task's first switch-in and registers
 * @p: the new task (its stack allocated)
 * @args: @fn set: a kernel thread running @fn(@fn_arg); otherwise a user
 *        task, a copy of current's user registers with rax 0, on
 *        @args->stack if nonzero, FS base @args->tls with CLONE_SETTLS
 *
 * Context: process (fork/clone). Return: 0, or -EPERM for a TLS base
 * outside user space.
 */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct pt_regs *childregs = task_pt_regs(p);
	struct fork_frame *frame = (struct fork_frame *)childregs - 1;

	*frame = (struct fork_frame){ .ret_addr = (unsigned long)ret_from_fork_asm };
	p->thread.sp = (unsigned long)frame;
	p->thread.user_state = false;
	if (args->fn) {
		frame->rbx = (unsigned long)args->fn;
		frame->r12 = (unsigned long)args->fn_arg;
		memset(childregs, 0, sizeof(*childregs));
		return 0;
	}
	return copy_user_thread(p, childregs, args);
}

void ret_from_fork(struct task_struct *prev, struct pt_regs *regs,
		   int (*fn)(void *), void *fn_arg);

/*
 * A new task's first code (from ret_from_fork_asm). A kernel thread runs
 * its function; when that returns, a thread that has become a process
 * (kernel_init after execve gave it an mm and start_thread() its
 * registers) goes to user mode with rax 0, any other exits.
 */
void ret_from_fork(struct task_struct *prev, struct pt_regs *regs,
		   int (*fn)(void *), void *fn_arg)
{
	schedule_tail(prev);
	if (fn) {
		int ret = fn(fn_arg);

		if (!current->mm)
			kthread_fn_returned(ret);
		regs->rax = 0;
	}
	syscall_exit_to_user_mode(regs);
}

/**
 * start_thread - let current start a new program in user mode
 * @regs: current's pt_regs (current_pt_regs())
 * @ip: the entry point
 * @sp: the initial stack pointer
 *
 * For execve: user code and stack selectors, interrupts on, every other
 * register zero (as Linux's ELF_PLAT_INIT), FS and GS bases 0, a clean
 * FPU. The return to user mode that follows uses these registers.
 * Context: process.
 */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	struct thread_struct *t = &current->thread;

	memset(regs, 0, sizeof(*regs));
	regs->orig_rax = -1UL;
	regs->vector = -1UL;
	regs->rip = ip;
	regs->rsp = sp;
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	regs->rflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	preempt_disable();
	t->fsbase = 0;
	t->gsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	preempt_enable();
	fpu__clear_user_state();
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* The base lives in the MSR while current runs; the switch saves it. */
static long arch_set_base(u32 msr, unsigned long base)
{
	if (base >= TASK_SIZE_MAX)
		return -EPERM;
	preempt_disable();
	wrmsr(msr, base);
	if (msr == MSR_FS_BASE)
		current->thread.fsbase = base;
	else
		current->thread.gsbase = base;
	preempt_enable();
	return 0;
}

static long arch_get_base(u32 msr, unsigned long __user *uaddr)
{
	unsigned long base;

	preempt_disable();
	base = rdmsr(msr);
	preempt_enable();
	return put_user(base, uaddr);
}

/* arch_prctl(2): the FS and GS bases of user threads (TLS). */
SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	switch (option) {
	case ARCH_SET_FS:
		return arch_set_base(MSR_FS_BASE, arg2);
	case ARCH_SET_GS:
		return arch_set_base(MSR_KERNEL_GS_BASE, arg2);
	case ARCH_GET_FS:
		return arch_get_base(MSR_FS_BASE, (unsigned long __user *)arg2);
	case ARCH_GET_GS:
		return arch_get_base(MSR_KERNEL_GS_BASE, (unsigned long __user *)arg2);
	default:
		return -EINVAL;
	}
}
