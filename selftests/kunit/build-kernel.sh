#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once, cached) the Linux 6.1 test kernel for KUnit and the VM
# selftests, from Debian's linux-source-6.1, with the config fragments in
# selftests/kunit/config/:
#
#   build-kernel.sh [options]
#
#   --flavor F     debug (default): base.config + debug.config (KASAN,
#                  KFENCE, kmemleak, UBSAN, lockdep, ...); plain: base only
#   --print WHAT   what to print on stdout when done (default kernel-dir):
#                  kernel-dir  DIR for selftests/vm/run.sh --kernel-dir
#                              (bzImage + lib/modules/KVER)
#                  kdir        the build dir, for make -C KDIR M=... modules
#                  src         the kernel source (tools/testing/kunit/kunit.py)
#                  key         the cache key
#   -j, --jobs N   parallel make jobs (default 2; the build runs niced)
#   --force        rebuild even if the cache holds this key
#
# Cache: ${SIPALG_CACHE:-$HOME/.cache/sipalg}/kunit/KEY/ with src/ (the
# extracted source), build/ (the O= dir; *.o and *.ko removed outside
# scripts/ and tools/, enough for M= builds), kernel/ (bzImage and
# lib/modules/KVER) and .complete (the stamp; written last). KEY hashes
# the flavor, the fragments, the source tarball, gcc and ld versions and
# this script. Progress and timings go to stderr, the build log to
# KEY/build.log.

set -eu

here=$(dirname "$(realpath "$0")")
CACHE=${SIPALG_CACHE:-$HOME/.cache/sipalg}
TARBALL=${SIPALG_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
flavor=debug
print=kernel-dir
jobs=2
force=0

usage() {
	# The header comment, from its first line of text to the first blank.
	awk 'NR > 3 && /^#/ { sub(/^# ?/, ""); print; next } NR > 3 { exit }' "$0" >&2
	exit 2
}
die() { echo "build-kernel.sh: $*" >&2; exit 1; }
log() { echo "build-kernel.sh: $*" >&2; }

while [ $# -gt 0 ]; do
	case $1 in
	--flavor) flavor=$2; shift 2 ;;
	--print) print=$2; shift 2 ;;
	-j|--jobs) jobs=$2; shift 2 ;;
	--force) force=1; shift ;;
	-h|--help) usage ;;
	*) usage ;;
	esac
done
case $jobs in ''|*[!0-9]*) usage ;; esac
case $print in kernel-dir|kdir|src|key) ;; *) usage ;; esac
case $flavor in
debug) fragments="$here/config/base.config $here/config/debug.config" ;;
plain) fragments="$here/config/base.config" ;;
*) usage ;;
esac
[ -r "$TARBALL" ] || die "$TARBALL missing (apt-get install linux-source-6.1)"
for t in gcc ld make flex bison bc xz depmod; do
	command -v $t >/dev/null || die "$t missing"
done

key=$( {
	echo "flavor $flavor"
	for f in $fragments; do echo "== ${f##*/}"; cat "$f"; done
	echo "== script"; cat "$0"
	echo "== source"; sha256sum <"$TARBALL"
	echo "== tools"; gcc --version | head -n 1; ld --version | head -n 1
} | sha256sum | cut -c1-16)
dir=$CACHE/kunit/$key

result() {
	case $print in
	kernel-dir) echo "$dir/kernel" ;;
	kdir) echo "$dir/build" ;;
	src) echo "$dir/src" ;;
	key) echo "$key" ;;
	esac
}

if [ "$force" = 0 ] && [ -f "$dir/.complete" ]; then
	result
	exit 0
fi

mkdir -p "$CACHE/kunit"
# One build per key at a time; a waiting caller then finds the stamp.
exec 9>"$CACHE/kunit/$key.lock"
flock 9
if [ "$force" = 0 ] && [ -f "$dir/.complete" ]; then
	result
	exit 0
fi

now() { date +%s; }
t0=$(now)
tl=$t0
lap() {
	local t
	t=$(now)
	log "$1: $((t - tl))s"
	timings+="$1=$((t - tl))s "
	tl=$t
}
timings=
rm -rf "$dir"
mkdir -p "$dir"
blog=$dir/build.log
: >"$blog"
fail() {
	echo "build-kernel.sh: FAILED: $*; last lines of $blog:" >&2
	tail -n 40 "$blog" >&2
	exit 1
}
log "key $key ($flavor), in $dir"

