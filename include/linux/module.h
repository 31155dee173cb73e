/*
 * Modules, as Linux's include/linux/module.h. The same source builds two
 * ways:
 *  - built in (no -DMODULE): every .c file in modules/ is linked into the
 *    kernel with KBUILD_MODNAME set to its file name; module_init(),
 *    module_exit() and MODULE_*() leave records in the .modules section,
 *    which kernel/module/builtin.c gathers so that the shell's `insmod
 *    NAME` runs the init function;
 *  - loadable (-DMODULE, `make M=DIR modules`): module_init() names the
 *    init function init_module, MODULE_*() become "tag=value" strings in
 *    .modinfo, and the build's modpost step (tools/modpost.py) adds
 *    __this_module, the struct module below, which kernel/module/main.c
 *    takes over when it loads the .ko.
 * Lock rules: module_mutex (kernel/module/main.c) guards the module list;
 * a module's refcount has its own lock (try_module_get() may be called
 * anywhere).
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/export.h>
#include <linux/kobject.h>

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "kernel"
#endif

#define MODULE_NAME_LEN (64 - sizeof(unsigned long))

enum module_state {
	MODULE_STATE_LIVE,	/* normal state */
	MODULE_STATE_COMING,	/* being loaded; init running */
	MODULE_STATE_GOING,	/* being removed; exit running */
	MODULE_STATE_UNFORMED,	/* still being set up by the loader */
	MODULE_STATE_UNLOADED,	/* Spindle: a built-in module not loaded */
};

/* One of a module's two memory regions, laid out text | rodata | data,
 * each part page-aligned so that each gets its own rights (W^X). */
struct module_layout {
	void *base;
	unsigned int size;	/* whole pages */
	unsigned int text_size;	/* [base, base + text_size) is code */
	unsigned int ro_size;	/* [base, base + ro_size) is read-only */
};

struct module_param_desc;
struct mod_kallsyms;
struct task_struct;

struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];

	/* From the .ko's __this_module (tools/modpost.py writes it). */
	int (*init)(void);
	void (*exit)(void);

	/* Everything below is set by the loader. */
	struct module_layout core_layout;	/* lives as long as the module */
	struct module_layout init_layout;	/* freed after init returns */
	const struct module_param_desc *kp;
	unsigned int num_kp;
	char *args;			/* the insmod line; charp params point in */
	unsigned long taints;		/* TAINT_* bits this module caused */
	bool gpl_compatible;
	unsigned int refcnt;		/* try_module_get() users */
	struct mod_kallsyms *kallsyms;	/* its symbols, for backtraces */
	struct task_struct *loader;	/* who runs init, while it runs */
	struct kobject mkobj;		/* /sys/module/NAME */
	struct module_param_attrs *param_attrs;	/* its parameters/ files */
	/* Its EXPORT_SYMBOL()s for other modules: num_syms, then num_gpl_syms
	 * GPL-only ones (copies, kmalloc'd). */
	struct kernel_symbol *syms;
	unsigned int num_syms, num_gpl_syms;
	struct list_head source_list;	/* struct module_use: who uses me */
	struct list_head target_list;	/* struct module_use: whom I use */
};

/* One module using another's exports (Linux's struct module_use): the
 * user holds a reference on the target until it is unloaded. */
struct module_use {
	struct list_head source_list, target_list;
	struct module *source, *target;
};

