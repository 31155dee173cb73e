/*
 * Loading ELF64 programs, after Linux's fs/binfmt_elf.c: check the
 * header, read the program headers, map each PT_LOAD segment privately
 * from the file (its .bss as zeroed anonymous memory), load the
 * interpreter named by PT_INTERP if any, and build the initial stack:
 *
 *	argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL,
 *	then (higher) the random bytes, "x86_64", the strings themselves.
 *
 * ET_EXEC programs go where they were linked; ET_DYN (static-pie) at
 * ELF_ET_DYN_BASE, where Linux puts them without address randomisation.
 * Every offset and size from the file is checked before use.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/overflow.h>
#include <linux/random.h>
#include <linux/uaccess.h>
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <uapi/linux/elf.h>
#include <uapi/linux/resource.h>
#include <asm/elf.h>

#define ELF_MIN_ALIGN PAGE_SIZE
#define ELF_PAGESTART(v) ((v) & ~(ELF_MIN_ALIGN - 1))
#define ELF_PAGEOFFSET(v) ((v) & (ELF_MIN_ALIGN - 1))
#define STACK_INITIAL (128 * 1024)	/* Linux's stack_guard + first expansion */

/* Where a program's parts ended up, for mm and the auxiliary vector. */
struct elf_load {
	unsigned long bias;		/* added to every p_vaddr (ET_DYN) */
	unsigned long entry;
	unsigned long phdr_addr;	/* the program headers in memory */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long brk;		/* end of the highest segment */
};

static bool elf_header_ok(const Elf64_Ehdr *eh)
{
	return !memcmp(eh->e_ident, ELFMAG, SELFMAG) &&
	       eh->e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh->e_ident[EI_DATA] == ELFDATA2LSB &&
	       eh->e_ident[EI_VERSION] == EV_CURRENT &&
	       (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) &&
	       eh->e_machine == EM_X86_64 &&
	       eh->e_phentsize == sizeof(Elf64_Phdr) &&
	       eh->e_phnum >= 1 && eh->e_phnum <= 65536 / sizeof(Elf64_Phdr);
}

/* The program headers, read from the file. Return: them or ERR_PTR. */
static Elf64_Phdr *read_phdrs(struct file *file, const Elf64_Ehdr *eh)
{
	size_t size = eh->e_phnum * sizeof(Elf64_Phdr);
	loff_t pos = eh->e_phoff;
	Elf64_Phdr *ph;

	u64 isize = file_inode(file)->i_size;

	if (eh->e_phoff > isize || size > isize - eh->e_phoff)
		return ERR_PTR(-ENOEXEC);
	ph = kmalloc(size, GFP_KERNEL);
	if (!ph)
		return ERR_PTR(-ENOMEM);
	if (kernel_read(file, ph, size, &pos) != (ssize_t)size) {
		kfree(ph);
		return ERR_PTR(-EIO);
	}
	return ph;
}

/* A PT_LOAD header that can be mapped as asked, inside user space. */
static bool segment_ok(const Elf64_Phdr *ph, unsigned long bias, loff_t file_size)
{
	unsigned long end;

	if (ph->p_filesz > ph->p_memsz || ph->p_offset > (u64)file_size ||
	    ph->p_filesz > (u64)file_size - ph->p_offset)
		return false;
	if (ELF_PAGEOFFSET(ph->p_vaddr) != ELF_PAGEOFFSET(ph->p_offset))
		return false;
	if (check_add_overflow(bias, ph->p_vaddr, &end) ||
	    check_add_overflow(end, ph->p_memsz, &end))
		return false;
	return end <= TASK_SIZE && bias + ph->p_vaddr >= PAGE_SIZE;
}

static unsigned long segment_prot(const Elf64_Phdr *ph)
{
	return ((ph->p_flags & PF_R) ? PROT_READ : 0) |
	       ((ph->p_flags & PF_W) ? PROT_WRITE : 0) |
	       ((ph->p_flags & PF_X) ? PROT_EXEC : 0);
}

/* Maps one segment: the file part, a zeroed tail of its last page, and
 * anonymous pages for the rest of p_memsz (the .bss). */
