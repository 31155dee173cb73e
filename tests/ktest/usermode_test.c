/*
 * In-kernel tests of running code in ring 3 (arch/x86_64/entry/,
 * arch/x86_64/kernel/{entry.asm,traps.c,process_64.c,fpu.c},
 * arch/x86_64/lib/usercopy_64.c): system calls with Linux's ABI, user
 * exceptions turned into signals, uaccess with exception-table fixups,
 * FPU and FS base across context switches, sysret's non-canonical rcx.
 *
 * Scaffolding, all here: a throwaway address space (a copy of kernel_pgd
 * with a code, a data and a stack page mapped for user mode at 4 MiB),
 * loaded into CR3 by test threads pinned to CPU 0 (there is no switch_mm
 * to carry it across CPUs), and hand-assembled user code. A user thread
 * ends at its first trap: the trap hook (traps.c) records the signal the
 * kernel would send and the registers, and ends the thread. Numbers past
 * the system-call table reach this file's syscall hook.
 */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/irqflags.h>
#include <asm/kernel_pgtable.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/sighandling.h>
#include <asm/smap.h>
#include <asm/syscall.h>
#include <asm/traps.h>
#include <spindle/ktest.h>
#include <spindle/sched_arch.h>
#include <spindle/task.h>
#include <linux/sched/signal.h>
#include <uapi/linux/signal.h>

#define UCODE 0x400000UL
#define UDATA 0x401000UL
#define USTACK 0x402000UL
#define UNMAPPED 0x500000UL

/* Test-only system calls (past the table, so they reach the hook). */
#define NR_TEST_ARGS 1000	/* records its number and arguments */
#define NR_TEST_YIELD 1002	/* yield() */
#define NR_TEST_BADRCX 1003	/* makes the saved rcx non-canonical */
#define NR_TEST_SIGNAL 1004	/* sets up a SIGUSR1 handler frame */
#define NR_TEST_BADRIP 1005	/* returns to a non-canonical rip */
#define TEST_RETURN 0x7766554433221100UL
#define NONCANONICAL 0x0000800000000000UL

/* Entry points into user_code[] (offsets from UCODE). */
#define P_ARGS 0
#define P_NOSYS 101
#define P_UD 144
#define P_DE 146
#define P_GP 158
#define P_GP_NONCANON 159
#define P_BADRCX 172
#define P_FPU 180
#define P_SIG 327
#define P_SIG_RET 364		/* after its syscall */
#define P_SIG_HANDLER 376
#define P_SIG_RESTORER 505
#define P_BADRIP 514
#define UDATA_SIG (UDATA + 0x800)	/* what the handler saw */

/* Assembled with nasm (bits 64, org 0x400000); the source is in the
 * comments. Each program ends at a trap. */
