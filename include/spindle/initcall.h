/* Running the initcalls (kernel/initcalls.c). */
#ifndef _SPINDLE_INITCALL_H
#define _SPINDLE_INITCALL_H

void do_pre_smp_initcalls(void);
void do_initcalls(void);

#endif
