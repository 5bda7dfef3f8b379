#!/usr/bin/env bash
# The hostile families of issue 17 (core/src/test/java/io/signet/testing/Hostile.java), each sent at
# full size to a ScoringServer in its own child JVM under -Xmx256m on a 256 KiB worker stack, with
# wall time, peak heap, message length and verdict, as a Markdown table (io.signet.testing.HostileRun).
#
#   bench/hostile-table.sh                       this working tree
#   bench/hostile-table.sh --ref 7421f38         another commit (a temporary worktree with today's harness)
#   bench/hostile-table.sh [--ref R] [-Xmx256m] [--timeout 120] [FAMILY...]
#
# A family that runs past the timeout is killed and reported as such. Allow a few minutes per run
# (the slow families of the older commits take their timeout).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
ref=""
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --ref) ref="$2"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
tree="$root"
tmp=""
if [ -n "$ref" ]; then
    tmp="$(mktemp -d /tmp/hostile-table.XXXXXX)"
    git worktree add -q --detach "$tmp/tree" "$ref"
    trap 'git -C "$root" worktree remove --force "$tmp/tree"; rm -rf "$tmp"' EXIT
    tree="$tmp/tree"
fi
out="$(mktemp -d /tmp/hostile-classes.XXXXXX)"
(cd "$tree" && mvn -B -q -o -pl core compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" 1>&2)
javac -nowarn -d "$out" -cp "$tree/core/target/classes:$(cat "$out/cp.txt")" \
    "$root/core/src/test/java/io/signet/testing/Hostile.java" "$root/core/src/test/java/io/signet/testing/HostileRun.java" \
    "$root/core/src/test/java/io/signet/testing/HostileFiles.java"
echo "commit $(git -C "$tree" rev-parse --short HEAD)$( [ -z "$ref" ] && [ -n "$(git -C "$tree" status --porcelain)" ] && echo ' (uncommitted changes)'), $(java -version 2>&1 | head -1), $(nproc) cores"
java -cp "$out:$tree/core/target/classes:$(cat "$out/cp.txt")" io.signet.testing.HostileRun table "${args[@]+"${args[@]}"}"
rm -rf "$out"
