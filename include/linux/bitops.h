/*
 * Bit operations, as Linux's include/linux/bitops.h (with
 * asm-generic/bitops/atomic.h, non-atomic.h, lock.h and linux/find.h):
 *   set_bit, clear_bit, change_bit           atomic, unordered
 *   test_and_set_bit, test_and_clear_bit,
 *   test_and_change_bit                      atomic, fully ordered
 *   test_and_set_bit_lock / clear_bit_unlock acquire / release (a bit lock)
 *   __set_bit, __clear_bit, __change_bit,
 *   __test_and_set_bit, ...                  not atomic: the caller excludes others
 *   find_first_bit, find_next_bit, ...       lib/find_bit.c
 * Bit @nr of a bitmap is bit (nr % 64) of word (nr / 64), as in Linux.
 * Also the bit counting the kernel needs without libgcc (hweight, ffs, fls).
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/compiler.h>

#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define BITS_PER_BYTE 8
#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
/* Bits @l..@h set (both included), as Linux's GENMASK(). */
#define GENMASK(h, l) (((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))

/* Number of set bits (SWAR: add neighbouring bit counts in parallel). */
static inline unsigned int hweight64(u64 w)
{
	w -= (w >> 1) & 0x5555555555555555ULL;
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (w * 0x0101010101010101ULL) >> 56;
}

#define hweight32(w) hweight64((u32)(w))
#define hweight_long(w) hweight64(w)

/* The index of the lowest set bit; @word must not be 0 (Linux's __ffs). */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* The index of the highest set bit; @word must not be 0 (Linux's __fls). */
static inline unsigned long __fls(unsigned long word)
{
	return 63 - __builtin_clzl(word);
}

/* The index of the lowest clear bit; @word must not be ~0UL. */
static inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

/* 1-based, 0 for none, as the C library's ffs(). */
static inline int ffs(int x)
{
	return x ? __builtin_ctz(x) + 1 : 0;
}

/* The position of the highest set bit, 1-based; 0 for none. */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/* @value's bits 0..@index as a signed number (bit @index is the sign). */
static inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (s32)(value << shift) >> shift;
}

/* ---- atomic: one locked read-modify-write of the word ---- */

static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(addr + BIT_WORD(nr), BIT_MASK(nr),
				 __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(addr + BIT_WORD(nr), ~BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static __always_inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor(addr + BIT_WORD(nr), BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

/* A bit used as a lock: taking it is an acquire, dropping it a release. */
static __always_inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(addr + BIT_WORD(nr), BIT_MASK(nr),
				 __ATOMIC_ACQUIRE) & BIT_MASK(nr);
}

static __always_inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

static __always_inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

static __always_inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(addr + BIT_WORD(nr), __ATOMIC_ACQUIRE) >>
		(nr % BITS_PER_LONG)) & 1;
}

/* ---- non-atomic: plain read and write of the word ---- */

static __always_inline void __set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static __always_inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static __always_inline void __change_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] ^= BIT_MASK(nr);
}

static __always_inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__set_bit(nr, addr);
	return old;
}

static __always_inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__clear_bit(nr, addr);
	return old;
}

/* ---- searching (lib/find_bit.c); each returns @size if none ---- */

unsigned long _find_next_bit(const unsigned long *addr, unsigned long size,
			     unsigned long offset, bool invert);

/**
 * find_next_bit - the first set bit at or after @offset
 * @addr: the bitmap
 * @size: its size in bits
 * @offset: where to start
 *
 * Return: the bit's index, or @size if there is none.
 */
static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size, unsigned long offset)
{
	return _find_next_bit(addr, size, offset, false);
}

static inline unsigned long find_next_zero_bit(const unsigned long *addr,
					       unsigned long size, unsigned long offset)
{
	return _find_next_bit(addr, size, offset, true);
}

static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return find_next_bit(addr, size, 0);
}

static inline unsigned long find_first_zero_bit(const unsigned long *addr,
						unsigned long size)
{
	return find_next_zero_bit(addr, size, 0);
}

unsigned long find_last_bit(const unsigned long *addr, unsigned long size);

#define for_each_set_bit(bit, addr, size)                        \
	for ((bit) = find_first_bit((addr), (size)); (bit) < (size); \
	     (bit) = find_next_bit((addr), (size), (bit) + 1))

#define for_each_clear_bit(bit, addr, size)                            \
	for ((bit) = find_first_zero_bit((addr), (size)); (bit) < (size); \
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

/* ---- whole bitmaps (Linux's linux/bitmap.h) ---- */

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = 0;
}

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = ~0UL;
}

/* Number of set bits among the first @nbits. */
static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int w = 0, i;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		w += hweight_long(src[i]);
	if (nbits % BITS_PER_LONG)
		w += hweight_long(src[i] & (BIT_MASK(nbits) - 1));
	return w;
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) >= nbits;
}

#endif
