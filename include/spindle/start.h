/* The entry points of the portable kernel (kernel/main.c). */
#ifndef _SPINDLE_START_H
#define _SPINDLE_START_H

void start_kernel(void);

#endif