# 1. Source.
log "extracting $TARBALL"
mkdir "$dir/x"
tar -C "$dir/x" -xf "$TARBALL" || die "cannot extract $TARBALL"
set -- "$dir"/x/*/
[ $# -eq 1 ] && [ -f "$1/Makefile" ] || die "unexpected layout of $TARBALL"
mv "$1" "$dir/src"
rmdir "$dir/x"
src=$dir/src
build=$dir/build
lap extract

# 2. Config: tinyconfig + fragments, then check every requested option.
mk() { make -C "$src" O="$build" "$@"; }
mkdir -p "$build"
# shellcheck disable=SC2086 # $fragments is a list
{
	mk tinyconfig &&
	"$src/scripts/kconfig/merge_config.sh" -m -O "$build" \
		"$build/.config" $fragments &&
	mk olddefconfig
} >>"$blog" 2>&1 || fail "config"
cp "$build/.config" "$dir/config"
# The last fragment that names an option wins, as in merge_config.sh.
# shellcheck disable=SC2086 # $fragments is a list
mism=$(sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=\(.*\)$/\1 \2/p' \
		-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1 n/p' $fragments |
	awk '{ w[$1] = $2 } END { for (o in w) print o, w[o] }' | sort |
	while read -r opt want; do
		got=$(sed -n -e "s/^$opt=//p" -e "s/^# $opt is not set\$/n/p" "$build/.config")
		[ -n "$got" ] || got=n
		[ "$got" = "$want" ] || echo "  $opt: requested $want, got $got"
	done)
[ -z "$mism" ] || die "config options did not stick (a missing dependency?):
$mism
see $build/.config"
log "config ok ($(grep -c '=[ym]$' "$build/.config") options set)"
lap config

# 3. Build: niced, the machine is shared (qemu guests of other jobs).
log "building with -j$jobs (log: $blog)"
nice -n 10 make -C "$src" O="$build" -j"$jobs" bzImage modules >>"$blog" 2>&1 ||
	fail "kernel build"
# Only known once the build has run syncconfig (CONFIG_LOCALVERSION).
kver=$(cat "$build/include/config/kernel.release")
[ -n "$kver" ] || die "no kernel release"
log "kernel $kver"
lap build

# 4. The kernel dir run.sh boots: bzImage + lib/modules/KVER.
kd=$dir/kernel
mkdir -p "$kd"
mk INSTALL_MOD_PATH="$kd" modules_install >>"$blog" 2>&1 || fail "modules_install"
cp "$build/arch/x86/boot/bzImage" "$kd/bzImage"
cp "$build/System.map" "$kd/System.map"
cp "$build/.config" "$kd/config"
[ -f "$kd/lib/modules/$kver/modules.dep" ] || die "modules_install left no modules.dep"
lap install

# 5. Trim the build dir: objects are not needed for external modules (keep
# scripts/ and tools/: modpost, objtool, ... run from there).
before=$(du -sm "$build" | cut -f1)
find "$build" \( -path "$build/scripts" -o -path "$build/tools" \) -prune -o \
	-type f \( -name '*.o' -o -name '*.ko' -o -name '.tmp_vmlinux*' \) \
	-print0 | xargs -0r rm -f
rm -f "$build"/arch/x86/boot/compressed/vmlinux.bin*
log "build dir trimmed from ${before} MB to $(du -sm "$build" | cut -f1) MB"

# 6. Check that an external module still builds against the trimmed dir.
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cat >"$t/probe.c" <<'EOF'
#include <linux/module.h>
#include <linux/slab.h>
static int __init probe_init(void) { kfree(kmalloc(16, GFP_KERNEL)); return 0; }
static void __exit probe_exit(void) { }
module_init(probe_init);
module_exit(probe_exit);
MODULE_LICENSE("GPL");
EOF
echo 'obj-m := probe.o' >"$t/Kbuild"
make -C "$build" M="$t" modules >>"$blog" 2>&1 && [ -f "$t/probe.ko" ] ||
	fail "an external module does not build against the trimmed $build"
[ "$(modinfo -F vermagic "$t/probe.ko" | cut -d' ' -f1)" = "$kver" ] ||
	fail "probe.ko has the wrong vermagic"
lap trim+check

{
	echo "key=$key"
	echo "flavor=$flavor"
	echo "kver=$kver"
	echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "jobs=$jobs"
	echo "timings=$timings"
	echo "total=$(( $(now) - t0 ))s"
} >"$dir/.complete.tmp"
mv "$dir/.complete.tmp" "$dir/.complete"

# Keep the newest $SIPALG_KUNIT_KEEP complete builds of this flavor (each
# is ~1.7 GB, mostly source); skip any that a build holds locked.
keep=${SIPALG_KUNIT_KEEP:-2}
ls -1t "$CACHE"/kunit/*/.complete 2>/dev/null | while read -r stamp; do
	grep -qx "flavor=$flavor" "$stamp" || continue
	keep=$((keep - 1))
	[ "$keep" -lt 0 ] || continue
	old=$(dirname "$stamp")
	(
		flock -n 8 || exit 0
		log "removing old build $old"
		rm -rf "$old" "$old.lock"
	) 8>"$old.lock"
done
log "done in $(( $(now) - t0 ))s: $timings"
log "bzImage $(du -h "$kd/bzImage" | cut -f1), build dir $(du -sh "$build" | cut -f1), kernel dir $(du -sh "$kd" | cut -f1)"
result
