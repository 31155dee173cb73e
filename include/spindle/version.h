/* The banner start_kernel() prints first, like Linux's linux_banner. */
#ifndef _SPINDLE_VERSION_H
#define _SPINDLE_VERSION_H

extern const char spindle_banner[];

#endif