static const u8 user_code[] = {
	/* p_args: */
	0x48, 0xbd, 0xbb, 0xbb, 0x00, 0x00, 0xde, 0xc0, 0xad, 0x0b, /* mov rbp, 0x0BADC0DE0000BBBB */
	0x49, 0xbc, 0xcc, 0xcc, 0x00, 0x00, 0xde, 0xc0, 0xad, 0x0b, /* mov r12, 0x0BADC0DE0000CCCC */
	0x49, 0xbf, 0xff, 0xff, 0x00, 0x00, 0xde, 0xc0, 0xad, 0x0b, /* mov r15, 0x0BADC0DE0000FFFF */
	0x48, 0xbf, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, /* mov rdi, 0x1111111111111111 */
	0x48, 0xbe, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, /* mov rsi, 0x2222222222222222 */
	0x48, 0xba, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, /* mov rdx, 0x3333333333333333 */
	0x49, 0xba, 0x44, 0x44, 0x44, 0x44, 0x44, 0x44, 0x44, 0x44, /* mov r10, 0x4444444444444444 */
	0x49, 0xb8, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, /* mov r8, 0x5555555555555555 */
	0x49, 0xb9, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, /* mov r9, 0x6666666666666666 */
	0xb8, 0xe8, 0x03, 0x00, 0x00, /* mov eax, 1000 */
	0x0f, 0x05, /* syscall */
	0x48, 0x89, 0xc3, /* mov rbx, rax */
	0xcc, /* int3 */
	/* p_nosys: */
	0x48, 0xc7, 0xc0, 0xff, 0xff, 0xff, 0xff, /* mov rax, -1 */
	0x0f, 0x05, /* syscall */
	0x48, 0x89, 0xc3, /* mov rbx, rax */
	0xb8, 0xc3, 0x01, 0x00, 0x00, /* mov eax, 451 */
	0x0f, 0x05, /* syscall */
	0x49, 0x89, 0xc4, /* mov r12, rax */
	0xb8, 0x4f, 0x01, 0x00, 0x00, /* mov eax, 335 */
	0x0f, 0x05, /* syscall */
	0x49, 0x89, 0xc5, /* mov r13, rax */
	0xb8, 0x86, 0x00, 0x00, 0x00, /* mov eax, 134 */
	0x0f, 0x05, /* syscall */
	0x49, 0x89, 0xc6, /* mov r14, rax */
	0xcc, /* int3 */
	/* p_ud: */
	0x0f, 0x0b, /* ud2 */
	/* p_de: */
	0x31, 0xc9, /* xor ecx, ecx */
	0xb8, 0x01, 0x00, 0x00, 0x00, /* mov eax, 1 */
	0x31, 0xd2, /* xor edx, edx */
	0x48, 0xf7, 0xf1, /* div rcx */
	/* p_gp: */
	0xf4, /* hlt */
	/* p_gp_noncanon: */
	0x48, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, /* mov rax, 0x8000000000000000 */
	0x48, 0x8b, 0x00, /* mov rax, [rax] */
	/* p_badrcx: */
	0xb8, 0xeb, 0x03, 0x00, 0x00, /* mov eax, 1003 */
	0x0f, 0x05, /* syscall */
	0xcc, /* int3 */
	/* p_fpu: */
	0x49, 0x89, 0xfc, /* mov r12, rdi */
	0x49, 0x89, 0xf5, /* mov r13, rsi */
	0x49, 0x89, 0xd6, /* mov r14, rdx */
	0xb8, 0x9e, 0x00, 0x00, 0x00, /* mov eax, 158 */
	0xbf, 0x02, 0x10, 0x00, 0x00, /* mov edi, 0x1002 */
	0x4c, 0x89, 0xee, /* mov rsi, r13 */
	0x0f, 0x05, /* syscall */
	0x48, 0x89, 0xc3, /* mov rbx, rax */
	0xb8, 0x9e, 0x00, 0x00, 0x00, /* mov eax, 158 */
	0xbf, 0x03, 0x10, 0x00, 0x00, /* mov edi, 0x1003 */
	0x49, 0x8d, 0x75, 0x08, /* lea rsi, [r13 + 8] */
	0x0f, 0x05, /* syscall */
	0x48, 0x09, 0xc3, /* or rbx, rax */
	0x66, 0x49, 0x0f, 0x6e, 0xc4, /* movq xmm0, r12 */
	0x66, 0x4d, 0x0f, 0x6e, 0xfc, /* movq xmm15, r12 */
	0x4c, 0x89, 0xe0, /* mov rax, r12 */
	0x48, 0xf7, 0xd0, /* not rax */
	0x66, 0x48, 0x0f, 0x6e, 0xf8, /* movq xmm7, rax */
	/* .round: */
	0xb8, 0xea, 0x03, 0x00, 0x00, /* mov eax, 1002 */
	0x0f, 0x05, /* syscall */
	0x66, 0x48, 0x0f, 0x7e, 0xc0, /* movq rax, xmm0 */
	0x4c, 0x39, 0xe0, /* cmp rax, r12 */
	0x75, 0x31, /* jne .bad_xmm */
	0x66, 0x4c, 0x0f, 0x7e, 0xf8, /* movq rax, xmm15 */
	0x4c, 0x39, 0xe0, /* cmp rax, r12 */
	0x75, 0x27, /* jne .bad_xmm */
	0x66, 0x48, 0x0f, 0x7e, 0xf8, /* movq rax, xmm7 */
	0x48, 0xf7, 0xd0, /* not rax */
	0x4c, 0x39, 0xe0, /* cmp rax, r12 */
	0x75, 0x1a, /* jne .bad_xmm */
	0x64, 0x48, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x00, /* mov rax, [fs:0] */
	0x4c, 0x39, 0xe0, /* cmp rax, r12 */
	0x75, 0x13, /* jne .bad_fs */
	0x49, 0xff, 0xce, /* dec r14 */
	0x75, 0xc5, /* jnz .round */
	0x41, 0xbf, 0x01, 0x00, 0x00, 0x00, /* mov r15, 1 */
	0xcc, /* int3 */
	/* .bad_xmm: */
	0x41, 0xbf, 0x02, 0x00, 0x00, 0x00, /* mov r15, 2 */
	0xcc, /* int3 */
	/* .bad_fs: */
	0x41, 0xbf, 0x03, 0x00, 0x00, 0x00, /* mov r15, 3 */
	0xcc, /* int3 */
	/* p_sig: */
	0x48, 0xbb, 0xbb, 0xbb, 0x00, 0x00, 0xde, 0xc0, 0xad, 0x0b, /* mov rbx, 0x0BADC0DE0000BBBB */
	0x49, 0xbc, 0xcc, 0xcc, 0x00, 0x00, 0xde, 0xc0, 0xad, 0x0b, /* mov r12, 0x0BADC0DE0000CCCC */
	0xb8, 0x34, 0x12, 0x00, 0x00, /* mov eax, 0x1234 */
	0x66, 0x48, 0x0f, 0x6e, 0xc0, /* movq xmm0, rax */
	0xb8, 0xec, 0x03, 0x00, 0x00, /* mov eax, 1004 */
	0x0f, 0x05, /* syscall */
	0x49, 0x89, 0xc5, /* mov r13, rax */
	0x66, 0x48, 0x0f, 0x7e, 0xc0, /* movq rax, xmm0 */
	0x49, 0x89, 0xc6, /* mov r14, rax */
	0xcc, /* int3 */
	/* p_sig_handler: */
	0x48, 0x89, 0x3c, 0x25, 0x00, 0x18, 0x40, 0x00, /* mov [abs 0x401800], rdi */
	0x48, 0x89, 0x34, 0x25, 0x08, 0x18, 0x40, 0x00, /* mov [abs 0x401808], rsi */
	0x48, 0x89, 0x14, 0x25, 0x10, 0x18, 0x40, 0x00, /* mov [abs 0x401810], rdx */
	0x48, 0x89, 0x24, 0x25, 0x18, 0x18, 0x40, 0x00, /* mov [abs 0x401818], rsp */
	0x8b, 0x06, /* mov eax, [rsi] */
	0x48, 0x89, 0x04, 0x25, 0x20, 0x18, 0x40, 0x00, /* mov [abs 0x401820], rax */
	0x48, 0x8b, 0x82, 0xa8, 0x00, 0x00, 0x00, /* mov rax, [rdx + 168] */
	0x48, 0x89, 0x04, 0x25, 0x28, 0x18, 0x40, 0x00, /* mov [abs 0x401828], rax */
	0x48, 0x8b, 0x82, 0x80, 0x00, 0x00, 0x00, /* mov rax, [rdx + 128] */
	0x48, 0x89, 0x04, 0x25, 0x30, 0x18, 0x40, 0x00, /* mov [abs 0x401830], rax */
	0x66, 0x48, 0x0f, 0x7e, 0xc0, /* movq rax, xmm0 */
	0x48, 0x89, 0x04, 0x25, 0x38, 0x18, 0x40, 0x00, /* mov [abs 0x401838], rax */
	0xb8, 0x55, 0x55, 0x00, 0x00, /* mov eax, 0x5555 */
	0x66, 0x48, 0x0f, 0x6e, 0xc0, /* movq xmm0, rax */
	0xbb, 0x77, 0x77, 0x00, 0x00, /* mov rbx, 0x7777 */
	0x66, 0xc7, 0x82, 0xb8, 0x00, 0x00, 0x00, 0x08, 0x00, /* mov word [rdx + 184], 0x08 */
	0x48, 0x81, 0x8a, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, /* or qword [rdx + 176], 0x3000 */
	0x48, 0xc7, 0x42, 0x48, 0x42, 0x42, 0x00, 0x00, /* mov qword [rdx + 72], 0x4242 */
	0xc3, /* ret */
	/* p_sig_restorer: */
	0xb8, 0x0f, 0x00, 0x00, 0x00, /* mov eax, 15 */
	0x0f, 0x05, /* syscall */
	0x0f, 0x0b, /* ud2 */
	/* p_badrip: */
	0xb8, 0xed, 0x03, 0x00, 0x00, /* mov eax, 1005 */
	0x0f, 0x05, /* syscall */
	0x0f, 0x0b, /* ud2 */
};

