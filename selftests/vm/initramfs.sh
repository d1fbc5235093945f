#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build (once, cached) the initramfs the VM runner boots with a kernel:
#
#   initramfs.sh KERNEL_DIR      print the path of the cpio.gz for KERNEL_DIR
#
# KERNEL_DIR holds lib/modules/KVER/ (as kernel.sh fetch leaves it). The
# archive holds busybox-static, the kernel's 9p/virtio/overlay modules
# (decompressed, so busybox insmod needs no xz/zstd support) and an /init
# that mounts the host's root read-only over virtio-9p, makes the few
# writable places tools need, chroots and runs the command run.sh left in
# the "out" share. The cache key covers this script, busybox and the module
# files, so any change rebuilds it.

set -eu

CACHE=${SIPALG_CACHE:-$HOME/.cache/sipalg}
BUSYBOX=${SIPALG_BUSYBOX:-/bin/busybox}
# Needed to reach the host; overlay is optional (a writable /etc and
# /lib/modules need it, the rest works without).
MODULES="virtio_pci 9pnet_virtio 9p"
OPTIONAL_MODULES="overlay"

die() { echo "initramfs.sh: $*" >&2; exit 1; }

[ $# -eq 1 ] || { echo "usage: $0 KERNEL_DIR" >&2; exit 2; }
kdir=$(realpath "$1")
set -- "$kdir"/lib/modules/*/
[ $# -eq 1 ] && [ -d "$1" ] || die "$kdir must hold exactly one lib/modules/KVER/"
kver=$(basename "$1")
[ -x "$BUSYBOX" ] || die "$BUSYBOX missing (apt-get install busybox-static)"
# The initramfs has no libc: busybox must be the static build.
ldd "$BUSYBOX" >/dev/null 2>&1 &&
	die "$BUSYBOX is not statically linked (install busybox-static)"

# Module files to load, in dependency order, without duplicates.
# "modprobe --show-depends" resolves aliases, dependencies and builtins.
list_modules() {
	for m in $MODULES $OPTIONAL_MODULES; do
		if ! out=$(modprobe -d "$kdir" -S "$kver" --show-depends "$m" 2>/dev/null); then
			case " $OPTIONAL_MODULES " in
			*" $m "*) continue ;;
			esac
			# No module support at all: assume it is built in.
			[ -f "$kdir/lib/modules/$kver/modules.dep" ] || continue
			die "$m: neither a module nor built into $kver"
		fi
		echo "$out" | awk '$1 == "insmod" { print $2 }'
	done | awk '!seen[$0]++'
}
mods=$(list_modules)

key=$( {
	cat "$0"
	sha256sum "$BUSYBOX"
	echo "$kdir $kver"
	for f in $mods; do stat -c '%n %s %Y' "$f"; done
} | sha256sum | cut -c1-16)
out=$CACHE/initramfs/$kver-$key.cpio.gz
if [ -f "$out" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$CACHE/initramfs"
tmp=$(mktemp -d "$CACHE/initramfs/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
r=$tmp/root
mkdir -p "$r/bin" "$r/sbin" "$r/usr/bin" "$r/usr/sbin" "$r/modules" \
	"$r/proc" "$r/sys" "$r/dev" "$r/newroot" "$r/out" "$r/rw" "$r/tmp"
cp "$BUSYBOX" "$r/bin/busybox"

i=10
for f in $mods; do
	name=$(basename "$f")
	dst=$r/modules/$i-${name%%.ko*}.ko
	case $f in
	*.ko) cp "$f" "$dst" ;;
	*.ko.xz) xz -dc "$f" >"$dst" ;;
	*.ko.zst) zstd -q -dc "$f" >"$dst" ;;
	*.ko.gz) gzip -dc "$f" >"$dst" ;;
	*) die "unknown module format: $f" ;;
	esac
	i=$((i + 1))
done

# Usermode helpers (request_module) run in the initramfs root, not in the
# chroot: send the kernel's module requests to the host's modprobe there.
cat >"$r/sbin/modprobe-chroot" <<'EOF'
#!/bin/sh
exec /bin/busybox chroot /newroot /sbin/modprobe "$@"
EOF
chmod 755 "$r/sbin/modprobe-chroot"

cat >"$r/init" <<'EOF'
#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# sipalg VM init: host root over 9p, chroot, run /out/cmd.sh, report.
/bin/busybox --install -s
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
R=/newroot
P9="trans=virtio,version=9p2000.L,msize=512000"

say() { echo "sipalg-vm: $*"; }
# PID 1 must not exit (that is a panic); end the VM instead. -no-reboot
# turns a reboot into a qemu exit, and works with acpi=off, which
# poweroff does not.
bye() { sync; reboot -f; sleep 10; }
fail() { say "init failed: $*"; bye; }

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in /modules/*.ko; do
	[ -e "$m" ] || continue
	insmod "$m" || fail "insmod $m"
done
echo /sbin/modprobe-chroot >/proc/sys/kernel/modprobe

# The virtio devices may show up a moment after their driver loads.
n=0
until mount -t 9p -o "$P9,ro,cache=loose" hostroot $R 2>/dev/null; do
	n=$((n + 1)); [ $n -lt 50 ] || fail "cannot mount hostroot"; sleep 0.1
done
mount -t 9p -o "$P9" out /out || fail "cannot mount out"
[ -r /out/vm.conf ] || fail "no /out/vm.conf"
. /out/vm.conf
say "kernel $(uname -r), up $(cut -d' ' -f1 /proc/uptime)s"

mount -t tmpfs -o mode=755 tmpfs /rw
have_overlay=0
grep -qw overlay /proc/filesystems && have_overlay=1

# Map a path of the chroot to the initramfs, refusing symlinks that
# would lead out of $R (Debian's /lib -> usr/lib is relative: fine).
inroot() {
	p=$(readlink -f "$R$1") || return 1
	case $p in
	$R/*) echo "$p" ;;
	*) return 1 ;;
	esac
}

# Writable copy-on-write view of a host dir (changes stay in RAM).
overlay() {
	n=$(echo "$1" | tr / _)
	mkdir -p /rw/$n/u /rw/$n/w
	mount -t overlay overlay \
		-o "lowerdir=$2,upperdir=/rw/$n/u,workdir=/rw/$n/w" "$3"
}

# Fresh tmpfs on a chroot dir; but if the command's working directory is
# inside it, an overlay, so the command still finds its files.
scratch() {
	t=$R$1
	[ -d "$t" ] && [ ! -L "$t" ] || return 0
	case "$SIPALG_CWD/" in
	"$1"/*)
		[ $have_overlay = 1 ] && overlay "$1" "$t" "$t" && return 0
		say "warning: $1 left read-only (no overlayfs)"
		return 0
		;;
	esac
	mount -t tmpfs -o "mode=$2" tmpfs "$t" || fail "tmpfs on $1"
}

# The booted kernel's modules at /lib/modules/$(uname -r), writable so
# depmod and modules_install work. Before /root gets its tmpfs: the
# kernel cache usually lives below it.
kv=$(uname -r)
md=$(inroot /lib/modules) || fail "/lib/modules leaves the root"
src=$R$SIPALG_KDIR/lib/modules/$kv
[ -d "$src" ] || fail "no modules for $kv in $SIPALG_KDIR"
mount -t tmpfs -o mode=755 tmpfs "$md"
mkdir "$md/$kv"
if [ $have_overlay = 1 ]; then
	overlay modules "$src" "$md/$kv"
else
	mount -o bind "$src" "$md/$kv"
fi
# /etc writable (ip netns, tools that keep state there).
[ $have_overlay = 1 ] && overlay etc $R/etc $R/etc

scratch /tmp 1777
scratch /var/tmp 1777
scratch /run 755
scratch /var/lib 755
scratch /var/log 755
scratch /var/cache 755
scratch /root 700
mkdir -p $R/run/lock $R/run/sipalg
chmod 1777 $R/run/lock
mount -o bind /out $R/run/sipalg || fail "bind out"

mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t debugfs debugfs $R/sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs $R/sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 $R/sys/fs/cgroup 2>/dev/null
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts $R/dev/pts
ln -sf pts/ptmx $R/dev/ptmx 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm
hostname sipalg-vm
ip link set lo up

cut -d' ' -f1 /proc/uptime >/out/t_start
say "run: $SIPALG_CMDLINE"
env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root TERM=dumb LANG=C.UTF-8 SIPALG_VM=1 \
	SIPALG_VM_OUT=/run/sipalg \
	chroot $R /bin/sh /run/sipalg/cmd.sh </dev/null
rc=$?
cut -d' ' -f1 /proc/uptime >/out/t_end
say "exit status $rc"

if [ "${SIPALG_KMEMLEAK:-0}" = 1 ] && [ -e $R/sys/kernel/debug/kmemleak ]; then
	# A leak is reported at the second scan that sees it, once 5 s old.
	echo scan >$R/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >$R/sys/kernel/debug/kmemleak
	cat $R/sys/kernel/debug/kmemleak >/out/kmemleak.log
fi
dmesg >/out/dmesg.log
echo $rc >/out/rc
bye
EOF
chmod 755 "$r/init"

(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -6 >"$tmp/initramfs.cpio.gz"
# Atomic: a parallel build of the same key just wins or loses the race.
mv "$tmp/initramfs.cpio.gz" "$out"
echo "$out"
