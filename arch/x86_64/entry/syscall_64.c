/*
 * The x86-64 system-call table and dispatch, as Linux's
 * arch/x86/entry/syscall_64.c and do_syscall_64() in arch/x86/entry/common.c.
 * The table comes from syscall_64.tbl (Linux's numbers) through
 * tools/syscalltbl.py. Every entry point nobody defines is a weak alias
 * of sys_ni_syscall, so a subsystem only writes SYSCALL_DEFINEn(x, ...)
 * and its sys_x replaces the alias at link time.
 * Simplified from Linux: no pt_regs wrappers (the six argument registers
 * are passed as C arguments), no seccomp, audit or tracing hooks.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <linux/uaccess.h>

/*
 * The weak aliases are made in assembly: a C alias attribute would have
 * to repeat each call's own prototype (GCC checks that alias and target
 * types agree), and the table only needs the register-sized form.
 */
#define __SYSCALL(nr, entry, name)                                            \
	long entry(unsigned long, unsigned long, unsigned long, unsigned long, \
		   unsigned long, unsigned long);                             \
	__asm__(".weak " #entry "\n\t.set " #entry ", sys_ni_syscall");
#define __SYSCALL_NONE(nr, name)
#include <syscalls_64.h>
#undef __SYSCALL
#undef __SYSCALL_NONE

#define __SYSCALL(nr, entry, name) [nr] = entry,
#define __SYSCALL_NONE(nr, name) [nr] = sys_ni_syscall_6,
static long sys_ni_syscall_6(unsigned long a, unsigned long b, unsigned long c,
			     unsigned long d, unsigned long e, unsigned long f);
const sys_call_ptr_t sys_call_table[NR_syscalls] = {
#include <syscalls_64.h>
};
#undef __SYSCALL
#undef __SYSCALL_NONE

#define __SYSCALL(nr, entry, name) [nr] = name,
#define __SYSCALL_NONE(nr, name) [nr] = name,
const char *const syscall_names[NR_syscalls] = {
#include <syscalls_64.h>
};
#undef __SYSCALL
#undef __SYSCALL_NONE

/* Per number: has sys_ni_syscall said so for it yet? */
static u8 ni_reported[NR_syscalls];

/**
 * sys_ni_syscall - the answer of every system call nobody implements
 *
 * Logs the first call of each number by name, with the caller, so a
 * program that stops working shows what it was missing.
 * Return: -ENOSYS.
 */
long sys_ni_syscall(void)
{
	unsigned long nr = current_pt_regs()->orig_rax;

	if (nr < NR_syscalls && !__atomic_exchange_n(&ni_reported[nr], 1, __ATOMIC_RELAXED))
		pr_info("spindle: unimplemented syscall %lu (%s) from %s[%d]\n", nr,
			syscall_names[nr], current->comm, current->pid);
	return -ENOSYS;
}

static long sys_ni_syscall_6(unsigned long a, unsigned long b, unsigned long c,
			     unsigned long d, unsigned long e, unsigned long f)
{
	return sys_ni_syscall();
}

/* ktest only (tests/ktest/usermode_test.c): the call behind numbers past
 * the table, so a test can see what arrives. NULL: -ENOSYS. */
sys_call_ptr_t syscall_test_hook;

/*
 * May the return use sysret? Only if it restores exactly what iret
 * would: rcx and r11 still hold rip and rflags, the segments are the
 * user's, and rip is a user address. A non-canonical rip would make
 * sysret fault in ring 0 with the user's rsp on Intel CPUs, and sysret
 * cannot restore RF or single-step cleanly (Linux's same checks).
 */
static bool sysret_allowed(const struct pt_regs *regs)
{
	if (regs->rcx != regs->rip || regs->r11 != regs->rflags)
		return false;
	if (regs->cs != GDT_USER_CS || regs->ss != GDT_USER_DS)
		return false;
	if (regs->rip >= TASK_SIZE_MAX)
		return false;
	return !(regs->rflags & (X86_EFLAGS_RF | X86_EFLAGS_TF));
}

/**
 * do_syscall_64 - run a system call for entry_SYSCALL_64
 * @regs: the caller's registers (rax: -ENOSYS until the call answers)
 * @nr: the number, eax as a signed int (as Linux: upper bits ignored)
 *
 * Context: from user mode, interrupts off; enables them for the call
 * and returns with them off again after the exit-to-user work.
 * Return: true if the return may use sysret, false for iret.
 */
bool do_syscall_64(struct pt_regs *regs, int nr)
{
	unsigned long a0 = regs->rdi, a1 = regs->rsi, a2 = regs->rdx;
	unsigned long a3 = regs->r10, a4 = regs->r8, a5 = regs->r9;

	local_irq_enable();
	if (likely((unsigned int)nr < NR_syscalls))
		regs->rax = sys_call_table[nr](a0, a1, a2, a3, a4, a5);
	else if (syscall_test_hook)
		regs->rax = syscall_test_hook(a0, a1, a2, a3, a4, a5);
	syscall_exit_to_user_mode(regs);
	return sysret_allowed(regs);
}
