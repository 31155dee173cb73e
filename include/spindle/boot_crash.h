/* Deliberate boot-time faults for teaching and tests (kernel/boot_crash.c). */
#ifndef _SPINDLE_BOOT_CRASH_H
#define _SPINDLE_BOOT_CRASH_H

/* Faults as boot_crash= asked; returns if it was not given or unknown. */
void boot_crash_run(void);
/* The same for faults that need kthreadd (called by kernel_init()). */
void boot_crash_run_late(void);

#endif
