/*
 * The local APIC: each CPU's own interrupt controller. It receives what
 * the I/O APIC sends, has a timer, and must be told end-of-interrupt.
 * apic_init() enables it (spurious vector register, task priority 0,
 * error vector, LINT pins as the MADT says) and then hands the device
 * lines to io_apic.c. Mirrors setup_local_APIC() and friends in Linux's
 * arch/x86/kernel/apic/apic.c. Access is xAPIC MMIO, or x2APIC MSRs when
 * the firmware already switched to x2APIC (IA32_APIC_BASE.EXTD; Spindle
 * never clears it: leaving x2APIC mode is refused by CPUs that lock it),
 * or when the CPU has x2APIC and the MADT lists x2APIC entries (Linux's
 * try_to_enable_x2apic(), without interrupt remapping); `nox2apic`
 * prevents the latter.
 * Every CPU has its own local APIC at the same address: the boot CPU
 * probes it, the other CPUs program theirs in apic_setup_secondary().
 * Interprocessor interrupts go out through the ICR (apic_icr_write()).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/string.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/delay.h>

#define CPUID_1_EDX_APIC (1U << 9)
#define CPUID_1_ECX_X2APIC (1U << 21)

static volatile u8 *lapic;	/* xAPIC registers, NULL in x2APIC mode */
static bool x2apic_mode;
static bool lapic_enabled;
static bool noapic;
static bool nox2apic;
static u64 spurious_irqs, error_irqs;

static int __init noapic_param(char *val)
{
	noapic = true;
	return 0;
}
early_param("noapic", noapic_param);

static int __init nox2apic_param(char *val)
{
	nox2apic = true;
	return 0;
}
early_param("nox2apic", nox2apic_param);

u32 apic_read(u32 reg)
{
	if (x2apic_mode)
		return (u32)rdmsr(APIC_X2APIC_MSR_BASE + (reg >> 4));
	return readl(lapic + reg);
}

void apic_write(u32 reg, u32 val)
{
	if (x2apic_mode)
		wrmsr(APIC_X2APIC_MSR_BASE + (reg >> 4), val);
	else
		writel(val, lapic + reg);
}

u32 apic_id(void)
{
	return apic_id_decode(apic_read(APIC_ID), x2apic_mode);
}

bool x2apic_enabled(void)
{
	return x2apic_mode;
}

bool apic_id_valid(u32 id)
{
	return x2apic_mode ? id != ~0U : id <= APIC_XAPIC_MAX_ID;
}

bool apic_in_use(void)
{
	return lapic_enabled;
}

void apic_eoi(void)
{
	if (lapic_enabled)
		apic_write(APIC_EOI, 0);
}

u64 apic_spurious_count(void)
{
	return spurious_irqs;
}

u64 apic_error_count(void)
{
	return error_irqs;
}

/* No EOI: the APIC sets no in-service bit for its spurious vector. */
static void spurious_interrupt(struct pt_regs *regs)
{
	spurious_irqs++;
}

static void error_interrupt(struct pt_regs *regs)
{
	u32 esr;

	apic_write(APIC_ESR, 0);	/* latch the errors into ESR */
	esr = apic_read(APIC_ESR);
	if (++error_irqs <= 5)
		pr_warn("APIC: error interrupt, ESR 0x%x\n", esr);
	apic_eoi();
}

/*
 * Switch to x2APIC ourselves? When the CPU has it and the firmware says
 * it uses it (x2APIC entries in the MADT, which firmware writes for APIC
 * IDs past 254), unless nox2apic.
 */
static bool __init x2apic_wanted(const struct acpi_madt_info *madt, u32 cpuid_1_ecx)
{
	if (!(cpuid_1_ecx & CPUID_1_ECX_X2APIC) || !madt->nr_x2apic_entries)
		return false;
	if (nox2apic) {
		pr_info("x2apic: disabled by nox2apic; %u MADT x2APIC entries\n",
			madt->nr_x2apic_entries);
		return false;
	}
	return true;
}

/*
 * Finds the local APIC: CPUID says it exists, IA32_APIC_BASE says where
 * it is and in which mode. The MADT's address is what firmware reports;
 * the MSR is what this CPU actually uses, so the MSR wins when they differ.
 */
