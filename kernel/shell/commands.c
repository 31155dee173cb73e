/*
 * The shell's general commands and the command table. Each command
 * returns 0 or a negative errno, and prints its usage line when its
 * arguments are wrong. The task views (ps, top) are in tasks.c, kthread
 * in kthread_cmd.c, trace in trace_cmd.c, lkdtm in kernel/lkdtm/.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
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
#include <spindle/rcu.h>
#include <linux/fault-inject.h>
#include <spindle/module.h>
#include <spindle/slab.h>
#include <spindle/ktest.h>
#include <linux/seq_file.h>

static void help_one(const struct shell_command *cmd)
{
	tty_printf("usage: %s\n", cmd->usage);
	if (cmd->help)
		tty_printf("%s", cmd->help);
}

static int cmd_help(int argc, char **argv)
{
	const struct shell_command *cmd;

	if (argc > 2)
		return shell_usage(argv[0]);
	if (argc == 2) {
		cmd = shell_find_command(argv[1]);
		if (!cmd) {
			tty_printf("help: no command '%s'; 'help' lists them\n", argv[1]);
			return -ENOENT;
		}
		help_one(cmd);
		return 0;
	}
	for (unsigned int i = 0; i < shell_nr_commands; i++)
		tty_printf("  %s\n", shell_commands[i].usage);
	tty_printf("Keys: Tab completes, Up/Down history, Ctrl-C abandons or stops, "
		   "Ctrl-U kills the line. 'help CMD' says more.\n");
	return 0;
}

static const char *complete_command_name(unsigned int i)
{
	return i < shell_nr_commands ? shell_commands[i].name : NULL;
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

/* sleep N: N seconds (0..3600), cut short by Ctrl-C. */
static int cmd_sleep(int argc, char **argv)
{
	int secs;

	if (argc != 2)
		return shell_usage(argv[0]);
	if (shell_parse_int(argv[0], "seconds", argv[1], 0, 3600, &secs))
		return -EINVAL;
	if (tty_sleep(secs * 1000)) {
		tty_printf("sleep: interrupted\n");
		return -EINTR;
	}
	return 0;
}

static const char *const level_names[8] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

/* "err,warn" or "3,4" (util-linux dmesg's names) -> a mask of levels. */
static int parse_levels(char *list, unsigned int *mask)
{
	char *name;

	*mask = 0;
	while ((name = strsep(&list, ",")) != NULL) {
		unsigned int i;

		for (i = 0; i < 8; i++)
			if (!strcmp(name, level_names[i]) ||
			    (name[0] == '0' + (int)i && !name[1]))
				break;
		if (i == 8) {
			tty_printf("dmesg: unknown level '%s' (emerg alert crit err "
				   "warn notice info debug, or 0..7)\n", name);
			return -EINVAL;
		}
		*mask |= 1U << i;
	}
	return 0;
}

/* dmesg [-c] [-l LEVEL[,LEVEL...]] */
static int cmd_dmesg(int argc, char **argv)
{
	static char buf[LOG_BUF_LEN + 1];
	unsigned int mask = 0xff;
	bool clear = false;
	size_t len;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c")) {
			clear = true;
		} else if (!strcmp(argv[i], "-l") && i + 1 < argc) {
			if (parse_levels(argv[++i], &mask))
				return -EINVAL;
		} else {
			return shell_usage(argv[0]);
		}
	}
	len = log_read(buf, sizeof(buf), mask, clear);
	tty_write(buf, len);
	return 0;
}

/*
 * Prints what /proc's file of the same name shows: the shell renders
 * the file's own show into a buffer (seq_render_single), so the console
 * and /proc/meminfo, /proc/slabinfo, ... can never disagree.
 */
static int shell_show(int (*show)(struct seq_file *, void *))
{
	struct seq_file m;
	int err = seq_render_single(&m, show, NULL);

	if (!err)
		tty_write(m.buf, m.count);
	seq_render_free(&m);
	return err;
}

static int cmd_meminfo(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	return shell_show(meminfo_proc_show);
}

static int cmd_vmstat(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	return shell_show(vmstat_show) ?: shell_show(zone_watermarks_show);
}

static int cmd_slabinfo(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	return shell_show(slabinfo_show);
}