struct user_as {
	pteval_t *pml4, *pdpt, *pd, *pt;
	void *code, *data, *stack;
};

struct uthread {
	unsigned long ip, sp, rdi, rsi, rdx;
	struct task_struct *task;
	struct completion *go;		/* wait for it before entering ring 3 */
	struct completion done;
	bool trapped;
	int sig, code;
	struct pt_regs regs;		/* at the trap */
	unsigned long nr, args[6];	/* what NR_TEST_ARGS saw */
};

static struct user_as uas;
/* Test threads are kernel threads with no process around them; the
 * signal code's mask update (rt_sigreturn) needs a sighand to lock. */
static struct sighand_struct test_sighand;
static struct uthread *uthreads[2];
static struct uthread *last_yield;
static int yield_alternations;

#define PTE_USER_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

static void *zpage(void)
{
	return (void *)get_zeroed_page(GFP_KERNEL);
}

static bool user_as_create(void)
{
	uas.pml4 = zpage();
	uas.pdpt = zpage();
	uas.pd = zpage();
	uas.pt = zpage();
	uas.code = zpage();
	uas.data = zpage();
	uas.stack = zpage();
	if (!uas.pml4 || !uas.pdpt || !uas.pd || !uas.pt || !uas.code ||
	    !uas.data || !uas.stack)
		return false;
	memcpy(uas.pml4, kernel_pgd, PAGE_SIZE);	/* the kernel half */
	uas.pml4[0] = __pa(uas.pdpt) | PTE_USER_TABLE;
	uas.pdpt[0] = __pa(uas.pd) | PTE_USER_TABLE;
	uas.pd[UCODE >> PMD_SHIFT] = __pa(uas.pt) | PTE_USER_TABLE;
	uas.pt[0] = __pa(uas.code) | _PAGE_PRESENT | _PAGE_USER;	/* r-x */
	uas.pt[1] = __pa(uas.data) | PTE_USER_TABLE;
	uas.pt[2] = __pa(uas.stack) | PTE_USER_TABLE;
	memcpy(uas.code, user_code, sizeof(user_code));
	return true;
}

