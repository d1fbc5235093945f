#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fetch Debian's stock kernels for the VM runner, without installing them.
#
#   kernel.sh [--suite SUITE] fetch ABI   unpack linux-image-ABI[-unsigned] into
#                                         the cache; print the kernel dir
#   kernel.sh [--suite SUITE] list        ABIs (amd64) that the suite offers
#   kernel.sh [--suite SUITE] latest      the newest of them (generic flavour)
#   kernel.sh default-abi                 ABI of the newest installed
#                                         linux-headers-*-amd64
#
# Without --suite the system's apt lists are used. With --suite (bullseye,
# trixie, sid, ...) apt gets a private sources list and state dir under the
# cache, so the system's apt state is never touched; the mirror is the one
# the system already uses for the Debian archive (or $SIPALG_DEBIAN_MIRROR).
#
# Cache: ${SIPALG_CACHE:-$HOME/.cache/sipalg}/kernels/debian-ABI/
#   vmlinuz -> the image (boot/vmlinuz-ABI, or lib/modules/ABI/vmlinuz*)
#   lib/modules/ABI/ (depmod'ed), .complete

set -eu

CACHE=${SIPALG_CACHE:-$HOME/.cache/sipalg}
SUITE=
# Private apt lists older than this are refreshed (seconds).
LISTS_MAX_AGE=${SIPALG_APT_LISTS_MAX_AGE:-86400}

die() { echo "kernel.sh: $*" >&2; exit 1; }
log() { echo "kernel.sh: $*" >&2; }

usage() {
	# The header comment, from its first line of text to the first blank.
	awk 'NR > 3 && /^#/ { sub(/^# ?/, ""); print; next } NR > 3 { exit }' "$0" >&2
	exit 2
}

# Print "TYPE URI SUITE" for every enabled source of the system, one-line
# (*.list) and deb822 (*.sources) formats alike.
apt_sources() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		# Drop comments and "[option=value ...]" blocks.
		sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
			awk '$1 == "deb" && NF >= 3 { print $1, $2, $3 }'
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && enabled !~ /^no$/) {
				nu = split(uris, u, " "); ns = split(suites, s, " ")
				for (i = 1; i <= nu; i++)
					for (j = 1; j <= ns; j++)
						print "deb", u[i], s[j]
			}
			types = uris = suites = enabled = ""
		}
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		{
			line = $0; sub(/^[^:]*:[ \t]*/, "", line)
			key = tolower($1)
			if (key == "types:") types = line
			else if (key == "uris:") uris = line
			else if (key == "suites:") suites = line
			else if (key == "enabled:") enabled = tolower(line)
		}
		END { flush() }' "$f"
	done
}

# The URI of the main Debian archive: a source whose suite is a plain
# release name (no -updates/-security/-backports) and that is not a
# security archive.  Derived at run time, never hard-coded.
debian_mirror() {
	if [ -n "${SIPALG_DEBIAN_MIRROR:-}" ]; then
		echo "$SIPALG_DEBIAN_MIRROR"
		return
	fi
	apt_sources | awk '$3 !~ /-/ && $2 !~ /security/ && $2 ~ /debian/ {
		print $2; exit }'
}

debian_security_mirror() {
	if [ -n "${SIPALG_DEBIAN_SECURITY_MIRROR:-}" ]; then
		echo "$SIPALG_DEBIAN_SECURITY_MIRROR"
		return
	fi
	apt_sources | awk '$3 ~ /-security$/ { print $2; exit }'
}

