/*
 * start_kernel(), rest_init() and kernel_init(): the portable part of the
 * boot, in the order of Linux's init/main.c. arch/x86_64/kernel/head64.c
 * calls start_kernel() once the CPU is in 64-bit mode on the boot stack.
 *
 * Differs from Linux: there is no user space yet, so init (PID 1) runs
 * the console shell instead of executing /sbin/init.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/timer.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/cpu.h>
#include <linux/smp.h>
#include <linux/nmi.h>
#include <spindle/arch.h>
#include <spindle/mm.h>
#include <spindle/slab.h>
#include <spindle/params.h>
#include <spindle/version.h>
#include <spindle/shell.h>
#include <spindle/initcall.h>
#include <linux/fs.h>
#include <linux/devtmpfs.h>
#include <spindle/start.h>
#include <spindle/boot_crash.h>
#include <spindle/ktest.h>
#include <spindle/sched.h>
#include <spindle/task.h>
#include <spindle/module.h>
#include <spindle/system_state.h>
#include <spindle/trace.h>

enum system_states system_state = SYSTEM_BOOTING;
static DECLARE_COMPLETION(kthreadd_done);

/* The memory allocators, in Linux's order (mm_core_init): pages, slab
 * caches, then the vmalloc area that kernel stacks come from. */
static void __init mm_init(void)
{
	mem_init();
	kmem_cache_init();
	vmalloc_init();
}

/* What init does before it becomes the shell: Linux's
 * kernel_init_freeable() and do_basic_setup(). */
static void __init kernel_init_freeable(void)
{
	pr_info("kernel_init: kthreadd is ready; running the initcalls\n");
	smp_prepare_cpus();	/* number the CPUs the MADT lists */
	workqueue_init();
	do_pre_smp_initcalls();	/* ksoftirqd/N, migration/N */
	lockup_detector_init();
	smp_init();		/* cpuhp/N */
	do_initcalls();
	devtmpfs_mount();	/* /dev, as CONFIG_DEVTMPFS_MOUNT */
	load_boot_modules();
	ktest_run_boot();
	boot_crash_run_late();
}

/* PID 1 (Linux's kernel_init()). It may run before kthreadd exists, so
 * it first waits for rest_init() to say kthreadd's task is known:
 * creating a kthread before that would queue work nobody serves. */
static int __ref kernel_init(void *unused)
{
	trace_boot_mark("kernel_init(): wait for kthreadd_done");
	wait_for_completion(&kthreadd_done);
	trace_boot_mark("kernel_init(): initcalls, modules, tests");
	kernel_init_freeable();
	system_state = SYSTEM_RUNNING;
	pr_info("Run the console shell as init process (PID %d)\n", current->pid);
	trace_boot_mark("kernel_init(): becomes the shell");
	shell_run();
}

/*
 * rest_init - start init and kthreadd, then become the idle task
 *
 * init is created first so that it gets PID 1; kthreadd second, PID 2.
 * Both are children of this task (PID 0). The boot task then schedules
 * and lives on as CPU 0's idle task, swapper/0.
 */
static noinline void __init rest_init(void)
{
	int pid;

	trace_boot_mark("rest_init()");
	pr_info("rest_init: creating init (kernel_init) as PID 1\n");
	pid = kernel_thread(kernel_init, NULL, "init");
	if (pid != 1)
		panic("rest_init: init got PID %d, not 1", pid);
	pr_info("rest_init: creating kthreadd as PID 2\n");
	pid = kernel_thread(kthreadd, NULL, "kthreadd");
	if (pid != 2)
		panic("rest_init: kthreadd got PID %d, not 2", pid);
	kthreadd_task = find_task_by_pid(pid);
	system_state = SYSTEM_SCHEDULING;
	pr_info("rest_init: kthreadd_done: init may now create threads\n");
	trace_boot_mark("rest_init(): complete(kthreadd_done)");
	complete(&kthreadd_done);
	trace_boot_mark("rest_init(): PID 0 becomes the idle task");
	pr_info("rest_init: PID 0 becomes the idle task swapper/0\n");
	schedule_preempt_disabled();
	cpu_startup_entry();
}

/**
 * start_kernel - the first portable C function
 *
 * Sets the machine up step by step and ends in rest_init(), never
 * returning. Runs on the boot stack with interrupts off until time_init()
 * has a tick to give, and with preemption off throughout.
 */
void __init start_kernel(void)
{
	trace_boot_mark("start_kernel()");
	pr_notice("%s", spindle_banner);
	setup_arch();
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_args();
	trap_init();
	mm_init();
	sched_init();
	trace_boot_mark("sched_init(): the boot task is PID 0");
	workqueue_init_early();
	rcu_init();
	init_IRQ();
	init_timers();
	time_init();
	local_irq_enable();
	fork_init();
	vfs_caches_init();	/* rootfs on "/", devtmpfs's tree */
	kthread_init();
	modules_init();
	boot_crash_run();
	pr_info("start_kernel: done, calling rest_init()\n");
	rest_init();
}
