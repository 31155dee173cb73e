/*
 * /proc/cpuinfo, as Linux's arch/x86/kernel/cpu/proc.c: one block per
 * online CPU, read from CPUID. Linux records each CPU's CPUID at boot in
 * struct cpuinfo_x86; Spindle asks the CPU that reads the file, so all
 * blocks show that CPU's model and flags (the CPUs of one machine agree),
 * with each CPU's own number and APIC ID.
 * Lock: none.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/timer.h>
#include <spindle/arch.h>

/* Linux's names for CPUID bits (asm/cpufeatures.h), NULL for unnamed. */
static const char *const leaf1_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL,
	"sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL,
	"dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const leaf1_ecx[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
	"tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid",
	"dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer",
	"aes", "xsave", NULL, "avx", "f16c", "rdrand", "hypervisor",
};
static const char *const ext_edx[32] = {
	[11] = "syscall", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt",
	[26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
};
static const char *const ext_ecx[32] = {
	[0] = "lahf_lm", [1] = "cmp_legacy", [2] = "svm", [5] = "abm",
	[6] = "sse4a", [8] = "3dnowprefetch",
};
static const char *const leaf7_ebx[32] = {
	[0] = "fsgsbase", [3] = "bmi1", [5] = "avx2", [7] = "smep", [8] = "bmi2",
	[9] = "erms", [10] = "invpcid", [18] = "rdseed", [19] = "adx", [20] = "smap",
	[23] = "clflushopt", [29] = "sha_ni",
};

static void show_flag_bits(struct seq_file *m, const char *const *names, u32 bits)
{
	for (int i = 0; i < 32; i++)
		if ((bits & (1U << i)) && names[i])
			seq_printf(m, " %s", names[i]);
}

static void show_flags(struct seq_file *m, u32 max_leaf, u32 max_ext)
{
	u32 a, b, c, d;

	seq_puts(m, "flags\t\t:");
	cpuid(1, &a, &b, &c, &d);
	show_flag_bits(m, leaf1_edx, d);
	show_flag_bits(m, leaf1_ecx, c);
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, &a, &b, &c, &d);
		show_flag_bits(m, ext_edx, d);
		show_flag_bits(m, ext_ecx, c);
	}
	if (max_leaf >= 7) {
		cpuid_count(7, 0, &a, &b, &c, &d);
		show_flag_bits(m, leaf7_ebx, b);
	}
	seq_putc(m, '\n');
}

/* The brand string (leaves 0x80000002..4), leading blanks dropped. */
static void cpu_model_name(char *name, u32 max_ext)
{
	u32 *w = (u32 *)name;
	char *p = name;

	strscpy(name, "unknown", 49);
	if (max_ext < 0x80000004)
		return;
	for (u32 leaf = 0; leaf < 3; leaf++)
		cpuid(0x80000002 + leaf, &w[leaf * 4], &w[leaf * 4 + 1],
		      &w[leaf * 4 + 2], &w[leaf * 4 + 3]);
	name[48] = '\0';
	while (*p == ' ')
		p++;
	memmove(name, p, strlen(p) + 1);
}

static void show_ident(struct seq_file *m, unsigned int cpu, u32 *max_leaf, u32 *max_ext)
{
	u32 a, b, c, d, vendor[4] = { 0 }, family, model;
	char name[52];

	cpuid(0, max_leaf, &vendor[0], &vendor[2], &vendor[1]);
	cpuid(0x80000000, max_ext, &b, &c, &d);
	cpuid(1, &a, &b, &c, &d);
	family = (a >> 8) & 0xf;
	model = (a >> 4) & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family >= 6)
		model |= ((a >> 16) & 0xf) << 4;
	cpu_model_name(name, *max_ext);
	seq_printf(m, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\n"
		   "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n",
		   cpu, (char *)vendor, family, model, name, a & 0xf);
	seq_printf(m, "cpu MHz\t\t: %llu.%03llu\n",
		   (unsigned long long)(tsc_khz_get() / 1000),
		   (unsigned long long)(tsc_khz_get() % 1000));
}

static int show_cpuinfo(struct seq_file *m, void *v)
{
	unsigned int cpu = (unsigned long)v - 1;
	u32 max_leaf, max_ext, a, b, c, d;

	show_ident(m, cpu, &max_leaf, &max_ext);
	seq_printf(m, "physical id\t: 0\nsiblings\t: %u\ncore id\t\t: %u\n"
		   "cpu cores\t: %u\napicid\t\t: %u\ninitial apicid\t: %u\n",
		   num_online_cpus(), cpu, num_online_cpus(), arch_cpu_apicid(cpu),
		   arch_cpu_apicid(cpu));
	seq_printf(m, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n",
		   max_leaf);
	show_flags(m, max_leaf, max_ext);
	seq_printf(m, "bogomips\t: %llu.%02llu\nclflush size\t: 64\ncache_alignment\t: 64\n",
		   (unsigned long long)(tsc_khz_get() * 2 / 1000),
		   (unsigned long long)(tsc_khz_get() * 2 / 10 % 100));
	a = 0x3028;	/* 40 bits physical, 48 virtual if CPUID does not say */
	if (max_ext >= 0x80000008)
		cpuid(0x80000008, &a, &b, &c, &d);
	seq_printf(m, "address sizes\t: %u bits physical, %u bits virtual\n"
		   "power management:\n\n", a & 0xff, (a >> 8) & 0xff);
	return 0;
}

/* The iterator's token for CPU n is n + 1 (NULL ends it), as Linux. */
static void *c_start(struct seq_file *m, loff_t *pos)
{
	while (*pos < NR_CPUS && !cpu_online(*pos))
		++*pos;
	return *pos < NR_CPUS ? (void *)(unsigned long)(*pos + 1) : NULL;
}

static void *c_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return c_start(m, pos);
}

static void c_stop(struct seq_file *m, void *v)
{
}

const struct seq_operations cpuinfo_op = {
	.start = c_start,
	.next = c_next,
	.stop = c_stop,
	.show = show_cpuinfo,
};
