/*
 * The parts of /sys that busybox and students read, each after the Linux
 * file that makes it:
 *  - /sys/devices/system/cpu/{online,possible,present,cpuN/online}
 *    (drivers/base/cpu.c): CPU lists as "0-1"; writing cpuN/online takes
 *    the CPU down or up (kernel/cpu.c);
 *  - /sys/class/tty/console/active (drivers/tty/tty_io.c): the ttys
 *    behind /dev/console, which busybox's cttyhack opens for the shell;
 *  - /sys/power/state (kernel/power/main.c): no sleep state is
 *    supported, so it reads empty and writing gives -EINVAL;
 *  - /sys/kernel/{debug,tracing}: mount points (debugfs, tracefs).
 * Simplified: possible and present are the CPUs the firmware listed.
 */
#include <linux/suspend.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sysfs.h>
#include <linux/cpumask.h>
#include <linux/cpu.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <spindle/printk.h>
#include <asm/page.h>

/* Prints CPU set @mask as Linux's cpulist ("0-3,6"). */
static int cpulist_emit(char *buf, unsigned long mask)
{
	int len = 0, cpu = 0;

	while (cpu < NR_CPUS) {
		int first;

		if (!(mask >> cpu & 1)) {
			cpu++;
			continue;
		}
		first = cpu;
		while (cpu + 1 < NR_CPUS && (mask >> (cpu + 1) & 1))
			cpu++;
		len += scnprintf(buf + len, PAGE_SIZE - len, len ? ",%d" : "%d", first);
		if (cpu > first)
			len += scnprintf(buf + len, PAGE_SIZE - len, "-%d", cpu);
		cpu++;
	}
	return len + scnprintf(buf + len, PAGE_SIZE - len, "\n");
}

static unsigned long cpus_listed(void)
{
	return nr_cpu_ids >= 64 ? ~0UL : (1UL << nr_cpu_ids) - 1;
}

static ssize_t online_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return cpulist_emit(buf, READ_ONCE(__cpu_online_mask));
}

static ssize_t possible_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return cpulist_emit(buf, cpus_listed());
}

static struct kobj_attribute cpu_online_attr = __ATTR_RO(online);
static struct kobj_attribute cpu_possible_attr = __ATTR_RO(possible);
static struct kobj_attribute cpu_present_attr = __ATTR(present, 0444, possible_show, NULL);

/* cpuN/online: "1" or "0"; N is in the directory's name. */
static ssize_t cpu_one_online_show(struct kobject *kobj, struct kobj_attribute *a,
				   char *buf)
{
	int cpu = 0;

	kstrtoint(kobj->name + 3, 10, &cpu);
	return sysfs_emit(buf, "%d\n", cpu_online(cpu));
}

/*
 * Writing 0 or 1 takes the CPU down or brings it up through the hotplug
 * states (Linux's online_store() in drivers/base/core.c, device_offline()
 * and cpu_device_down()): a CPU already there is left alone; CPU 0
 * answers -EBUSY, as on Linux x86 by default; anything but 0/1 (or
 * y/n, as kstrtobool()) is -EINVAL.
 */
static ssize_t cpu_one_online_store(struct kobject *kobj, struct kobj_attribute *a,
				    const char *buf, size_t count)
{
	unsigned int cpu;
	bool val;
	int ret;

	if (kstrtouint(kobj->name + 3, 10, &cpu))
		return -EINVAL;
	if (buf[0] == '0' || buf[0] == 'n' || buf[0] == 'N')
		val = false;
	else if (buf[0] == '1' || buf[0] == 'y' || buf[0] == 'Y')
		val = true;
	else
		return -EINVAL;
	if (buf[1] && buf[1] != '\n')
		return -EINVAL;
	ret = val ? add_cpu(cpu) : remove_cpu(cpu);
	return ret < 0 ? ret : (ssize_t)count;
}

static struct kobj_attribute cpu_one_online_attr =
	__ATTR(online, 0644, cpu_one_online_show, cpu_one_online_store);

static void __init cpu_dev_init(void)
{
	struct kobject *sys = kobject_create_and_add("system", devices_kobj);
	struct kobject *cpus = sys ? kobject_create_and_add("cpu", sys) : NULL;

	if (!cpus)
		return;
	sysfs_create_file(cpus, &cpu_online_attr.attr);
	sysfs_create_file(cpus, &cpu_possible_attr.attr);
	sysfs_create_file(cpus, &cpu_present_attr.attr);
	for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < NR_CPUS; cpu++) {
		char name[16];
		struct kobject *k;

		snprintf(name, sizeof(name), "cpu%u", cpu);
		k = kobject_create_and_add(name, cpus);
		if (k)
			sysfs_create_file(k, &cpu_one_online_attr.attr);
	}
}

static ssize_t active_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return console_active_names(buf, PAGE_SIZE);
}

static struct kobj_attribute console_active_attr = __ATTR_RO(active);

static void __init tty_class_init(void)
{
	struct kobject *tty = kobject_create_and_add("tty", class_kobj);
	struct kobject *console = tty ? kobject_create_and_add("console", tty) : NULL;

	if (console)
		sysfs_create_file(console, &console_active_attr.attr);
}

/* /sys/power/state, as Linux's kernel/power/main.c: the states this
 * machine can sleep in (suspend-to-idle only), and writing one enters it;
 * the write returns after the wake-up. */
static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "freeze\n");
}

static ssize_t state_store(struct kobject *kobj, struct kobj_attribute *a,
			   const char *buf, size_t count)
{
	size_t len = count;
	int error;

	if (len && buf[len - 1] == '\n')
		len--;
	if (len != 6 || strncmp(buf, "freeze", 6))
		return -EINVAL;
	error = pm_suspend(PM_SUSPEND_TO_IDLE);
	return error ? error : (ssize_t)count;
}

static struct kobj_attribute power_state_attr = __ATTR_RW(state);

static int __init sysfs_devices_init(void)
{
	cpu_dev_init();
	tty_class_init();
	sysfs_create_file(power_kobj, &power_state_attr.attr);
	return 0;
}
core_initcall(sysfs_devices_init);
