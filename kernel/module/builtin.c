/*
 * Built-in modules (loadable ones are kernel/module/main.c's). The
 * records module_init(), module_exit() and MODULE_*() leave in the
 * .modules section (include/linux/module.h) are gathered into one struct module_info per module name at boot. Loading
 * runs the init function (as Linux's do_init_module()); unloading runs
 * the exit function (as delete_module()). The code itself stays in the
 * kernel image, so a module can be loaded again after unloading.
 * Locking: builtin_mutex serialises load and unload (they may sleep:
 * rmmod of the seed's module waits up to five seconds).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <spindle/module.h>

#define MAX_MODULES 64

extern const struct module_record __modules_start[], __modules_end[];

static struct module_info modules[MAX_MODULES];
static unsigned int nr_modules;
static char boot_modules[256];
static DEFINE_MUTEX(builtin_mutex);

static int __init modules_setup(char *val)
{
	strlcpy(boot_modules, val, sizeof(boot_modules));
	return 0;
}
__setup("modules=", modules_setup);

static struct module_info *find_module_info(const char *name)
{
	for (unsigned int i = 0; i < nr_modules; i++)
		if (!strcmp(modules[i].name, name))
			return &modules[i];
	return NULL;
}

static struct module_info *find_or_add(const char *name)
{
	struct module_info *m = find_module_info(name);

	if (m || nr_modules == MAX_MODULES)
		return m;
	m = &modules[nr_modules++];
	m->name = name;
	m->state = MODULE_STATE_UNLOADED;
	return m;
}

void modules_init(void)
{
	for (const struct module_record *r = __modules_start; r < __modules_end; r++) {
		struct module_info *m = find_or_add(r->modname);

		if (WARN_ON(!m))
			break;
		switch (r->kind) {
		case MODREC_INIT:
			m->init = (int (*)(void))r->ptr;
			break;
		case MODREC_EXIT:
			m->exit = (void (*)(void))r->ptr;
			break;
		case MODREC_LICENSE:
			m->license = r->ptr;
			break;
		case MODREC_AUTHOR:
			m->author = r->ptr;
			break;
		case MODREC_DESCRIPTION:
			m->description = r->ptr;
			break;
		case MODREC_PARAM:
			break;	/* set from the command line, before this */
		}
	}
	pr_info("modules: %u built-in modules available\n", nr_modules);
}

/**
 * builtin_module_params - the parameters of the @i-th built-in module
 * @i: 0, 1, ... until false is returned
 * @name: its name
 * @params: a kmalloc'd array of copies of its parameters (NULL if none),
 *          which the caller keeps
 * @num: how many
 *
 * Return: false past the last module. Context: boot, may sleep.
 */
bool builtin_module_params(unsigned int i, const char **name,
			   const struct module_param_desc **params, unsigned int *num)
{
	struct module_param_desc *copy;
	unsigned int n = 0;

	if (i >= nr_modules)
		return false;
	*name = modules[i].name;
	*params = NULL;
	*num = 0;
	for (const struct module_record *r = __modules_start; r < __modules_end; r++)
		n += r->kind == MODREC_PARAM && !strcmp(r->modname, *name);
	copy = n ? kmalloc_array(n, sizeof(*copy), GFP_KERNEL) : NULL;
	if (!copy)
		return true;
	for (const struct module_record *r = __modules_start; r < __modules_end; r++)
		if (r->kind == MODREC_PARAM && !strcmp(r->modname, *name))
			copy[(*num)++] = *(const struct module_param_desc *)r->ptr;
	*params = copy;
	return true;
}

/**
 * module_load - run a module's init function (insmod)
 * @name: the module (its file name in modules/)
 *
 * Return: 0, -ENOENT if there is no such module, -EEXIST if it is
 * loaded, or the init function's error (the module stays unloaded).
 */
int module_load(const char *name)
{
	struct module_info *m;
	int ret = 0;

	mutex_lock(&builtin_mutex);
	m = find_module_info(name);
	if (!m)
		ret = -ENOENT;
	else if (m->state != MODULE_STATE_UNLOADED || module_is_loaded(name))
		ret = -EEXIST;
	if (ret)
		goto out;
	m->state = MODULE_STATE_COMING;
	if (m->init)
		ret = m->init();
	m->state = ret ? MODULE_STATE_UNLOADED : MODULE_STATE_LIVE;
out:
	mutex_unlock(&builtin_mutex);
	return ret;
}

/**
 * module_unload - run a module's exit function (rmmod)
 * @name: the module
 *
 * Return: 0, -ENOENT if not loaded or unknown, -EBUSY if it has an init
 * function but no exit function (Linux refuses those too).
 */
int module_unload(const char *name)
{
	struct module_info *m;
	int ret = 0;

	mutex_lock(&builtin_mutex);
	m = find_module_info(name);
	if (!m || m->state != MODULE_STATE_LIVE)
		ret = -ENOENT;
	else if (m->init && !m->exit)
		ret = -EBUSY;
	if (!ret) {
		m->state = MODULE_STATE_GOING;
		if (m->exit)
			m->exit();
		m->state = MODULE_STATE_UNLOADED;
	}
	mutex_unlock(&builtin_mutex);
	return ret;
}

static const char *const state_names[] = {
	[MODULE_STATE_UNFORMED] = "-",
	[MODULE_STATE_UNLOADED] = "-",
	[MODULE_STATE_COMING] = "Loading",
	[MODULE_STATE_LIVE] = "Live",
	[MODULE_STATE_GOING] = "Unloading",
};

void module_list(module_report_fn print)
{
	print("%-20s %-9s %s\n", "Module", "State", "Description");
	for (unsigned int i = 0; i < nr_modules; i++)
		print("%-20s %-9s %s\n", modules[i].name, state_names[modules[i].state],
		      modules[i].description ?: "");
}

const struct module_info *module_get(unsigned int i)
{
	return i < nr_modules ? &modules[i] : NULL;
}

/**
 * module_param_set - set a built-in module's parameter
 * @param: "module.name", as written on the kernel command line
 * @val: the value; it must outlive the module when the type is charp
 *
 * Context: boot (parse_args()), before any module is loaded.
 * Return: 0; -ENOENT if no module has that parameter; -EINVAL if the
 * value does not parse.
 */
int module_param_set(const char *param, char *val)
{
	const char *dot = strchr(param, '.');

	if (!dot)
		return -ENOENT;
	for (const struct module_record *r = __modules_start; r < __modules_end; r++) {
		const struct module_param_desc *p = r->ptr;

		if (r->kind != MODREC_PARAM || strlen(r->modname) != (size_t)(dot - param) ||
		    strncmp(r->modname, param, dot - param) || strcmp(p->name, dot + 1))
			continue;
		return module_param_store(p, val);
	}
	return -ENOENT;
}

void load_boot_modules(void)
{
	char *list = boot_modules, *name;

	while ((name = strsep(&list, ",")) != NULL) {
		int ret;

		if (!*name)
			continue;
		ret = module_load(name);
		if (ret)
			pr_err("modules=: cannot load %s: %s\n", name,
			       errname(ret) ?: "error");
	}
}

bool builtin_module_loaded(const char *name)
{
	const struct module_info *m = find_module_info(name);

	return m && m->state != MODULE_STATE_UNLOADED;
}
