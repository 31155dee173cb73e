/*
 * Power off, restart, and leaving QEMU with a status, as Linux's
 * arch/x86/kernel/reboot.c: power off is ACPI S5 (acpi_power_off());
 * restart tries the ACPI reset register, then the keyboard controller's
 * reset line, then a triple fault (native_machine_emergency_restart()'s
 * default order). Under QEMU, power off first writes to the isa-debug-exit
 * port so that a test harness sees exit status 1 at once; without that
 * device the write is ignored and S5 turns the VM off (status 0).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/acpi.h>
#include <asm/delay.h>
#include <asm/i8042.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <spindle/arch.h>

#define DEBUG_EXIT_PORT 0xf4
#define FW_CFG_PORT_SEL 0x510
#define FW_CFG_PORT_DATA 0x511
#define FW_CFG_SIGNATURE 0x0000
#define CPUID_1_ECX_HYPERVISOR (1U << 31)
#define I8042_CMD_PULSE_RESET 0xFE

/*
 * Is this QEMU? Port 0xf4 may be a real device on a PC, so only write it
 * when sure. Two signs, neither of which real hardware gives:
 *  - the ACPI OEM ID "BOCHS ", which QEMU's generated tables carry;
 *  - without ACPI (-no-acpi): the fw_cfg signature "QEMU" at port 0x510.
 *    That port is probed only when CPUID says a hypervisor runs us (bit
 *    31 of leaf 1 ECX, never set on bare metal), so a real machine's
 *    ports are never poked.
 */
static bool running_on_qemu(void)
{
	const char *oem = acpi_oem_id();
	u32 a, b, c, d;
	char sig[4];

	if (oem && !strcmp(oem, "BOCHS "))
		return true;
	cpuid(1, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_HYPERVISOR))
		return false;
	outw(FW_CFG_SIGNATURE, FW_CFG_PORT_SEL);
	for (int i = 0; i < 4; i++)
		sig[i] = inb(FW_CFG_PORT_DATA);
	return !memcmp(sig, "QEMU", 4);
}

/**
 * arch_emulator_exit - end QEMU with status (@code << 1) | 1
 * @code: the value for QEMU's isa-debug-exit device
 *
 * Does nothing on real hardware, or under QEMU without that device.
 * Context: any (panic() calls it with interrupts off).
 */
void arch_emulator_exit(int code)
{
	if (running_on_qemu())
		outl(code, DEBUG_EXIT_PORT);
}

/**
 * arch_power_off - turn the machine off (ACPI S5)
 *
 * Return: does not return on success; -ENODEV when ACPI offers no way
 * (no FADT, no \_S5), -EIO when the request had no effect.
 */
int arch_power_off(void)
{
	unsigned long flags;
	int err;

	local_irq_save(flags);
	arch_emulator_exit(0);
	err = acpi_power_off();
	local_irq_restore(flags);
	return err;
}

static void kbd_controller_reset(void)
{
	for (int i = 0; i < 10000 && (inb(I8042_STATUS_REG) & I8042_STR_IBF); i++)
		udelay(10);
	outb(I8042_CMD_PULSE_RESET, I8042_COMMAND_REG);	/* CPU reset line */
	mdelay(100);
}

/* With an empty IDT the next exception cannot be delivered: the CPU
 * shuts down, and the chipset resets it. */
static void triple_fault(void)
{
	struct { u16 limit; u64 base; } __packed empty = { 0, 0 };

	__asm__ __volatile__("lidt %0; int3" : : "m"(empty));
}

/**
 * arch_restart - reset the machine
 *
 * Return: does not return; -EIO if even the triple fault failed.
 */
int arch_restart(void)
{
	int err;

	local_irq_disable();
	err = acpi_reboot();
	if (err != -ENODEV)
		pr_warn("reboot: ACPI reset register had no effect (%s)\n", errname(err));
	kbd_controller_reset();
	pr_warn("reboot: keyboard controller reset had no effect\n");
	triple_fault();
	return -EIO;
}