static void user_as_free(void)
{
	void *pages[] = { uas.pml4, uas.pdpt, uas.pd, uas.pt, uas.code,
			  uas.data, uas.stack };

	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++)
		if (pages[i])
			free_page((unsigned long)pages[i]);
	memset(&uas, 0, sizeof(uas));
}

/* Every test thread runs on CPU 0 with the test address space loaded. */
static void enter_test_as(void)
{
	unsigned long cpu0 = 1;

	set_cpus_allowed_ptr(current, &cpu0);
	write_cr3(__pa(uas.pml4));
}

static struct uthread *find_uthread(void)
{
	for (int i = 0; i < 2; i++)
		if (uthreads[i] && uthreads[i]->task == current)
			return uthreads[i];
	return NULL;
}

/* A user trap ends the test thread: record what the kernel would send. */
static bool trap_hook(struct pt_regs *regs, int sig, int code)
{
	struct uthread *u = find_uthread();

	if (!u)
		return false;
	u->sig = sig;
	u->code = code;
	u->regs = *regs;
	u->trapped = true;
	current->sighand = NULL;	/* borrowed: not for do_exit to put */
	local_irq_enable();
	complete(&u->done);
	kthread_fn_returned(0);
}

/* What arch_do_signal_or_restart() does once get_signal() chose a
 * handler (kernel/signal.c is not needed for the frame itself). */
static long test_signal_frame(struct pt_regs *regs)
{
	struct ksignal ksig;

	memset(&ksig, 0, sizeof(ksig));
	ksig.sig = SIGUSR1;
	ksig.info.si_signo = SIGUSR1;
	ksig.ka.sa.sa_handler = (__sighandler_t)(UCODE + P_SIG_HANDLER);
	ksig.ka.sa.sa_restorer = (__sigrestore_t)(UCODE + P_SIG_RESTORER);
	ksig.ka.sa.sa_flags = SA_SIGINFO | SA_RESTORER;
	if (setup_rt_frame(&ksig, regs))
		return -EFAULT;
	return 0;	/* the handler's rax */
}

