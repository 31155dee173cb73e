/*
 * Module parameters: parsing a value into a module_param() variable
 * (Linux's param_set_int() and friends in kernel/params.c), and the
 * insmod line of a loadable module, "reps=3 verbose name=x" (Linux's
 * parse_args() as load_module() calls it). Built-in modules get theirs
 * from the kernel command line (kernel/module/builtin.c).
 * module_param_show() formats a value for /sys/module/NAME/parameters
 * (kernel/module/sysfs.c), as Linux's param_get_*().
 * Simplified: no arrays, no quoting.
 * Lock rules: none here; the loader calls this before the module runs,
 * sysfs under its param_lock.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/sysfs.h>
#include "internal.h"

static int param_set_bool(bool *var, const char *val)
{
	/* A bare "flag" means true, as in Linux. */
	if (!*val || !strcmp(val, "1") || !strcmp(val, "y") || !strcmp(val, "Y"))
		*var = true;
	else if (!strcmp(val, "0") || !strcmp(val, "n") || !strcmp(val, "N"))
		*var = false;
	else
		return -EINVAL;
	return 0;
}

int module_param_store(const struct module_param_desc *p, char *val)
{
	switch (p->type) {
	case MODPARAM_int:
		return kstrtoint(val, 0, p->var);
	case MODPARAM_uint:
		return kstrtouint(val, 0, p->var);
	case MODPARAM_long:
		return kstrtol(val, 0, p->var);
	case MODPARAM_ulong:
		return kstrtoul(val, 0, p->var);
	case MODPARAM_bool:
		return param_set_bool(p->var, val);
	case MODPARAM_charp:
		*(char **)p->var = val;
		return 0;
	}
	return -EINVAL;
}

int module_param_show(const struct module_param_desc *p, char *buf)
{
	switch (p->type) {
	case MODPARAM_int:
		return sysfs_emit(buf, "%d\n", *(int *)p->var);
	case MODPARAM_uint:
		return sysfs_emit(buf, "%u\n", *(unsigned int *)p->var);
	case MODPARAM_long:
		return sysfs_emit(buf, "%ld\n", *(long *)p->var);
	case MODPARAM_ulong:
		return sysfs_emit(buf, "%lu\n", *(unsigned long *)p->var);
	case MODPARAM_bool:
		return sysfs_emit(buf, "%c\n", *(bool *)p->var ? 'Y' : 'N');
	case MODPARAM_charp:
		return sysfs_emit(buf, "%s\n", *(char **)p->var ?: "(null)");
	}
	return -EINVAL;
}

static size_t param_size(enum module_param_type type)
{
	static const unsigned char size[] = {
		[MODPARAM_int] = sizeof(int), [MODPARAM_uint] = sizeof(unsigned int),
		[MODPARAM_long] = sizeof(long), [MODPARAM_ulong] = sizeof(unsigned long),
		[MODPARAM_bool] = sizeof(bool), [MODPARAM_charp] = sizeof(char *),
	};

	return (unsigned int)type < ARRAY_SIZE(size) ? size[type] : 0;
}

/**
 * module_check_params - are the module's __param descriptors sane?
 * @mod: the relocated module
 *
 * Each name must be a string and each variable the size of its type,
 * both in the module's own memory, the type known and the permission
 * what module_param() allows: a damaged file is refused, not trusted.
 * Return: 0 or -ENOEXEC.
 */
int module_check_params(const struct module *mod)
{
	for (unsigned int i = 0; i < mod->num_kp; i++) {
		const struct module_param_desc *p = &mod->kp[i];
		size_t size = param_size(p->type);

		if (!size || !module_core_contains(mod, (unsigned long)p->var, size) ||
		    !module_core_string(mod, p->name) || (p->perm & ~0775))
			return -ENOEXEC;
		/* A string's default is shown as it is: it must be one. */
		if (p->type == MODPARAM_charp && *(char **)p->var &&
		    !module_core_string(mod, *(char **)p->var))
			return -ENOEXEC;
	}
	return 0;
}

static const struct module_param_desc *find_param(struct module *mod, const char *name)
{
	for (unsigned int i = 0; i < mod->num_kp; i++)
		if (!strcmp(mod->kp[i].name, name))
			return &mod->kp[i];
	return NULL;
}

/**
 * module_parse_args - set a module's parameters from its insmod line
 * @mod: the module; mod->args holds the line and stays with the module
 *
 * An unknown parameter is reported and ignored, as in Linux.
 * Return: 0, or -EINVAL for a value that does not parse.
 */
int module_parse_args(struct module *mod)
{
	char *rest = mod->args, *word;

	while ((word = strsep(&rest, " \t\n")) != NULL) {
		const struct module_param_desc *p;
		char *val = strchr(word, '=');
		int err;

		if (!*word)
			continue;
		if (val)
			*val++ = '\0';
		p = find_param(mod, word);
		if (!p) {
			pr_warn("%s: unknown parameter '%s' ignored\n", mod->name, word);
			continue;
		}
		err = module_param_store(p, val ? val : (char *)"");
		if (err) {
			pr_err("%s: '%s' invalid for parameter '%s'\n", mod->name,
			       val ? val : "", word);
			return err;
		}
	}
	return 0;
}
