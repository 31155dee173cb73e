/* Exit statuses Spindle gives QEMU's isa-debug-exit device. */
#ifndef _SPINDLE_PANIC_H
#define _SPINDLE_PANIC_H

/* QEMU exits with (code << 1) | 1: 0 -> 1 (power off), 1 -> 3 (panic). */
#define POWEROFF_EXIT_CODE 0
#define PANIC_EXIT_CODE 1

#endif
