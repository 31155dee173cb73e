/*
 * The local APIC and the I/O APIC (arch/x86_64/apic/): register offsets
 * and the interface the rest of arch/ uses, as Linux's asm/apicdef.h and
 * asm/apic.h. Registers are 32 bits wide, 16 bytes apart; in x2APIC mode
 * the same register is MSR 0x800 + (offset >> 4).
 */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <linux/types.h>

/* Local APIC registers (offsets in the 4 KiB xAPIC page). */
#define APIC_ID 0x20
#define APIC_LVR 0x30			/* version; bits 16-23: max LVT */
#define APIC_TASKPRI 0x80		/* TPR */
#define APIC_EOI 0xB0
#define APIC_SPIV 0xF0			/* spurious vector register (SVR) */
#define APIC_SPIV_APIC_ENABLED (1U << 8)
#define APIC_ISR 0x100			/* 8 registers, 0x10 apart */
#define APIC_ESR 0x280
#define APIC_ICR 0x300			/* interrupt command, low word */
#define APIC_ICR2 0x310			/* its destination (xAPIC) */
#define APIC_LVTT 0x320			/* timer */
#define APIC_LVTTHMR 0x330		/* thermal sensor */
#define APIC_LVTPC 0x340		/* performance counters */
#define APIC_LVT0 0x350			/* LINT0 */
#define APIC_LVT1 0x360			/* LINT1 */
#define APIC_LVTERR 0x370
#define APIC_TMICT 0x380		/* timer initial count */
#define APIC_TMCCT 0x390		/* timer current count */
#define APIC_TDCR 0x3E0			/* timer divide configuration */

/* Local vector table entry bits. */
#define APIC_LVT_MASKED (1U << 16)
#define APIC_LVT_TIMER_PERIODIC (1U << 17)
#define APIC_LVT_LEVEL_TRIGGER (1U << 15)
#define APIC_LVT_ACTIVE_LOW (1U << 13)
#define APIC_DM_FIXED 0x000
#define APIC_DM_NMI 0x400
#define APIC_DM_EXTINT 0x700
#define APIC_DM_INIT 0x500
#define APIC_DM_STARTUP 0x600
#define APIC_INT_LEVELTRIG 0x8000
#define APIC_INT_ASSERT 0x4000
#define APIC_ICR_BUSY 0x1000		/* delivery status: send pending */
#define APIC_TDR_DIV_16 0x3

#define APIC_BASE_MSR_ENABLE (1ULL << 11)
#define APIC_BASE_MSR_X2APIC (1ULL << 10)
#define APIC_BASE_MSR_BSP (1ULL << 8)
#define APIC_BASE_MSR_ADDR_MASK 0x000FFFFFFFFFF000ULL
#define APIC_X2APIC_MSR_BASE 0x800

/*
 * The two register interfaces' encodings, pure so that a test can check
 * them where the emulator has no x2APIC (QEMU 7.2's TCG). xAPIC: the ID
 * is bits 31-24 of APIC_ID and the destination bits 31-24 of ICR2, a
 * separate write before the ICR's low word. x2APIC: the ID is the whole
 * 32-bit register and the ICR one 64-bit MSR, destination in bits 63-32.
 */
static inline u32 apic_id_decode(u32 reg, bool x2apic)
{
	return x2apic ? reg : reg >> 24;
}

static inline u32 apic_icr2_xapic(u32 dest)
{
	return dest << 24;
}

static inline u64 apic_icr_x2apic(u32 low, u32 dest)
{
	return (u64)dest << 32 | low;
}

/* The largest APIC ID xAPIC can address (0xFF is its broadcast). */
#define APIC_XAPIC_MAX_ID 0xFE

/* apic.c */

/**
 * apic_init - switch device interrupts from the 8259 to the APICs
 *
 * Enables this CPU's local APIC and programs the I/O APICs the MADT lists,
 * then makes the I/O APIC the interrupt chip (irq_set_chip()).
 *
 * Context: init_IRQ(), interrupts off, after the PIC is masked.
 * Return: 0, or -ENODEV (with a warning saying why) when there is no
 * MADT, no local APIC or no working I/O APIC; nothing is changed then.
 */
int apic_init(void);
/* True once apic_init() has succeeded. */
bool apic_in_use(void);
u32 apic_read(u32 reg);
void apic_write(u32 reg, u32 val);
/* This CPU's APIC ID. */
u32 apic_id(void);
/* True when the local APICs are in x2APIC mode (MSR access). */
bool x2apic_enabled(void);
/* Whether an IPI can reach APIC ID @id in the current mode. */
bool apic_id_valid(u32 id);
/* Signals end of interrupt to the local APIC; no-op without one. */
void apic_eoi(void);
/* Counts for show_interrupts(): APIC spurious and error interrupts. */
u64 apic_spurious_count(void);
u64 apic_error_count(void);
/* A CPU coming up programs its own local APIC (smpboot.c). */
void apic_setup_secondary(u32 acpi_id);
/* IPIs: the ICR write, and the wait until it has gone out. */
void apic_icr_write(u32 low, u32 apicid);
u32 apic_wait_icr_idle(void);

/* io_apic.c */

/* Maps and checks the I/O APICs the MADT lists: 0 or -ENODEV. */
int io_apic_probe(void);
/* Masks every pin, routes the ISA and PCI IRQs to @dest_apic_id. */
void setup_IO_APIC(u32 dest_apic_id);
extern const struct irq_chip ioapic_chip;

/* apic_timer.c */

/* Starts the local APIC timer at HZ, calibrated; -ENODEV without APIC. */
int apic_timer_init(void);
/* How many local timer interrupts arrived on @cpu (the "LOC" line). */
u64 apic_timer_irq_count(unsigned int cpu);
/* Starts this CPU's timer at the boot CPU's calibrated rate. */
void apic_timer_setup_secondary(void);

#endif
