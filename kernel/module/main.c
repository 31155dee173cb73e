/*
 * Loading and unloading modules, as Linux's kernel/module/main.c:
 * load_module() checks the .ko (elf.c), lays it out in fresh memory
 * (layout.c), resolves its symbols against the kernel's exports and
 * relocates it (symbols.c), makes it W^X, sets its parameters and runs
 * its init function; the .init sections are freed afterwards.
 * free_module() frees it all again (the system calls that start both
 * are in syscalls.c).
 * Simplified: no signatures, no symbol versions (CRCs), no exports from
 * one module to another (so no dependencies), no forced unload.
 * Lock rules: module_mutex guards the list against writers and is not
 * held while init or exit functions run (they may sleep for long);
 * readers that cannot sleep (backtraces, __module_address()) walk the
 * list under RCU. module_ref_lock guards state changes against
 * try_module_get().
 */
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <linux/panic.h>
#include <spindle/module.h>
#include "internal.h"

LIST_HEAD(modules);
DEFINE_MUTEX(module_mutex);
static DEFINE_SPINLOCK(module_ref_lock);

/* The module called @name in any state, or NULL. Caller holds module_mutex. */
struct module *find_module(const char *name)
{
	struct module *mod;

	lockdep_assert_held(&module_mutex);
	list_for_each_entry(mod, &modules, list)
		if (!strcmp(mod->name, name))
			return mod;
	return NULL;
}

bool module_is_loaded(const char *name)
{
	bool loaded;

	mutex_lock(&module_mutex);
	loaded = find_module(name);
	mutex_unlock(&module_mutex);
	return loaded;
}

bool try_module_get(struct module *mod)
{
	unsigned long flags;
	bool ok = true;

	if (!mod)
		return true;
	spin_lock_irqsave(&module_ref_lock, flags);
	if (mod->state == MODULE_STATE_GOING)
		ok = false;
	else
		mod->refcnt++;
	spin_unlock_irqrestore(&module_ref_lock, flags);
	return ok;
}

void module_put(struct module *mod)
{
	unsigned long flags;

	if (!mod)
		return;
	spin_lock_irqsave(&module_ref_lock, flags);
	if (!WARN_ON(!mod->refcnt))
		mod->refcnt--;
	spin_unlock_irqrestore(&module_ref_lock, flags);
}

unsigned int module_refcount(struct module *mod)
{
	return READ_ONCE(mod->refcnt);
}

/**
 * try_module_stop - mark a module going, unless someone holds it
 * @mod: a live module
 *
 * Return: true if it is now MODULE_STATE_GOING (try_module_get() fails
 * from here on); false if its refcount is not zero.
 */
bool try_module_stop(struct module *mod)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&module_ref_lock, flags);
	ok = !mod->refcnt;
	if (ok)
		mod->state = MODULE_STATE_GOING;
	spin_unlock_irqrestore(&module_ref_lock, flags);
	return ok;
}

static void set_state(struct module *mod, enum module_state state)
{
	unsigned long flags;

	spin_lock_irqsave(&module_ref_lock, flags);
	mod->state = state;
	spin_unlock_irqrestore(&module_ref_lock, flags);
}

/* Caller holds rcu_read_lock() (or module_mutex) while it uses the answer. */
struct module *__module_address(unsigned long addr)
{
	struct module *mod;

	list_for_each_entry_rcu(mod, &modules, list)
		if (within_module_layout(addr, &mod->core_layout) ||
		    within_module_layout(addr, &mod->init_layout))
			return mod;
	return NULL;
}

bool is_module_text_address(unsigned long addr)
{
	struct module *mod;
	bool ret;

	rcu_read_lock();
	mod = __module_address(addr);
	ret = mod && (addr - (unsigned long)mod->core_layout.base < mod->core_layout.text_size ||
		      addr - (unsigned long)mod->init_layout.base < mod->init_layout.text_size);
	rcu_read_unlock();
	return ret;
}

/* Takes the module off the list and frees everything it owns. */
void free_module(struct module *mod)
{
	struct module_layout core;

	mod_sysfs_teardown(mod);
	mutex_lock(&module_mutex);
	list_del_rcu(&mod->list);
	mutex_unlock(&module_mutex);
	module_unload_free(mod);
	synchronize_rcu();	/* no backtrace is looking at it any more */
	module_free_symbols(mod);
	kfree(mod->args);
	free_layout(&mod->init_layout);
	core = mod->core_layout;	/* mod itself lives in core */
	free_layout(&core);
}

