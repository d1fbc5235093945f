#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run out-of-tree KUnit suites in the sipalg test kernel (qemu, via
# selftests/vm/run.sh), and fail on anything the debug kernel reports:
#
#   run-kunit.sh [options] MODULE.ko [PARAM=VALUE...] [MODULE.ko [...]]...
#
#   --kernel-dir DIR   the kernel to boot (default: build-kernel.sh's debug
#                      kernel, built first if it is not cached)
#   --kunit-py FILE    kunit.py to parse with (default: the kernel's own,
#                      DIR/lib/modules/KVER/source/tools/testing/kunit/)
#   --out DIR          keep the logs in DIR (default: a temp dir, removed
#                      if the run passes)
#   --timeout SECONDS  kill the VM after this long (default 900)
#   --mem MB           guest memory (default 1024)
#   --no-rmmod         leave the modules loaded (kmemleak then misses what
#                      they still point to)
#   -v, --verbose      stream the guest's console (-vv: boot included)
#
# The modules are loaded in the order given (the module under test first,
# then its KUnit test module; dependencies outside the list come from the
# test kernel's modules); PARAM=VALUE words after a module are its
# parameters. KUnit runs a module's suites while it loads; their KTAP is cut
# out of the kernel log, given a top-level "KTAP version 1" / "1..N" header,
# renumbered and parsed by kunit.py. The modules are then unloaded and
# kmemleak scanned twice, 6 s apart.
#
# Exit status: 0 only if every suite ran and passed, the modules loaded and
# unloaded, and the kernel log is clean (no KASAN, KFENCE, UBSAN, BUG,
# WARNING, Oops, lockdep or RCU report, no unreferenced object); 1 test
# failures, a crash or a problem in the log; 2 usage (or a module built
# for another kernel); 124 timeout; 125 the test kernel cannot be built.
#
# Logs in the out dir: console.log, dmesg.log, kmemleak.log (run.sh),
# kunit.ktap (what was parsed), kunit.json, kunit.txt (kunit.py's output),
# problems.txt, debugfs/SUITE.ktap (KUnit's own per-suite record).

set -eu

here=$(dirname "$(realpath "$0")")
vm=$here/../vm
kernel_dir=
kunit_py=
out=
timeout=900
mem=1024
rmmod=1
verbose=0

usage() {
	# The header comment, from its first line of text to the first blank.
	awk 'NR > 3 && /^#/ { sub(/^# ?/, ""); print; next } NR > 3 { exit }' "$0" >&2
	exit 2
}
die() { echo "run-kunit.sh: $*" >&2; exit 2; }
say() { echo "run-kunit: $*"; }