static long test_syscall(unsigned long a0, unsigned long a1, unsigned long a2,
			 unsigned long a3, unsigned long a4, unsigned long a5)
{
	struct pt_regs *regs = current_pt_regs();
	struct uthread *u = find_uthread();

	switch (regs->orig_rax) {
	case NR_TEST_ARGS:
		u->nr = regs->orig_rax;
		u->args[0] = a0; u->args[1] = a1; u->args[2] = a2;
		u->args[3] = a3; u->args[4] = a4; u->args[5] = a5;
		return TEST_RETURN;
	case NR_TEST_YIELD:
		if (last_yield && last_yield != u)
			yield_alternations++;
		last_yield = u;
		yield();
		return 0;
	case NR_TEST_BADRCX:
		regs->rcx = NONCANONICAL;	/* as if sysret were to land there */
		return 0;
	case NR_TEST_SIGNAL:
		return test_signal_frame(regs);
	case NR_TEST_BADRIP:
		regs->rip = NONCANONICAL;
		return 0;
	}
	return -ENOSYS;
}

static void __noreturn enter_user_mode(struct pt_regs *regs)
{
	local_irq_disable();
	__asm__ __volatile__("mov %0, %%rsp\n\t"
			     "jmp swapgs_restore_regs_and_return_to_usermode"
			     : : "r"(regs) : "memory");
	__builtin_unreachable();
}

static int uthread_fn(void *arg)
{
	struct uthread *u = arg;
	struct pt_regs *regs = current_pt_regs();

	enter_test_as();
	u->task = current;
	current->sighand = &test_sighand;
	start_thread(regs, u->ip, u->sp);
	regs->rdi = u->rdi;
	regs->rsi = u->rsi;
	regs->rdx = u->rdx;
	if (u->go)
		wait_for_completion(u->go);
	enter_user_mode(regs);
}

static void uthread_init(struct uthread *u, unsigned long entry, int slot)
{
	memset(u, 0, sizeof(*u));
	u->ip = UCODE + entry;
	u->sp = USTACK + PAGE_SIZE - slot * 512;
	init_completion(&u->done);
	uthreads[slot] = u;
}

static int restore_cr3_fn(void *arg)
{
	enter_test_as();
	write_cr3(__pa(kernel_pgd));
	complete(arg);
	return 0;
}

/* Back to the kernel's page tables on CPU 0, then free the pages. */
static void test_as_teardown(void)
{
	struct completion done;

	init_completion(&done);
	if (kernel_thread(restore_cr3_fn, &done, "ktest-cr3") > 0)
		wait_for_completion(&done);
	user_trap_test_hook = NULL;
	syscall_test_hook = NULL;
	uthreads[0] = uthreads[1] = NULL;
	user_as_free();
}

static bool test_as_setup(struct ktest *t)
{
	spin_lock_init(&test_sighand.siglock);
	if (!KTEST_EXPECT_TRUE(t, user_as_create())) {
		user_as_free();
		return false;
	}
	user_trap_test_hook = trap_hook;
	syscall_test_hook = test_syscall;
	return true;
}

/* Runs one program in ring 3 until its trap; false if it never came. */
static bool run_user(struct ktest *t, struct uthread *u)
{
	if (!KTEST_EXPECT_TRUE(t, kernel_thread(uthread_fn, u, "ktest-user") > 0))
		return false;
	wait_for_completion(&u->done);
	return KTEST_EXPECT_TRUE(t, u->trapped);
}

static void syscall_args_and_return(struct ktest *t)
{
	static struct uthread u;

	if (!test_as_setup(t))
		return;
	uthread_init(&u, P_ARGS, 0);
	if (run_user(t, &u)) {
		KTEST_EXPECT_EQ(t, u.nr, NR_TEST_ARGS);
		for (int i = 0; i < 6; i++)
			KTEST_EXPECT_EQ(t, u.args[i], 0x1111111111111111UL * (i + 1));
		KTEST_EXPECT_EQ(t, u.regs.rbx, TEST_RETURN);
		/* Registers the syscall does not use come back unchanged. */
		KTEST_EXPECT_EQ(t, u.regs.rbp, 0x0BADC0DE0000BBBBUL);
		KTEST_EXPECT_EQ(t, u.regs.r12, 0x0BADC0DE0000CCCCUL);
		KTEST_EXPECT_EQ(t, u.regs.r15, 0x0BADC0DE0000FFFFUL);
		KTEST_EXPECT_EQ(t, u.sig, SIGTRAP);
		KTEST_EXPECT_EQ(t, u.regs.cs, 0x23);
		KTEST_EXPECT_EQ(t, u.regs.ss, 0x1b);
	}
	test_as_teardown();
}

