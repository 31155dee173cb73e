/*
 * A process's memory through /proc, as Linux's fs/proc/task_mmu.c and the
 * memory-reading files of fs/proc/base.c: maps (one line per VMA), and
 * cmdline, environ and auxv read from the process's own address space.
 * Simplified: another process's pages are read only if present (Linux
 * faults them in through access_remote_vm()); the argument and
 * environment pages always are, since exec wrote them.
 * Lock: mm->mmap_lock around every walk of the VMAs or the page tables.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include "internal.h"

struct mm_struct *proc_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	/* A kthread borrowing an mm (kthread_use_mm) does not own it. */
	if (task->flags & (PF_KTHREAD | PF_EXITING))
		return NULL;
	mm = READ_ONCE(task->mm);
	if (!mm || !mmget_not_zero(mm))
		return NULL;
	return mm;
}

/*
 * Copies up to @len bytes at user address @addr of @mm into @buf, page
 * by page while they are present. Return: bytes copied.
 */
static size_t proc_read_mm(struct mm_struct *mm, unsigned long addr,
			   void *buf, size_t len)
{
	size_t done = 0;

	mutex_lock(&mm->mmap_lock);
	while (done < len) {
		unsigned long off = addr & (PAGE_SIZE - 1);
		size_t n = min_t(size_t, len - done, PAGE_SIZE - off);
		struct page *page = find_vma(mm, addr) ? follow_page(mm, addr) : NULL;

		if (!page)
			break;
		memcpy((char *)buf + done, (char *)page_address(page) + off, n);
		done += n;
		addr += n;
	}
	mutex_unlock(&mm->mmap_lock);
	return done;
}

/* Prints the bytes of [@start, @end) of @mm into @m. */
static int proc_print_range(struct seq_file *m, struct mm_struct *mm,
			    unsigned long start, unsigned long end)
{
	char *page = kmalloc(PAGE_SIZE, GFP_KERNEL);

	if (!page)
		return -ENOMEM;
	while (start < end) {
		size_t want = min_t(size_t, end - start, PAGE_SIZE);
		size_t got = proc_read_mm(mm, start, page, want);

		seq_write(m, page, got);
		if (got < want || seq_has_overflowed(m))
			break;
		start += got;
	}
	kfree(page);
	return 0;
}

/* cmdline and environ: empty for a kernel thread, which is how ps knows
 * to show its name in [brackets]. */
static int proc_pid_mm_range(struct seq_file *m, struct task_struct *task, bool env)
{
	struct mm_struct *mm = proc_task_mm(task);
	unsigned long start, end;
	int err;

	if (!mm)
		return 0;
	start = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	err = start < end ? proc_print_range(m, mm, start, end) : 0;
	mmput(mm);
	return err;
}

int proc_pid_cmdline(struct seq_file *m, struct task_struct *task)
{
	return proc_pid_mm_range(m, task, false);
}

int proc_pid_environ(struct seq_file *m, struct task_struct *task)
{
	return proc_pid_mm_range(m, task, true);
}

/* auxv: the (type, value) pairs exec gave, up to and with AT_NULL. */
int proc_pid_auxv(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_task_mm(task);
	size_t n = 0;

	if (!mm)
		return 0;
	while (n + 2 <= ARRAY_SIZE(mm->saved_auxv) && mm->saved_auxv[n])
		n += 2;
	if (n + 2 <= ARRAY_SIZE(mm->saved_auxv))
		n += 2;
	seq_write(m, mm->saved_auxv, n * sizeof(unsigned long));
	mmput(mm);
	return 0;
}

/* The name column: the file's path, or what the region is for. */
static void show_vma_name(struct seq_file *m, struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	char *path;

	if (vma->vm_file) {
		path = proc_file_path(vma->vm_file, NULL);
		seq_pad(m, ' ');
		seq_puts(m, path ? path : "?");
		kfree(path);
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk &&
		   mm->brk > mm->start_brk) {
		seq_pad(m, ' ');
		seq_puts(m, "[heap]");
	} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
		seq_pad(m, ' ');
		seq_puts(m, "[stack]");
	}
}

/* One line: Linux's show_map_vma(). */
static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	unsigned long fl = vma->vm_flags;
	unsigned long ino = 0;
	dev_t dev = 0;

	if (vma->vm_file) {
		struct inode *inode = file_inode(vma->vm_file);

		dev = inode->i_sb->s_dev;
		ino = inode->i_ino;
	}
	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
		   vma->vm_start, vma->vm_end, fl & VM_READ ? 'r' : '-',
		   fl & VM_WRITE ? 'w' : '-', fl & VM_EXEC ? 'x' : '-',
		   fl & VM_MAYSHARE ? 's' : 'p',
		   (unsigned long long)vma->vm_pgoff << PAGE_SHIFT,
		   MAJOR(dev), MINOR(dev), ino);
	show_vma_name(m, vma);
	seq_putc(m, '\n');
}

int proc_pid_maps(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_task_mm(task);
	struct vm_area_struct *vma;

	if (!mm)
		return 0;
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap_list, vm_list)
		show_map_vma(m, vma);
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	return 0;
}
