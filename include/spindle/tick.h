/* The periodic tick (kernel/time/tick.c). */
#ifndef _SPINDLE_TICK_H
#define _SPINDLE_TICK_H

/* Called by the architecture's timer interrupt, HZ times a second. */
void tick_periodic(void);
/* Registers jiffies as the clock of last resort; call before time_init(). */
void tick_init(void);

#endif
