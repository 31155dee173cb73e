/*
 * Module parameters, as Linux's include/linux/moduleparam.h. A module
 * declares `module_param(reps, int, 0444)`. For a built-in module the
 * value comes from the kernel command line as "<module>.<param>=<value>",
 * which is how Linux sets the parameters of built-in modules too
 * (kernel/params.c hands such words to module_param_set()). A loadable
 * module's descriptors go to its __param section, and the loader sets
 * them from the insmod line, "reps=3 name=x" (kernel/module/param.c).
 */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/module.h>	/* __MODULE_RECORD, MODREC_PARAM */
#include <linux/errno.h>

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
	unsigned short perm;	/* of /sys/module/NAME/parameters/name; 0: none */
};

/* Linux's VERIFY_OCTAL_PERMISSIONS(): readable by all or none of a
 * class above, never writable by others. */
#define __module_param_check_perm(perm)                                        \
	_Static_assert((perm) >= 0 && (perm) <= 0777 && !((perm) & 0002) &&    \
		       (((perm) >> 6) & 4) >= (((perm) >> 3) & 4) &&            \
		       (((perm) >> 3) & 4) >= ((perm) & 4),                     \
		       "module_param: bad permissions")

/* The C type behind each Linux parameter type name. */
#define __modparam_ctype_int int
#define __modparam_ctype_uint unsigned int
#define __modparam_ctype_long long
#define __modparam_ctype_ulong unsigned long
#define __modparam_ctype_bool bool
#define __modparam_ctype_charp char *

/* @ctype is pasted by the caller: `bool` is a macro, and would expand
 * to _Bool if it were passed on to be pasted here. */
#define __module_param_check(name, ctype, tname)                               \
	_Static_assert(__builtin_types_compatible_p(__typeof__(name), ctype),  \
		       "module_param " #name ": variable is not " tname)

#ifdef MODULE
/* In the module's __param section, which the loader walks. */
#define module_param(name, type, perm)                                         \
	__module_param_check(name, __modparam_ctype_##type, #type);                                      \
	__module_param_check_perm(perm);                                       \
	static const struct module_param_desc __param_##name __used            \
		__section("__param") __aligned(8) = {                          \
			#name, MODPARAM_##type, &(name), (perm) }
#else
/* The record goes beside module_init()'s, in .modules (see module.h). */
#define module_param(name, type, perm)                                         \
	__module_param_check(name, __modparam_ctype_##type, #type);                                      \
	__module_param_check_perm(perm);                                       \
	static const struct module_param_desc __modparam_##name = {            \
		#name, MODPARAM_##type, &(name), (perm) };                     \
	__MODULE_RECORD(MODREC_PARAM, &__modparam_##name)
#endif

/**
 * module_param_store - parse @val into the variable @p describes
 * @p: the parameter
 * @val: its text; a charp parameter keeps pointing into it
 *
 * Return: 0 or -EINVAL, as Linux's param_set_*() (kernel/module/param.c).
 */
int module_param_store(const struct module_param_desc *p, char *val);
/* The value as /sys/module/NAME/parameters shows it, with a newline. */
int module_param_show(const struct module_param_desc *p, char *buf);

#ifdef MODULE
#define MODULE_PARM_DESC(_parm, desc) MODULE_INFO(parm, #_parm ":" desc)
#else
#define MODULE_PARM_DESC(_parm, desc)
#endif

#endif