static void unknown_syscall_is_enosys(struct ktest *t)
{
	static struct uthread u;

	if (!test_as_setup(t))
		return;
	syscall_test_hook = NULL;	/* the kernel's own answer */
	uthread_init(&u, P_NOSYS, 0);
	if (run_user(t, &u)) {
		KTEST_EXPECT_EQ(t, u.regs.rbx, -ENOSYS);	/* rax = -1 */
		KTEST_EXPECT_EQ(t, u.regs.r12, -ENOSYS);	/* NR_syscalls */
		KTEST_EXPECT_EQ(t, u.regs.r13, -ENOSYS);	/* 335: a hole */
		KTEST_EXPECT_EQ(t, u.regs.r14, -ENOSYS);	/* uselib: none */
	}
	test_as_teardown();
}

static void check_trap(struct ktest *t, unsigned long entry, int sig, int code,
		       unsigned long rip)
{
	static struct uthread u;

	uthread_init(&u, entry, 0);
	if (!run_user(t, &u))
		return;
	KTEST_EXPECT_EQ(t, u.sig, sig);
	KTEST_EXPECT_EQ(t, u.code, code);
	KTEST_EXPECT_EQ(t, u.regs.rip, rip);
	KTEST_EXPECT_TRUE(t, user_mode(&u.regs));
}

static void user_exceptions_become_signals(struct ktest *t)
{
	if (!test_as_setup(t))
		return;
	check_trap(t, P_UD, SIGILL, ILL_ILLOPN, UCODE + P_UD);
	check_trap(t, P_DE, SIGFPE, FPE_INTDIV, UCODE + P_DE + 9);
	check_trap(t, P_GP, SIGSEGV, SI_KERNEL, UCODE + P_GP);
	check_trap(t, P_GP_NONCANON, SIGSEGV, SI_KERNEL, UCODE + P_GP_NONCANON + 10);
	/* int3 reports the address after it */
	check_trap(t, P_BADRCX, SIGTRAP, SI_KERNEL, UCODE + P_FPU);
	/* ... and the kernel is still here to run the next program. */
	check_trap(t, P_ARGS, SIGTRAP, SI_KERNEL, UCODE + P_NOSYS);
	test_as_teardown();
}

static void noncanonical_rcx_returns_by_iret(struct ktest *t)
{
	static struct uthread u;

	if (!test_as_setup(t))
		return;
	uthread_init(&u, P_BADRCX, 0);
	/* sysret would have jumped to rcx (or #GP in ring 0 on Intel); iret
	 * returns after the syscall with the changed rcx in place. */
	if (run_user(t, &u)) {
		KTEST_EXPECT_EQ(t, u.regs.rcx, NONCANONICAL);
		KTEST_EXPECT_EQ(t, u.regs.rip, UCODE + P_BADRCX + 8);
	}
	test_as_teardown();
}

/*
 * iretq to such a rip would #GP in ring 0 with the user's GS loaded on
 * real CPUs (QEMU's TCG faults at the fetch in user mode instead), so the
 * exit work must catch it before the return: the signal comes from the
 * system call's frame (vector -1), not from a #GP (vector 13).
 */
static void noncanonical_rip_is_sigsegv(struct ktest *t)
{
	static struct uthread u;

	if (!test_as_setup(t))
		return;
	uthread_init(&u, P_BADRIP, 0);
	if (run_user(t, &u)) {
		KTEST_EXPECT_EQ(t, u.sig, SIGSEGV);
		KTEST_EXPECT_EQ(t, u.code, SI_KERNEL);
		KTEST_EXPECT_EQ(t, u.regs.rip, NONCANONICAL);
		KTEST_EXPECT_EQ(t, u.regs.vector, -1UL);
	}
	test_as_teardown();
}

