/*
 * The version magic every module carries in .modinfo (tools/modpost.py
 * writes it) and the loader compares with its own, as Linux's
 * include/linux/vermagic.h: the release and the options that change the
 * ABI. A module built for another kernel is refused.
 */
#ifndef _LINUX_VERMAGIC_H
#define _LINUX_VERMAGIC_H

#include <generated/utsrelease.h>

#define VERMAGIC_STRING UTS_RELEASE " SMP mod_unload "

#endif
