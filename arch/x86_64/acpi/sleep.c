/*
 * ACPI power off (sleep state S5). The values to write into SLP_TYP live
 * in the AML object \_S5, a package in the DSDT; without an AML
 * interpreter Spindle finds it the way the OSDev wiki describes: scan the
 * DSDT (then the SSDTs) for the bytes "_S5_" preceded by NameOp and
 * followed by PackageOp, and decode the package's first two integers.
 * Linux interprets the AML properly (acpi_get_sleep_type_data() in
 * drivers/acpi/acpica/hwxface.c) and powers off in acpi_power_off()
 * (drivers/acpi/sleep.c) -> acpi_enter_sleep_state() -> hwsleep.c.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/acpi.h>
#include <asm/delay.h>

/* AML opcodes that may encode the package and its integers. */
#define AML_ZERO_OP 0x00
#define AML_ONE_OP 0x01
#define AML_NAME_OP 0x08
#define AML_BYTE_PREFIX 0x0A
#define AML_WORD_PREFIX 0x0B
#define AML_DWORD_PREFIX 0x0C
#define AML_QWORD_PREFIX 0x0E
#define AML_PACKAGE_OP 0x12
#define AML_ROOT_PREFIX '\\'
#define AML_ONES_OP 0xFF

struct sleep_type {
	u8 a, b;		/* SLP_TYPa for PM1a_CNT, SLP_TYPb for PM1b_CNT */
};

static struct sleep_type s5;
static bool s5_valid;

/* Reads an integer constant at *@p (advancing it); -EINVAL if not one. */
static int aml_integer(const u8 **p, const u8 *end, u64 *value)
{
	static const u8 size[] = {
		[AML_BYTE_PREFIX] = 1, [AML_WORD_PREFIX] = 2,
		[AML_DWORD_PREFIX] = 4, [AML_QWORD_PREFIX] = 8,
	};
	const u8 *q = *p;
	unsigned int n;

	if (q >= end)
		return -EINVAL;
	if (*q == AML_ZERO_OP || *q == AML_ONE_OP || *q == AML_ONES_OP) {
		*value = *q == AML_ONES_OP ? ~0ULL : *q;
		*p = q + 1;
		return 0;
	}
	if (*q >= ARRAY_SIZE(size) || !size[*q])
		return -EINVAL;
	n = size[*q++];
	if (q + n > end)
		return -EINVAL;
	*value = 0;
	for (unsigned int i = 0; i < n; i++)	/* AML is little-endian */
		*value |= (u64)q[i] << (8 * i);
	*p = q + n;
	return 0;
}

/*
 * A PkgLength: bits 7-6 of the lead byte say how many bytes follow (0-3);
 * with none, bits 5-0 are the length, else bits 3-0 are its low nibble.
 * Returns the end of the package (the length counts itself), or NULL.
 */
static const u8 *aml_pkg_end(const u8 **p, const u8 *end)
{
	const u8 *start = *p;
	unsigned int follow = *start >> 6;
	u32 len = follow ? *start & 0x0F : *start & 0x3F;

	if (start + 1 + follow > end)
		return NULL;
	for (unsigned int i = 0; i < follow; i++)
		len |= (u32)start[1 + i] << (4 + 8 * i);
	*p = start + 1 + follow;
	return start + len <= end ? start + len : NULL;
}

/* Decodes "Package (n) { a, b, ... }" at @p, just after PackageOp. */
static int aml_sleep_package(const u8 *p, const u8 *end, struct sleep_type *st)
{
	u64 a, b = 0;
	u8 count;

	end = aml_pkg_end(&p, end);
	if (!end || p >= end)
		return -EINVAL;
	count = *p++;
	if (!count || aml_integer(&p, end, &a))
		return -EINVAL;
	if (count >= 2 && aml_integer(&p, end, &b))
		return -EINVAL;
	/* One element: ACPICA takes SLP_TYPa from bits 0-7, b from 8-15. */
	if (count == 1) {
		b = (a >> 8) & 0xFF;
		a &= 0xFF;
	}
	if (a > 7 || b > 7)
		return -ERANGE;		/* SLP_TYP is 3 bits wide */
	st->a = a;
	st->b = b;
	return 0;
}