static int cmd_buddyinfo(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	return shell_show(buddyinfo_show);
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

static const char *complete_fault(unsigned int i)
{
	static const char *const names[] = { "failslab", "fail_page_alloc" };

	return i < ARRAY_SIZE(names) ? names[i] : NULL;
}

static int report_module_error(const char *cmd, const char *name, int err)
{
	const char *why = err == -ENOENT ? "no such module" :
			  err == -EEXIST ? "already loaded" :
			  err == -EBUSY ? "module has no exit function or is busy" :
			  err == -EAGAIN ? "module is in use" :
			  err == -ENOEXEC ? "invalid module format" : "init failed";

	if (err == -ENOENT && !strcmp(cmd, "rmmod"))
		why = "not loaded";
	tty_printf("%s: %s: %s (%s)\n", cmd, name, why, errname(err) ?: "error");
	return err;
}

/* A path ("/lib/.../x.ko", "x.ko") names a file; a bare name a
 * built-in module. */
static bool is_module_file(const char *arg)
{
	size_t len = strlen(arg);

	return strchr(arg, '/') || (len > 3 && !strcmp(arg + len - 3, ".ko"));
}

/* insmod FILE [param=value ...] loads a .ko; insmod NAME a built-in. */
static int cmd_insmod(int argc, char **argv)
{
	char params[256] = "";
	size_t len = 0;
	int err;

	if (argc < 2)
		return shell_usage(argv[0]);
	if (!is_module_file(argv[1])) {
		if (argc != 2)
			return shell_usage(argv[0]);
		err = module_load(argv[1]);
		return err ? report_module_error(argv[0], argv[1], err) : 0;
	}
	for (int i = 2; i < argc && len < sizeof(params); i++)
		len += scnprintf(params + len, sizeof(params) - len, "%s ", argv[i]);
	err = load_module_file(argv[1], params);
	return err ? report_module_error(argv[0], argv[1], err) : 0;
}

static int cmd_rmmod(int argc, char **argv)
{
	int err;

	if (argc != 2)
		return shell_usage(argv[0]);
	err = delete_module_by_name(argv[1]);
	if (err == -ENOENT)
		err = module_unload(argv[1]);
	return err ? report_module_error(argv[0], argv[1], err) : 0;
}

static const char *complete_module(unsigned int i)
{
	const struct module_info *m = module_get(i);

	return m ? m->name : NULL;
}

/* The loaded modules as /proc/modules shows them, then the built-in ones. */
static int cmd_lsmod(int argc, char **argv)
{
	struct seq_file m = {};

	if (argc > 1)
		return shell_usage(argv[0]);
	if (!seq_render(&m, &modules_op, NULL)) {
		if (m.count)
			tty_printf("Loaded modules (as /proc/modules):\n");
		tty_write(m.buf, m.count);
	}
	seq_render_free(&m);
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

/* consoles: what Linux's /proc/consoles shows, and each line setting. */
static int cmd_consoles(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	console_list(tty_printf);
	return 0;
}

static int cmd_irqs(int argc, char **argv)
{
	if (argc > 1)
		return shell_usage(argv[0]);
	return shell_show(show_interrupts);
}

/* rcu: the grace-period state, as Linux's rcu debugfs/tracing would show. */
static int cmd_rcu(int argc, char **argv)
{
	struct rcu_stats st;

	if (argc > 1)
		return shell_usage(argv[0]);
	rcu_get_stats(&st);
	tty_printf("rcu_preempt: gp_seq %lu (GP %lu, %s), gp_seq_needed %lu, %lu GPs since boot\n",
		   st.gp_seq, st.gp_seq >> 2, st.gp_seq & 3 ? "in progress" : "idle",
		   st.gp_seq_needed, st.n_gps);
	tty_printf("  CPUs owing a quiescent state: 0x%lx\n", st.qsmask);
	tty_printf("  readers preempted inside rcu_read_lock(): %d (%d hold up this GP)\n",
		   st.blocked_tasks, st.gp_blocked);
	tty_printf("  callbacks: %lu waiting, %lu invoked\n", st.cbs_pending, st.cbs_invoked);
	return 0;
}

/* ktest [SUITE[,SUITE...]]: the in-kernel suites, KTAP in the log. */
static int cmd_ktest(int argc, char **argv)
{
	char list[SHELL_LINE_MAX], *p, *name;
	int failed;

	if (argc > 2)
		return shell_usage(argv[0]);
	if (argc == 2 && strcmp(argv[1], "all")) {
		strlcpy(list, argv[1], sizeof(list));
		for (p = list; (name = strsep(&p, ",")) != NULL;) {
			unsigned int i = 0;

			while (ktest_suite_name(i) && strcmp(ktest_suite_name(i), name))
				i++;
			if (!ktest_suite_name(i)) {
				tty_printf("ktest: no suite '%s'; Tab lists them\n", name);
				return -ENOENT;
			}
		}
	}
	failed = ktest_run(argc == 2 ? argv[1] : "all");
	tty_printf("ktest: %d failed case%s\n", failed, failed == 1 ? "" : "s");
	return failed ? -EIO : 0;
}

static const char *complete_ktest(unsigned int i)
{
	return i == 0 ? "all" : ktest_suite_name(i - 1);
}

/* watch [-n SECS] CMD...: run CMD every SECS until Ctrl-C or q. */
static int cmd_watch(int argc, char **argv)
{
	char line[SHELL_LINE_MAX];
	int secs = 2, first = 1;

	if (argc > 2 && !strcmp(argv[1], "-n")) {
		if (shell_parse_int(argv[0], "seconds", argv[2], 1, 3600, &secs))
			return -EINVAL;
		first = 3;
	}
	if (first >= argc)
		return shell_usage(argv[0]);
	if (!strcmp(argv[first], "watch") || !strcmp(argv[first], "top")) {
		tty_printf("watch: cannot watch '%s'\n", argv[first]);
		return -EINVAL;
	}
	for (;;) {
		size_t n = 0;
		int c;

		for (int i = first; i < argc; i++)
			n += scnprintf(line + n, sizeof(line) - n, "%s%s",
				       i > first ? " " : "", argv[i]);
		tty_printf("\033[2J\033[HEvery %ds: %s    (q or Ctrl-C quits)\n\n",
			   secs, line);
		shell_execute(line);
		/* Another key only refreshes at once (watch owns the input). */
		c = tty_getc_timeout(secs * 1000);
		if (c == 'q' || c == TTY_INTR)
			return 0;
	}
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

static const char *complete_dmesg(unsigned int i)
{
	static const char *const opts[] = { "-c", "-l" };

	return i < ARRAY_SIZE(opts) ? opts[i] : NULL;
}

const struct shell_command shell_commands[] = {
	{ .name = "help", .run = cmd_help, .complete = complete_command_name,
	  .usage = "help [CMD] - list commands, or show one's usage" },
	{ .name = "echo", .run = cmd_echo, .usage = "echo [WORD...] - print the words" },
	{ .name = "uptime", .run = cmd_uptime,
	  .usage = "uptime - time since boot and the clock in use" },
	{ .name = "sleep", .run = cmd_sleep,
	  .usage = "sleep SECONDS - wait (0..3600 s); Ctrl-C cuts it short" },
	{ .name = "dmesg", .run = cmd_dmesg, .complete = complete_dmesg,
	  .usage = "dmesg [-c] [-l LEVEL[,LEVEL...]] - print the kernel log",
	  .help = "  -l  only these levels: emerg alert crit err warn notice info debug (or 0..7)\n"
		  "  -c  clear the log after printing it (later dmesg starts after it)\n" },
	{ .name = "ps", .run = cmd_ps,
	  .usage = "ps [-o COL,COL...] - list tasks",
	  .help = "  columns: pid ppid state cpu nice prio policy time nvcsw nivcsw comm\n"
		  "  default: pid,ppid,state,cpu,nice,time,comm\n" },
	{ .name = "pstree", .run = cmd_pstree, .usage = "pstree - the task tree from PID 0" },
	{ .name = "top", .run = cmd_top,
	  .usage = "top [-d SECS] [-n COUNT] - tasks by CPU use, refreshed; q or Ctrl-C quits",
	  .help = "  %CPU is the share of the last interval; -n stops after COUNT screens\n" },
	{ .name = "watch", .run = cmd_watch,
	  .usage = "watch [-n SECS] CMD [ARG...] - run CMD every SECS (2); q or Ctrl-C quits" },
	{ .name = "kthread", .run = cmd_kthread, .complete = kthread_cmd_complete,
	  .usage = "kthread create|stop|park|unpark|nice|list ... - drive demo kernel threads",
	  .help = "  kthread create NAME [--cpu N] [--nice N] [--fifo PRIO]\n"
		  "                 [--work sleep|spin|count|yield] [--period MS]\n"
		  "  kthread stop PID | park PID | unpark PID | nice PID N | list\n"
		  "  stop/park/unpark act on threads made by 'kthread create' only;\n"
		  "  nice works on any task but the idle tasks.\n" },
	{ .name = "trace", .run = cmd_trace, .complete = trace_cmd_complete,
	  .usage = "trace start|stop|show|mermaid [PID]|boot [show] - record kthread events",
	  .help = "  start: empty the ring and record; stop: stop recording\n"
		  "  show: the events; mermaid: the kthread creations as a sequenceDiagram\n"
		  "  boot: the boot (start_kernel, rest_init, init, kthreadd) as a diagram\n" },
	{ .name = "lkdtm", .run = cmd_lkdtm, .complete = lkdtm_complete,
	  .usage = "lkdtm list|TYPE - crash a fresh kernel thread on purpose (as Linux's LKDTM)" },
	{ .name = "ktest", .run = cmd_ktest, .complete = complete_ktest,
	  .usage = "ktest [all|SUITE[,SUITE...]] - run in-kernel test suites (KTAP)" },
	{ .name = "insmod", .run = cmd_insmod, .complete = complete_module,
	  .usage = "insmod FILE.ko [param=value ...] | NAME - load a module file, or a built-in module" },
	{ .name = "rmmod", .run = cmd_rmmod, .complete = complete_module,
	  .usage = "rmmod NAME - unload a module (run its exit)" },
	{ .name = "lsmod", .run = cmd_lsmod, .usage = "lsmod - list modules and their state" },
	{ .name = "meminfo", .run = cmd_meminfo,
	  .usage = "meminfo - memory use, as /proc/meminfo" },
	{ .name = "vmstat", .run = cmd_vmstat,
	  .usage = "vmstat - free pages, watermarks and reclaim events, as /proc/vmstat" },
	{ .name = "slabinfo", .run = cmd_slabinfo,
	  .usage = "slabinfo - slab caches, as /proc/slabinfo" },
	{ .name = "buddyinfo", .run = cmd_buddyinfo,
	  .usage = "buddyinfo - free blocks per order, as /proc/buddyinfo" },
	{ .name = "fault", .run = cmd_fault, .complete = complete_fault,
	  .usage = "fault [failslab|fail_page_alloc off|nth N|I,P,S,T] - "
		   "show or set allocation fault injection" },
	{ .name = "cmdline", .run = cmd_cmdline,
	  .usage = "cmdline - print the kernel command line" },
	{ .name = "consoles", .run = cmd_consoles,
	  .usage = "consoles - list the consoles, as /proc/consoles",
	  .help = "  flags: E printk writes to it, C /dev/console (the shell's),\n"
		  "  p it was given the log printed before it; then its settings\n"
		  "  console=NAME[,OPTIONS] on the kernel command line chooses them\n" },
	{ .name = "irqs", .run = cmd_irqs, .usage = "irqs - interrupt counts per line" },
	{ .name = "cpu", .run = cmd_cpu, .complete = cpu_cmd_complete,
	  .usage = "cpu [list] | cpu offline|online N - CPUs and their hotplug state; take one down or up",
	  .help = "  as writing 0 or 1 to /sys/devices/system/cpu/cpuN/online;\n"
		  "  CPU 0 cannot go offline (-EBUSY), as on Linux x86\n" },
	{ .name = "rcu", .run = cmd_rcu,
	  .usage = "rcu - RCU grace periods, blocked readers and callbacks" },
	{ .name = "ls", .run = cmd_ls,
	  .usage = "ls [PATH] - list a directory of the root file system" },
	{ .name = "cat", .run = cmd_cat, .usage = "cat FILE - print a file" },
	{ .name = "poweroff", .run = cmd_poweroff,
	  .usage = "poweroff - turn the machine off (ACPI S5)" },
	{ .name = "reboot", .run = cmd_reboot, .usage = "reboot - restart the machine" },
};
const unsigned int shell_nr_commands = ARRAY_SIZE(shell_commands);
