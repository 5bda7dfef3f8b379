#!/usr/bin/env bash
# The launcher as a user runs it (issue 16): through a symlink on PATH, from another directory,
# demo included. The launcher builds cli/target/signet.jar itself when it is missing or older than
# the sources, as on a fresh clone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(mktemp -d)"
elsewhere="$(mktemp -d)"
trap 'rm -rf "$bin" "$elsewhere"' EXIT
ln -s "$root/signet" "$bin/signet"
cd "$elsewhere"
export PATH="$bin:$PATH"

fail() { echo "launcher: $*" >&2; exit 1; }

set +e
signet >/dev/null 2>"$elsewhere/err"; code=$?
set -e
[ "$code" = 2 ] || fail "signet with no arguments exited $code, not 2"
grep -q 'Usage: signet' "$elsewhere/err" || fail "signet with no arguments printed no usage on stderr"

version="$(signet --version)"
want="signet $(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$root/pom.xml" | head -1)"
[ "$version" = "$want" ] || fail "signet --version printed '$version', not '$want'"

# demo from another directory through the symlink: model and batch are the repository's
out="$(signet demo --files 4 --images-per-file 8 -q)" || fail "signet demo exited $? from $elsewhere: $out"
echo "$out" | tail -1 | grep -q '^demo: all 14 files got the verdict planted in them (5 valid, 6 invalid, 3 unreadable)$' \
  || fail "signet demo did not confirm the planted verdicts: $out"
[ -f "$root/target/demo/.signet-demo" ] || fail "the demo batch is not in the repository's target/demo"
[ ! -e "$elsewhere/target" ] || fail "the demo wrote into the working directory"
echo "launcher: no-argument exit 2, --version, and demo through a symlink from $elsewhere: ok"