# apt-get/apt-cache with private sources and state for $SUITE.
APT_OPTS=
setup_suite() {
	state=$CACHE/apt/$SUITE
	mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
	mirror=$(debian_mirror)
	[ -n "$mirror" ] || die "no Debian archive found in the apt sources; set SIPALG_DEBIAN_MIRROR"
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	opt=arch=amd64
	[ -r "$keyring" ] && opt="$opt signed-by=$keyring"
	{
		echo "deb [$opt] $mirror $SUITE main"
		case $SUITE in
		sid|unstable|experimental) ;;
		*)
			echo "deb [$opt] $mirror $SUITE-updates main"
			sec=$(debian_security_mirror)
			[ -z "$sec" ] || echo "deb [$opt] $sec $SUITE-security main"
			;;
		esac
	} >"$state/sources.list"
	: >"$state/status"
	# Everything apt would otherwise read from or write to the system
	# (lists, pkgcache, pins, dpkg status) points into $state.
	APT_OPTS="-o Dir::Etc::SourceList=$state/sources.list
		-o Dir::Etc::SourceParts=/dev/null
		-o Dir::Etc::Preferences=/dev/null
		-o Dir::Etc::PreferencesParts=/dev/null
		-o Dir::State::Lists=$state/lists
		-o Dir::State::status=$state/status
		-o Dir::State::extended_states=$state/extended_states
		-o Dir::Cache=$state/cache
		-o Acquire::Languages=none
		-o APT::Architectures=amd64"
	stamp=$state/lists/.updated
	if [ ! -f "$stamp" ] ||
	   [ $(( $(date +%s) - $(stat -c %Y "$stamp") )) -gt "$LISTS_MAX_AGE" ] ||
	   ! cmp -s "$state/sources.list" "$state/lists/.sources.list"; then
		suite_update
	fi
}

suite_update() {
	log "apt-get update for $SUITE ($(debian_mirror))"
	# shellcheck disable=SC2086
	# shellcheck disable=SC2046
	apt-get $APT_OPTS $(sandbox_opt) -q update >&2 || die "apt-get update for $SUITE failed"
	cp "$state/sources.list" "$state/lists/.sources.list"
	touch "$state/lists/.updated"
}

# "apt-get download" runs as the _apt user, which cannot write into root's
# cache; download as root instead of printing a sandbox warning.
sandbox_opt() {
	[ "$(id -u)" -ne 0 ] || echo "-o APT::Sandbox::User=root"
}

have_pkg() {
	# shellcheck disable=SC2086
	apt-cache $APT_OPTS show "$1" >/dev/null 2>&1
}

# The packages that hold vmlinuz and the modules of ABI. Up to trixie:
# linux-image-ABI-unsigned (or the signed linux-image-ABI); later suites
# split it into linux-binary[-unsigned]-ABI + linux-modules-ABI +
# linux-base-ABI, with linux-image-ABI left as a small metapackage.
find_pkgs() {
	if have_pkg "linux-image-$1-unsigned"; then
		echo "linux-image-$1-unsigned"
	elif have_pkg "linux-modules-$1"; then
		# linux-base-ABI: modules.builtin*, modules.order, config.
		base=
		have_pkg "linux-base-$1" && base=linux-base-$1
		for p in "linux-binary-unsigned-$1" "linux-binary-$1"; do
			have_pkg "$p" && { echo "$p linux-modules-$1 $base"; return 0; }
		done
		return 1
	elif have_pkg "linux-image-$1"; then
		echo "linux-image-$1"
	else
		return 1
	fi
}

cmd_list() {
	# shellcheck disable=SC2086
	apt-cache $APT_OPTS pkgnames linux-image- |
		sed -n 's/^linux-image-\([0-9].*-amd64\)\(-unsigned\)\{0,1\}$/\1/p' |
		sort -uV
}

# Newest plain amd64 flavour (not -cloud, -rt).
cmd_latest() {
	cmd_list | grep -Ev -- '-(cloud|rt)-amd64$' | tail -n 1 | grep . ||
		die "no linux-image-*-amd64${SUITE:+ in $SUITE}"
}

