#!/bin/sh
# Installs what building, running and testing Spindle needs, and nothing
# else. Safe to run again: it only asks apt for packages that are missing.
# Used by `make run`, `make test` and .ci/run, so a fresh Debian 12 or
# Ubuntu machine needs no other step. Extra package names given as
# arguments are installed too (scripts/setup-bench.sh uses this).
set -eu

PACKAGES="make gcc clang lld nasm xorriso mtools grub-pc-bin grub-efi-amd64-bin
grub-common qemu-system-x86 ovmf libcmocka-dev python3 gdb xz-utils
busybox-static cpio musl-tools $*"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086 # word splitting of the package list is wanted
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The docs' renderer (make docs, tests/e2e/test_docs_*.py): chromium,
# node and the pinned mermaid-cli.
"$(dirname "$0")/setup-docs.sh"
