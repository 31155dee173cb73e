/*
 * struct sysinfo, as Linux's include/uapi/linux/sysinfo.h: what the
 * sysinfo() system call and si_meminfo() report. Memory fields count
 * units of mem_unit bytes (a page, from si_meminfo()).
 */
#ifndef _LINUX_SYSINFO_H
#define _LINUX_SYSINFO_H

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
};

#endif
