/*
 * In-kernel tests of x2APIC support (arch/x86_64/apic/apic.c,
 * arch/x86_64/acpi/madt.c) that do not need an x2APIC: QEMU 7.2's TCG has
 * none (it drops the CPUID bit with a warning), and its MADT lists x2APIC
 * entries only for APIC IDs past 254, which it cannot create then. So
 * the register encodings are checked as values, and the MADT parser is
 * fed a table built here with LAPIC and X2APIC entries.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <spindle/ktest.h>

static void x2apic_icr_is_one_64bit_value(struct ktest *t)
{
	u32 init = APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT;

	KTEST_EXPECT_EQ(t, apic_icr_x2apic(init, 0x123), 0x000001230000c500ULL);
	KTEST_EXPECT_EQ(t, apic_icr_x2apic(APIC_DM_STARTUP | 0x9b, 0xfffffffe),
			0xfffffffe0000069bULL);
	/* The whole 32-bit destination survives: no 8-bit truncation. */
	KTEST_EXPECT_EQ(t, apic_icr_x2apic(0, 0x10000) >> 32, 0x10000);
}

static void xapic_destination_is_icr2_bits_31_24(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, apic_icr2_xapic(0), 0);
	KTEST_EXPECT_EQ(t, apic_icr2_xapic(3), 0x03000000);
	KTEST_EXPECT_EQ(t, apic_icr2_xapic(APIC_XAPIC_MAX_ID), 0xfe000000U);
}

static void apic_id_register_decoding(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, apic_id_decode(0x05000000, false), 5);
	KTEST_EXPECT_EQ(t, apic_id_decode(0x00000105, true), 0x105);
	KTEST_EXPECT_EQ(t, apic_id_decode(0xabcdef01, true), 0xabcdef01U);
	/* This CPU's own ID reads back in the mode in use. */
	KTEST_EXPECT_EQ(t, apic_id(), apic_id_decode(apic_read(APIC_ID), x2apic_enabled()));
}

static void apic_id_valid_follows_the_mode(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, apic_id_valid(0));
	KTEST_EXPECT_TRUE(t, apic_id_valid(APIC_XAPIC_MAX_ID));
	if (x2apic_enabled()) {
		KTEST_EXPECT_TRUE(t, apic_id_valid(0x100));
		KTEST_EXPECT_TRUE(t, apic_id_valid(0xfffffffe));
	} else {
		KTEST_EXPECT_TRUE(t, !apic_id_valid(0xff));
		KTEST_EXPECT_TRUE(t, !apic_id_valid(0x100));
	}
}

/* A MADT as firmware writes it for a machine with APIC IDs past 254. */
struct test_madt {
	struct acpi_table_madt madt;
	struct acpi_madt_local_apic cpu0;
	struct acpi_madt_local_x2apic big[3];
	struct acpi_madt_local_x2apic dup;
	struct acpi_madt_io_apic ioapic;
} __packed;

static struct test_madt madt_buf;
static struct acpi_madt_info parsed;

#define X2APIC_ENTRY(apic, acpi, fl) {							\
	.header = { ACPI_MADT_TYPE_LOCAL_X2APIC, sizeof(struct acpi_madt_local_x2apic) }, \
	.local_apic_id = (apic), .lapic_flags = (fl), .uid = (acpi) }

static void build_madt(void)
{
	memset(&madt_buf, 0, sizeof(madt_buf));
	memcpy(madt_buf.madt.header.signature, "APIC", 4);
	madt_buf.madt.header.length = sizeof(madt_buf);
	madt_buf.madt.address = 0xfee00000;
	madt_buf.cpu0 = (struct acpi_madt_local_apic){
		{ ACPI_MADT_TYPE_LOCAL_APIC, sizeof(struct acpi_madt_local_apic) },
		0, 0, ACPI_MADT_ENABLED };
	madt_buf.big[0] = (struct acpi_madt_local_x2apic)X2APIC_ENTRY(0x100, 1, ACPI_MADT_ENABLED);
	madt_buf.big[1] = (struct acpi_madt_local_x2apic)X2APIC_ENTRY(0x101, 2, 0);
	madt_buf.big[2] = (struct acpi_madt_local_x2apic)X2APIC_ENTRY(0x12345, 3, ACPI_MADT_ENABLED);
	/* Some firmware lists a CPU twice, as LAPIC and as X2APIC. */
	madt_buf.dup = (struct acpi_madt_local_x2apic)X2APIC_ENTRY(0, 0, ACPI_MADT_ENABLED);
	madt_buf.ioapic = (struct acpi_madt_io_apic){
		{ ACPI_MADT_TYPE_IO_APIC, sizeof(struct acpi_madt_io_apic) },
		0, 0, 0xfec00000, 0 };
}

static void madt_x2apic_entries_give_32bit_ids(struct ktest *t)
{
	build_madt();
	memset(&parsed, 0, sizeof(parsed));
	KTEST_ASSERT_EQ(t, acpi_madt_parse(&madt_buf.madt, &parsed), 0);
	KTEST_EXPECT_EQ(t, parsed.nr_x2apic_entries, 4);
	/* CPU 0 once, the disabled 0x101 not at all. */
	KTEST_ASSERT_EQ(t, parsed.nr_cpus, 3);
	KTEST_EXPECT_EQ(t, parsed.cpu_apic_id[0], 0);
	KTEST_EXPECT_EQ(t, parsed.cpu_apic_id[1], 0x100);
	KTEST_EXPECT_EQ(t, parsed.cpu_acpi_id[1], 1);
	KTEST_EXPECT_EQ(t, parsed.cpu_apic_id[2], 0x12345);
	KTEST_EXPECT_EQ(t, parsed.cpu_acpi_id[2], 3);
	KTEST_EXPECT_EQ(t, parsed.nr_io_apics, 1);
}

static void madt_bad_entry_length_stops_the_walk(struct ktest *t)
{
	build_madt();
	madt_buf.big[1].header.length = 200;	/* runs past the table */
	memset(&parsed, 0, sizeof(parsed));
	KTEST_EXPECT_EQ(t, acpi_madt_parse(&madt_buf.madt, &parsed), -EINVAL);
	KTEST_EXPECT_EQ(t, parsed.nr_cpus, 2);	/* the entries before it */
	KTEST_EXPECT_EQ(t, parsed.nr_io_apics, 0);
}

static const struct ktest_case x2apic_cases[] = {
	KTEST_CASE(x2apic_icr_is_one_64bit_value),
	KTEST_CASE(xapic_destination_is_icr2_bits_31_24),
	KTEST_CASE(apic_id_register_decoding),
	KTEST_CASE(apic_id_valid_follows_the_mode),
	KTEST_CASE(madt_x2apic_entries_give_32bit_ids),
	KTEST_CASE(madt_bad_entry_length_stops_the_walk),
	{}
};

static const struct ktest_suite x2apic_suite = {
	.name = "x2apic",
	.cases = x2apic_cases,
};
ktest_register_suite(x2apic_suite);
