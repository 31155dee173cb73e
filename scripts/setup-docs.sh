#!/bin/sh
# Installs what `make docs` and the docs tests need: Debian's chromium
# (puppeteer drives it; nothing is downloaded at run time) and, with
# Debian's nodejs and npm when node is absent, the pinned mermaid-cli
# from tools/mermaid/package-lock.json into tools/mermaid/node_modules.
# Safe to run again: it does nothing once both are there. scripts/setup.sh
# runs it, so `make test` on a fresh Debian 12 needs no other step.
set -eu
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=""
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
if [ -n "$missing" ]; then
	echo "setup-docs: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086 # word splitting of the package list is wanted
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# npm ci from the lock file, again only when the lock file changed.
dir=tools/mermaid
stamp=$dir/node_modules/.spindle-lock
if ! cmp -s $dir/package-lock.json "$stamp"; then
	echo "setup-docs: installing mermaid-cli into $dir/node_modules"
	# Puppeteer drives Debian's chromium: no browser download.
	(cd $dir && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
	cp $dir/package-lock.json "$stamp"
fi
