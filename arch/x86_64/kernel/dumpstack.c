/*
 * Oops reports and backtraces, after arch/x86/kernel/dumpstack.c. The
 * backtrace follows the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer): each frame holds the caller's rbp and the
 * return address above it. entry.asm adds a frame for the interrupted
 * code, so a trace from a handler continues into what was interrupted.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/string.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <spindle/arch.h>
#include <spindle/oops.h>
#include <spindle/task.h>
#include <linux/sched.h>

#define MAX_FRAMES 32

extern char _text[], _etext[];

static int die_counter;

/* True if a frame record (two words) at @addr may be read: aligned and
 * mapped, so that a corrupt frame pointer ends the trace, not the kernel. */
static bool stack_addr_ok(unsigned long addr)
{
	struct pte_info info;

	if (addr & 7 || addr < PAGE_OFFSET)
		return false;
	return lookup_address(addr, &info) && lookup_address(addr + 15, &info);
}

/* Kernel or loaded-module code (Linux's __kernel_text_address()). */
static bool is_kernel_text(unsigned long addr)
{
	return (addr >= (unsigned long)_text && addr < (unsigned long)_etext) ||
	       is_module_text_address(addr);
}

/*
 * Where the return address of the function interrupted at @rip lies on
 * its stack (@rsp), if the frame chain does not have it: at the first
 * instruction of a function that makes a frame record (push rbp) it is on
 * top, after that push one word up; from the mov rbp, rsp on, the chain
 * has it (0). A leaf the compiler left without a frame record keeps it on
 * top throughout, as does a call outside kernel text (into data). The
 * caller checks that the word found is kernel text.
 */
static unsigned long unframed_return_slot(unsigned long rip, unsigned long rsp)
{
	unsigned long size, off;

	if (!is_kernel_text(rip))
		return rsp;
	if (!kallsyms_lookup(rip, &size, &off))
		return 0;
	if (*(const u8 *)(rip - off) != 0x55)		/* push rbp */
		return rsp;
	return off <= 1 ? rsp + off * 8 : 0;
}

/* The interrupted code at @rip, and its caller when it had no frame yet. */
static void show_interrupted(unsigned long rip, unsigned long rsp)
{
	unsigned long slot = rsp ? unframed_return_slot(rip, rsp) : 0;

	pr_emerg(" %pS\n", (void *)rip);
	if (slot && stack_addr_ok(slot) && is_kernel_text(*(unsigned long *)slot))
		pr_emerg(" %pB\n", (void *)*(unsigned long *)slot);
}

/* Does @ret return into interrupt_common? Then the frame above it is the
 * one entry.asm built for the interrupted code, with pt_regs above it. */
static bool returns_into_entry(unsigned long ret)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(ret - 1, &size, &off);

	return name && !strcmp(name, "interrupt_common");
}

/*
 * @rip and @rsp are where a fault or interrupt hit, or 0. A frame of
 * entry.asm holds an interrupted rip, not a return address: it is named
 * exactly (%pS, not %pB), and a function interrupted before it made its
 * frame record gets its caller from the stack (Linux prints such callers
 * from its stack scan, marked "?").
 */
static void show_trace(unsigned long rip, unsigned long rbp, unsigned long rsp)
{
	bool entry = false;

	pr_emerg("Call Trace:\n");
	if (rip)
		show_interrupted(rip, rsp);
	for (int i = 0; i < MAX_FRAMES && stack_addr_ok(rbp); i++) {
		unsigned long *frame = (unsigned long *)rbp;
		unsigned long ret = frame[1];

		if (!is_kernel_text(ret))
			break;
		if (entry) {
			const struct pt_regs *regs = (const void *)(frame + 2);

			show_interrupted(ret, stack_addr_ok(regs->rsp) ? regs->rsp : 0);
		} else {
			/* A return address points after the call: %pB names
			 * the caller. */
			pr_emerg(" %pB\n", (void *)ret);
		}
		entry = returns_into_entry(ret);
		if (frame[0] <= rbp)
			break;		/* stacks grow down: the chain goes up */
		rbp = frame[0];
	}
}

void arch_show_regs(const struct pt_regs *r)
{
	pr_emerg("RIP: %04lx:%pS\n", (unsigned long)r->cs, (void *)r->rip);
	pr_emerg("RSP: %04lx:%016lx EFLAGS: %08lx\n", (unsigned long)r->ss,
		 (unsigned long)r->rsp, (unsigned long)r->rflags);
	pr_emerg("RAX: %016lx RBX: %016lx RCX: %016lx\n",
		 (unsigned long)r->rax, (unsigned long)r->rbx, (unsigned long)r->rcx);
	pr_emerg("RDX: %016lx RSI: %016lx RDI: %016lx\n",
		 (unsigned long)r->rdx, (unsigned long)r->rsi, (unsigned long)r->rdi);
	pr_emerg("RBP: %016lx R08: %016lx R09: %016lx\n",
		 (unsigned long)r->rbp, (unsigned long)r->r8, (unsigned long)r->r9);
	pr_emerg("R10: %016lx R11: %016lx R12: %016lx\n",
		 (unsigned long)r->r10, (unsigned long)r->r11, (unsigned long)r->r12);
	pr_emerg("R13: %016lx R14: %016lx R15: %016lx\n",
		 (unsigned long)r->r13, (unsigned long)r->r14, (unsigned long)r->r15);
	pr_emerg("CR0: %016lx CR2: %016lx CR3: %016lx\n", read_cr0(),
		 read_cr2(), read_cr3());
	pr_emerg("CR4: %016lx\n", read_cr4());
}

/* With @regs: the trace of the interrupted code; without: of the caller. */
void arch_dump_stack(const struct pt_regs *regs)
{
	if (regs) {
		show_trace(regs->rip, regs->rbp, regs->rsp);
		return;
	}
	show_trace(0, (unsigned long)__builtin_frame_address(0), 0);
}

/* The trace of a task that is off the CPU: __switch_to_asm pushed rbp
 * and five more registers, below the return address into the scheduler. */
void arch_show_task_stack(const struct task_struct *p)
{
	const unsigned long *sp = (const unsigned long *)p->thread.sp;

	if (!stack_addr_ok((unsigned long)sp) || !stack_addr_ok((unsigned long)&sp[5]))
		return;
	show_trace(sp[6], sp[5], 0);
}

/*
 * After the report, as Linux's oops_end(): the faulting thread dies and
 * the kernel goes on (make_task_dead()), unless the fault hit where
 * killing a thread cannot recover: an interrupt handler, code holding a
 * spinlock or otherwise atomic, or a task the system cannot lose.
 */
static __noreturn void oops_end(void)
{
	if (in_interrupt())
		panic("Fatal exception in interrupt");
	if (preempt_count())
		panic("Fatal exception with preemption disabled (spinlock held?)");
	local_irq_enable();
	module_abort_init();	/* died in a module's init? */
	make_task_dead(SIGSEGV);	/* panics for idle, init and kthreadd */
}

void __die(const char *str, struct pt_regs *regs, unsigned long err)
{
	local_irq_disable();
	pr_emerg("%s: %04lx [#%d] PREEMPT\n", str, err, ++die_counter);
	pr_emerg("CPU: %d PID: %d Comm: %s\n", smp_processor_id(), current->pid,
		 current->comm);
	print_modules();
	arch_show_regs(regs);
	arch_dump_stack(regs);
	pr_emerg("---[ end trace ]---\n");
}

void die(const char *str, struct pt_regs *regs, unsigned long err)
{
	__die(str, regs, err);
	oops_end();
}