cmd_fetch() {
	abi=$1
	case $abi in
	*/*|"") die "bad ABI '$abi'" ;;
	esac
	dir=$CACHE/kernels/debian-$abi
	if [ -f "$dir/.complete" ]; then
		echo "$dir"
		return
	fi
	mkdir -p "$CACHE/kernels"
	# Serialise parallel fetches of the same kernel.
	exec 9>"$CACHE/kernels/.debian-$abi.lock"
	flock 9
	if [ -f "$dir/.complete" ]; then
		echo "$dir"
		return
	fi
	if ! pkgs=$(find_pkgs "$abi"); then
		if [ -n "$SUITE" ]; then
			suite_update
		elif [ "$(id -u)" -eq 0 ]; then
			log "linux-image-$abi unknown to apt; running apt-get update"
			apt-get -q update >&2 || true
		fi
		pkgs=$(find_pkgs "$abi") ||
			die "no package linux-image-$abi${SUITE:+ in $SUITE} (try: $0 ${SUITE:+--suite $SUITE }list)"
	fi
	tmp=$(mktemp -d "$CACHE/kernels/.fetch-$abi.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "downloading $pkgs"
	# shellcheck disable=SC2086,SC2046
	(cd "$tmp" && apt-get $APT_OPTS $(sandbox_opt) -q download $pkgs >&2) ||
		die "apt-get download $pkgs failed"
	r=$tmp/root
	mkdir "$r"
	for deb in "$tmp"/*.deb; do
		log "unpacking $(basename "$deb") ($(du -h "$deb" | cut -f1))"
		dpkg-deb -x "$deb" "$r"
	done
	# Newer packages ship /usr/lib/modules (merged /usr): normalise.
	if [ ! -d "$r/lib/modules/$abi" ] && [ -d "$r/usr/lib/modules/$abi" ]; then
		mkdir -p "$r/lib/modules"
		mv "$r/usr/lib/modules/$abi" "$r/lib/modules/$abi"
	fi
	[ -d "$r/lib/modules/$abi" ] || die "$pkgs: no lib/modules/$abi"
	# Split packages (forky/sid) keep the image beside the modules.
	img=
	for k in "boot/vmlinuz-$abi" "lib/modules/$abi/vmlinuz" \
		 "lib/modules/$abi/vmlinuz.unsigned"; do
		[ -f "$r/$k" ] && { img=$k; break; }
	done
	[ -n "$img" ] || die "$pkgs: no vmlinuz for $abi"
	ln -s "$img" "$r/vmlinuz"
	# The package's postinst would run depmod; we do not install it.
	depmod -b "$r" "$abi"
	rm -rf "$dir"
	mv "$r" "$dir"
	touch "$dir/.complete"
	echo "$dir"
}

# ABI of the newest kernel headers installed (what our modules build against).
cmd_default_abi() {
	{
		for d in /usr/src/linux-headers-*-amd64; do
			[ -d "$d" ] && echo "${d#/usr/src/linux-headers-}"
		done
		for d in /lib/modules/*-amd64; do
			[ -d "$d/build/" ] && echo "${d#/lib/modules/}"
		done
	} | sort -uV | tail -n 1 | grep . || die "no linux-headers-*-amd64 installed"
}

while [ $# -gt 0 ]; do
	case $1 in
	--suite) [ $# -ge 2 ] || usage; SUITE=$2; shift 2 ;;
	--suite=*) SUITE=${1#--suite=}; shift ;;
	-h|--help) usage ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage
cmd=$1
shift

case $cmd in
fetch)
	[ $# -eq 1 ] || usage
	[ -z "$SUITE" ] || setup_suite
	cmd_fetch "$1"
	;;
list)
	[ $# -eq 0 ] || usage
	[ -z "$SUITE" ] || setup_suite
	cmd_list
	;;
latest)
	[ $# -eq 0 ] || usage
	[ -z "$SUITE" ] || setup_suite
	cmd_latest
	;;
default-abi)
	[ $# -eq 0 ] || usage
	cmd_default_abi
	;;
*)
	usage
	;;
esac
