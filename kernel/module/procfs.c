/*
 * /proc/modules, as Linux's kernel/module/procfs.c: one line per module,
 * "name size refcount users state address [taints]", e.g.
 *   my_kthread 16384 0 - Live 0xffffffffa0001000 (O)
 * busybox lsmod reads it; the kernel shell's lsmod renders the same
 * lines (seq_render()). Also print_modules() for oops reports.
 * Lock rules: the seq_file iterator holds module_mutex from start to
 * stop, as Linux's; print_modules() walks under RCU (it may run in an
 * oops, with any lock held).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/mutex.h>
#include <linux/panic.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/proc_fs.h>
#include <linux/init.h>
#include "internal.h"

static void *m_start(struct seq_file *m, loff_t *pos)
{
	struct list_head *p;
	loff_t n = *pos;

	mutex_lock(&module_mutex);
	list_for_each(p, &modules)
		if (n-- == 0)
			return p;
	return NULL;
}

static void *m_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct list_head *p = ((struct list_head *)v)->next;

	++*pos;
	return p == &modules ? NULL : p;
}

static void m_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&module_mutex);
}

/* "(PO)" for a module's taints; "" when it caused none. */
static char *module_flags(const struct module *mod, char *buf, size_t size)
{
	size_t n = 0;

	if (!mod->taints || size < 4)
		return "";
	buf[n++] = '(';
	for (unsigned int i = 0; i < TAINT_FLAGS_COUNT && n < size - 2; i++)
		if (mod->taints & (1UL << i))
			buf[n++] = taint_flag_char(i);
	buf[n++] = ')';
	buf[n] = '\0';
	return buf;
}

static const char *state_name(enum module_state state)
{
	return state == MODULE_STATE_GOING ? "Unloading" :
	       state == MODULE_STATE_LIVE ? "Live" : "Loading";
}

/* The users column, as Linux's print_unload_info(): the modules using
 * this one ("a,b,"), "[permanent]," for one that cannot go, or "-".
 * Caller holds module_mutex (the seq_file iterator does). */
static void module_users_show(struct seq_file *m, const struct module *mod)
{
	struct module_use *use;
	bool any = false;

	list_for_each_entry(use, &mod->source_list, source_list) {
		seq_printf(m, "%s,", use->source->name);
		any = true;
	}
	if (mod->init && !mod->exit) {
		seq_puts(m, "[permanent],");
		any = true;
	}
	if (!any)
		seq_putc(m, '-');
}

/**
 * modules_seq_show - one line of /proc/modules
 * @m: the seq_file
 * @v: the module's list_head in the module list (modules_op iterates it)
 *
 * Return: 0.
 */
int modules_seq_show(struct seq_file *m, void *v)
{
	struct module *mod = list_entry(v, struct module, list);
	char flags[TAINT_FLAGS_COUNT + 3];
	const char *f;

	if (mod->state == MODULE_STATE_UNFORMED)
		return 0;
	seq_printf(m, "%s %u %u ", mod->name,
		   mod->core_layout.size + mod->init_layout.size, module_refcount(mod));
	module_users_show(m, mod);
	seq_printf(m, " %s 0x%016lx", state_name(mod->state),
		   (unsigned long)mod->core_layout.base);
	f = module_flags(mod, flags, sizeof(flags));
	if (*f)
		seq_printf(m, " %s", f);
	seq_putc(m, '\n');
	return 0;
}

const struct seq_operations modules_op = {
	.start = m_start,
	.next = m_next,
	.stop = m_stop,
	.show = modules_seq_show,
};

/* Mirrors proc_modules_init(). */
static int __init proc_modules_init(void)
{
	proc_create_seq("modules", 0444, NULL, &modules_op);
	return 0;
}
device_initcall(proc_modules_init);

void print_modules(void)
{
	char flags[TAINT_FLAGS_COUNT + 3];
	struct module *mod;

	pr_emerg("Modules linked in:");
	rcu_read_lock();
	list_for_each_entry_rcu(mod, &modules, list)
		if (mod->state != MODULE_STATE_UNFORMED)
			pr_cont(" %s%s", mod->name, module_flags(mod, flags, sizeof(flags)));
	rcu_read_unlock();
	pr_cont("\n");
}
