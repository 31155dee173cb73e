/*
 * Module parameters: parsing a value into a module_param() variable
 * (Linux's param_set_int() and friends in kernel/params.c), and the
 * insmod line of a loadable module, "reps=3 verbose name=x" (Linux's
 * parse_args() as load_module() calls it). Built-in modules get theirs
 * from the kernel command line (kernel/module/builtin.c).
 * Simplified: no arrays, no quoting, no /sys/module/NAME/parameters yet.
 * Lock rules: none; the loader calls this before the module runs.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
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
