; The real-mode trampoline that starts every other CPU, after Linux's
; arch/x86/realmode/rm/trampoline_64.S. A CPU woken by a STARTUP IPI runs
; in 16-bit real mode at CS = page << 8, IP = 0, caches off, paging off.
; smpboot.c copies this blob to a page below 1 MiB (reserved early from
; memblock), fills in trampoline_data, and sends the IPI. The code goes:
;
;   real mode -> protected mode (own small GDT) -> long mode, on a page
;   table that maps this page 1:1 and the kernel's upper half ->
;   secondary_startup_64 in the kernel, which loads the kernel's CR3.
;
; Everything here is position independent: EBX holds the blob's physical
; base from the first instructions on, and every address is base + offset.
; One CPU starts at a time (the data is shared), as in Linux.

%include "boot.inc"

%define OFF(x) ((x) - trampoline_start)

TR_CODE32	equ 0x08
TR_DATA		equ 0x10
TR_CODE64	equ 0x18
; PE, MP, ET, NE, WP, PG: caching on (CD and NW clear), as Linux's CR0_STATE.
TR_CR0		equ 0x80010033

section .rodata
global trampoline_start, trampoline_end, trampoline_data

align 16
bits 16
trampoline_start:
	cli
	cld
	mov	ax, cs
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	xor	ebx, ebx
	mov	bx, ax
	shl	ebx, 4				; physical base of this page
	mov	dword [OFF(tr_started)], 1	; the BSP sees we ran
	lgdt	[OFF(tr_gdt_desc)]
	mov	eax, cr0
	or	eax, CR0_PE
	mov	cr0, eax
	jmp	dword far [OFF(tr_pm_ptr)]

bits 32
tr_protected:
	mov	ax, TR_DATA
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	mov	eax, cr4
	or	eax, CR4_PAE | CR4_PGE
	mov	cr4, eax
	mov	eax, [ebx + OFF(tr_cr3)]
	mov	cr3, eax
	mov	ecx, MSR_EFER
	rdmsr
	or	eax, [ebx + OFF(tr_efer)]	; LME, and NXE when the BSP has it
	wrmsr
	mov	eax, TR_CR0
	mov	cr0, eax
	jmp	far [ebx + OFF(tr_lm_ptr)]

bits 64
tr_long:
	; Still on this low page: read what the kernel left, then leave.
	mov	rsp, [rbx + OFF(tr_stack)]
	mov	rsi, [rbx + OFF(tr_kernel_cr3)]
	mov	edi, [rbx + OFF(tr_cpu)]
	mov	rax, [rbx + OFF(tr_entry)]
	jmp	rax

align 8
tr_gdt:
	dq 0
	dq 0x00CF9A000000FFFF		; 0x08: 32-bit code, flat
	dq 0x00CF92000000FFFF		; 0x10: data, flat
	dq 0x00AF9A000000FFFF		; 0x18: 64-bit code
tr_gdt_end:

; Filled in by smpboot.c (struct trampoline_data, same layout).
align 8
trampoline_data:
tr_gdt_desc:	dw tr_gdt_end - tr_gdt - 1
		dd 0				; base + OFF(tr_gdt)
tr_pm_ptr:	dd 0				; base + OFF(tr_protected)
		dw TR_CODE32
tr_lm_ptr:	dd 0				; base + OFF(tr_long)
		dw TR_CODE64
tr_cr3:		dd 0				; the trampoline page table
tr_efer:	dd 0
tr_started:	dd 0
tr_cpu:		dd 0
tr_stack:	dq 0				; top of the idle task's stack
tr_entry:	dq 0				; secondary_startup_64
tr_kernel_cr3:	dq 0				; the kernel's page table
; Offsets of the patched code addresses, for smpboot.c.
global trampoline_off_gdt, trampoline_off_pm, trampoline_off_lm
trampoline_off_gdt:	dd OFF(tr_gdt)
trampoline_off_pm:	dd OFF(tr_protected)
trampoline_off_lm:	dd OFF(tr_long)
trampoline_end:

; The AP's first code in the kernel proper, on the idle task's stack:
; switch to the kernel's own page table (the trampoline's 1:1 page goes
; away), clear FS and GS (start_secondary() sets the GS base), and call
; start_secondary(cpu). The GDT register still points at the trampoline's
; GDT, which is no longer mapped: no segment register may be loaded with
; a non-null selector until start_secondary() loads this CPU's own GDT.
; Mirrors secondary_startup_64 in head_64.S.
section .text
global secondary_startup_64
extern start_secondary
secondary_startup_64:
	mov	cr3, rsi
	xor	eax, eax
	mov	fs, ax
	mov	gs, ax
	xor	ebp, ebp
	call	start_secondary
.hang:
	cli
	hlt
	jmp	.hang
