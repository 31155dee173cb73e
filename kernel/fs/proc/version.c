/*
 * The small system files of /proc, as Linux's fs/proc/version.c,
 * cmdline.c, interrupts.c, cpuinfo.c and the /proc entries that Linux
 * registers from fs/filesystems.c, fs/proc_namespace.c, mm/ and
 * kernel/module/: each is one show, printed in Linux's format.
 * (/proc/modules is kernel/module/procfs.c's.)
 * Lock: none here; each show takes what its data needs.
 */
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/utsname.h>
#include <linux/string.h>
#include <linux/init.h>
#include <spindle/arch.h>
#include <spindle/mm.h>
#include <spindle/slab.h>
#include <spindle/pid.h>
#include <spindle/task.h>
#include "internal.h"

static int version_proc_show(struct seq_file *m, void *v)
{
	struct new_utsname u;

	get_utsname(&u);
	seq_printf(m, "%s version %s (root@spindle) (%s) %s\n", u.sysname, u.release,
		   "gcc version " __VERSION__, u.version);
	return 0;
}

static int cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, boot_command_line);
	seq_putc(m, '\n');
	return 0;
}

/* /proc/sys/kernel/: read-only copies of the sysctls ps and top read. */
static int sys_kernel_show(struct seq_file *m, void *v)
{
	const char *name = m->private;
	struct new_utsname u;

	get_utsname(&u);
	if (!strcmp(name, "hostname"))
		seq_printf(m, "%s\n", u.nodename);
	else if (!strcmp(name, "domainname"))
		seq_printf(m, "%s\n", u.domainname);
	else if (!strcmp(name, "ostype"))
		seq_printf(m, "%s\n", u.sysname);
	else if (!strcmp(name, "osrelease"))
		seq_printf(m, "%s\n", u.release);
	else if (!strcmp(name, "version"))
		seq_printf(m, "%s\n", u.version);
	else if (!strcmp(name, "pid_max"))
		seq_printf(m, "%d\n", PID_MAX_DEFAULT);
	else if (!strcmp(name, "threads-max"))
		seq_printf(m, "%lu\n", max_threads);
	return 0;
}

static const char *const sys_kernel_files[] = {
	"hostname", "domainname", "ostype", "osrelease", "version", "pid_max",
	"threads-max",
};

static void __init proc_sys_init(void)
{
	struct proc_dir_entry *sys = proc_mkdir("sys", NULL);
	struct proc_dir_entry *kernel = proc_mkdir("kernel", sys);

	for (size_t i = 0; kernel && i < ARRAY_SIZE(sys_kernel_files); i++)
		proc_create_single_data(sys_kernel_files[i], 0, kernel, sys_kernel_show,
					(void *)sys_kernel_files[i]);
}

static int __init proc_misc_init(void)
{
	proc_create_single("version", 0, NULL, version_proc_show);
	proc_create_single("cmdline", 0, NULL, cmdline_proc_show);
	proc_create_single("filesystems", 0, NULL, filesystems_proc_show);
	proc_create_single("mounts", 0, NULL, mounts_proc_show);
	proc_create_seq("cpuinfo", 0, NULL, &cpuinfo_op);
	proc_create_single("interrupts", 0, NULL, show_interrupts);
	proc_create_single("slabinfo", 0400, NULL, slabinfo_show);
	proc_create_single("buddyinfo", 0, NULL, buddyinfo_show);
	proc_create_single("vmstat", 0, NULL, vmstat_show);
	proc_sys_init();
	return 0;
}
fs_initcall(proc_misc_init);
