/*
 * The module loader's private view of a .ko being loaded, as Linux's
 * kernel/module/internal.h: struct load_info holds the file (a vmalloc'd
 * copy) and the indexes of the sections the loader needs. Everything in
 * it has been bounds-checked by elf_validity_check() before any other
 * step looks at it.
 */
#ifndef _KERNEL_MODULE_INTERNAL_H
#define _KERNEL_MODULE_INTERNAL_H

#include <linux/types.h>
#include <linux/module.h>
#include <uapi/linux/elf.h>
#include <linux/vermagic.h>
#include <spindle/module.h>

/* Largest .ko accepted, and largest module image laid out from it. */
#define MODULE_MAX_FILE_SIZE (64UL << 20)
#define MODULE_MAX_LAYOUT (64U << 20)
/* Most modules one module may use. */
#define MODULE_MAX_DEPS 16


struct load_info {
	const char *name;	/* the module's name, once known */
	bool gplok;		/* GPL-compatible license: may use _GPL exports */
	Elf64_Ehdr *hdr;
	unsigned long len;
	Elf64_Shdr *sechdrs;
	char *secstrings, *strtab;
	unsigned long strtab_size;
	struct {
		unsigned int sym, str, mod, info, param;
	} index;
	struct module_layout core, init;	/* layout.c's result */
	/* Modules whose exports this one links against, each pinned
	 * (try_module_get) from symbol resolution on (deps.c). */
	struct module *deps[MODULE_MAX_DEPS];
	unsigned int nr_deps;
};

/* elf.c: checks the file's structure; -ENOEXEC if anything is off. */
int elf_validity_check(struct load_info *info);
/* The index of the allocated section called @name, or 0. */
unsigned int find_sec(const struct load_info *info, const char *name);
/* The next "tag=value" in .modinfo after @prev (NULL: the first). */
const char *get_next_modinfo(const struct load_info *info, const char *tag,
			     const char *prev);
static inline const char *get_modinfo(const struct load_info *info, const char *tag)
{
	return get_next_modinfo(info, tag, NULL);
}

/* layout.c: the memory a module runs in. */
int layout_and_allocate(struct load_info *info);
void module_enable_rwx(const struct module *mod);
void free_layout(struct module_layout *l);
bool within_module_layout(unsigned long addr, const struct module_layout *l);
/* Is [@addr, @addr + @len) in the module's lasting memory? Is @s a
 * string there? (For pointers a damaged file could aim anywhere.) */
bool module_core_contains(const struct module *mod, unsigned long addr, size_t len);
bool module_core_string(const struct module *mod, const char *s);

/* symbols.c: resolution against the kernel's exports. */
struct kernel_symbol;
const struct kernel_symbol *find_kernel_symbol(const char *name, bool gplok);
int simplify_symbols(struct load_info *info);
int apply_relocations(struct module *mod, const struct load_info *info);

/* deps.c: exports between modules. */
const struct kernel_symbol *find_module_symbol(struct load_info *info, const char *name);
void module_put_deps(struct load_info *info);
int module_add_uses(struct module *mod, struct load_info *info);
int module_collect_exports(struct module *mod, const struct load_info *info);
void module_unload_free(struct module *mod);

/* param.c */
int module_check_params(const struct module *mod);
int module_parse_args(struct module *mod);

/* kallsyms.c */
int module_keep_symbols(struct module *mod, const struct load_info *info);
void module_free_symbols(struct module *mod);

/* main.c: every loaded module, and the mutex writers of the list hold */
extern struct list_head modules;
struct mutex;
extern struct mutex module_mutex;
int load_module(struct load_info *info, char *args);
struct module *find_module(const char *name);
void free_module(struct module *mod);
bool try_module_stop(struct module *mod);
void add_taint_module(struct module *mod, unsigned int flag);

#endif
