/* The legacy timer chip (arch/x86_64/time/i8253.c). */
#ifndef _ASM_I8253_H
#define _ASM_I8253_H

#include <linux/types.h>

#define PIT_TICK_RATE 1193182

int pit_tick_init(void);
void pit_stop(void);
void pit_wait_start(unsigned int us);
bool pit_wait_done(void);
u16 pit_wait_count(void);

#endif
