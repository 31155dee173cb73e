#!/bin/sh
# Installs what the benchmarks need on top of scripts/setup.sh: Debian's
# Linux kernel and its headers (to build modules/kbench.c as kbench.ko
# with Kbuild and boot that kernel in QEMU beside Spindle), a static
# busybox for the tiny initramfs, and gnuplot for the growth curve in
# docs/performance.md. Used by `make bench-linux` and `make bench-compare`;
# `make bench` (Spindle alone) needs only scripts/setup.sh. Safe to run
# again: it only asks apt for packages that are missing.
set -eu

./scripts/setup.sh

PACKAGES="linux-image-amd64 linux-headers-amd64 busybox-static cpio gzip
gnuplot-nox make gcc"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "setup-bench: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is wanted
$SUDO apt-get install -y -qq --no-install-recommends $missing
