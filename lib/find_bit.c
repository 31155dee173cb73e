/*
 * Searching bitmaps, as Linux's lib/find_bit.c: the first set (or clear)
 * bit at or after an offset, and the last set bit. One word at a time:
 * the first word is masked below @offset, the last above @size.
 */
#include <linux/bitops.h>

/**
 * _find_next_bit - the first bit at or after @offset that is set (or, with
 * @invert, clear)
 * @addr: the bitmap
 * @size: its size in bits
 * @offset: where to start
 * @invert: look for clear bits instead
 *
 * Return: the bit's index, or @size if there is none.
 */
unsigned long _find_next_bit(const unsigned long *addr, unsigned long size,
			     unsigned long offset, bool invert)
{
	unsigned long word, idx;

	if (offset >= size)
		return size;
	idx = BIT_WORD(offset);
	word = (invert ? ~addr[idx] : addr[idx]) & (~0UL << (offset % BITS_PER_LONG));
	while (!word) {
		if (++idx * BITS_PER_LONG >= size)
			return size;
		word = invert ? ~addr[idx] : addr[idx];
	}
	idx = idx * BITS_PER_LONG + __ffs(word);
	return idx < size ? idx : size;
}

/**
 * find_last_bit - the highest set bit below @size
 * @addr: the bitmap
 * @size: its size in bits
 *
 * Return: the bit's index, or @size if no bit is set.
 */
unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long idx, word, mask;

	if (!size)
		return size;
	idx = BIT_WORD(size - 1);
	mask = ~0UL >> (-size % BITS_PER_LONG);
	for (;;) {
		word = addr[idx] & mask;
		if (word)
			return idx * BITS_PER_LONG + __fls(word);
		if (!idx--)
			return size;
		mask = ~0UL;
	}
}
