; memcpy, memset and memmove for x86-64, as Linux's arch/x86/lib/memcpy_64.S
; and memset_64.S: the string instructions move 8 bytes per step, then
; the last 0-7 bytes one at a time. lib/string.c keeps portable versions
; (weak symbols) for the host unit tests; these replace them in the kernel.
;
; Why it matters: zeroing a page or a task_struct byte by byte in C costs
; three or four instructions a byte; `rep stosq` is one step per 8 bytes.
; The direction flag is clear (the ABI, and the interrupt entry's cld),
; except inside memmove's backward copy, which sets and clears it.

bits 64
section .text

global memcpy, memset, memmove

; void *memcpy(void *dst [rdi], const void *src [rsi], size_t n [rdx])
memcpy:
	mov	rax, rdi
	mov	rcx, rdx
	shr	rcx, 3
	rep movsq
	mov	ecx, edx
	and	ecx, 7
	rep movsb
	ret

; void *memset(void *dst [rdi], int c [esi], size_t n [rdx])
memset:
	mov	r9, rdi
	movzx	eax, sil
	mov	r8, 0x0101010101010101
	imul	rax, r8			; the byte in all eight lanes
	mov	rcx, rdx
	shr	rcx, 3
	rep stosq
	mov	ecx, edx
	and	ecx, 7
	rep stosb
	mov	rax, r9
	ret

; void *memmove(void *dst [rdi], const void *src [rsi], size_t n [rdx])
; Forward unless dst lies inside [src, src + n), where a forward copy
; would overwrite bytes before reading them.
memmove:
	mov	rax, rdi
	mov	rcx, rdi
	sub	rcx, rsi
	cmp	rcx, rdx
	jb	.backward		; 0 <= dst - src < n (unsigned)
	jmp	memcpy
.backward:
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
