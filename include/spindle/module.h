/* Built-in modules (kernel/module/builtin.c) and the module loader's
 * entry points for the kernel shell (kernel/module/main.c). */
#ifndef _SPINDLE_MODULE_H
#define _SPINDLE_MODULE_H

#include <linux/compiler.h>

#include <linux/module.h>	/* enum module_state */

struct module_info {
	const char *name;
	int (*init)(void);
	void (*exit)(void);
	const char *license, *author, *description;
	enum module_state state;
};

typedef int (*module_report_fn)(const char *fmt, ...) __printf(1, 2);

void modules_init(void);
/* Loads the modules named by modules=a,b (called by kernel_init). */
void load_boot_modules(void);
int module_load(const char *name);
/* The parameters of the @i-th built-in module (kernel/module/sysfs.c). */
struct module_param_desc;
bool builtin_module_params(unsigned int i, const char **name,
			   const struct module_param_desc **params, unsigned int *num);
/* /sys/module/NAME of a loadable module: made once its parameters are
 * set, removed before it is freed (kernel/module/sysfs.c). */
struct module;
int mod_sysfs_setup(struct module *mod);
void mod_sysfs_teardown(struct module *mod);
/* "mod.param=val" from the command line; -ENOENT if there is none. */
int module_param_set(const char *param, char *val);
int module_unload(const char *name);
void module_list(module_report_fn print);
/* For tab completion and tests: the @i-th module, or NULL. */
const struct module_info *module_get(unsigned int i);

/* Loadable modules (kernel/module/syscalls.c), for the kernel shell. */
int load_module_file(const char *path, const char *params);
int delete_module_by_name(const char *name);
/* Is a module file called @name loaded? (The built-in one is refused.) */
bool module_is_loaded(const char *name);
/* Is the built-in module @name loaded? (A .ko of that name is refused.) */
bool builtin_module_loaded(const char *name);

#endif
