#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a command inside a throw-away qemu VM (TCG, no KVM needed) booting a
# Debian kernel, with the host's root as a read-only root and the current
# directory as working directory:
#
#   run.sh [options] -- COMMAND [ARG...]
#
#   --abi ABI          Debian kernel ABI (default: $SIPALG_ABI, else the
#                      newest installed linux-headers-*-amd64)
#   --kernel-dir DIR   a kernel dir instead: vmlinuz|bzImage + lib/modules/KVER
#   --timeout SECONDS  kill the VM after this long (default 900)
#   --mem MB           guest memory (default 1024)
#   --smp N            guest CPUs (default 2)
#   --out DIR          keep console.log, dmesg.log, rc, ... in DIR (default:
#                      a temp dir, removed unless the run fails)
#   -e, --env VAR=VAL  set VAR in the command's environment
#   --kmemleak         after the command, scan kmemleak (if the kernel has it)
#   --append ARGS      extra kernel command line
#   -q, --quiet        do not stream the console
#   -v, --verbose      stream the whole console, boot included
#
# Exit status: the command's; 124 timeout; 125 the guest reported no status
# (crash, init failure); 126 the kernel log shows a problem (BUG, WARNING,
# KASAN, lockdep, ...), whatever the command returned.

set -eu

here=$(dirname "$(realpath "$0")")
abi=${SIPALG_ABI:-}
kernel_dir=
timeout=900
mem=1024
smp=2
out=
quiet=0
verbose=0
kmemleak=0
append=
envs=()

usage() {
	# The header comment, from its first line of text to the first blank.
	awk 'NR > 3 && /^#/ { sub(/^# ?/, ""); print; next } NR > 3 { exit }' "$0" >&2
	exit 2
}
die() { echo "run.sh: $*" >&2; exit 125; }

while [ $# -gt 0 ]; do
	case $1 in
	--abi) abi=$2; shift 2 ;;
	--kernel-dir) kernel_dir=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	-e|--env) envs+=("$2"); shift 2 ;;
	--kmemleak) kmemleak=1; shift ;;
	--append) append=$2; shift 2 ;;
	-q|--quiet) quiet=1; shift ;;
	-v|--verbose) verbose=1; shift ;;
	-h|--help) usage ;;
	--) shift; break ;;
	*) usage ;;
	esac
done
[ $# -ge 1 ] || usage
for v in "$timeout" "$mem" "$smp"; do
	case $v in ''|*[!0-9]*) usage ;; esac
done

t0=$EPOCHREALTIME

if [ -z "$kernel_dir" ]; then
	[ -n "$abi" ] || abi=$("$here/kernel.sh" default-abi)
	kernel_dir=$("$here/kernel.sh" fetch "$abi")
fi
kernel_dir=$(realpath "$kernel_dir")
vmlinuz=
for k in vmlinuz bzImage arch/x86/boot/bzImage boot/vmlinuz-*; do
	[ -f "$kernel_dir/$k" ] && { vmlinuz=$kernel_dir/$k; break; }
done
[ -n "$vmlinuz" ] || die "no vmlinuz or bzImage in $kernel_dir"
initrd=$("$here/initramfs.sh" "$kernel_dir")
kver=$(basename "$(ls -d "$kernel_dir"/lib/modules/*/ | head -n 1)")
t_prep=$EPOCHREALTIME

tmpout=0
if [ -z "$out" ]; then
	out=$(mktemp -d "${TMPDIR:-/tmp}/sipalg-vm.XXXXXX")
	tmpout=1
else
	mkdir -p "$out"
	rm -f "$out"/{console.log,dmesg.log,kmemleak.log,rc,t_start,t_end,cmd.sh,vm.conf,qemu.log}
fi
out=$(realpath "$out")

# Single quotes for sh: ' becomes '\''.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

cwd=$(pwd -P)
cmdline=
for a in "$@"; do cmdline+="${cmdline:+ }$(q "$a")"; done
{
	for e in "${envs[@]+"${envs[@]}"}"; do
		case $e in
		[A-Za-z_]*=*) echo "export ${e%%=*}=$(q "${e#*=}")" ;;
		*) die "bad --env '$e'" ;;
		esac
	done
	echo "cd $(q "$cwd") || exit 125"
	echo "exec $cmdline"
} >"$out/cmd.sh"
{
	echo "SIPALG_KDIR=$(q "$kernel_dir")"
	echo "SIPALG_CWD=$(q "$cwd")"
	echo "SIPALG_CMDLINE=$(q "$cmdline")"
	echo "SIPALG_KMEMLEAK=$kmemleak"
} >"$out/vm.conf"
: >"$out/console.log"