static bool license_is_gpl_compatible(const char *license)
{
	return !strcmp(license, "GPL") || !strcmp(license, "GPL v2") ||
	       !strcmp(license, "GPL and additional rights") ||
	       !strcmp(license, "Dual BSD/GPL") || !strcmp(license, "Dual MIT/GPL") ||
	       !strcmp(license, "Dual MPL/GPL");
}

void add_taint_module(struct module *mod, unsigned int flag)
{
	add_taint(flag, flag == TAINT_PROPRIETARY_MODULE ? LOCKDEP_NOW_UNRELIABLE :
							   LOCKDEP_STILL_OK);
	mod->taints |= 1UL << flag;
}

/* License and origin taints, with Linux's messages. */
static void check_license_and_origin(struct module *mod, const struct load_info *info)
{
	const char *license = get_modinfo(info, "license") ?: "unspecified";

	if (!mod->gpl_compatible) {
		if (!test_taint(TAINT_PROPRIETARY_MODULE))
			pr_warn("%s: module license '%s' taints kernel.\n", mod->name, license);
		add_taint_module(mod, TAINT_PROPRIETARY_MODULE);
	}
	if (!get_modinfo(info, "intree")) {
		if (!test_taint(TAINT_OOT_MODULE))
			pr_warn("%s: loading out-of-tree module taints kernel.\n", mod->name);
		add_taint_module(mod, TAINT_OOT_MODULE);
	}
}

static int check_vermagic(const struct load_info *info)
{
	const char *magic = get_modinfo(info, "vermagic");

	if (!magic) {
		pr_err("%s: no symbol version for module_layout\n", info->name);
		return -ENOEXEC;
	}
	if (strcmp(magic, VERMAGIC_STRING)) {
		pr_err("%s: version magic '%s' should be '%s'\n", info->name, magic,
		       VERMAGIC_STRING);
		return -ENOEXEC;
	}
	return 0;
}

/* Finds the sections load_module() needs and the module's name. */
static int setup_load_info(struct load_info *info)
{
	const Elf64_Shdr *ms;
	const char *name;

	for (unsigned int i = 1; i < info->hdr->e_shnum; i++)
		info->sechdrs[i].sh_addr = (unsigned long)info->hdr + info->sechdrs[i].sh_offset;
	info->index.mod = find_sec(info, ".gnu.linkonce.this_module");
	ms = &info->sechdrs[info->index.mod];
	if (!info->index.mod || ms->sh_type != SHT_PROGBITS || !(ms->sh_flags & SHF_WRITE)) {
		pr_warn("No module found in object\n");
		return -ENOEXEC;
	}
	if (ms->sh_size != sizeof(struct module)) {
		pr_err("module has invalid ELF structures\n");
		return -ENOEXEC;
	}
	name = (const char *)info->hdr + ms->sh_offset + offsetof(struct module, name);
	if (!memchr(name, '\0', MODULE_NAME_LEN) || !*name)
		return -ENOEXEC;
	info->name = name;
	/* .modinfo is read from the file only; it is not loaded. */
	info->index.info = find_sec(info, ".modinfo");
	if (info->index.info)
		info->sechdrs[info->index.info].sh_flags &= ~SHF_ALLOC;
	/* modpost writes the name twice; a file where they differ is damaged. */
	if (get_modinfo(info, "name") && strcmp(get_modinfo(info, "name"), name)) {
		pr_err("%s: module name does not match its .modinfo\n", name);
		return -ENOEXEC;
	}
	info->index.param = find_sec(info, "__param");
	info->gplok = license_is_gpl_compatible(get_modinfo(info, "license") ?: "");
	return check_vermagic(info);
}

/* Fills in the loader's part of struct module, once relocated. */
static int setup_module(struct module *mod, struct load_info *info, char *args)
{
	const Elf64_Shdr *ps = &info->sechdrs[info->index.param];
	int (*init)(void) = mod->init;
	void (*exit)(void) = mod->exit;

	if ((init && !within_module_layout((unsigned long)init, &info->core) &&
	     !within_module_layout((unsigned long)init, &info->init)) ||
	    (exit && !within_module_layout((unsigned long)exit, &info->core)))
		return -ENOEXEC;
	memset(&mod->core_layout, 0, sizeof(*mod) - offsetof(struct module, core_layout));
	INIT_LIST_HEAD(&mod->list);
	mod->state = MODULE_STATE_UNFORMED;
	mod->core_layout = info->core;
	mod->init_layout = info->init;
	mod->args = args;
	mod->gpl_compatible = info->gplok;
	if (info->index.param) {
		if (ps->sh_size % sizeof(struct module_param_desc))
			return -ENOEXEC;
		mod->kp = (const void *)(unsigned long)ps->sh_addr;
		mod->num_kp = ps->sh_size / sizeof(struct module_param_desc);
	}
	return module_check_params(mod);
}