static int __init lapic_probe(const struct acpi_madt_info *madt)
{
	u32 a, b, c, d;
	u64 base;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & CPUID_1_EDX_APIC)) {
		pr_warn("APIC: the CPU has no local APIC (CPUID.1:EDX bit 9)\n");
		return -ENODEV;
	}
	base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_MSR_ENABLE)) {
		pr_info("APIC: local APIC disabled by BIOS -- reenabling\n");
		base |= APIC_BASE_MSR_ENABLE;
		wrmsr(MSR_APIC_BASE, base);
	}
	if (base & APIC_BASE_MSR_X2APIC) {
		x2apic_mode = true;
		pr_info("x2apic: enabled by BIOS, switching to x2apic ops\n");
		if (nox2apic)
			pr_warn("x2apic: nox2apic ignored: the firmware enabled x2APIC "
				"and Spindle never leaves it (CPUs may lock it)\n");
		return 0;
	}
	if (x2apic_wanted(madt, c)) {
		/* xAPIC enabled (above), then EXTD: the SDM's order. */
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_MSR_X2APIC);
		x2apic_mode = true;
		pr_info("x2apic enabled\n");
		return 0;
	}
	if ((base & APIC_BASE_MSR_ADDR_MASK) != madt->lapic_addr)
		pr_warn("APIC: MADT says 0x%llx, IA32_APIC_BASE 0x%llx; using the MSR\n",
			(unsigned long long)madt->lapic_addr,
			(unsigned long long)(base & APIC_BASE_MSR_ADDR_MASK));
	lapic = ioremap(base & APIC_BASE_MSR_ADDR_MASK, 4096);
	return lapic ? 0 : -ENODEV;
}

/* The MADT's NMI wiring of LINT@lint for the CPU @acpi_id, or ~0 if none. */
static u32 lapic_nmi_lvt(const struct acpi_madt_info *madt, u32 acpi_id,
			 unsigned int lint)
{
	for (unsigned int i = 0; i < madt->nr_lapic_nmis; i++) {
		const struct madt_lapic_nmi *n = &madt->lapic_nmi[i];

		if (n->lint != lint || (n->processor_id != ~0U &&
					n->processor_id != acpi_id))
			continue;
		/* NMIs are always edge triggered; only polarity applies. */
		return APIC_DM_NMI | ((n->flags & ACPI_MADT_POLARITY_MASK) ==
				      ACPI_MADT_POLARITY_ACTIVE_LOW ?
				      APIC_LVT_ACTIVE_LOW : 0);
	}
	return ~0U;
}

/* Acknowledges interrupts the firmware left in service. */
static void lapic_clear_isr(void)
{
	for (int loops = 0; loops < 256; loops++) {
		bool pending = false;

		for (int i = 0; i < 8; i++)
			pending |= apic_read(APIC_ISR + 0x10 * i) != 0;
		if (!pending)
			return;
		apic_write(APIC_EOI, 0);
	}
}

/* The LVT setup of Linux's setup_local_APIC(), for any CPU. */
static void lapic_program(const struct acpi_madt_info *madt, u32 acpi_id)
{
	unsigned int max_lvt = (apic_read(APIC_LVR) >> 16) & 0xFF;
	u32 lint0 = lapic_nmi_lvt(madt, acpi_id, 0), lint1 = lapic_nmi_lvt(madt, acpi_id, 1);

	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	if (max_lvt >= 4)
		apic_write(APIC_LVTPC, APIC_LVT_MASKED);
	if (max_lvt >= 5)
		apic_write(APIC_LVTTHMR, APIC_LVT_MASKED);
	/* Device interrupts come from the I/O APIC: the 8259's ExtINT path
	 * through LINT0 stays masked. LINT1 carries NMI unless the MADT
	 * says otherwise. */
	apic_write(APIC_LVT0, lint0 != ~0U ? lint0 : APIC_DM_EXTINT | APIC_LVT_MASKED);
	apic_write(APIC_LVT1, lint1 != ~0U ? lint1 : APIC_DM_NMI);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_TASKPRI, 0);	/* accept every priority class */
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	lapic_clear_isr();
}