# no_timer_check: on a loaded host the IO-APIC timer check of a TCG guest
# can fail and panic the boot ("IO-APIC + timer doesn't work").
qemu=(qemu-system-x86_64 -accel tcg -cpu max -smp "$smp" -m "$mem"
	-nodefaults -no-user-config -display none -monitor none -no-reboot
	-nic none
	-chardev "file,id=con,path=$out/console.log,append=on" -serial chardev:con
	-kernel "$vmlinuz" -initrd "$initrd"
	-append "console=ttyS0 acpi=off tsc=reliable no_timer_check panic=-1 printk.time=1 $append"
	-fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap"
	-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot
	-fsdev "local,id=out,path=$out,security_model=none"
	-device virtio-9p-pci,fsdev=out,mount_tag=out)

qpid=
tpid=
cleanup() {
	[ -z "$qpid" ] || kill "$qpid" 2>/dev/null || true
	[ -z "$tpid" ] || kill "$tpid" 2>/dev/null || true
}
trap 'cleanup; exit 130' INT TERM HUP

# timeout(1) ends qemu (SIGTERM, then SIGKILL 10 s later) and says 124.
timeout -k 10 "$timeout" "${qemu[@]}" </dev/null >"$out/qemu.log" 2>&1 &
qpid=$!
if [ "$quiet" = 0 ]; then
	# Stream the console from the command's start (all of it with -v).
	tail -n +1 -f --pid="$qpid" "$out/console.log" |
		awk -v on="$verbose" '/sipalg-vm: run: /{ on = 1 }
			on { sub(/\r$/, ""); print; fflush() }' &
	tpid=$!
fi
qrc=0
wait "$qpid" || qrc=$?
qpid=
[ -z "$tpid" ] || wait "$tpid" || true
tpid=
t_end=$EPOCHREALTIME

timed_out=0
[ "$qrc" != 124 ] && [ "$qrc" != 137 ] || timed_out=1
rc=
[ -s "$out/rc" ] && rc=$(cat "$out/rc")

# Kernel problems: anything in dmesg, and on the console only lines with a
# kernel timestamp, so the command's own output cannot match.
pat='BUG:|WARNING:|UBSAN:|Oops|Kernel panic|kernel BUG at|general protection fault|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|bad unlock balance|lock held when returning|INFO: task .* blocked for more than|detected stall|soft lockup|hard LOCKUP|list_(add|del) corruption'
problems=$( {
	sed 's/\r$//' "$out/console.log" | grep -E "\[ *[0-9]+\.[0-9]+\] .*($pat)" || true
	[ ! -f "$out/dmesg.log" ] || grep -E "$pat" "$out/dmesg.log" || true
	[ ! -f "$out/kmemleak.log" ] || grep -E 'unreferenced object' "$out/kmemleak.log" || true
} | sed 's/^.*\(\[ *[0-9]*\.[0-9]*\] \)/\1/' | awk '!seen[$0]++')

# No status and the console not shown yet (quiet, or it ended before the
# command started): show how the guest ended.
if [ -z "$rc" ] && [ "$verbose" = 0 ] &&
   { [ "$quiet" = 1 ] || ! grep -q 'sipalg-vm: run: ' "$out/console.log"; }; then
	echo "run.sh: guest reported no status; console tail:" >&2
	tail -n 40 "$out/console.log" | sed 's/\r$//' >&2
fi

status=${rc:-125}
[ "$timed_out" = 0 ] || status=124
why="rc=${rc:-none}"
[ "$timed_out" = 0 ] || why="TIMEOUT after ${timeout}s"
if [ -n "$problems" ]; then
	echo "run.sh: kernel problems in the log:" >&2
	echo "$problems" | head -n 50 >&2
	status=126
	why="$why, KERNEL PROBLEMS"
fi
[ "$qrc" = 0 ] || [ "$timed_out" = 1 ] || [ -n "$rc" ] ||
	{ echo "run.sh: qemu exited with $qrc:" >&2; tail -n 5 "$out/qemu.log" >&2; }

ts=$(cat "$out/t_start" 2>/dev/null || echo '?')
te=$(cat "$out/t_end" 2>/dev/null || echo '?')
run='?'
[ "$ts" = '?' ] || [ "$te" = '?' ] || run=$(awk -v a="$ts" -v b="$te" 'BEGIN { printf "%.1f", b - a }')
f() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
keep=
[ "$tmpout" = 1 ] && [ "$status" = 0 ] || keep=" out=$out"
echo "sipalg-vm: $why kernel=$kver prep=$(f "$t0" "$t_prep")s boot=${ts}s run=${run}s total=$(f "$t0" "$t_end")s$keep"
[ "$tmpout" = 1 ] && [ "$status" = 0 ] && rm -rf "$out"
exit "$status"
