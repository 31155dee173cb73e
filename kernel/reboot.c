/*
 * reboot(), after Linux's kernel/reboot.c: with the magic numbers, power
 * off, restart or halt the machine ("Power down." / "Restarting system."
 * as Linux prints), or switch what Ctrl-Alt-Del does.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/random.h>
#include <linux/uaccess.h>
#include <spindle/arch.h>

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_MAGIC2A 85072278
#define LINUX_REBOOT_MAGIC2B 369367448
#define LINUX_REBOOT_MAGIC2C 537993216
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_HALT 0xCDEF0123
#define LINUX_REBOOT_CMD_CAD_ON 0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC

static bool cad_enabled = true;	/* Ctrl-Alt-Del reboots at once */

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
		cad_enabled = true;
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		cad_enabled = false;
		return 0;
	case LINUX_REBOOT_CMD_RESTART:
		pr_emerg("Restarting system.\n");
		return arch_restart();
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_emerg("Power down.\n");
		return arch_power_off();
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(getrandom, char __user *, buf, size_t, count, unsigned int, flags)
{
	size_t done = 0;

	if (flags & ~0x7U)	/* GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE */
		return -EINVAL;
	count = min(count, (size_t)INT_MAX);
	while (done < count) {
		u32 r = get_random_u32();
		size_t n = min(count - done, sizeof(r));

		if (copy_to_user(buf + done, &r, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}
