; First instructions: GRUB leaves the CPU in 32-bit protected mode with
; paging off (Multiboot2 spec 3.3). This file builds the early page tables,
; enters long mode and jumps to the higher-half kernel, then calls
; x86_64_start_kernel() in C. Mirrors arch/x86/kernel/head_64.S in spirit.
;
; Early map (2 MiB pages, 4 page directories covering 0..4 GiB):
;   0x0000000000000000  identity, only until we run in the higher half
;   0xFFFF888000000000  direct map of 0..4 GiB (Linux's PAGE_OFFSET)
;   0xFFFFFFFF80000000  the kernel image (first 1 GiB of physical memory)

%include "boot.inc"

bits 32
section .text.boot

global _start32
extern x86_64_start_kernel
extern __bss_start, __bss_stop

%define PHYS(x) ((x) - KERNEL_VMA)

_start32:
	cli
	cld
	; Keep the loader's magic (EAX) and boot information address (EBX)
	; in .data: everything below clobbers registers.
	mov	[PHYS(boot_magic)], eax
	mov	[PHYS(boot_info_phys)], ebx

	; Clear .bss: the page tables and the boot stack live there.
	mov	edi, PHYS(__bss_start)
	mov	ecx, PHYS(__bss_stop)
	sub	ecx, edi
	shr	ecx, 2
	xor	eax, eax
	rep stosd

	mov	esp, PHYS(boot_stack_top)

	call	check_long_mode
	call	build_page_tables

	; PAE and global pages, then long mode (EFER.LME) with NX usable.
	mov	eax, cr4
	or	eax, CR4_PAE | CR4_PGE
	mov	cr4, eax
	mov	eax, PHYS(early_pml4)
	mov	cr3, eax
	mov	ecx, MSR_EFER
	rdmsr
	or	eax, EFER_LME
	test	byte [PHYS(cpu_has_nx)], 1
	jz	.no_nx
	or	eax, EFER_NXE
.no_nx:
	wrmsr
	mov	eax, cr0
	or	eax, CR0_PG | CR0_WP | CR0_PE
	mov	cr0, eax

	lgdt	[PHYS(early_gdt_ptr)]
	jmp	GDT_KERNEL_CS:PHYS(start64_low)

; Long mode needs CPUID leaf 0x80000001 EDX bit 29. Without it we can only
; say so on the serial port and stop.
check_long_mode:
	mov	eax, 0x80000000
	cpuid
	cmp	eax, 0x80000001
	jb	.no_lm
	mov	eax, 0x80000001
	cpuid
	test	edx, 1 << 29
	jz	.no_lm
	bt	edx, 20
	setc	byte [PHYS(cpu_has_nx)]
	ret
.no_lm:
	mov	ebx, PHYS(msg_no_lm)
.putc:
	mov	al, [ebx]
	test	al, al
	jz	.halt
	mov	dx, 0x3F8
	out	dx, al
	inc	ebx
	jmp	.putc
.halt:
	hlt
	jmp	.halt

; One set of four page directories maps 0..4 GiB with 2 MiB pages; the
; identity slot, the direct map and the kernel window all point at it.
build_page_tables:
	mov	edi, PHYS(early_pd)
	xor	ecx, ecx			; 2 MiB page index
.pde:
	mov	eax, ecx
	shl	eax, 21
	or	eax, PTE_PRESENT | PTE_WRITE | PTE_HUGE
	mov	[edi + ecx * 8], eax
	mov	eax, ecx
	shr	eax, 11				; bits 32.. of the address
	mov	[edi + ecx * 8 + 4], eax
	inc	ecx
	cmp	ecx, 4 * 512
	jb	.pde

	; Low PDPT: four entries, one per GiB.
	xor	ecx, ecx
.pdpte:
	mov	eax, ecx
	shl	eax, 12
	add	eax, PHYS(early_pd) + PTE_PRESENT + PTE_WRITE
	mov	[PHYS(early_pdpt_low) + ecx * 8], eax
	inc	ecx
	cmp	ecx, 4
	jb	.pdpte

	; High PDPT: entry 510 is -2 GiB, the first GiB of physical memory.
	mov	dword [PHYS(early_pdpt_high) + 510 * 8], PHYS(early_pd) + PTE_PRESENT + PTE_WRITE

	mov	eax, PHYS(early_pdpt_low) + PTE_PRESENT + PTE_WRITE
	mov	[PHYS(early_pml4)], eax
	mov	[PHYS(early_pml4) + PML4_DIRECT_MAP * 8], eax
	mov	dword [PHYS(early_pml4) + 511 * 8], PHYS(early_pdpt_high) + PTE_PRESENT + PTE_WRITE
	ret

bits 64
start64_low:
	; Still at a low address: jump to where the kernel is linked.
	mov	rax, start64
	jmp	rax

start64:
	mov	ax, GDT_KERNEL_DS
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	xor	eax, eax
	mov	fs, ax
	mov	gs, ax
	mov	rsp, boot_stack_top

	; The identity map was only needed to reach this point; dropping it
	; makes a NULL pointer dereference fault.
	mov	qword [early_pml4], 0
	mov	rax, cr3
	mov	cr3, rax

	; x86_64_start_kernel(magic, boot information physical address)
	mov	edi, [boot_magic]
	mov	esi, [boot_info_phys]
	xor	ebp, ebp		; end of the frame-pointer chain
	call	x86_64_start_kernel
.hang:
	cli
	hlt
	jmp	.hang

section .rodata
msg_no_lm: db "Spindle: this CPU has no 64-bit long mode; cannot boot.", 13, 10, 0

align 16
early_gdt:
	dq 0
	dq 0x00AF9A000000FFFF		; 64-bit kernel code
	dq 0x00CF92000000FFFF		; kernel data
early_gdt_end:
early_gdt_ptr:
	dw early_gdt_end - early_gdt - 1
	dq PHYS(early_gdt)

section .data
global cpu_has_nx
cpu_has_nx: db 0
boot_magic: dd 0
boot_info_phys: dd 0

section .bss.page_aligned nobits alloc write align=4096
global early_pml4, boot_stack, boot_stack_top
early_pml4:	resb 4096
early_pdpt_low:	resb 4096
early_pdpt_high: resb 4096
early_pd:	resb 4 * 4096
boot_stack:	resb BOOT_STACK_SIZE
boot_stack_top:
