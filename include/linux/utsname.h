/*
 * The system's names (uname), as Linux's include/linux/utsname.h:
 * Spindle has one UTS namespace, read as a copy.
 */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H

#include <uapi/linux/utsname.h>

void get_utsname(struct new_utsname *u);

#endif
