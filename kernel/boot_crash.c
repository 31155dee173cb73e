/*
 * boot_crash=TYPE: makes the boot fault on purpose at the end of
 * start_kernel(), so that a student (and the tests) can see the oops the
 * kernel prints: null (page fault on a NULL pointer), divide (divide
 * error), opcode (invalid opcode), bug (BUG()), and the memory protections:
 * write_text, write_rodata, exec_stack, exec_heap (W^X) and stack_overflow
 * (the guard page below a kthread's stack); kthread faults in a kernel thread,
 * which dies while the kernel goes on. Each fault sits in its own
 * noinline function so the backtrace names it.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <spindle/boot_crash.h>
#include <spindle/kstack.h>

static char crash_type[16];

static noinline void crash_null_deref(void)
{
	volatile int *p = NULL;

	pr_info("boot_crash: reading through a NULL pointer\n");
	(void)*p;
}

static noinline void crash_divide(void)
{
	/* Both operands volatile: gcc turns 1 / x into a compare. */
	volatile int one = 1, zero = 0;
	volatile int r;

	pr_info("boot_crash: dividing by zero\n");
	r = one / zero;
	(void)r;
}

static noinline void crash_invalid_opcode(void)
{
	pr_info("boot_crash: executing an undefined instruction\n");
	__builtin_trap();
}

static noinline void crash_bug(void)
{
	pr_info("boot_crash: BUG()\n");
	BUG();
}

static const char rodata_string[] = "read-only";

static noinline void crash_write_text(void)
{
	pr_info("boot_crash: writing to kernel text at %pS\n", crash_write_text);
	*(volatile unsigned char *)crash_write_text = 0xCC;
}

static noinline void crash_write_rodata(void)
{
	pr_info("boot_crash: writing to read-only data\n");
	*(volatile char *)rodata_string = 'X';
}

static noinline void crash_exec_stack(void)
{
	unsigned char code[16] = { 0xC3 };	/* ret */

	pr_info("boot_crash: executing from the stack\n");
	((void (*)(void))code)();
	pr_err("boot_crash: the stack was executable!\n");	/* and no tail call */
}

static noinline void crash_exec_heap(void)
{
	unsigned char *code = kmalloc(16, GFP_KERNEL);

	if (!code)
		return;
	code[0] = 0xC3;		/* ret */
	pr_info("boot_crash: executing from the heap\n");
	((void (*)(void))code)();
	kfree(code);
}

static volatile int recurse_limit = -1;	/* -1: none (the compiler can't know) */

/* Each level keeps a kilobyte on the stack and cannot be a tail call. */
static noinline int recurse(int depth)
{
	volatile char pad[1024];

	if (depth == recurse_limit)
		return 0;
	pad[0] = (char)depth;
	return recurse(depth + 1) + pad[0];
}

/* In its own thread: the report names the thread whose stack overflowed. */
static int overflow_thread(void *unused)
{
	recurse(0);
	return 0;
}

static noinline void crash_stack_overflow(void)
{
	struct task_struct *k;

	pr_info("boot_crash: unbounded recursion on the %lu KiB stack of a kthread\n",
		THREAD_SIZE >> 10);
	k = kthread_run(overflow_thread, NULL, "overflow");
	if (IS_ERR(k))
		return;
	get_task_struct(k);
	msleep(100);	/* let it run into the guard page */
	pr_info("boot_crash: kthread_stop(overflow) returned %d\n", kthread_stop(k));
	put_task_struct(k);
}

static int null_deref_thread(void *unused)
{
	crash_null_deref();
	return 0;
}

/* The oops kills only the faulting kernel thread; kthread_stop() on it
 * returns at once, and the boot goes on. */
static noinline void crash_in_kthread(void)
{
	struct task_struct *k = kthread_run(null_deref_thread, NULL, "crasher");

	if (IS_ERR(k))
		return;
	get_task_struct(k);
	msleep(100);	/* let it run into the fault */
	pr_info("boot_crash: kthread_stop(crasher) returned %d\n", kthread_stop(k));
	put_task_struct(k);
}

static const struct {
	const char *name;
	void (*fn)(void);
	bool late;	/* needs kthreadd: runs from kernel_init() */
} crashes[] = {
	{ "kthread", crash_in_kthread, true },
	{ "null", crash_null_deref, false },
	{ "divide", crash_divide, false },
	{ "opcode", crash_invalid_opcode, false },
	{ "bug", crash_bug, false },
	{ "write_text", crash_write_text, false },
	{ "write_rodata", crash_write_rodata, false },
	{ "exec_stack", crash_exec_stack, false },
	{ "exec_heap", crash_exec_heap, false },
	{ "stack_overflow", crash_stack_overflow, true },
};

static int __init boot_crash_setup(char *val)
{
	strlcpy(crash_type, val, sizeof(crash_type));
	return 0;
}
__setup("boot_crash=", boot_crash_setup);

/* Runs the boot_crash= fault if it belongs at this point of the boot. */
static void run_crash(bool late)
{
	if (!crash_type[0])
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(crashes); i++) {
		if (!strcmp(crash_type, crashes[i].name)) {
			if (crashes[i].late == late)
				crashes[i].fn();
			return;
		}
	}
	if (late)
		return;
	pr_warn("boot_crash: unknown type '%s'; not crashing. Types:", crash_type);
	for (unsigned int i = 0; i < ARRAY_SIZE(crashes); i++)
		pr_cont(" %s", crashes[i].name);
	pr_cont("\n");
}

void boot_crash_run(void)
{
	run_crash(false);
}

void boot_crash_run_late(void)
{
	run_crash(true);
}
