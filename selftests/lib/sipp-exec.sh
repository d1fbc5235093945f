#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run by sipp's <exec command="..."> actions (lib/sip.sh). sipp's XML
# reader does not decode entities, so the command itself can hold no
# redirection: this does it.
#
#   sipp-exec.sh sdp FILE C_IP M_PORT C_LINE M_LINE
#       record the SDP address and port just received, atomically: the
#       file is also the go signal of a waiting rtp.py --remote-file

echo "$3 $4 ($5 $6)" >"$2.tmp" && mv "$2.tmp" "$2"
