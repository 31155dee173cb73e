/*
 * Spindle's LKDTM (Linux Kernel Dump Test Module), after Linux's
 * drivers/misc/lkdtm/lkdtm.h: each crash type is a function that does
 * one deliberate wrong thing; core.c runs it in a fresh kernel thread.
 */
#ifndef _LKDTM_H
#define _LKDTM_H

#include <linux/kernel.h>

/* bugs.c */
void lkdtm_PANIC(void);
void lkdtm_BUG(void);
void lkdtm_WARNING(void);
void lkdtm_EXCEPTION(void);
void lkdtm_DIVIDE_BY_ZERO(void);
void lkdtm_INVALID_OPCODE(void);
void lkdtm_EXHAUST_STACK(void);
void lkdtm_SOFTLOCKUP(void);
void lkdtm_HUNG_TASK(void);
void lkdtm_SPINLOCKUP(void);
void lkdtm_ATOMIC_SLEEP(void);
/* perms.c */
void lkdtm_ACCESS_NULL(void);
void lkdtm_WRITE_RO(void);
void lkdtm_WRITE_KERN(void);
void lkdtm_EXEC_STACK(void);
void lkdtm_EXEC_KMALLOC(void);
/* heap.c */
void lkdtm_WRITE_AFTER_FREE(void);
void lkdtm_READ_AFTER_FREE(void);
void lkdtm_SLAB_FREE_DOUBLE(void);

/* How long SPINLOCKUP (and SOFTLOCKUP with the watchdog off) spins (ms). */
#define LKDTM_SPIN_MS 2000
/* The longest HUNG_TASK sleeps (s). */
#define LKDTM_HUNG_MAX_S 300

#endif