static int map_segment(struct file *file, const Elf64_Phdr *ph, unsigned long bias)
{
	unsigned long start = ELF_PAGESTART(bias + ph->p_vaddr);
	unsigned long file_end = bias + ph->p_vaddr + ph->p_filesz;
	unsigned long mem_end = bias + ph->p_vaddr + ph->p_memsz;
	unsigned long prot = segment_prot(ph), addr;

	if (ph->p_filesz) {
		addr = vm_mmap(file, start, PAGE_ALIGN(file_end) - start, prot,
			       MAP_PRIVATE | MAP_FIXED, ELF_PAGESTART(ph->p_offset));
		if (IS_ERR_VALUE(addr))
			return (int)addr;
		/* Bytes past the file part in its last page belong to .bss. */
		if (mem_end > file_end && ELF_PAGEOFFSET(file_end) &&
		    clear_user((void __user *)file_end,
			       PAGE_ALIGN(file_end) - file_end))
			return -EFAULT;
		start = PAGE_ALIGN(file_end);
	}
	if (PAGE_ALIGN(mem_end) > start) {
		addr = vm_mmap(NULL, start, PAGE_ALIGN(mem_end) - start, prot,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
	}
	return 0;
}

/* Maps every PT_LOAD segment of a checked header at @ld->bias. */
static int map_segments(struct file *file, const Elf64_Ehdr *eh,
			const Elf64_Phdr *phdrs, struct elf_load *ld)
{
	loff_t size = file_inode(file)->i_size;

	ld->start_code = ld->start_data = ULONG_MAX;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &phdrs[i];
		unsigned long va = ld->bias + ph->p_vaddr;
		int err;

		if (ph->p_type != PT_LOAD)
			continue;
		if (!segment_ok(ph, ld->bias, size))
			return -ENOEXEC;
		err = map_segment(file, ph, ld->bias);
		if (err)
			return err;
		if (eh->e_phoff >= ph->p_offset && eh->e_phoff - ph->p_offset < ph->p_filesz)
			ld->phdr_addr = va + (eh->e_phoff - ph->p_offset);
		if (ph->p_flags & PF_X) {
			ld->start_code = min(ld->start_code, va);
			ld->end_code = max(ld->end_code, va + ph->p_filesz);
		} else {
			ld->start_data = min(ld->start_data, va);
			ld->end_data = max(ld->end_data, va + ph->p_filesz);
		}
		ld->brk = max(ld->brk, va + ph->p_memsz);
	}
	if (!ld->brk)
		return -ENOEXEC;	/* nothing to load */
	if (ld->start_data == ULONG_MAX)
		ld->start_data = ld->end_data = ld->end_code;
	ld->entry = ld->bias + eh->e_entry;
	return 0;
}

/* The span the PT_LOAD segments cover, for placing a relocatable image. */
static unsigned long total_mapping_size(const Elf64_Phdr *ph, int n)
{
	unsigned long lo = ULONG_MAX, hi = 0;

	for (int i = 0; i < n; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		lo = min(lo, (unsigned long)ELF_PAGESTART(ph[i].p_vaddr));
		hi = max(hi, (unsigned long)(ph[i].p_vaddr + ph[i].p_memsz));
	}
	return hi > lo ? PAGE_ALIGN(hi - lo) : 0;
}

/* The dynamic linker: an ET_DYN image placed where mmap finds room. */
static int load_interp(const char *path, struct elf_load *ld)
{
	struct linux_binprm ib = { 0 };
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)ib.buf;
	Elf64_Phdr *phdrs;
	unsigned long span, base;
	int err = bprm_open(&ib, path);

	if (err)
		return err;
	err = -ENOEXEC;	/* Linux: -ELIBBAD */
	if (!elf_header_ok(eh) || eh->e_type != ET_DYN)
		goto out;
	phdrs = read_phdrs(ib.file, eh);
	err = PTR_ERR_OR_ZERO(phdrs);
	if (err)
		goto out;
	span = total_mapping_size(phdrs, eh->e_phnum);
	base = span ? vm_mmap(NULL, 0, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, 0)
		    : (unsigned long)-ENOEXEC;
	if (IS_ERR_VALUE(base)) {
		err = (int)base;
	} else {
		ld->bias = base - ELF_PAGESTART(phdrs[0].p_vaddr);
		err = map_segments(ib.file, eh, phdrs, ld);
	}
	kfree(phdrs);
