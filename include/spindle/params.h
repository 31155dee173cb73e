/* The kernel command line (kernel/params.c). */
#ifndef _SPINDLE_PARAMS_H
#define _SPINDLE_PARAMS_H

#include <linux/types.h>

#define COMMAND_LINE_SIZE 2048	/* as x86 Linux */

void set_boot_command_line(const char *src, size_t len);
void parse_early_param(void);
void parse_args(void);

#endif