mods=()    # module files, in order
params=()  # their parameters (one string each)
while [ $# -gt 0 ]; do
	case $1 in
	--kernel-dir) kernel_dir=$2; shift 2 ;;
	--kunit-py) kunit_py=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--no-rmmod) rmmod=0; shift ;;
	-v|--verbose) verbose=$((verbose + 1)); shift ;;
	-vv) verbose=2; shift ;;
	-h|--help) usage ;;
	--) shift ;;
	-*) usage ;;
	*.ko) mods+=("$1"); params+=(""); shift ;;
	*=*)
		[ ${#mods[@]} -gt 0 ] || die "parameter $1 before any module"
		i=$((${#mods[@]} - 1))
		params[i]+="${params[i]:+ }$1"
		shift
		;;
	*) die "not a .ko file or PARAM=VALUE: $1" ;;
	esac
done
[ ${#mods[@]} -gt 0 ] || usage
for v in "$timeout" "$mem"; do
	case $v in ''|*[!0-9]*) usage ;; esac
done

t0=$EPOCHREALTIME
if [ -z "$kernel_dir" ]; then
	kernel_dir=$("$here/build-kernel.sh") || { echo "run-kunit.sh: cannot build the test kernel" >&2; exit 125; }
fi
kernel_dir=$(realpath "$kernel_dir")
set -- "$kernel_dir"/lib/modules/*/
[ $# -eq 1 ] && [ -d "$1" ] || die "$kernel_dir must hold exactly one lib/modules/KVER/"
kver=$(basename "$1")
if [ -z "$kunit_py" ]; then
	kunit_py=$kernel_dir/lib/modules/$kver/source/tools/testing/kunit/kunit.py
fi
[ -f "$kunit_py" ] || die "no kunit.py at $kunit_py (use --kunit-py)"
kconfig=$kernel_dir/lib/modules/$kver/build/.config
[ -f "$kconfig" ] || kconfig=$kernel_dir/config
has_kmemleak=0
[ -f "$kconfig" ] && grep -q '^CONFIG_DEBUG_KMEMLEAK=y' "$kconfig" && has_kmemleak=1

tmpout=0
if [ -z "$out" ]; then
	out=$(mktemp -d "${TMPDIR:-/tmp}/sipalg-kunit.XXXXXX")
	tmpout=1
fi
mkdir -p "$out"
out=$(realpath "$out")
rm -rf "$out/mods" "$out/debugfs"
rm -f "$out"/{kunit.list,kunit.ktap,kunit.json,kunit.txt,problems.txt,kunit-guest.sh,guest.log,run.log,sections.txt,symbols.txt}
mkdir "$out/mods"

# The modules travel in the out share: the guest's /tmp is its own.
: >"$out/kunit.list"
names=()
for i in "${!mods[@]}"; do
	f=${mods[i]}
	[ -f "$f" ] || die "$f: no such file"
	vm_kver=$(modinfo -F vermagic "$f" | cut -d' ' -f1)
	[ "$vm_kver" = "$kver" ] ||
		die "$f was built for '$vm_kver', the test kernel is $kver (make -C $kernel_dir/lib/modules/$kver/build M=...)"
	name=$(modinfo -F name "$f" 2>/dev/null || true)
	[ -n "$name" ] || { name=$(basename "$f" .ko); name=${name//-/_}; }
	n=$(printf '%02d' "$i")
	cp "$f" "$out/mods/$n-$name.ko"
	echo "$name mods/$n-$name.ko ${params[i]}" >>"$out/kunit.list"
	names+=("$name")
done
cp "$here/kunit-guest.sh" "$out/kunit-guest.sh"

runopts=(--kernel-dir "$kernel_dir" --out "$out" --timeout "$timeout" --mem "$mem"
	-e "SIPALG_KUNIT_RMMOD=$rmmod")
[ "$has_kmemleak" = 0 ] || runopts+=(--kmemleak)
case $verbose in
0) runopts+=(-q) ;;
1) ;;
*) runopts+=(-v) ;;
esac
say "kernel $kver, modules: ${names[*]}"
set +e
"$vm/run.sh" "${runopts[@]}" -- /bin/sh /run/sipalg/kunit-guest.sh 2>&1 |
	tee "$out/run.log"
vmrc=${PIPESTATUS[0]}
set -e
# Quiet: the console was not shown; show what the guest half said.
[ "$verbose" != 0 ] || [ ! -f "$out/guest.log" ] || sed 's/^/  /' "$out/guest.log"
# run.sh's summary line carries the boot and run timings.
vmline=$(grep '^sipalg-vm: ' "$out/run.log" | tail -n 1 || true)

# The kernel log: dmesg as the guest saved it, else (crash) the console,
# of which only the kernel's lines (timestamped; the markers too).
log=$out/dmesg.log
[ -s "$log" ] || log=$out/console.log
klog() {
	sed -n -e 's/\r$//' -e 's/^\[ *[0-9]*\.[0-9]*\] //p' "$log"
}

# KTAP: every module's section between its markers, with the suites'
# top-level result lines renumbered 1..N under a header of our own.
klog | awk -v out="$out/kunit.ktap" '
	/^sipalg-kunit: insmod-done / { on = 0; next }
	/^sipalg-kunit: insmod / { on = 1; next }
	/^sipalg-kunit: end$/ { on = 0; next }
	on {
		if ($0 ~ /^(not )?ok [0-9]+ /) {
			n++
			sub(/ok [0-9]+ /, "ok " n " ")
		}
		if ($0 ~ /^    # Subtest: /)
			started++
		body = body $0 "\n"
	}
	END {
		# A suite that started but never ended (a crash) still counts
		# in the plan, so that the parser shows where it stopped.
		plan = started > n ? started : n
		printf "KTAP version 1\n1..%d\n%s", plan, body > out
		print n + 0, started + 0 > (out ".count")
	}'
read -r nsuites nstarted <"$out/kunit.ktap.count"
rm -f "$out/kunit.ktap.count"

kurc=0
python3 "$kunit_py" parse "$out/kunit.ktap" --json="$out/kunit.json" \
	>"$out/kunit.txt" 2>&1 || kurc=$?
sed -e '/Test results stored in/d' "$out/kunit.txt"

# Bare module addresses (the module is gone when kmemleak reports) to
# MODULE:SECTION+OFF <symbol+off/size>, from sections.txt and the .ko.
annotate() {
	[ -s "$out/sections.txt" ] || { cat; return; }
	local syms=$out/symbols.txt
	if [ ! -f "$syms" ]; then
		while read -r name file _; do
			objdump -t "$out/$file" | awk -v m="$name" \
				'$3 == "F" || $2 == "F" { print m, $(NF - 2), $(NF - 1), $NF, $1 }'
		done <"$out/kunit.list" >"$syms"
	fi
	awk -v secs="$out/sections.txt" -v syms="$syms" '
	function hex(s,   i, c, v) {
		# Module addresses are 0xffffffffXXXXXXXX: the low 32 bits are
		# enough, and awk numbers (doubles) cannot hold 64.
		v = 0; s = tolower(s); sub(/^0x/, "", s)
		if (length(s) > 8) s = substr(s, length(s) - 7)
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1)) - 1
			v = v * 16 + c
		}
		return v
	}
	BEGIN {
		while ((getline l < secs) > 0) {
			split(l, a, " "); ns++; sm[ns] = a[1]; sn[ns] = a[2]; sa[ns] = hex(a[3])
		}
		while ((getline l < syms) > 0) {
			split(l, a, " "); ny++
			ym[ny] = a[1]; ys[ny] = a[2]; yz[ny] = hex(a[3]); yn[ny] = a[4]; yv[ny] = hex(a[5])
		}
	}
	{
		line = $0
		if (match(line, /0xffffffff[0-9a-f]+$/)) {
			addr = hex(substr(line, RSTART, RLENGTH)); best = 0
			for (i = 1; i <= ns; i++)
				if (sa[i] <= addr && (!best || sa[i] > sa[best])) best = i
			# Addresses past every section of ours stay as they are.
			# Freed init sections get reused: every section that starts
			# there is a candidate.
			if (best && addr - sa[best] < 1048576) {
				off = addr - sa[best]; cand = ""
				for (i = 1; i <= ns; i++) {
					if (sa[i] != sa[best]) continue
					sym = ""
					for (j = 1; j <= ny && sym == ""; j++)
						if (ym[j] == sm[i] && ys[j] == sn[i] &&
						    yv[j] <= off && off < yv[j] + yz[j])
							sym = sprintf(" <%s+0x%x/0x%x>", yn[j], off - yv[j], yz[j])
					cand = cand (cand == "" ? "" : " or ") \
						sprintf("%s:%s+0x%x%s", sm[i], sn[i], off, sym)
				}
				line = line " (" cand ")"
			}
		}
		print line
	}'
}

# Problems in the kernel log (same list as run.sh, plus KASAN/KFENCE by
# name), and leaks.
pat='BUG:|WARNING:|UBSAN:|KASAN:|KFENCE:|Oops|Kernel panic|kernel BUG at|general protection fault|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|bad unlock balance|lock held when returning|INFO: task .* blocked for more than|detected stall|soft lockup|hard LOCKUP|list_(add|del) corruption|ODEBUG:'
{
	klog | grep -E "$pat" || true
	[ ! -f "$out/kmemleak.log" ] || grep -E 'unreferenced object' -A 14 "$out/kmemleak.log" || true
} | annotate >"$out/problems.txt"

fail=()
[ "$vmrc" != 124 ] || fail+=("timeout after ${timeout}s")
if [ ! -s "$out/rc" ]; then
	fail+=("the guest reported no status (crash?)")
elif [ "$(cat "$out/rc")" != 0 ]; then
	fail+=("loading/unloading the modules failed (guest rc $(cat "$out/rc"))")
fi
[ "$nstarted" -gt 0 ] || fail+=("no KUnit suite ran")
[ "$nstarted" -eq "$nsuites" ] || fail+=("$((nstarted - nsuites)) suite(s) started but did not finish")
[ "$kurc" = 0 ] || fail+=("KUnit tests failed (kunit.py parse: $kurc)")
if [ "$has_kmemleak" = 1 ] && [ -s "$out/rc" ]; then
	if [ ! -f "$out/kmemleak.log" ] || klog | grep -q 'kmemleak: .*disabled'; then
		fail+=("kmemleak was not active")
	fi
fi
if [ -s "$out/problems.txt" ]; then
	fail+=("kernel problems in the log")
	echo "run-kunit: kernel problems (all in $out/problems.txt):"
	head -n 40 "$out/problems.txt" | sed 's/^/  /'
fi
nleaks=0
[ ! -f "$out/kmemleak.log" ] || nleaks=$(grep -c 'unreferenced object' "$out/kmemleak.log" || true)
# run.sh found a problem that the checks above did not name.
[ "$vmrc" != 126 ] || [ -s "$out/problems.txt" ] || fail+=("run.sh reported kernel problems")

total=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
vmt=$(echo "$vmline" | grep -o 'boot=[^ ]* run=[^ ]*' || true)
leaks="leaks $nleaks"
[ "$has_kmemleak" = 1 ] || leaks="no kmemleak in this kernel"
if [ ${#fail[@]} -eq 0 ]; then
	say "PASS: $nsuites suite(s), $leaks, log clean; $vmt total=${total}s"
	[ "$tmpout" = 0 ] || rm -rf "$out"
	exit 0
fi
say "FAIL: $(IFS=';'; echo "${fail[*]}" | sed 's/;/; /g')"
say "suites $nsuites, $leaks; $vmt total=${total}s; logs in $out"
[ "$vmrc" != 124 ] || exit 124
exit 1
