# shellcheck shell=bash
# Shared helpers for the rules_nocgo tool scripts (tools/setup, tools/cc,
# tools/exec/goexec).  Source it; it defines functions and a few variables
# and has no side effects of its own.
#
# Layout (all overridable through the environment):
#   NOCGO_HOME   (/opt/rules_nocgo)          unpacked trixie packages:
#       qemu/usr/bin/qemu-<cpu>              statically linked qemu-user 10.x
#       sysroot-loong64/usr/loongarch64-linux-gnu/{lib,include}
#       prefix/v<N>/<goarch>/                qemu -L roots (a few symlinks)
#       sdk/go1.27.3-strict/                 the 1.27.3-strict Go SDK (tools/setup)
#   NOCGO_CACHE  ($HOME/.cache/rules_nocgo)  downloaded .debs and apt state
#                                            for the private trixie index

NOCGO_HOME=${NOCGO_HOME:-/opt/rules_nocgo}
NOCGO_CACHE=${NOCGO_CACHE:-${HOME:-/root}/.cache/rules_nocgo}

# NOCGO_GOARCHES, NOCGO_SDKS and the per-GOARCH tables (nocgo_triplet,
# nocgo_multiarch, nocgo_debarch, nocgo_qemu_cpu, nocgo_ldso,
# nocgo_ldso_aliases, nocgo_sdk_release, nocgo_sdk_patches): generated from
# platforms/table.json by internal/cmd/gentable.
# shellcheck source=tools/lib/table.sh
. "${BASH_SOURCE[0]%/*}/table.sh"

# nocgo_die MESSAGE...: print to stderr with the calling tool's name, exit 1.
nocgo_die() {
	printf '%s: %s\n' "${NOCGO_TOOL:-nocgo}" "$*" >&2
	exit 1
}

# nocgo_known_goarch GOARCH: true when GOARCH is one we support.
nocgo_known_goarch() {
	case " $NOCGO_GOARCHES " in *" $1 "*) return 0 ;; esac
	return 1
}

# nocgo_sysroot GOARCH: the cross sysroot holding lib/ and include/ for
# GOARCH.  For amd64 (the host) it is "/".
nocgo_sysroot() {
	case $1 in
	amd64) echo / ;;
	loong64) echo "$NOCGO_HOME/sysroot-loong64/usr/loongarch64-linux-gnu" ;;
	*) echo "/usr/$(nocgo_triplet "$1")" ;;
	esac
}

# nocgo_qemu_bin GOARCH: path of the trixie qemu-user binary for GOARCH.
nocgo_qemu_bin() {
	echo "$NOCGO_HOME/qemu/usr/bin/qemu-$(nocgo_qemu_cpu "$1")"
}

# The layout version of the qemu -L roots: bump it when nocgo_make_prefix
# changes, so that roots built by an older version are not used.
NOCGO_PREFIX_VERSION=v1

# nocgo_prefix_dir GOARCH: the qemu -L root for GOARCH (see nocgo_make_prefix).
nocgo_prefix_dir() {
	echo "$NOCGO_HOME/prefix/$NOCGO_PREFIX_VERSION/$1"
}

# nocgo_make_prefix GOARCH: build (once, atomically) the qemu -L root for
# GOARCH: a few symlinks that make the target's files appear where the
# target's ld.so and Go binaries look for them:
#   lib/<ldso>, lib64/<ldso> and the Go aliases  -> SYSROOT/lib/<ldso>
#                                      (whatever PT_INTERP Go wrote resolves)
#   lib/<multiarch>, usr/lib/<multiarch>  -> SYSROOT/lib  (ld.so's default
#                                      search path finds libc there)
#   etc/ld.so.cache                   empty (hides the host's x86-64 cache)
# qemu -L looks a guest path up in the prefix first and falls back to the
# host path, so everything else (/tmp, /proc, /bin/sh ...) is the host's.
nocgo_make_prefix() {
	local goarch=$1 sysroot dir tmp ldso multiarch name
	sysroot=$(nocgo_sysroot "$goarch")
	dir=$(nocgo_prefix_dir "$goarch")
	ldso=$(nocgo_ldso "$goarch")
	multiarch=$(nocgo_multiarch "$goarch")
	[[ -e $dir/lib/$ldso ]] && return 0
	[[ -e $sysroot/lib/$ldso ]] || return 1
	mkdir -p "${dir%/*}"
	tmp=$(mktemp -d "$dir.tmp.XXXXXX")
	mkdir -p "$tmp/lib" "$tmp/lib64" "$tmp/usr/lib" "$tmp/etc"
	for name in "$ldso" $(nocgo_ldso_aliases "$goarch"); do
		ln -s "$sysroot/lib/$ldso" "$tmp/lib/$name"
		ln -s "$sysroot/lib/$ldso" "$tmp/lib64/$name"
	done
	ln -s "$sysroot/lib" "$tmp/lib/$multiarch"
	ln -s "$sysroot/lib" "$tmp/usr/lib/$multiarch"
	: >"$tmp/etc/ld.so.cache"
	chmod 755 "$tmp"
	# Another process may have won the race: then keep its copy.
	mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
	[[ -e $dir/lib/$ldso ]]
}

