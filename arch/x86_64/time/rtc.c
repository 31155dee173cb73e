/*
 * The wall clock at boot from the CMOS real-time clock (MC146818), as
 * Linux's arch/x86/kernel/rtc.c mach_get_cmos_time(): wait until no
 * update is in progress, read the fields twice until two reads agree,
 * convert from BCD and 12-hour mode when the status register says so.
 * Machines without a CMOS RTC read 0xFF everywhere: then the clock
 * starts at the epoch and says so.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/io.h>
#include <spindle/arch.h>

#define RTC_PORT_INDEX 0x70
#define RTC_PORT_DATA 0x71
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define RTC_UIP 0x80		/* A: update in progress */
#define RTC_DM_BINARY 0x04	/* B: binary, not BCD */
#define RTC_24H 0x02		/* B: 24-hour mode */

struct rtc_fields {
	unsigned int sec, min, hour, mday, mon, year, century;
};

static u8 cmos_read(u8 reg)
{
	outb(reg, RTC_PORT_INDEX);	/* bit 7 clear: NMI stays enabled */
	return inb(RTC_PORT_DATA);
}

static void read_fields(struct rtc_fields *f)
{
	f->sec = cmos_read(0x00);
	f->min = cmos_read(0x02);
	f->hour = cmos_read(0x04);
	f->mday = cmos_read(0x07);
	f->mon = cmos_read(0x08);
	f->year = cmos_read(0x09);
	f->century = cmos_read(0x32);	/* the ACPI FADT's usual century */
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 0x0F) + (v >> 4) * 10;
}

/* Days since 1970-01-01 of a Gregorian date (Linux's mktime64()). */
static s64 days_since_epoch(unsigned int year, unsigned int mon, unsigned int day)
{
	if (mon <= 2) {		/* March first: February's leap day comes last */
		mon += 10;
		year -= 1;
	} else {
		mon -= 2;
	}
	return (s64)(year / 4 - year / 100 + year / 400 + 367 * mon / 12 + day) +
	       year * 365 - 719499;
}

/* Returns false when two reads never agreed or no RTC answers. */
static bool rtc_read_stable(struct rtc_fields *f)
{
	struct rtc_fields again;

	for (int tries = 0; tries < 1000; tries++) {
		for (int spin = 0; spin < 100000 && (cmos_read(RTC_STATUS_A) & RTC_UIP); spin++)
			io_delay();
		read_fields(f);
		read_fields(&again);
		if (!memcmp(f, &again, sizeof(again)))
			return f->sec != 0xFF;
	}
	return false;
}

/**
 * arch_read_persistent_clock - seconds since the epoch (UTC) from the RTC
 * Return: the time, or 0 when there is no working RTC.
 */
s64 arch_read_persistent_clock(void)
{
	struct rtc_fields f;
	unsigned int status_b, pm;

	if (!rtc_read_stable(&f)) {
		pr_warn("rtc: no CMOS clock answers; the wall clock starts at 1970\n");
		return 0;
	}
	status_b = cmos_read(RTC_STATUS_B);
	pm = f.hour & 0x80;
	f.hour &= 0x7F;
	if (!(status_b & RTC_DM_BINARY)) {
		f.sec = bcd2bin(f.sec);
		f.min = bcd2bin(f.min);
		f.hour = bcd2bin(f.hour);
		f.mday = bcd2bin(f.mday);
		f.mon = bcd2bin(f.mon);
		f.year = bcd2bin(f.year);
		f.century = bcd2bin(f.century);
	}
	if (!(status_b & RTC_24H))
		f.hour = (f.hour % 12) + (pm ? 12 : 0);
	f.year += (f.century >= 19 && f.century <= 30) ? f.century * 100 : 2000;
	if (f.mon < 1 || f.mon > 12 || f.mday < 1 || f.mday > 31 || f.hour > 23 ||
	    f.min > 59 || f.sec > 60) {
		pr_warn("rtc: the CMOS clock holds no valid date; starting at 1970\n");
		return 0;
	}
	return ((days_since_epoch(f.year, f.mon, f.mday) * 24 + f.hour) * 60 + f.min) * 60 +
	       f.sec;
}
