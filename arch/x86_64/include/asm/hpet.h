/* The High Precision Event Timer (arch/x86_64/time/hpet.c). */
#ifndef _ASM_HPET_H
#define _ASM_HPET_H

/* Register offsets in the HPET's 1 KiB MMIO block. */
#define HPET_ID 0x000		/* capabilities: period (fs) in bits 63-32 */
#define HPET_ID_NUMBER_MASK 0x1F00
#define HPET_ID_NUMBER_SHIFT 8
#define HPET_ID_64BIT (1ULL << 13)
#define HPET_CFG 0x010
#define HPET_CFG_ENABLE 0x001
#define HPET_CFG_LEGACY 0x002	/* timers 0/1 replace the PIT and RTC IRQs */
#define HPET_COUNTER 0x0F0
#define HPET_MAX_PERIOD_FS 100000000ULL	/* 100 ns: the spec's slowest */
#define FSEC_PER_SEC 1000000000000000ULL

/**
 * hpet_enable - start the HPET's main counter and register it as a
 * clock source (rating 250)
 *
 * Context: time_init(), after acpi_table_init().
 * Return: 0, or -ENODEV when there is no usable ACPI HPET table or the
 * counter does not count.
 */
int hpet_enable(void);

#endif
