/*
 * time_init(): the clock sources and the periodic tick, as Linux's
 * arch/x86/kernel/time.c (hpet_time_init(), x86_late_time_init()).
 * Clock sources first - the HPET (rating 250), the ACPI PM timer (200),
 * the TSC (300, only when invariant), jiffies as the last resort - the
 * best one wins. Then the
 * tick: the local APIC timer when the APIC is in use, else the PIT.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/hpet.h>
#include <asm/i8253.h>
#include <asm/timer.h>
#include <spindle/arch.h>
#include <spindle/config.h>
#include <spindle/tick.h>

void time_init(void)
{
	tick_init();
	hpet_enable();
	acpi_pm_init();
	tsc_init();
	if (apic_timer_init() == 0)
		return;
	if (pit_tick_init())
		pr_err("time_init: no timer interrupt; the clock will not tick\n");
	else
		pr_info("time_init: PIT tick at %d Hz on IRQ 0\n", HZ);
}
