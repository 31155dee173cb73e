/*
 * Module parameters, as Linux's include/linux/moduleparam.h. A module
 * declares `module_param(reps, int, 0444)`; for a built-in module (every
 * module in Spindle is built in) the value comes from the kernel command
 * line as "<module>.<param>=<value>", which is how Linux sets the
 * parameters of built-in modules too. kernel/params.c hands such words to
 * module_param_set() (kernel/module.c).
 */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/module.h>	/* __MODULE_RECORD, MODREC_PARAM */

enum module_param_type {
	MODPARAM_int,
	MODPARAM_uint,
	MODPARAM_long,
	MODPARAM_ulong,
	MODPARAM_bool,
	MODPARAM_charp,
};

struct module_param_desc {
	const char *name;
	enum module_param_type type;
	void *var;
};

/* The C type behind each Linux parameter type name. */
#define __modparam_ctype_int int
#define __modparam_ctype_uint unsigned int
#define __modparam_ctype_long long
#define __modparam_ctype_ulong unsigned long
#define __modparam_ctype_bool bool
#define __modparam_ctype_charp char *

/* The record goes beside module_init()'s, in .modules (see module.h). */
#define module_param(name, type, perm)                                         \
	_Static_assert(__builtin_types_compatible_p(__typeof__(name),          \
						    __modparam_ctype_##type),  \
		       "module_param " #name ": variable is not " #type);      \
	static const struct module_param_desc __modparam_##name = {            \
		#name, MODPARAM_##type, &(name) };                             \
	__MODULE_RECORD(MODREC_PARAM, &__modparam_##name)

#define MODULE_PARM_DESC(name, s)

#endif
