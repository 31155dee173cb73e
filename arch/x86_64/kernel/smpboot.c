/*
 * Starting the other CPUs and sending them interrupts, after Linux's
 * arch/x86/kernel/smpboot.c (do_boot_cpu(), wakeup_secondary_cpu_via_init(),
 * start_secondary()) and arch/x86/kernel/smp.c (the IPI senders and
 * handlers). The portable side is kernel/cpu.c (cpu_up, the hotplug
 * states) and kernel/smp.c (smp_init, smp_call_function_*).
 *
 * The boot CPU is logical CPU 0; the MADT's other enabled processors get
 * 1, 2, ... in table order. One CPU is started at a time: the trampoline
 * page below 1 MiB holds the data of the CPU being started.
 * A CPU taken offline (kernel/cpu.c: cpu_down()) halts in play_dead()
 * with interrupts off; bringing it back sends INIT-SIPI-SIPI again, and
 * it starts from the trampoline as at boot, on its old idle task's stack.
 * Simplified: no MP-table fallback; a CPU that fails to start stays off
 * (its hotplug threads stay parked); no MWAIT play_dead, only hlt.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/sched.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/timekeeping.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/delay.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/syscall.h>
#include <asm/irq.h>
#include <asm/kernel_pgtable.h>
#include <asm/mmu_context.h>
#include <linux/sched/mm.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <spindle/arch.h>
#include <spindle/sched.h>
#include <spindle/kstack.h>

/* The blob of arch/x86_64/realmode/trampoline.asm and its data fields. */
extern const char trampoline_start[], trampoline_end[], trampoline_data[];
extern const u32 trampoline_off_gdt, trampoline_off_pm, trampoline_off_lm;
extern char secondary_startup_64[];

struct trampoline_data {
	u16 gdt_limit;
	u32 gdt_base;
	u32 pm_offset;
	u16 pm_cs;
	u32 lm_offset;
	u16 lm_cs;
	u32 cr3;
	u32 efer;
	u32 started;
	u32 cpu;
	u64 stack;
	u64 entry;
	u64 kernel_cr3;
} __packed;

/* The trampoline page and its three page-table pages, below 1 MiB. */
#define TRAMPOLINE_PAGES 4
#define AP_CALLIN_TIMEOUT_MS 5000

static phys_addr_t trampoline_phys;
static u32 cpu_apicid[NR_CPUS];
static u32 cpu_acpiid[NR_CPUS];
static unsigned int nr_present;
static u32 init_udelay = 10000;		/* Linux's default, 0 on modern CPUs */
static unsigned long boot_cr4;
static struct task_struct *boot_idle;	/* the idle task of the CPU starting */
static volatile bool cpu_callin[NR_CPUS];
static volatile bool cpu_dead[NR_CPUS];	/* halted in arch_cpu_play_dead() */

/**
 * reserve_real_mode - keep pages below 1 MiB for the SMP trampoline
 *
 * A STARTUP IPI can only start a CPU at a page below 1 MiB, and by the
 * time the CPUs are started the page allocator owns all memory, so the
 * pages are taken from memblock first thing, as Linux's reserve_real_mode().
 * Context: setup_arch(), after the memory map is known.
 */
void __init reserve_real_mode(void)
{
	trampoline_phys = memblock_phys_alloc_range(TRAMPOLINE_PAGES * PAGE_SIZE,
						    PAGE_SIZE, PAGE_SIZE, 0x100000);
	if (!trampoline_phys)
		pr_warn("smpboot: no free memory below 1 MiB for the trampoline; "
			"only the boot CPU will run\n");
}

/* Linux's smp_quirk_init_udelay(): CPUs since the P6 and K10 need no
 * 10 ms wait after INIT. */
