/*
 * Build-time configuration in one place, as values usable in C (not
 * #ifdef): `if (IS_ENABLED(CONFIG_X))` keeps both branches compiled.
 */
#ifndef _SPINDLE_CONFIG_H
#define _SPINDLE_CONFIG_H

#define NR_CPUS 8
#define HZ 1000			/* timer ticks per second */

#define IS_ENABLED(option) (option)

#endif
