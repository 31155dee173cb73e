/*
 * The architecture's part of creating and switching tasks, as Linux's
 * arch/x86/kernel/process_64.c (__switch_to) and process.c (copy_thread).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <spindle/kstack.h>
#include <spindle/sched_arch.h>

#define MSR_GS_BASE 0xC0000101

extern char ret_from_fork_asm[];

static struct pcpu_hot pcpu_hot[NR_CPUS];

void pcpu_hot_init(unsigned int cpu, struct task_struct *idle)
{
	pcpu_hot[cpu].current_task = idle;
	pcpu_hot[cpu].cpu_number = cpu;
	pcpu_hot[cpu].preempt_count = PREEMPT_ENABLED;
	wrmsr(MSR_GS_BASE, (unsigned long)&pcpu_hot[cpu]);
}

struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

/* Second half of the switch, on the new task's stack. Returns @prev. */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	set_current(next);
	return prev;
}

/*
 * The frame __switch_to_asm pops for a task that never ran: six saved
 * registers (rbx = @fn, r12 = @arg, rbp = 0 to end backtraces) and the
 * return address ret_from_fork_asm, placed so the stack is 16-byte
 * aligned when it calls on.
 */
struct fork_frame {
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret_addr;
	unsigned long pad[2];
};

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	struct fork_frame *frame = (struct fork_frame *)((char *)p->stack +
							 THREAD_SIZE) - 1;

	*frame = (struct fork_frame){
		.rbx = (unsigned long)fn,
		.r12 = (unsigned long)arg,
		.ret_addr = (unsigned long)ret_from_fork_asm,
	};
	p->thread.sp = (unsigned long)frame;
}