static void fpu_and_fs_survive_switches(struct ktest *t)
{
	static struct uthread u[2];
	struct completion go;
	const unsigned long pattern[2] = { 0x0123456789abcdefUL, 0xfedcba9876543210UL };

	if (!test_as_setup(t))
		return;
	init_completion(&go);
	last_yield = NULL;
	yield_alternations = 0;
	for (int i = 0; i < 2; i++) {
		unsigned long fs = UDATA + 0x100 * (i + 1);

		uthread_init(&u[i], P_FPU, i);
		u[i].go = &go;
		u[i].rdi = pattern[i];
		u[i].rsi = fs;
		u[i].rdx = 50;
		*(unsigned long *)((char *)uas.data + (fs - UDATA)) = pattern[i];
		if (!KTEST_EXPECT_TRUE(t, kernel_thread(uthread_fn, &u[i], "ktest-fpu") > 0))
			return;
	}
	complete_all(&go);
	for (int i = 0; i < 2; i++) {
		unsigned long fs = UDATA + 0x100 * (i + 1);

		wait_for_completion(&u[i].done);
		KTEST_EXPECT_EQ(t, u[i].regs.r15, 1);	/* 2: xmm lost, 3: FS lost */
		KTEST_EXPECT_EQ(t, u[i].regs.rbx, 0);	/* arch_prctl results */
		KTEST_EXPECT_EQ(t, *(unsigned long *)((char *)uas.data + (fs - UDATA) + 8), fs);
	}
	KTEST_EXPECT_MSG(t, yield_alternations >= 20,
			 "the two tasks alternated only %d times", yield_alternations);
	test_as_teardown();
}

static void signal_frame_and_sigreturn(struct ktest *t)
{
	static struct uthread u;
	unsigned long *seen;

	if (!test_as_setup(t))
		return;
	seen = (unsigned long *)((char *)uas.data + (UDATA_SIG - UDATA));
	uthread_init(&u, P_SIG, 0);
	if (run_user(t, &u)) {
		/* In the handler: (sig, &info, &uc), rsp + 8 16-byte aligned
		 * as after a call, the interrupted registers in uc_mcontext,
		 * a fresh FPU. */
		KTEST_EXPECT_EQ(t, seen[0], SIGUSR1);
		KTEST_EXPECT_EQ(t, seen[4], SIGUSR1);
		KTEST_EXPECT_EQ(t, (seen[3] + 8) % 16, 0);
		KTEST_EXPECT_TRUE(t, seen[1] > seen[3] && seen[1] < USTACK + PAGE_SIZE);
		KTEST_EXPECT_TRUE(t, seen[2] > seen[3] && seen[2] < seen[1]);
		KTEST_EXPECT_EQ(t, seen[5], UCODE + P_SIG_RET);
		KTEST_EXPECT_EQ(t, seen[6], 0x0BADC0DE0000BBBBUL);
		KTEST_EXPECT_EQ(t, seen[7], 0);
		/* After rt_sigreturn: the registers and xmm0 as before the
		 * signal, r12 as the handler rewrote it in the frame, and
		 * neither the kernel CS nor IOPL 3 it asked for. */
		KTEST_EXPECT_EQ(t, u.sig, SIGTRAP);
		KTEST_EXPECT_EQ(t, u.regs.rip, UCODE + P_SIG_HANDLER);
		KTEST_EXPECT_EQ(t, u.regs.rbx, 0x0BADC0DE0000BBBBUL);
		KTEST_EXPECT_EQ(t, u.regs.r12, 0x4242);
		KTEST_EXPECT_EQ(t, u.regs.r13, -ENOSYS);	/* rax at the signal */
		KTEST_EXPECT_EQ(t, u.regs.r14, 0x1234);
		KTEST_EXPECT_EQ(t, u.regs.cs, 0x23);
		KTEST_EXPECT_EQ(t, u.regs.rflags & X86_EFLAGS_IOPL, 0);
	}
	test_as_teardown();
}

