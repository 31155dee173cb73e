; The multiboot2 header GRUB looks for in the first 32 KiB of the image.
; See the Multiboot2 specification, section 3.1 "OS image format".
bits 32

MB2_MAGIC	equ 0xE85250D6
MB2_ARCH_I386	equ 0		; 32-bit protected mode entry
MB2_TAG_OPTIONAL equ 1

extern _start32

section .multiboot2 align=8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	; Entry address: the ELF entry is a higher-half (64-bit) address that
	; a 32-bit loader cannot jump to, so name the physical one here.
	align 8
	dw 3, 0
	dd 12
	dd _start32 - 0xFFFFFFFF80000000

	; Ask for a linear framebuffer (optional: BIOS text mode is fine too).
	; On UEFI there is no VGA text mode, so this is how the screen works.
	align 8
	dw 5, MB2_TAG_OPTIONAL
	dd 20
	dd 1024, 768, 32

	align 8
	dw 0, 0			; end tag
	dd 8
mb2_header_end:
