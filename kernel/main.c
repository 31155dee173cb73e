/*
 * start_kernel(), rest_init() and kernel_init(): the portable part of the
 * boot, in the order of Linux's init/main.c. arch/x86_64/kernel/head64.c
 * calls start_kernel() once the CPU is in 64-bit mode on the boot stack.
 *
 * As in Linux, init (PID 1) ends the boot by executing /init from the
 * initramfs (or init=, /sbin/init, ...): from then on it is a user
 * process. Differs from Linux: when no init can run, or with `kshell` on
 * the command line, PID 1 stays a kernel thread and runs Spindle's
 * console shell instead of panicking.
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
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <uapi/linux/fcntl.h>

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

static const char *ramdisk_execute_command = "/init";	/* rdinit= */
static const char *execute_command;			/* init= */
static bool kshell_requested;				/* kshell */

static int __init rdinit_setup(char *str)
{
	ramdisk_execute_command = str;
	return 0;
}
__setup("rdinit=", rdinit_setup);

static int __init init_setup(char *str)
{
	execute_command = str;
	return 0;
}
__setup("init=", init_setup);

static int __init kshell_setup(char *str)
{
	kshell_requested = true;
	return 0;
}
__setup("kshell", kshell_setup);

static const char *argv_init[] = { NULL, NULL };
static const char *const envp_init[] = { "HOME=/", "TERM=linux", NULL };

/* Linux's run_init_process(): on success current is a user process and
 * kernel_init() returns into it. */
static int run_init_process(const char *init_filename)
{
	argv_init[0] = init_filename;
	pr_info("Run %s as init process\n", init_filename);
	return kernel_execve(init_filename, argv_init, envp_init);
}

static int try_to_run_init_process(const char *init_filename)
{
	int ret = run_init_process(init_filename);

	if (ret && ret != -ENOENT)
		pr_err("Starting init: %s exists but couldn't execute it (error %d)\n",
		       init_filename, ret);
	return ret;
}

/*
 * Linux's order: rdinit= (default /init, from the initramfs), then
 * init=, then the usual places. Return: 0 when an init runs.
 */
static int run_user_init(void)
{
	int ret;

	if (ramdisk_execute_command) {
		ret = run_init_process(ramdisk_execute_command);
		if (!ret)
			return 0;
		pr_err("Failed to execute %s (error %d)\n", ramdisk_execute_command, ret);
	}
	if (execute_command) {
		ret = run_init_process(execute_command);
		if (!ret)
			return 0;
		pr_err("Requested init %s failed (error %d).\n", execute_command, ret);
		return ret;	/* Linux panics here; Spindle keeps its shell */
	}
	if (!try_to_run_init_process("/sbin/init") ||
	    !try_to_run_init_process("/etc/init") ||
	    !try_to_run_init_process("/bin/init") ||
	    !try_to_run_init_process("/bin/sh"))
		return 0;
	return -ENOENT;
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
	if (!kshell_requested) {
		trace_boot_mark("kernel_init(): execute /init");
		/* Linux's console_on_rootfs(): fds 0, 1, 2 on /dev/console. */
		if (init_console_fds())
			pr_err("Warning: unable to open an initial console.\n");
		if (!run_user_init())
			return 0;	/* ret_from_fork enters the new program */
		pr_err("No working init found; running the kernel console shell instead "
		       "(see docs/processes.md)\n");
		/* The shell reads the console itself: while /dev/console is
		 * open, the TTY layer would take its input. */
		for (int fd = 0; fd < 3; fd++)
			close_fd(fd);
	}
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
	timekeeping_init();
	local_irq_enable();
	fork_init();
	vfs_caches_init();	/* rootfs on "/", devtmpfs's tree */
	kthread_init();
	modules_init();
	boot_crash_run();
	pr_info("start_kernel: done, calling rest_init()\n");
	rest_init();
}
