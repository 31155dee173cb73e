/*
 * Power off, restart, and leaving QEMU with a status. Restart tries the
 * keyboard controller's reset line, then a triple fault, as Linux's
 * arch/x86/kernel/reboot.c does among its methods.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/io.h>
#include <spindle/arch.h>

#define DEBUG_EXIT_PORT 0xf4

void arch_emulator_exit(int code)
{
	outl(code, DEBUG_EXIT_PORT);
}

int arch_power_off(void)
{
	return -ENODEV;
}

static void kbd_controller_reset(void)
{
	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		;
	outb(0xFE, 0x64);	/* pulse the CPU reset line */
}

int arch_restart(void)
{
	local_irq_disable();
	kbd_controller_reset();
	for (int i = 0; i < 1000000; i++)
		io_delay();
	/* A triple fault: an empty IDT makes the next interrupt fatal. */
	{
		struct { u16 limit; u64 base; } __packed empty = { 0, 0 };

		__asm__ __volatile__("lidt %0; int3" : : "m"(empty));
	}
	return -EIO;
}
