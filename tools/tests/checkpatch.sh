#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch --strict over the kernel sources (kernel/, include/uapi/).
# checkpatch.pl comes from Debian's linux-source-6.1 tarball, extracted
# once into ~/.cache/sipalg/checkpatch/.
set -eu
cd "$(dirname "$0")/../.."
cache=${SIPALG_CACHE:-$HOME/.cache/sipalg}/checkpatch
tar=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null | head -1)
if [ ! -x "$cache/scripts/checkpatch.pl" ]; then
	[ -n "$tar" ] || { echo "checkpatch: install linux-source-6.1" >&2; exit 1; }
	mkdir -p "$cache"
	tar -C "$cache" --strip-components=1 -xJf "$tar" \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi
# vectors.c too: gen.py writes it in a form checkpatch accepts.
files=$(git ls-files 'kernel/*.c' 'kernel/*.h' 'include/uapi/*.h')
"$cache/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f $files
echo "checkpatch: $(echo "$files" | wc -w) files clean"
