/*
 * The console shell's `cpu` command: list the CPUs with their hotplug
 * state, and take one offline or bring it back online, as writing 0 or 1
 * to /sys/devices/system/cpu/cpuN/online does (Linux has no such shell
 * command; the sysfs file is its interface, which busybox reaches too).
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <spindle/shell.h>
#include <spindle/tty.h>

static void cpu_list(void)
{
	tty_printf("CPU ONLINE ACTIVE STATE\n");
	for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < NR_CPUS; cpu++) {
		enum cpuhp_state st = cpuhp_cpu_state(cpu);

		tty_printf("%3u %6s %6s %s (%d)\n", cpu, cpu_online(cpu) ? "yes" : "no",
			   cpu_active(cpu) ? "yes" : "no", cpuhp_state_name(st) ?: "?", st);
	}
	tty_printf("offline %lu times, online %lu times since boot\n",
		   cpuhp_nr_offline(), cpuhp_nr_online());
}

int cmd_cpu(int argc, char **argv)
{
	bool up;
	int cpu, err;

	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "list"))) {
		cpu_list();
		return 0;
	}
	if (argc != 3)
		return shell_usage(argv[0]);
	if (!strcmp(argv[1], "online"))
		up = true;
	else if (!strcmp(argv[1], "offline"))
		up = false;
	else
		return shell_usage(argv[0]);
	if (shell_parse_int(argv[0], "CPU", argv[2], 0, (int)nr_cpu_ids - 1, &cpu))
		return -EINVAL;
	err = up ? cpu_up(cpu) : cpu_down(cpu);
	if (err) {
		tty_printf("cpu: CPU %d cannot go %s: %s\n", cpu, argv[1], shell_errname(err));
		return err;
	}
	tty_printf("CPU %d is %s\n", cpu, cpu_online(cpu) ? "online" : "offline");
	return 0;
}

const char *cpu_cmd_complete(unsigned int i)
{
	static const char *const subs[] = { "list", "offline", "online" };

	return i < ARRAY_SIZE(subs) ? subs[i] : NULL;
}
