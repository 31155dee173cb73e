/* Port I/O. Only arch/ code includes this. */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>

static inline void outb(u8 v, u16 port)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 v, u16 port)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(u32 v, u16 port)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* A short delay: a write to an unused port takes about a microsecond. */
static inline void io_delay(void)
{
	outb(0, 0x80);
}

/*
 * A virtual address for @size bytes of device memory or firmware tables at
 * physical @phys, or NULL when it cannot be mapped. Undo with iounmap().
 */
void *ioremap(phys_addr_t phys, size_t size);
/* The same, write-combining: for framebuffers. */
void *ioremap_wc(phys_addr_t phys, size_t size);
void iounmap(void *addr);
/* init_mem_mapping() remaps what was ioremapped before it ran. */
void early_ioremap_remap_all(void);

/* MMIO accessors: volatile so every access reaches the device. */
static inline u8 readb(const volatile void *addr)
{
	return *(const volatile u8 *)addr;
}

static inline u16 readw(const volatile void *addr)
{
	return *(const volatile u16 *)addr;
}

static inline u32 readl(const volatile void *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void writel(u32 v, volatile void *addr)
{
	*(volatile u32 *)addr = v;
}

static inline u64 readq(const volatile void *addr)
{
	return *(const volatile u64 *)addr;
}

static inline void writeq(u64 v, volatile void *addr)
{
	*(volatile u64 *)addr = v;
}

#endif