out:
	fput(ib.file);
	return err;
}

/* The PT_INTERP path, read from the file, or NULL. */
static char *read_interp_path(struct file *file, const Elf64_Ehdr *eh,
			      const Elf64_Phdr *phdrs, int *err)
{
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &phdrs[i];
		loff_t pos = ph->p_offset;
		char *path;

		if (ph->p_type != PT_INTERP)
			continue;
		if (ph->p_filesz < 2 || ph->p_filesz > PAGE_SIZE ||
		    ph->p_offset > (u64)file_inode(file)->i_size) {
			*err = -ENOEXEC;
			return NULL;
		}
		path = kmalloc(ph->p_filesz, GFP_KERNEL);
		if (!path) {
			*err = -ENOMEM;
			return NULL;
		}
		if (kernel_read(file, path, ph->p_filesz, &pos) != (ssize_t)ph->p_filesz ||
		    path[ph->p_filesz - 1] != '\0') {
			kfree(path);
			*err = -ENOEXEC;
			return NULL;
		}
		return path;
	}
	return NULL;
}

/* Copies @len bytes to the stack below *@sp. Return: 0 or -EFAULT. */
static int push_bytes(unsigned long *sp, const void *src, size_t len)
{
	*sp -= len;
	return copy_to_user((void __user *)*sp, src, len) ? -EFAULT : 0;
}

/* Copies a NUL-separated list to the stack, filling @ptrs with the
 * address of each string. */
static int push_strings(unsigned long *sp, const struct arg_list *l, unsigned long *ptrs)
{
	const char *s = l->buf;
	unsigned long at;
	int err = push_bytes(sp, l->buf, l->len);

	at = *sp;
	for (int i = 0; i < l->count; i++) {
		size_t len = strlen(s) + 1;

		ptrs[i] = at;
		at += len;
		s += len;
	}
	return err;
}

#define AUXV_MAX 22	/* pairs, with AT_NULL */

static int fill_auxv(unsigned long *auxv, const struct elf_load *exe,
		     const Elf64_Ehdr *eh, unsigned long interp_base,
		     unsigned long random, unsigned long platform, unsigned long execfn)
{
	int n = 0;

#define AUX(key, val) do { auxv[n++] = (key); auxv[n++] = (val); } while (0)
	AUX(AT_HWCAP, elf_hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, USER_HZ);
	AUX(AT_PHDR, exe->phdr_addr);
	AUX(AT_PHENT, sizeof(Elf64_Phdr));
	AUX(AT_PHNUM, eh->e_phnum);
	AUX(AT_BASE, interp_base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, exe->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_HWCAP2, 0);
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, platform);
	AUX(AT_MINSIGSTKSZ, MINSIGSTKSZ);
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

/*
 * Linux's create_elf_tables(): strings at the top, then 16 random bytes
 * and the platform name, then (16-byte aligned) argc, the pointer arrays
 * and the auxiliary vector. Return: the initial stack pointer or -errno.
 */
static long create_elf_tables(struct linux_binprm *bprm, const struct elf_load *exe,
			      const Elf64_Ehdr *eh, unsigned long interp_base,
			      unsigned long stack_top)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = stack_top - sizeof(void *), random, platform, execfn;
	unsigned long auxv[AUXV_MAX * 2], *ptrs;
	int argc = bprm->argv.count, envc = bprm->envp.count, nauxv;
	size_t nptrs = 1 + argc + 1 + envc + 1, table;
	u8 rnd[16];
	long err;

	err = push_bytes(&sp, bprm->filename, strlen(bprm->filename) + 1);
	execfn = sp;
	ptrs = kmalloc(nptrs * sizeof(*ptrs), GFP_KERNEL);
	if (!ptrs)
		return -ENOMEM;
	mm->env_end = sp;
	err = err ?: push_strings(&sp, &bprm->envp, ptrs + 2 + argc);
	mm->env_start = mm->arg_end = sp;
	err = err ?: push_strings(&sp, &bprm->argv, ptrs + 1);
	mm->arg_start = sp;
	for (int i = 0; i < 16; i += 4) {
		u32 r = get_random_u32();

		memcpy(rnd + i, &r, 4);
	}
	sp &= ~15UL;
	err = err ?: push_bytes(&sp, rnd, sizeof(rnd));
	random = sp;
	err = err ?: push_bytes(&sp, ELF_PLATFORM, sizeof(ELF_PLATFORM));
	platform = sp;
	nauxv = fill_auxv(auxv, exe, eh, interp_base, random, platform, execfn);
	memcpy(mm->saved_auxv, auxv, nauxv * sizeof(*auxv));
	ptrs[0] = argc;
	ptrs[1 + argc] = 0;
	ptrs[2 + argc + envc] = 0;
	table = nptrs * sizeof(*ptrs) + nauxv * sizeof(*auxv);
	sp = (sp - table) & ~15UL;	/* rsp 16-aligned at argc, as the ABI asks */
	if (!err && (copy_to_user((void __user *)sp, ptrs, nptrs * sizeof(*ptrs)) ||
		     copy_to_user((void __user *)(sp + nptrs * sizeof(*ptrs)), auxv,
				  nauxv * sizeof(*auxv))))
		err = -EFAULT;
	kfree(ptrs);
	return err ?: (long)sp;
}