/* The uaccess checks run in kernel mode with the test address space. */
static void uaccess_checks(struct ktest *t)
{
	char *data = uas.data;
	char buf[16];
	u32 val32;
	u64 val64 = 0;
	static unsigned long kvar = 0x1122334455667788UL;
	char __user *u = (char __user *)UDATA;
	char *top = uas.stack;		/* the last mapped page */
	char __user *end = (char __user *)(USTACK + PAGE_SIZE);

	/* Whole copies both ways. */
	KTEST_EXPECT_EQ(t, copy_to_user(u, "0123456789abcdef", 16), 0);
	KTEST_EXPECT_TRUE(t, !memcmp(data, "0123456789abcdef", 16));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, u + 8, 8), 0);
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "89abcdef", 8));
	/* Unmapped: nothing copied, the destination zeroed, no oops. */
	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void __user *)UNMAPPED, 16), 16);
	KTEST_EXPECT_EQ(t, buf[0] | buf[15], 0);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)UNMAPPED, buf, 16), 16);
	/* Across the end of the mapping: exact to the byte. */
	KTEST_EXPECT_EQ(t, copy_from_user(buf, end - 5, 16), 11);
	KTEST_EXPECT_EQ(t, copy_to_user(end - 3, "abcdefgh", 8), 5);
	KTEST_EXPECT_TRUE(t, !memcmp(top + PAGE_SIZE - 3, "abc", 3));
	KTEST_EXPECT_EQ(t, clear_user(end - 4, 16), 12);
	KTEST_EXPECT_EQ(t, clear_user(u, 4), 0);
	KTEST_EXPECT_EQ(t, data[0], 0);
	/* Kernel addresses are refused before any access. */
	KTEST_EXPECT_TRUE(t, !access_ok((void __user *)&kvar, 8));
	KTEST_EXPECT_TRUE(t, !access_ok((void __user *)(TASK_SIZE_MAX - 4), 8));
	KTEST_EXPECT_TRUE(t, access_ok(u, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void __user *)&kvar, 8), 8);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)&kvar, "zzzzzzzz", 8), 8);
	KTEST_EXPECT_EQ(t, kvar, 0x1122334455667788UL);
	/* get_user/put_user */
	KTEST_EXPECT_EQ(t, put_user(0xdeadbeefU, (u32 __user *)(u + 32)), 0);
	KTEST_EXPECT_EQ(t, get_user(val32, (u32 __user *)(u + 32)), 0);
	KTEST_EXPECT_EQ(t, val32, 0xdeadbeefU);
	KTEST_EXPECT_EQ(t, get_user(val64, (u64 __user *)UNMAPPED), -EFAULT);
	KTEST_EXPECT_EQ(t, val64, 0);
	KTEST_EXPECT_EQ(t, put_user(1UL, (unsigned long __user *)&kvar), -EFAULT);
	/* Strings */
	memcpy(data + 64, "hello", 6);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, u + 64, sizeof(buf)), 5);
	KTEST_EXPECT_TRUE(t, !strcmp(buf, "hello"));
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, u + 64, 3), 3);
	KTEST_EXPECT_EQ(t, strnlen_user(u + 64, 100), 6);
	KTEST_EXPECT_TRUE(t, strnlen_user(u + 64, 3) > 3);
	memset(top + PAGE_SIZE - 8, 'y', 8);	/* no NUL before the hole */
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, end - 8, sizeof(buf)), -EFAULT);
	KTEST_EXPECT_EQ(t, strnlen_user(end - 8, 100), 0);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)&kvar, 8), -EFAULT);
	KTEST_EXPECT_EQ(t, strnlen_user((const char __user *)&kvar, 8), 0);
}

struct uaccess_run {
	struct ktest *t;
	struct completion done;
};

static int uaccess_fn(void *arg)
{
	struct uaccess_run *r = arg;

	enter_test_as();
	uaccess_checks(r->t);
	write_cr3(__pa(kernel_pgd));
	complete(&r->done);
	return 0;
}

static void uaccess_faults_are_fixed_up(struct ktest *t)
{
	struct uaccess_run r = { .t = t };

	if (!test_as_setup(t))
		return;
	pr_info("usermode test: SMAP %s\n", x86_smap_enabled ? "on" : "off");
	init_completion(&r.done);
	if (KTEST_EXPECT_TRUE(t, kernel_thread(uaccess_fn, &r, "ktest-uaccess") > 0))
		wait_for_completion(&r.done);
	test_as_teardown();
}

static const struct ktest_case usermode_cases[] = {
	KTEST_CASE(syscall_args_and_return),
	KTEST_CASE(unknown_syscall_is_enosys),
	KTEST_CASE(user_exceptions_become_signals),
	KTEST_CASE(noncanonical_rcx_returns_by_iret),
	KTEST_CASE(noncanonical_rip_is_sigsegv),
	KTEST_CASE(fpu_and_fs_survive_switches),
	KTEST_CASE(signal_frame_and_sigreturn),
	KTEST_CASE(uaccess_faults_are_fixed_up),
	{}
};

static const struct ktest_suite usermode_suite = {
	.name = "usermode",
	.cases = usermode_cases,
};
ktest_register_suite(usermode_suite);
