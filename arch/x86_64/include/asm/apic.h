/* The local APIC and I/O APIC (arch/x86_64/apic/). */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <linux/types.h>

/* Sets up the local APIC and I/O APIC from the MADT; -ENODEV without. */
int apic_init(void);
/* Starts the local APIC timer at HZ, calibrated; -ENODEV without APIC. */
int apic_timer_init(void);
/* Signals end of interrupt to the local APIC. */
void apic_eoi(void);

#endif