#ifdef MODULE
/* Linux's names: modpost points __this_module at these two. */
#define module_init(initfn)                                                    \
	static inline __attribute__((unused))                                  \
	int (*__inittest(void))(void) { return initfn; }                       \
	int init_module(void) __attribute__((alias(#initfn)))
#define module_exit(exitfn)                                                    \
	static inline __attribute__((unused))                                  \
	void (*__exittest(void))(void) { return exitfn; }                      \
	void cleanup_module(void) __attribute__((alias(#exitfn)))
int init_module(void);
void cleanup_module(void);

#define __MODULE_INFO_ID2(a, b) a##b
#define __MODULE_INFO_ID(a, b) __MODULE_INFO_ID2(a, b)
#define MODULE_INFO(tag, info)                                                 \
	static const char __MODULE_INFO_ID(__UNIQUE_ID_##tag, __COUNTER__)[]   \
		__used __section(".modinfo") __aligned(1) = #tag "=" info
#define MODULE_LICENSE(s) MODULE_INFO(license, s)
#define MODULE_AUTHOR(s) MODULE_INFO(author, s)
#define MODULE_DESCRIPTION(s) MODULE_INFO(description, s)
#define MODULE_VERSION(s) MODULE_INFO(version, s)
#define MODULE_ALIAS(s) MODULE_INFO(alias, s)

extern struct module __this_module;
#define THIS_MODULE (&__this_module)

#else /* built in */

enum module_record_kind {
	MODREC_INIT,
	MODREC_EXIT,
	MODREC_LICENSE,
	MODREC_AUTHOR,
	MODREC_DESCRIPTION,
	MODREC_PARAM,		/* ptr: a struct module_param_desc */
};

struct module_record {
	const char *modname;
	enum module_record_kind kind;
	const void *ptr;
};

#define __MODREC_ID2(a, b) a##b
#define __MODREC_ID(a, b) __MODREC_ID2(a, b)
#define __MODULE_RECORD(kind, value)                                           \
	static const struct module_record __MODREC_ID(__modrec_, __COUNTER__)  \
		__used __section(".modules") __aligned(8) = {                  \
			KBUILD_MODNAME, kind, (const void *)(value) }

#define module_init(fn) __MODULE_RECORD(MODREC_INIT, (int (*)(void))(fn))
#define module_exit(fn) __MODULE_RECORD(MODREC_EXIT, (void (*)(void))(fn))
#define MODULE_LICENSE(s) __MODULE_RECORD(MODREC_LICENSE, s)
#define MODULE_AUTHOR(s) __MODULE_RECORD(MODREC_AUTHOR, s)
#define MODULE_DESCRIPTION(s) __MODULE_RECORD(MODREC_DESCRIPTION, s)
#define MODULE_VERSION(s)
#define MODULE_ALIAS(s)
#define MODULE_INFO(tag, s)

/* Code built into the kernel belongs to no module. */
#define THIS_MODULE ((struct module *)0)
#endif

/**
 * try_module_get - pin a module so that it cannot be removed
 * @mod: the module, or NULL (built-in code: always succeeds)
 *
 * Return: false if the module is being removed.
 */
bool try_module_get(struct module *mod);
/* Drops a reference try_module_get() took. */
void module_put(struct module *mod);
/* Use count, as /proc/modules' third column shows. */
unsigned int module_refcount(struct module *mod);
/* The loaded module whose memory holds @addr, or NULL. Caller keeps
 * preemption in mind: the answer may go stale once module_mutex is out. */
struct module *__module_address(unsigned long addr);
/* Is @addr in the code of a loaded module? (For backtraces.) */
bool is_module_text_address(unsigned long addr);

/* The symbol of a loaded module containing @addr ("func"; *@modname
 * "mod"), or NULL. Any context: kernel/kallsyms.c calls it for oopses. */
const char *module_address_lookup(unsigned long addr, unsigned long *size,
				  unsigned long *offset, const char **modname);

/* Called by the oops path for the task about to die: if it was running a
 * module's init function, the module is taken off the list. */
void module_abort_init(void);

/* "Modules linked in: my_kthread(O)", for oops reports. */
void print_modules(void);

/* /proc/modules (procfs opens it with seq_open(file, &modules_op)). */
struct seq_file;
extern const struct seq_operations modules_op;
int modules_seq_show(struct seq_file *m, void *v);

#include <linux/moduleparam.h>

#endif
