; memcpy, memset and memmove for x86-64, as Linux's arch/x86/lib/memcpy_64.S
; and memset_64.S for CPUs without fast string instructions (no ERMS, as
; QEMU's default CPU): 64 bytes per loop in eight 8-byte moves, then the
; remaining 8-byte words, then the last 0-7 bytes. lib/string.c keeps
; portable versions (weak symbols) for the host tests; these replace them
; in the kernel.
;
; Why it matters: zeroing a page or a task_struct byte by byte in C costs
; three or four instructions a byte; here it is about 1.4 per 8 bytes.
; (`rep stosq` would be one instruction per 8 bytes too, but an emulator
; runs each repetition as a separate step, so plain moves are faster
; there.) The direction flag is clear (the ABI, and the interrupt entry's
; cld), except inside memmove's backward copy, which sets and clears it.

bits 64
section .text

global memcpy, memset, memmove

; void *memcpy(void *dst [rdi], const void *src [rsi], size_t n [rdx])
memcpy:
	mov	rax, rdi
	mov	rcx, rdx
	shr	rcx, 6			; 64-byte blocks
	jz	.words
.block:
	mov	r8, [rsi]
	mov	r9, [rsi + 8]
	mov	r10, [rsi + 16]
	mov	r11, [rsi + 24]
	mov	[rdi], r8
	mov	[rdi + 8], r9
	mov	[rdi + 16], r10
	mov	[rdi + 24], r11
	mov	r8, [rsi + 32]
	mov	r9, [rsi + 40]
	mov	r10, [rsi + 48]
	mov	r11, [rsi + 56]
	mov	[rdi + 32], r8
	mov	[rdi + 40], r9
	mov	[rdi + 48], r10
	mov	[rdi + 56], r11
	add	rsi, 64
	add	rdi, 64
	dec	rcx
	jnz	.block
.words:
	mov	ecx, edx
	and	ecx, 63
	shr	ecx, 3			; 0-7 words left
	jz	.bytes
.word:
	mov	r8, [rsi]
	mov	[rdi], r8
	add	rsi, 8
	add	rdi, 8
	dec	ecx
	jnz	.word
.bytes:
	mov	ecx, edx
	and	ecx, 7
	jz	.done
.byte:
	mov	r8b, [rsi]
	mov	[rdi], r8b
	inc	rsi
	inc	rdi
	dec	ecx
	jnz	.byte
.done:
	ret

; void *memset(void *dst [rdi], int c [esi], size_t n [rdx])
memset:
	mov	r9, rdi
	movzx	eax, sil
	mov	r8, 0x0101010101010101
	imul	rax, r8			; the byte in all eight lanes
	mov	rcx, rdx
	shr	rcx, 6
	jz	.swords
.sblock:
	mov	[rdi], rax
	mov	[rdi + 8], rax
	mov	[rdi + 16], rax
	mov	[rdi + 24], rax
	mov	[rdi + 32], rax
	mov	[rdi + 40], rax
	mov	[rdi + 48], rax
	mov	[rdi + 56], rax
	add	rdi, 64
	dec	rcx
	jnz	.sblock
.swords:
	mov	ecx, edx
	and	ecx, 63
	shr	ecx, 3
	jz	.sbytes
.sword:
	mov	[rdi], rax
	add	rdi, 8
	dec	ecx
	jnz	.sword
.sbytes:
	mov	ecx, edx
	and	ecx, 7
	jz	.sdone
.sbyte:
	mov	[rdi], al
	inc	rdi
	dec	ecx
	jnz	.sbyte
.sdone:
	mov	rax, r9
	ret

; void *memmove(void *dst [rdi], const void *src [rsi], size_t n [rdx])
; Forward unless dst lies inside [src, src + n), where a forward copy
; would overwrite bytes before reading them. The backward copy is rare
; (scrolling text) and uses the string instructions with the direction
; flag set.
memmove:
	mov	rcx, rdi
	sub	rcx, rsi
	cmp	rcx, rdx
	jae	memcpy			; not 0 <= dst - src < n (unsigned)
	mov	rax, rdi
	lea	rsi, [rsi + rdx - 1]
	lea	rdi, [rdi + rdx - 1]
	std
	mov	ecx, edx
	and	ecx, 7
	rep movsb			; the tail bytes, last first
	sub	rsi, 7			; now at the start of the last whole word
	sub	rdi, 7
	mov	rcx, rdx
	shr	rcx, 3
	rep movsq
	cld
	ret