static void __init smp_quirk_init_udelay(void)
{
	u32 a, b, c, d, family;
	char vendor[13];

	cpuid(0, &a, &b, &c, &d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = 0;
	cpuid(1, &a, &b, &c, &d);
	family = (a >> 8) & 0xF;
	if (family == 0xF)
		family += (a >> 20) & 0xFF;
	if ((!strcmp(vendor, "GenuineIntel") && family >= 6) ||
	    (!strcmp(vendor, "AuthenticAMD") && family >= 0x10))
		init_udelay = 0;
}

/**
 * prefill_possible_map - how many CPUs there can ever be (nr_cpu_ids)
 *
 * Mirrors Linux's prefill_possible_map(), called by setup_arch() once
 * the MADT is read and nr_cpus= applied: the MADT's enabled processors,
 * at most nr_cpus=; 1 without a usable MADT. Per-CPU structures sized
 * from this (the workqueue pools' ids in workqueue_init_early(), hence
 * "kworker/u4:0" with two CPUs) are known before any CPU is started.
 * A CPU may be possible and never come up (maxcpus=, nosmp, no APIC).
 */
void __init prefill_possible_map(void)
{
	const struct acpi_madt_info *madt = acpi_madt();
	unsigned int possible = madt && madt->nr_cpus ? madt->nr_cpus : 1;

	if (possible < nr_cpu_ids)
		nr_cpu_ids = possible;
	pr_info("smpboot: %u possible CPU%s\n", nr_cpu_ids, nr_cpu_ids > 1 ? "s" : "");
}

/**
 * arch_smp_prepare_cpus - number the CPUs the MADT lists (smp_prepare_cpus())
 * @max_cpus: at most this many (nr_cpus=)
 *
 * The boot CPU is CPU 0 wherever it stands in the table.
 * Return: how many CPUs are present (1 without a MADT or trampoline).
 */
unsigned int __init arch_smp_prepare_cpus(unsigned int max_cpus)
{
	const struct acpi_madt_info *madt = acpi_madt();
	u32 boot_id = apic_in_use() ? apic_id() : 0;

	nr_present = 1;
	cpu_apicid[0] = boot_id;
	if (!madt || !apic_in_use() || !trampoline_phys)
		return nr_present;
	for (unsigned int i = 0; i < madt->nr_cpus; i++) {
		if (madt->cpu_apic_id[i] == boot_id) {
			cpu_acpiid[0] = madt->cpu_acpi_id[i];
			continue;
		}
		if (!apic_id_valid(madt->cpu_apic_id[i])) {
			pr_warn("smpboot: APIC ID %u is out of xAPIC range (x2APIC off); "
				"CPU ignored\n", madt->cpu_apic_id[i]);
			continue;
		}
		if (nr_present >= max_cpus) {
			pr_info("smpboot: nr_cpus=%u: CPU with APIC ID %u ignored\n",
				max_cpus, madt->cpu_apic_id[i]);
			continue;
		}
		cpu_apicid[nr_present] = madt->cpu_apic_id[i];
		cpu_acpiid[nr_present++] = madt->cpu_acpi_id[i];
	}
	smp_quirk_init_udelay();
	boot_cr4 = read_cr4();
	smp_ipi_init();
	pr_info("smpboot: Allowing %u CPUs, trampoline at %#llx\n", nr_present,
		(unsigned long long)trampoline_phys);
	return nr_present;
}

/* Copies the blob and builds its page table: this page 1:1 (2 MiB page),
 * and the kernel's upper half as it is now (Linux's trampoline_pgd). */
static void setup_trampoline(unsigned int cpu, struct task_struct *idle)
{
	u8 *base = __va(trampoline_phys);
	pteval_t *pml4 = (pteval_t *)(base + PAGE_SIZE);
	pteval_t *pdpt = (pteval_t *)(base + 2 * PAGE_SIZE);
	pteval_t *pd = (pteval_t *)(base + 3 * PAGE_SIZE);
	struct trampoline_data *d;
	u32 phys = (u32)trampoline_phys;

	memcpy(base, trampoline_start, trampoline_end - trampoline_start);
	memset(pml4, 0, PAGE_SIZE);
	memcpy(pml4 + 256, kernel_pgd + 256, 256 * sizeof(pteval_t));
	pml4[0] = (phys + 2 * PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
	memset(pdpt, 0, PAGE_SIZE);
	pdpt[0] = (phys + 3 * PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
	memset(pd, 0, PAGE_SIZE);
	pd[0] = _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;

	d = (struct trampoline_data *)(base + (trampoline_data - trampoline_start));
	d->gdt_base = phys + trampoline_off_gdt;
	d->pm_offset = phys + trampoline_off_pm;
	d->lm_offset = phys + trampoline_off_lm;
	d->cr3 = phys + PAGE_SIZE;
	d->efer = (u32)rdmsr(MSR_EFER) & (EFER_LME | EFER_NX);
	d->started = 0;
	d->cpu = cpu;
	d->stack = (unsigned long)idle->stack + THREAD_SIZE;
	d->entry = (unsigned long)secondary_startup_64;
	d->kernel_cr3 = __pa(kernel_pgd);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * INIT, then two STARTUPs, with Linux's delays (wakeup_secondary_cpu_via_init()):
 * 10 ms after INIT on old CPUs, 10 us (or 300/200 us) around each STARTUP.
 * Return: 0 when the APIC accepted the IPIs, else the send or ESR status.
 */
static int wakeup_secondary_cpu_via_init(u32 apicid, phys_addr_t start)
{
	u32 send_status, accept_status = 0;
	unsigned long flags;

	local_irq_save(flags);
	apic_write(APIC_ESR, 0);
	apic_read(APIC_ESR);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
	send_status = apic_wait_icr_idle();
	udelay(init_udelay);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
	send_status |= apic_wait_icr_idle();
	for (int j = 1; j <= 2 && !send_status && !accept_status; j++) {
		apic_write(APIC_ESR, 0);
		apic_icr_write(APIC_DM_STARTUP | (start >> PAGE_SHIFT), apicid);
		udelay(init_udelay ? 300 : 10);
		send_status = apic_wait_icr_idle();
		udelay(init_udelay ? 200 : 10);
		apic_write(APIC_ESR, 0);
		accept_status = apic_read(APIC_ESR) & 0xEF;
	}
	local_irq_restore(flags);
	if (send_status)
		pr_err("smpboot: APIC never delivered the IPI to APIC ID %u\n", apicid);
	if (accept_status)
		pr_err("smpboot: APIC delivery error %#x for APIC ID %u\n",
		       accept_status, apicid);
	return send_status | accept_status;
}

/* A CPU that did not check in in time must not start later, with the
 * trampoline rewritten for another: INIT puts it back to waiting for a
 * STARTUP IPI that will not come. */
static void park_cpu_with_init(u32 apicid)
{
	unsigned long flags;
	u32 busy;

	local_irq_save(flags);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
	busy = apic_wait_icr_idle();
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
	busy |= apic_wait_icr_idle();
	local_irq_restore(flags);
	if (busy)
		pr_err("smpboot: APIC never delivered the INIT parking APIC ID %u\n",
		       apicid);
}

/**
 * arch_cpu_up - start @cpu on @idle's stack and wait until it checks in
 * @cpu: a present CPU, offline
 * @idle: its idle task (swapper/@cpu), made by fork_idle()
 *
 * Mirrors Linux's native_cpu_up() and do_boot_cpu(): fill in the
 * trampoline, INIT-SIPI-SIPI, then wait (AP_CALLIN_TIMEOUT_MS at most)
 * for the CPU to reach start_secondary(); one that does not is sent
 * INIT again, so it cannot start later.
 * Context: the hotplug state CPUHP_BRINGUP_CPU, on the boot CPU; sleeps
 * not, but spins with interrupts on.
 * Return: 0, -ENODEV without a trampoline, -EIO if the CPU did not start.
 */
int arch_cpu_up(unsigned int cpu, struct task_struct *idle)
{
	u64 deadline;

	if (!trampoline_phys || cpu >= nr_present)
		return -ENODEV;
	boot_idle = idle;
	cpu_callin[cpu] = false;
	cpu_dead[cpu] = false;
	setup_trampoline(cpu, idle);
	if (wakeup_secondary_cpu_via_init(cpu_apicid[cpu], trampoline_phys))
		return -EIO;
	deadline = ktime_get_ns() + AP_CALLIN_TIMEOUT_MS * 1000000ULL;
	while (!READ_ONCE(cpu_callin[cpu])) {
		if (ktime_get_ns() > deadline) {
			park_cpu_with_init(cpu_apicid[cpu]);
			return -EIO;
		}
		cpu_relax();
	}
	return 0;
}

/* A CPU's own setup, in the order of Linux's cpu_init() and smp_callin():
 * descriptor tables, the GS base, CR4 and PAT as the boot CPU's, then its
 * local APIC and timer. */
static void cpu_init_secondary(unsigned int cpu)
{
	cpu_tables_init(cpu);
	idt_load();
	pcpu_hot_init(cpu, boot_idle);
	write_cr4(boot_cr4);
	syscall_init();
	fpu__init_cpu();
	pat_init_secondary();
	apic_setup_secondary(cpu_acpiid[cpu]);
	apic_timer_setup_secondary();
}

void start_secondary(unsigned int cpu);

/**
 * start_secondary - the first C code of a CPU coming up
 * @cpu: its number, from the trampoline
 *
 * Runs on its idle task's stack with interrupts off. Checks in (the boot
 * CPU stops waiting), tells the hotplug machine it reached the idle
 * state, and becomes swapper/@cpu. Never returns.
 */
void start_secondary(unsigned int cpu)
{
	cpu_init_secondary(cpu);
	preempt_disable();	/* the idle task runs with preemption off */
	WRITE_ONCE(cpu_callin[cpu], true);
	cpuhp_online_idle(cpu);
	local_irq_enable();
	cpu_startup_entry();
}

/**
 * arch_cpu_play_dead - the last code an offline CPU runs
 *
 * Called by the idle loop of a CPU that cpu_down() took offline, after
 * it reported (cpuhp_report_idle_dead()). Mirrors Linux's
 * native_play_dead() and hlt_play_dead(), with idle_task_exit()'s
 * switch_mm(): mask the local APIC timer (no tick to wake it), switch to
 * init_mm (the address space the idle task borrowed may be freed once
 * finish_cpu() drops it, and this CPU must not stay "loaded" with it: it
 * restarts with the kernel's CR3, and switch_mm() would not load the mm
 * again for a task of that mm coming back, which then faulted for ever),
 * say "dead" for arch_cpu_die(), and halt with interrupts off. Only INIT
 * (the next arch_cpu_up()) starts it again, from the trampoline.
 * Context: the idle task of this CPU, interrupts off.
 */
void arch_cpu_play_dead(void)
{
	unsigned int cpu = smp_processor_id();

	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	switch_mm(this_cpu_loaded_mm(), &init_mm, current);
	__atomic_store_n(&cpu_dead[cpu], true, __ATOMIC_RELEASE);
	arch_halt_forever();
}

/**
 * arch_cpu_die - wait until @cpu has halted for good
 * @cpu: a CPU whose idle loop reported it dead
 *
 * Linux's native_cpu_die() (it waits 10 s for CPU_DEAD and then says
 * "CPU %u didn't die..."); the caller reports.
 * Context: process context (cpu_down()); yields while waiting.
 * Return: 0, or -ETIMEDOUT.
 */
int arch_cpu_die(unsigned int cpu)
{
	u64 deadline = ktime_get_ns() + AP_CALLIN_TIMEOUT_MS * 1000000ULL;

	while (!__atomic_load_n(&cpu_dead[cpu], __ATOMIC_ACQUIRE)) {
		if (ktime_get_ns() > deadline)
			return -ETIMEDOUT;
		cond_resched();
		cpu_relax();
	}
	return 0;
}

u32 arch_cpu_apicid(unsigned int cpu)
{
	return cpu_apicid[cpu];
}
