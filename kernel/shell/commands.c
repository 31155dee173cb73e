/*
 * The shell's commands. Each returns 0 or a negative errno, and prints
 * its usage line when its arguments are wrong.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/timekeeping.h>
#include <linux/clocksource.h>
#include <linux/jiffies.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include <spindle/printk.h>
#include <spindle/arch.h>
#include <spindle/mm.h>
#include <linux/fault-inject.h>
#include <spindle/module.h>
#include <spindle/slab.h>



static int cmd_help(int argc, char **argv)
{
	for (unsigned int i = 0; i < shell_nr_commands; i++)
		if (argc < 2 || !strcmp(argv[1], shell_commands[i].name))
			tty_printf("  %s\n", shell_commands[i].usage);
	return 0;
}

static int cmd_echo(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		tty_printf("%s%s", i > 1 ? " " : "", argv[i]);
	tty_printf("\n");
	return 0;
}

static int cmd_uptime(int argc, char **argv)
{
	u64 ns = ktime_get_ns();
	const struct clocksource *cs = clocksource_current();

	if (argc > 1)
		return shell_usage(argv[0]);
	tty_printf("up %llu.%06llu s, jiffies %lu, clocksource %s\n",
		   (unsigned long long)(ns / 1000000000),
		   (unsigned long long)(ns % 1000000000 / 1000), jiffies,
		   cs ? cs->name : "none");
	return 0;
}

static int cmd_dmesg(int argc, char **argv)
{
	static char buf[LOG_BUF_LEN + 1];
	size_t len = log_read_all(buf, sizeof(buf), 7);

	if (argc > 1)
		return shell_usage(argv[0]);
	tty_write(buf, len);
	return 0;
}

static int cmd_meminfo(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	show_meminfo(tty_printf);
	return 0;
}

static int cmd_slabinfo(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	show_slabinfo(tty_printf);
	return 0;
}

static int cmd_buddyinfo(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	show_buddyinfo(tty_printf);
	return 0;
}

static struct fault_attr *fault_attr_by_name(const char *name)
{
	if (!strcmp(name, "failslab"))
		return &failslab;
	if (!strcmp(name, "fail_page_alloc"))
		return &fail_page_alloc;
	return NULL;
}

static void fault_show(const struct fault_attr *a)
{
	tty_printf("%s: interval %lu probability %lu%% space %ld times %ld "
		   "fail_nth %lu; %lu calls, %lu failures injected\n", a->name,
		   a->interval, a->probability, a->space, a->times, a->fail_nth,
		   a->count, a->failures);
}

/* fault [NAME off | NAME nth N | NAME INTERVAL,PROBABILITY,SPACE,TIMES] */
static int cmd_fault(int argc, char **argv)
{
	struct fault_attr *a;
	unsigned long n;

	if (argc == 1) {
		fault_show(&failslab);
		fault_show(&fail_page_alloc);
		return 0;
	}
	a = fault_attr_by_name(argv[1]);
	if (!a || argc < 3 || argc > 4)
		return shell_usage(argv[0]);
	if (!strcmp(argv[2], "off") && argc == 3)
		fault_attr_disable(a);
	else if (!strcmp(argv[2], "nth") && argc == 4 && !kstrtoul(argv[3], 10, &n) && n)
		fault_attr_fail_nth(a, n);
	else if (argc != 3 || setup_fault_attr(a, argv[2]))
		return shell_usage(argv[0]);
	fault_show(a);
	return 0;
}

static int report_module_error(const char *cmd, const char *name, int err)
{
	const char *why = err == -ENOENT ? "no such module" :
			  err == -EEXIST ? "already loaded" :
			  err == -EBUSY ? "module has no exit function" : "init failed";

	if (err == -ENOENT && !strcmp(cmd, "rmmod"))
		why = "not loaded";
	tty_printf("%s: %s: %s (%s)\n", cmd, name, why, errname(err) ?: "error");
	return err;
}

static int cmd_insmod(int argc, char **argv)
{
	int err;

	if (argc != 2)
		return shell_usage(argv[0]);
	err = module_load(argv[1]);
	return err ? report_module_error(argv[0], argv[1], err) : 0;
}

static int cmd_rmmod(int argc, char **argv)
{
	int err;

	if (argc != 2)
		return shell_usage(argv[0]);
	err = module_unload(argv[1]);
	return err ? report_module_error(argv[0], argv[1], err) : 0;
}

static int cmd_lsmod(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	module_list(tty_printf);
	return 0;
}

static int cmd_cmdline(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	tty_write(boot_command_line, strlen(boot_command_line));
	tty_write("\n", 1);
	return 0;
}

static int cmd_irqs(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	show_interrupts();
	return 0;
}

static int cmd_poweroff(int argc, char **argv)
{
	int err;

	if (argc > 1)
		return shell_usage(argv[0]);
	tty_printf("Power down.\n");
	err = arch_power_off();
	tty_printf("poweroff failed: %s\n", errname(err) ?: "unknown error");
	return err;
}

static int cmd_reboot(int argc, char **argv)
{
	int err;

	if (argc > 1)
		return shell_usage(argv[0]);
	tty_printf("Restarting system.\n");
	err = arch_restart();
	tty_printf("reboot failed: %s\n", errname(err) ?: "unknown error");
	return err;
}

const struct shell_command shell_commands[] = {
	{ "help", "help [CMD] - list commands, or show one's usage", cmd_help },
	{ "echo", "echo [WORD...] - print the words", cmd_echo },
	{ "uptime", "uptime - time since boot and the clock in use", cmd_uptime },
	{ "dmesg", "dmesg - print the kernel log", cmd_dmesg },
	{ "ps", "ps - list tasks: PID PPID S(tate) CPU NI TIME COMM", cmd_ps },
	{ "pstree", "pstree - the task tree from PID 0", cmd_pstree },
	{ "insmod", "insmod NAME - load a built-in module (run its init)", cmd_insmod },
	{ "rmmod", "rmmod NAME - unload a module (run its exit)", cmd_rmmod },
	{ "lsmod", "lsmod - list modules and their state", cmd_lsmod },
	{ "meminfo", "meminfo - memory use, as /proc/meminfo", cmd_meminfo },
	{ "slabinfo", "slabinfo - slab caches, as /proc/slabinfo", cmd_slabinfo },
	{ "buddyinfo", "buddyinfo - free blocks per order, as /proc/buddyinfo",
	  cmd_buddyinfo },
	{ "fault", "fault [failslab|fail_page_alloc off|nth N|I,P,S,T] - "
	  "show or set allocation fault injection", cmd_fault },
	{ "cmdline", "cmdline - print the kernel command line", cmd_cmdline },
	{ "irqs", "irqs - interrupt counts per line", cmd_irqs },
	{ "poweroff", "poweroff - turn the machine off (ACPI S5)", cmd_poweroff },
	{ "reboot", "reboot - restart the machine", cmd_reboot },
};
const unsigned int shell_nr_commands = ARRAY_SIZE(shell_commands);
