/*
 * The GDT and TSS of each CPU. In 64-bit mode segments are flat; the GDT
 * still names the code segments (ring 0, and the user pair in the order
 * sysret needs: data 0x1b before code 0x23, see syscall_init()) and
 * holds the TSS, whose rsp0 is the running task's stack for entries from
 * ring 3, and whose interrupt stack table gives the double fault, NMI
 * and machine-check handlers stacks of their own: a kernel stack overflow
 * that faults must not fault again pushing on the same bad stack.
 * Mirrors arch/x86/kernel/cpu/common.c (cpu_init) in spirit.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <spindle/config.h>
#include <asm/percpu.h>

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct gdt_ptr {
	u16 limit;
	u64 base;
} __packed;

struct cpu_tables {
	u64 gdt[7];		/* null, kcode, kdata, udata, ucode, tss (2) */
	struct tss tss;
	u8 ist_stacks[3][IST_STACK_SIZE] __aligned(16);
};

static struct cpu_tables cpu_tables[NR_CPUS] __aligned(64);

#define SEG_CODE64 0x00AF9A000000FFFFULL	/* present, ring 0, exec, L */
#define SEG_DATA 0x00CF92000000FFFFULL		/* present, ring 0, writable */
#define SEG_UDATA 0x00CFF2000000FFFFULL		/* same, ring 3 */
#define SEG_UCODE64 0x00AFFA000000FFFFULL

/* A 64-bit TSS descriptor takes two GDT slots. */
static void set_tss_desc(u64 *slot, struct tss *tss)
{
	u64 base = (u64)tss, limit = sizeof(*tss) - 1;

	slot[0] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) |
		  (0x89ULL << 40) |	/* present, 64-bit TSS (available) */
		  (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
	slot[1] = base >> 32;
}

/**
 * load_sp0 - set the kernel stack for entries from user mode on this CPU
 * @sp0: the running task's stack top (the end of its pt_regs)
 *
 * Context: __switch_to, interrupts off.
 */
void load_sp0(unsigned long sp0)
{
	cpu_tables[raw_smp_processor_id()].tss.rsp[0] = sp0;
}

unsigned long ist_stack_top(unsigned int cpu, int ist)
{
	return (unsigned long)cpu_tables[cpu].ist_stacks[ist - 1] + IST_STACK_SIZE;
}

void cpu_tables_init(unsigned int cpu)
{
	struct cpu_tables *t = &cpu_tables[cpu];
	struct gdt_ptr ptr = { sizeof(t->gdt) - 1, (u64)t->gdt };

	t->gdt[0] = 0;
	t->gdt[1] = SEG_CODE64;
	t->gdt[2] = SEG_DATA;
	t->gdt[3] = SEG_UDATA;
	t->gdt[4] = SEG_UCODE64;
	set_tss_desc(&t->gdt[5], &t->tss);
	memset(&t->tss, 0, sizeof(t->tss));
	for (int i = 0; i < 3; i++)
		t->tss.ist[i] = ist_stack_top(cpu, i + 1);
	t->tss.iomap_base = sizeof(t->tss);	/* no I/O permission map */

	/* Reload CS with a far return, the data segments, then the TR. */
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"ltr %w3\n\t"
		: : "m"(ptr), "i"(GDT_KERNEL_CS), "r"(GDT_KERNEL_DS), "r"(GDT_TSS)
		: "rax", "memory");
}