/* The stack VMA below STACK_TOP, big enough for the strings, growing down. */
static long setup_stack(struct linux_binprm *bprm)
{
	unsigned long size = PAGE_ALIGN(bprm->argv.len + bprm->envp.len +
					strlen(bprm->filename) + 2 * PAGE_SIZE) + STACK_INITIAL;
	unsigned long addr = vm_mmap(NULL, STACK_TOP - size, size, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0);

	if (IS_ERR_VALUE(addr))
		return (long)addr;
	current->mm->start_stack = STACK_TOP;
	return 0;
}

/* After the point of no return: map everything and start the program. */
static int load_new_image(struct linux_binprm *bprm, const Elf64_Ehdr *eh,
			  const Elf64_Phdr *phdrs, const char *interp)
{
	struct elf_load exe = { 0 }, dl = { 0 };
	struct mm_struct *mm = current->mm;
	unsigned long entry;
	long sp;
	int err;

	if (eh->e_type == ET_DYN)
		exe.bias = ELF_PAGESTART(ELF_ET_DYN_BASE - ELF_PAGESTART(phdrs[0].p_vaddr));
	err = map_segments(bprm->file, eh, phdrs, &exe);
	if (err)
		return err;
	entry = exe.entry;
	if (interp) {
		err = load_interp(interp, &dl);
		if (err)
			return err;
		entry = dl.entry;
	}
	mm->start_code = exe.start_code;
	mm->end_code = exe.end_code;
	mm->start_data = exe.start_data;
	mm->end_data = exe.end_data;
	mm->start_brk = mm->brk = PAGE_ALIGN(exe.brk);
	err = setup_stack(bprm);
	if (err)
		return err;
	sp = create_elf_tables(bprm, &exe, eh, interp ? dl.bias : 0, STACK_TOP);
	if (sp < 0)
		return sp;
	start_thread(current_pt_regs(), entry, sp);
	return 0;
}

/**
 * load_elf_binary - run @bprm if it is an ELF64 x86-64 program
 *
 * Return: -ENOEXEC if it is not ELF; another -errno if it is broken
 * (before the old program is gone, it is kept); 0 on success. A failure
 * after begin_new_exec() kills the process with SIGSEGV, as Linux.
 */
int load_elf_binary(struct linux_binprm *bprm)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)bprm->buf;
	Elf64_Phdr *phdrs;
	char *interp;
	int err = 0;

	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (!elf_header_ok(eh))
		return -ENOEXEC;
	phdrs = read_phdrs(bprm->file, eh);
	if (IS_ERR(phdrs))
		return PTR_ERR(phdrs) == -EIO ? -ENOEXEC : PTR_ERR(phdrs);
	interp = read_interp_path(bprm->file, eh, phdrs, &err);
	if (!err)
		err = begin_new_exec(bprm);
	if (!err) {
		err = load_new_image(bprm, eh, phdrs, interp);
		if (err) {
			pr_info("execve: %s: could not be loaded (%d); killed\n",
				bprm->filename, err);
			force_sig(SIGSEGV);
			err = 0;	/* the process dies on its way out */
		}
	}
	kfree(interp);
	kfree(phdrs);
	return err;
}
