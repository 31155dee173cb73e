/*
 * time_init(): the clock sources and the periodic tick, as Linux's
 * arch/x86/kernel/time.c and tsc.c. Order: the local APIC timer for the
 * tick when there is an APIC, else the PIT; the TSC as clock source when
 * it is invariant, calibrated against the PIT.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/i8253.h>
#include <asm/timer.h>
#include <spindle/arch.h>
#include <spindle/config.h>
#include <spindle/tick.h>

void time_init(void)
{
	tick_init();
	tsc_init();
	if (apic_timer_init() == 0)
		return;
	if (pit_tick_init())
		pr_err("time_init: no timer interrupt; the clock will not tick\n");
	else
		pr_info("time_init: PIT tick at %d Hz on IRQ 0\n", HZ);
}
