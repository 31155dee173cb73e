/*
 * The Page Attribute Table: which memory type each combination of the
 * PAT/PCD/PWT page-table bits selects. Set as Linux does (arch/x86/mm/
 * pat/memtype.c) so that PWT alone means write-combining, which makes a
 * framebuffer fast to write, and PCD|PWT means uncached, for devices.
 */
#include <linux/kernel.h>
#include <asm/processor.h>
#include <asm/kernel_pgtable.h>
#include <asm/smp.h>

#define MSR_IA32_CR_PAT 0x277

enum {
	PAT_UC = 0, PAT_WC = 1, PAT_WT = 4, PAT_WP = 5, PAT_WB = 6, PAT_UC_MINUS = 7
};

#define PAT(i, type) ((u64)(type) << ((i) * 8))

static u64 pat_value;	/* what the boot CPU wrote, 0 without PAT */

/* A CPU coming up gets the boot CPU's PAT: the cache types of the shared
 * page tables must mean the same on every CPU. */
void pat_init_secondary(void)
{
	if (pat_value)
		wrmsr(MSR_IA32_CR_PAT, pat_value);
}

void pat_init(void)
{
	u32 a, b, c, d;
	u64 pat = PAT(0, PAT_WB) | PAT(1, PAT_WC) | PAT(2, PAT_UC_MINUS) |
		  PAT(3, PAT_UC) | PAT(4, PAT_WB) | PAT(5, PAT_WP) |
		  PAT(6, PAT_UC_MINUS) | PAT(7, PAT_WT);

	cpuid(1, &a, &b, &c, &d);
	if (!(d & (1U << 16))) {
		pr_warn("x86/PAT: not supported; framebuffer writes stay uncached\n");
		return;
	}
	/* Before any mapping uses the new types: nothing to flush yet. */
	wrmsr(MSR_IA32_CR_PAT, pat);
	pat_value = pat;
	pr_info("x86/PAT: Configuration [0-7]: WB  WC  UC- UC  WB  WP  UC- WT\n");
}
