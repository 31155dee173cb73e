/* The initial RAM disk the boot loader loaded (include/linux/initrd.h):
 * its kernel virtual range, recorded by the architecture's boot code. */
#ifndef _LINUX_INITRD_H
#define _LINUX_INITRD_H

extern unsigned long initrd_start, initrd_end;

/* Unpacks a cpio "newc" archive into the root file system
 * (kernel/fs/initramfs.c). Return: NULL, or the reason it stopped. */
const char *unpack_to_rootfs(const char *buf, unsigned long len);
/* Frees the initrd's pages once unpacked (arch code knows they are RAM). */
void free_initrd_mem(unsigned long start, unsigned long end);
int populate_rootfs(void);

#endif
