/* Placeholder until the APIC driver lands: report no APIC. */
#include <linux/errno.h>
#include <asm/apic.h>

int apic_init(void)
{
	return -ENODEV;
}

int apic_timer_init(void)
{
	return -ENODEV;
}

void apic_eoi(void)
{
}
