/*
 * /sys/module, as Linux's kernel/module/sysfs.c and the sysfs half of
 * kernel/params.c. A loaded module has /sys/module/NAME with initstate
 * and refcnt, and parameters/ with one file per module_param() whose
 * permission is not 0: reading shows the value, writing (where the
 * permission allows) sets it as the insmod line would. Built-in modules
 * get their parameters/ at boot (param_sysfs_builtin()).
 *
 * Differs from Linux: a module's open parameter file pins the module
 * (rmmod answers -EAGAIN until it is closed), where Linux's kernfs makes
 * the open file fail with -ENODEV instead.
 * Locking: param_lock around every read and write of a parameter (Linux's
 * kernel_param_lock()), so a charp is never freed while it is shown.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/sysfs.h>
#include <linux/kobject.h>
#include <linux/err.h>
#include <spindle/module.h>
#include "internal.h"

static DEFINE_MUTEX(param_lock);

struct param_attribute {
	struct kobj_attribute kattr;
	const struct module_param_desc *param;
	char *owned;		/* a charp value written here, freed with it */
};

/* A module's parameters/ directory and its files (Linux's struct
 * module_param_attrs). */
struct module_param_attrs {
	struct kobject kobj;
	unsigned int num;
	struct param_attribute attrs[];
};

static ssize_t param_attr_show(struct kobject *kobj, struct kobj_attribute *kattr, char *buf)
{
	struct param_attribute *pa = container_of(kattr, struct param_attribute, kattr);
	ssize_t ret;

	mutex_lock(&param_lock);
	ret = module_param_show(pa->param, buf);
	mutex_unlock(&param_lock);
	return ret;
}

/* As the insmod line: "echo 5 > reps". A charp keeps its own copy. */
static ssize_t param_attr_store(struct kobject *kobj, struct kobj_attribute *kattr,
				const char *buf, size_t count)
{
	struct param_attribute *pa = container_of(kattr, struct param_attribute, kattr);
	char *val = kstrndup(buf, count, GFP_KERNEL);
	int err;

	if (!val)
		return -ENOMEM;
	strim(val);
	mutex_lock(&param_lock);
	err = module_param_store(pa->param, val);
	if (!err && pa->param->type == MODPARAM_charp) {
		kfree(pa->owned);
		pa->owned = val;
		val = NULL;
	}
	mutex_unlock(&param_lock);
	kfree(val);
	return err ? err : (ssize_t)count;
}

/**
 * module_param_sysfs_setup - parameters/ under @parent for @params
 * @parent: /sys/module/NAME
 * @params: the module's parameters, @num of them
 * @owner: the loadable module they live in, or NULL (built in)
 *
 * Return: the directory's attributes (free with module_param_sysfs_remove),
 * NULL if no parameter has a file, or ERR_PTR(-errno).
 */
static struct module_param_attrs *
module_param_sysfs_setup(struct kobject *parent, const struct module_param_desc *params,
			 unsigned int num, struct module *owner)
{
	struct module_param_attrs *mp;
	unsigned int files = 0;
	int err;

	for (unsigned int i = 0; i < num; i++)
		files += params[i].perm != 0;
	if (!files)
		return NULL;
	mp = kzalloc(sizeof(*mp) + files * sizeof(mp->attrs[0]), GFP_KERNEL);
	if (!mp)
		return ERR_PTR(-ENOMEM);
	err = kobject_add(&mp->kobj, parent, "parameters");
	for (unsigned int i = 0; !err && i < num; i++) {
		struct param_attribute *pa = &mp->attrs[mp->num];

		if (!params[i].perm)
			continue;
		pa->param = &params[i];
		pa->kattr.attr = (struct attribute){ params[i].name, params[i].perm, owner };
		pa->kattr.show = param_attr_show;
		pa->kattr.store = params[i].perm & 0222 ? param_attr_store : NULL;
		mp->num++;
		err = sysfs_create_file(&mp->kobj, &pa->kattr.attr);
	}
	if (err) {
		kobject_del(&mp->kobj);
		kfree(mp);
		return ERR_PTR(err);
	}
	return mp;
}

static void module_param_attrs_free(struct module_param_attrs *mp)
{
	if (IS_ERR_OR_NULL(mp))
		return;
	for (unsigned int i = 0; i < mp->num; i++)
		kfree(mp->attrs[i].owned);
	kfree(mp);
}

static const char *const state_names[] = {
	[MODULE_STATE_LIVE] = "live",
	[MODULE_STATE_COMING] = "coming",
	[MODULE_STATE_GOING] = "going",
	[MODULE_STATE_UNFORMED] = "unformed",
	[MODULE_STATE_UNLOADED] = "unloaded",
};

static struct module *kobj_module(struct kobject *kobj)
{
	return container_of(kobj, struct module, mkobj);
}

static ssize_t initstate_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", state_names[READ_ONCE(kobj_module(kobj)->state)]);
}

static ssize_t refcnt_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", module_refcount(kobj_module(kobj)));
}

/* Kernel memory, not the module's: no owner to pin. Reading them while
 * the module goes is safe because rmmod removes the files first. */
static struct kobj_attribute initstate_attr = __ATTR_RO(initstate);
static struct kobj_attribute refcnt_attr = __ATTR_RO(refcnt);

/**
 * mod_sysfs_setup - /sys/module/NAME for a module being loaded
 * @mod: the module, its parameters already set from the insmod line
 *
 * Return: 0 or -errno (nothing is left behind then).
 */
int mod_sysfs_setup(struct module *mod)
{
	struct module_param_attrs *mp;
	int err = kobject_add(&mod->mkobj, module_kobj, mod->name);

	if (err)
		return err;
	err = sysfs_create_file(&mod->mkobj, &initstate_attr.attr);
	if (!err)
		err = sysfs_create_file(&mod->mkobj, &refcnt_attr.attr);
	mp = err ? NULL : module_param_sysfs_setup(&mod->mkobj, mod->kp, mod->num_kp, mod);
	if (!err && IS_ERR(mp))
		err = PTR_ERR(mp);
	if (err) {
		kobject_del(&mod->mkobj);
		return err;
	}
	mod->param_attrs = mp;
	return 0;
}

/* Removes /sys/module/NAME; no file of it is open (they pin @mod). */
void mod_sysfs_teardown(struct module *mod)
{
	kobject_del(&mod->mkobj);
	module_param_attrs_free(mod->param_attrs);
	mod->param_attrs = NULL;
}

/*
 * Built-in modules' parameters, as Linux's param_sysfs_builtin(): one
 * /sys/module/NAME/parameters per module with a parameter that has a
 * file. The records come in module order (one module per .c file).
 */
static int __init param_sysfs_builtin(void)
{
	const struct module_param_desc *params;
	const char *modname;
	unsigned int n;

	for (unsigned int i = 0; builtin_module_params(i, &modname, &params, &n); i++) {
		struct module_param_attrs *mp;
		struct kobject *kobj;

		if (!n)
			continue;
		kobj = kobject_create_and_add(modname, module_kobj);
		if (!kobj)
			return -ENOMEM;
		mp = module_param_sysfs_setup(kobj, params, n, NULL);
		if (IS_ERR(mp))
			pr_warn("module %s: no /sys/module parameters (%ld)\n", modname, PTR_ERR(mp));
	}
	return 0;
}
late_initcall(param_sysfs_builtin);