/* True when the name at @p is the operand of a NameOp (maybe "\\_S5_"). */
static bool aml_is_name_decl(const u8 *body, const u8 *p)
{
	if (p - body >= 1 && p[-1] == AML_NAME_OP)
		return true;
	return p - body >= 2 && p[-1] == AML_ROOT_PREFIX && p[-2] == AML_NAME_OP;
}

static int aml_find_sleep_type(const struct acpi_table_header *t, const char *name,
			       struct sleep_type *st)
{
	const u8 *body = (const u8 *)(t + 1);
	const u8 *end = (const u8 *)t + t->length;

	for (const u8 *p = body; p + 5 < end; p++) {
		if (memcmp(p, name, 4) || !aml_is_name_decl(body, p))
			continue;
		if (p[4] != AML_PACKAGE_OP)
			continue;	/* e.g. a Method: needs an interpreter */
		return aml_sleep_package(p + 5, end, st);
	}
	return -ENOENT;
}

/* Looks in the DSDT, then in each SSDT, for the package @name ("_S5_"). */
static int acpi_get_sleep_type(const char *name, struct sleep_type *st)
{
	const struct acpi_table_header *t = acpi_get_table("DSDT", 0);
	int err = t ? aml_find_sleep_type(t, name, st) : -ENOENT;

	for (unsigned int i = 0; err == -ENOENT; i++) {
		t = acpi_get_table("SSDT", i);
		if (!t)
			break;
		err = aml_find_sleep_type(t, name, st);
	}
	return err;
}

/**
 * acpi_sleep_init - find the \_S5 values and report the sleep states
 *
 * Prints the states the AML declares as Linux does ("ACPI: PM: (supports
 * S0 S3 S4 S5)"); only S5 is used. Without \_S5, power off falls back.
 */
void acpi_sleep_init(void)
{
	static const char *const names[] = { "_S1_", "_S2_", "_S3_", "_S4_" };
	char buf[32] = "S0";
	struct sleep_type st;
	int err;

	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (!acpi_get_sleep_type(names[i], &st))
			scnprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				  " S%u", i + 1);
	err = acpi_get_sleep_type("_S5_", &s5);
	if (err) {
		pr_info("ACPI: PM: (supports %s)\n", buf);
		pr_warn("ACPI: no usable \\_S5 package in the DSDT/SSDTs (%s); "
			"ACPI power off unavailable\n", errname(err));
		return;
	}
	s5_valid = true;
	pr_info("ACPI: PM: (supports %s S5)\n", buf);
	pr_info("ACPI: \\_S5: SLP_TYPa %u, SLP_TYPb %u\n", s5.a, s5.b);
}

/* Writes SLP_TYP and then SLP_EN into a PM1 control register. */
static void pm1_write_sleep(const struct acpi_generic_address *reg, u8 typ,
			    bool enable)
{
	u64 cnt = 0;

	if (!reg->address)
		return;
	acpi_gas_read(reg, &cnt);
	cnt &= ~(u64)(ACPI_PM1_SLP_TYP_MASK | ACPI_PM1_SLP_EN);
	cnt |= (u64)typ << ACPI_PM1_SLP_TYP_SHIFT;
	if (enable)
		cnt |= ACPI_PM1_SLP_EN;
	acpi_gas_write(reg, cnt);
}

/**
 * acpi_power_off - enter ACPI sleep state S5 (soft off)
 *
 * Context: interrupts off; the caller has done everything else.
 * Return: does not return on success; -ENODEV without a FADT, PM1a
 * control block or \_S5; -EIO when the machine is still running a second
 * after the request.
 */
int acpi_power_off(void)
{
	const struct acpi_fadt_info *f = acpi_fadt();

	if (!f || !f->pm1a_control.address || !s5_valid) {
		pr_warn("ACPI: cannot power off: %s\n", !f ? "no FADT" :
			!f->pm1a_control.address ? "no PM1a control block" : "no \\_S5");
		return -ENODEV;
	}
	acpi_enable_mode();
	/* ACPICA's order: both SLP_TYPs first, then both SLP_ENs. */
	pm1_write_sleep(&f->pm1a_control, s5.a, false);
	pm1_write_sleep(&f->pm1b_control, s5.b, false);
	pm1_write_sleep(&f->pm1a_control, s5.a, true);
	pm1_write_sleep(&f->pm1b_control, s5.b, true);
	mdelay(1000);
	pr_err("ACPI: S5 requested but the machine is still on\n");
	return -EIO;
}