/* Puts @mod on the list unless its name is taken (-EEXIST). */
static int add_unformed_module(struct module *mod)
{
	int err = 0;

	mutex_lock(&module_mutex);
	if (find_module(mod->name) || builtin_module_loaded(mod->name))
		err = -EEXIST;
	else
		list_add_tail_rcu(&mod->list, &modules);
	mutex_unlock(&module_mutex);
	return err;
}

/* Runs init; on success frees .init, on failure the whole module. */
static int do_init_module(struct module *mod)
{
	int ret = 0;

	mod->loader = current;
	if (mod->init)
		ret = mod->init();
	mod->loader = NULL;
	if (ret < 0) {
		set_state(mod, MODULE_STATE_GOING);
		free_module(mod);
		return ret;
	}
	if (ret > 0)
		pr_warn("%s: '%pS'->init suspiciously returned %d, it should follow 0/-E convention\n",
			mod->name, mod->init, ret);
	set_state(mod, MODULE_STATE_LIVE);
	/* mod->init stays set (dangling), as in Linux: it says "this
	 * module had an init", which decides whether it may be removed. */
	synchronize_rcu();
	free_layout(&mod->init_layout);
	return 0;
}

/**
 * module_abort_init - the current task oopsed; was it in a module's init?
 *
 * Linux leaves such a module "Loading" for ever. Spindle takes it off the
 * list, so that its name is free and nothing calls into it, but keeps its
 * memory: a thread the init function started may still run its code.
 * Context: the oops path, interrupts on; module_mutex is only tried (the
 * oops may have hit while it was held).
 */
void module_abort_init(void)
{
	struct module *mod, *found = NULL;

	if (!mutex_trylock(&module_mutex))
		return;
	list_for_each_entry(mod, &modules, list)
		if (mod->state == MODULE_STATE_COMING && mod->loader == current)
			found = mod;
	if (found) {
		set_state(found, MODULE_STATE_GOING);
		list_del_rcu(&found->list);
	}
	mutex_unlock(&module_mutex);
	if (!found)
		return;
	pr_err("%s: init oopsed: module removed, its memory is kept\n", found->name);
	mod_sysfs_teardown(found);	/* its name may be loaded again */
}

/* From the list on: a failure frees the module through free_module(). */
static int complete_load(struct module *mod, const struct load_info *info)
{
	int err = add_unformed_module(mod);

	if (err) {
		/* Not on the list: free what free_module() would. */
		struct module_layout core = mod->core_layout;

		module_unload_free(mod);
		kfree(mod->args);
		free_layout(&mod->init_layout);
		free_layout(&core);
		return err;
	}
	check_license_and_origin(mod, info);
	err = module_keep_symbols(mod, info);
	if (!err) {
		module_enable_rwx(mod);
		set_state(mod, MODULE_STATE_COMING);
		err = module_parse_args(mod);
	}
	if (!err)
		err = mod_sysfs_setup(mod);
	if (err) {
		free_module(mod);
		return err;
	}
	return do_init_module(mod);
}

/**
 * load_module - load a module from its file image
 * @info: ->hdr and ->len: the .ko in vmalloc'd memory (the caller frees it)
 * @args: the parameters ("a=1 b=x"), kmalloc'd; the module owns it from
 *        here on, whatever the result
 *
 * Return: 0 or -errno: -ENOEXEC for a malformed file or wrong vermagic,
 * -EEXIST when loaded already, -ENOENT for an unknown symbol, -ENOMEM, or
 * what the module's init function returned.
 */
int load_module(struct load_info *info, char *args)
{
	struct module *mod;
	int err = elf_validity_check(info);

	if (!err)
		err = setup_load_info(info);
	if (!err)
		err = layout_and_allocate(info);
	if (err) {
		kfree(args);
		return err;
	}
	mod = (void *)(unsigned long)info->sechdrs[info->index.mod].sh_addr;
	err = simplify_symbols(info);
	if (!err)
		err = apply_relocations(mod, info);
	if (!err)
		err = setup_module(mod, info, args);
	if (!err)
		err = module_add_uses(mod, info);
	if (!err)
		err = module_collect_exports(mod, info);
	if (err) {
		if (mod->target_list.next)
			module_unload_free(mod);
		module_put_deps(info);
		free_layout(&info->init);
		free_layout(&info->core);
		kfree(args);
		return err;
	}
	return complete_load(mod, info);
}