static void __init lapic_setup(const struct acpi_madt_info *madt)
{
	u32 acpi_id = madt->nr_cpus ? madt->cpu_acpi_id[0] : 0;

	set_system_vector(SPURIOUS_APIC_VECTOR, spurious_interrupt);
	set_system_vector(ERROR_APIC_VECTOR, error_interrupt);
	lapic_program(madt, acpi_id);
	lapic_enabled = true;
	pr_info("APIC: local APIC id %u, version 0x%02x, %u LVT entries, %s mode\n",
		apic_id(), apic_read(APIC_LVR) & 0xFF,
		((apic_read(APIC_LVR) >> 16) & 0xFF) + 1, x2apic_mode ? "x2APIC" : "xAPIC");
}

/**
 * apic_setup_secondary - enable and program the local APIC of a CPU coming up
 * @acpi_id: the CPU's ACPI processor ID (for the MADT's NMI wiring)
 *
 * The same mode as the boot CPU's (xAPIC MMIO or x2APIC MSRs); an APIC
 * left disabled, or in xAPIC mode when the boot CPU uses x2APIC, is
 * switched over first (xAPIC, then x2APIC: the SDM forbids one step).
 * Context: start_secondary(), interrupts off. Mirrors Linux's
 * setup_local_APIC() as called from smp_callin().
 */
void apic_setup_secondary(u32 acpi_id)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_MSR_ENABLE)) {
		base |= APIC_BASE_MSR_ENABLE;
		wrmsr(MSR_APIC_BASE, base);
	}
	if (x2apic_mode && !(base & APIC_BASE_MSR_X2APIC))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_MSR_X2APIC);
	lapic_program(acpi_madt(), acpi_id);
}

/**
 * apic_icr_write - send an interprocessor interrupt
 * @low: the ICR's low word: vector, delivery mode, level and trigger
 * @apicid: the destination's APIC ID
 *
 * In xAPIC mode the destination and the command are two writes; an
 * interrupt between them that sent an IPI of its own would redirect
 * ours, so the caller keeps interrupts off (Linux's __default_send_IPI_dest_field()).
 */
void apic_icr_write(u32 low, u32 apicid)
{
	if (x2apic_mode) {
		wrmsr(APIC_X2APIC_MSR_BASE + (APIC_ICR >> 4), apic_icr_x2apic(low, apicid));
		return;
	}
	writel(apic_icr2_xapic(apicid), lapic + APIC_ICR2);
	writel(low, lapic + APIC_ICR);
}

/**
 * apic_wait_icr_idle - wait until the local APIC has sent the last IPI
 *
 * x2APIC has no delivery-status bit (the write is the send). Linux's
 * safe_apic_wait_icr_idle(): gives up after about a second.
 * Return: 0 once idle, else the still-busy status bit.
 */
u32 apic_wait_icr_idle(void)
{
	if (x2apic_mode)
		return 0;
	for (int i = 0; i < 100000; i++) {
		if (!(readl(lapic + APIC_ICR) & APIC_ICR_BUSY))
			return 0;
		udelay(10);
	}
	return APIC_ICR_BUSY;
}

int __init apic_init(void)
{
	const struct acpi_madt_info *madt = acpi_madt();
	int err;

	if (noapic) {
		pr_warn("APIC: disabled by noapic\n");
		return -ENODEV;
	}
	if (!madt) {
		pr_warn("APIC: no usable ACPI MADT, so no I/O APIC is known\n");
		return -ENODEV;
	}
	err = lapic_probe(madt);
	if (err)
		return err;
	if (apic_id() > 0xFF) {
		pr_warn("APIC: boot CPU APIC ID %u needs interrupt remapping to "
			"be an I/O APIC destination\n", apic_id());
		return -ENODEV;
	}
	/* Probe the I/O APICs before the local APIC masks LINT0: if they
	 * fail, the PIC's virtual-wire path must still work. */
	err = io_apic_probe();
	if (err)
		return err;
	lapic_setup(madt);
	setup_IO_APIC(apic_id());
	irq_set_chip(&ioapic_chip);
	return 0;
}