# nocgo_derived_goroot SDK: GOROOT of a derived SDK (NOCGO_DERIVED_SDKS, e.g.
# 1.27.3-strict) that tools/setup builds (internal/nocgosdk computes the
# same path).
nocgo_derived_goroot() {
	echo "$NOCGO_HOME/sdk/go$1"
}

# nocgo_386_how: decide how this host runs linux/386 binaries: sets
# NOCGO_386_RUN to "native" or "qemu" and NOCGO_386_WHY to the reason (call
# it directly, not in $(...)).  NOCGO_386 chooses:
#   native  always natively (a host without i386 support then fails with the
#           kernel's "Exec format error": the forced path is never rerouted)
#   qemu    always under qemu-i386
#   auto    (default) natively if the host runs a known-good i386 program,
#           the i386 loader of libc6-i386 (/lib/ld-linux.so.2 --version),
#           else under qemu-i386.  Some x86_64 kernels have 32-bit emulation
#           turned off (ia32_emulation=off): every i686 binary fails there.
# tools/exec/goexec and the Bazel runner (rules/private/emulator_runner.sh.tpl)
# decide the same way.  Returns 1 (with NOCGO_386_WHY) on a bad NOCGO_386.
nocgo_386_how() {
	local loader=/lib/ld-linux.so.2
	NOCGO_386_RUN=qemu
	case ${NOCGO_386:-auto} in
	native)
		NOCGO_386_RUN=native
		NOCGO_386_WHY="NOCGO_386=native"
		;;
	qemu)
		NOCGO_386_WHY="NOCGO_386=qemu"
		;;
	auto)
		if [[ ! -e $loader || ! -e /lib32/libc.so.6 ]]; then
			NOCGO_386_WHY="NOCGO_386=auto: no i386 libc on the host ($loader, /lib32/libc.so.6: libc6-i386)"
		elif "$loader" --version >/dev/null 2>&1; then
			NOCGO_386_RUN=native
			NOCGO_386_WHY="NOCGO_386=auto: the host runs $loader"
		else
			NOCGO_386_WHY="NOCGO_386=auto: the host cannot run $loader (32-bit emulation off?)"
		fi
		;;
	*)
		NOCGO_386_WHY="NOCGO_386 must be native, qemu or auto, not '$NOCGO_386'"
		return 1
		;;
	esac
}

# nocgo_debian_mirror: the URI of the host's main Debian archive, read from
# the host's apt sources (deb822 first, then the one-line format).
nocgo_debian_mirror() {
	local f uri
	f=/etc/apt/sources.list.d/debian.sources
	if [[ -r $f ]]; then
		# The first URIs: field of a stanza whose Suites name a release
		# (not "-security").
		uri=$(awk '
			/^[[:space:]]*#/ { next }
			/^[[:space:]]*$/ { if (u != "" && s !~ /-security/) { print u; exit } u = ""; s = ""; next }
			/^URIs:/   { u = $2 }
			/^Suites:/ { s = $0 }
			END { if (u != "" && s !~ /-security/) print u }
		' "$f" | head -n1)
	fi
	if [[ -z ${uri:-} && -r /etc/apt/sources.list ]]; then
		uri=$(awk '$1 == "deb" && $0 !~ /-security/ {
			for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit }
		}' /etc/apt/sources.list | head -n1)
	fi
	[[ -n ${uri:-} ]] || return 1
	echo "${uri%/}"
}
