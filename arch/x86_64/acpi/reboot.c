/*
 * Restart through the ACPI reset register: the FADT (revision 2 and
 * later) may name a register and a value that resets the machine when
 * written, such as port 0xCF9 = 6 on Intel chipsets. Mirrors
 * acpi_reboot() in Linux's drivers/acpi/reboot.c, which
 * native_machine_emergency_restart() tries first (reboot=acpi).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/acpi.h>
#include <asm/delay.h>

/**
 * acpi_reboot - write the FADT's reset value into its reset register
 *
 * Context: interrupts off.
 * Return: does not return on success; -ENODEV when the FADT offers no
 * reset register (or it is in an unsupported space); -EIO when the
 * machine did not reset within 100 ms.
 */
int acpi_reboot(void)
{
	const struct acpi_fadt_info *f = acpi_fadt();
	int err;

	if (!f || !f->reset_register.address)
		return -ENODEV;
	err = acpi_gas_write(&f->reset_register, f->reset_value);
	if (err)
		return err == -EINVAL ? -ENODEV : err;
	mdelay(100);
	return -EIO;
}
