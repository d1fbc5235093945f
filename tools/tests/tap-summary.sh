#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Reads TAP on stdin, echoes failures and diagnostics, prints one summary
# line and exits non-zero when any test failed or the plan was not met.
#   PROG | tap-summary.sh NAME
name=${1:-tests}
awk -v name="$name" '
/^1\.\.[0-9]+/ { plan = substr($0, 4) + 0 }
/^ok / { pass++ }
/^not ok / { fail++; print }
/^#/ { print }
END {
	total = pass + fail
	printf "%s: %d passed, %d failed, %d planned\n", name, pass, fail, plan
	exit (fail > 0 || total != plan || plan == 0) ? 1 : 0
}'
