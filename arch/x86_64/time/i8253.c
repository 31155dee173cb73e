/*
 * The 8253/8254 programmable interval timer (1.193182 MHz). Channel 0 as
 * the periodic tick when there is no local APIC timer; channel 2 (gated
 * through port 0x61, no interrupt) as the reference that calibrates the
 * TSC and the APIC timer. Mirrors arch/x86/kernel/i8253.c and the PIT
 * calibration in arch/x86/kernel/tsc.c.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <asm/io.h>
#include <asm/i8253.h>
#include <spindle/config.h>
#include <spindle/tick.h>

#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define PIT_GATE 0x61

static irqreturn_t pit_interrupt(int irq, void *dev)
{
	tick_periodic();
	return IRQ_HANDLED;
}

/* Channel 0, mode 2 (rate generator) at HZ: the fallback tick on IRQ 0. */
int pit_tick_init(void)
{
	u16 divisor = (PIT_TICK_RATE + HZ / 2) / HZ;

	outb(0x34, PIT_MODE);
	outb(divisor & 0xFF, PIT_CH0);
	outb(divisor >> 8, PIT_CH0);
	return request_irq(0, pit_interrupt, 0, "timer", NULL);
}

/* Channel 0 stopped (mode 0, one shot that never reloads). */
void pit_stop(void)
{
	outb(0x30, PIT_MODE);
	outb(0, PIT_CH0);
	outb(0, PIT_CH0);
}

/**
 * pit_wait_start - start a one-shot countdown of @us microseconds on
 * channel 2; poll pit_wait_done() for its end.
 */
void pit_wait_start(unsigned int us)
{
	u32 count = (u32)((u64)PIT_TICK_RATE * us / 1000000);

	if (count > 0xFFFF)
		count = 0xFFFF;
	/* Gate on, speaker off. */
	outb((inb(PIT_GATE) & ~0x02) | 0x01, PIT_GATE);
	outb(0xB0, PIT_MODE);		/* channel 2, lo/hi, mode 0 */
	outb(count & 0xFF, PIT_CH2);
	outb(count >> 8, PIT_CH2);
}

/* Mode 0 raises OUT2 (bit 5 of port 0x61) when the count reaches 0. */
bool pit_wait_done(void)
{
	return inb(PIT_GATE) & 0x20;
}

/*
 * pit_wait_count - channel 2's current count (counts down; after 0 it
 * wraps to 0xFFFF and goes on). Latched first so both bytes belong to
 * the same moment. Lets calibration see where the PIT was, not just
 * whether it is done.
 */
u16 pit_wait_count(void)
{
	u8 lo, hi;

	outb(0x80, PIT_MODE);		/* channel 2, counter latch */
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return (u16)(hi << 8 | lo);
}
