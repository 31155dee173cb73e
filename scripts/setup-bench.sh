#!/bin/sh
# Installs what the benchmarks need on top of scripts/setup.sh: Debian's
# Linux kernel and its headers (to build modules/kbench.c as kbench.ko
# with Kbuild and boot that kernel in QEMU beside Spindle), a static
# busybox for the tiny initramfs, and gnuplot for the growth curve in
# docs/performance.md. Used by `make bench-linux` and `make bench-compare`;
# `make bench` (Spindle alone) needs only scripts/setup.sh. Safe to run
# again: it only asks apt for packages that are missing.
set -eu

./scripts/setup.sh linux-image-amd64 linux-headers-amd64 busybox-static cpio \
	gzip gnuplot-nox
