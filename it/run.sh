#!/usr/bin/env bash
# The consumer proof (issue 16): installs signet-core into a PRIVATE local repository
# (target/it-repo, never ~/.m2) and builds it/consumer, an application that depends on it, once per
# Jackson version: the ends of the supported range (jackson-bom 2.15.2 and 2.21.2) must work, and
# 2.13.5 must be refused at construction with one sentence. Everything else the builds need is
# copied from ~/.m2 (a file:// repository, it/settings.xml) before Maven Central is asked, so a warm
# machine needs no network. Also runs core's serving tests against jackson-core 2.15.2 and 2.21.2
# (the core pom's jackson-range profile).
#
#   it/run.sh                        all of it (about 3 minutes on 2 cores)
#   SIGNET_IT_CONSUMER_ONLY=1 it/run.sh   the install and the consumer builds only
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
repo="$root/target/it-repo"
m2="${SIGNET_IT_M2:-$HOME/.m2/repository}"
export SIGNET_IT_M2_URL="file://$m2"
version="$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' pom.xml | head -1)"
mvn_it=(mvn -B -ntp -s "$root/it/settings.xml" -Dmaven.repo.local="$repo" -Djavacpp.platform=linux-x86_64)

serving_tests='JacksonRangeTest,ScoringServerTest,FastPathEquivalenceTest,RawFastPathVerdictTest,ModelDirectoryTest,RawNumberTest'
[ -n "${SIGNET_IT_CONSUMER_ONLY:-}" ] || echo "== it: core's serving tests on the ends of the Jackson range"
for v in ${SIGNET_IT_CONSUMER_ONLY:+}${SIGNET_IT_CONSUMER_ONLY:-2.15.2:2.15.2 2.21.2:2.21}; do
  [ "$v" = 1 ] && break
  mvn -B -ntp -q -pl core test -Dsignet.noNatives -Dsignet.test.jackson="${v%%:*}" \
    -Dsignet.test.jackson.annotations="${v##*:}" -Dtest="$serving_tests" -Dsurefire.failIfNoSpecifiedTests=false
  echo "core serving tests passed on jackson-core ${v%%:*}"
done

echo "== it: install signet-core $version into $repo (with sources, javadoc and -Pjavadoc's doclint check)"
"${mvn_it[@]}" -q install -pl core -am -Dmaven.test.skip=true -Dsignet.noNatives -Pjavadoc
for f in "$repo/io/signet/signet-core/$version/signet-core-$version"{.jar,-sources.jar,-javadoc.jar,.pom}; do
  [ -s "$f" ] || { echo "it: missing $f" >&2; exit 1; }
done
if unzip -l "$repo/io/signet/signet-core/$version/signet-core-$version.jar" | grep -q 'picocli'; then
  echo "it: the core jar holds picocli classes" >&2; exit 1
fi
if grep -q '\${revision}' "$repo/io/signet/signet-core/$version/signet-core-$version.pom"; then
  echo "it: the installed pom still says \${revision}" >&2; exit 1
fi

cd "$root/it/consumer"
for jackson in 2.15.2 2.21.2; do
  echo "== it: consumer with jackson-bom $jackson"
  "${mvn_it[@]}" test -Dsignet.version="$version" -Djackson.bom="$jackson" -Dsignet.repo="$root"
done
echo "== it: consumer with jackson-bom 2.13.5 (below the range: refused at construction)"
"${mvn_it[@]}" test -Dsignet.version="$version" -Djackson.bom=2.13.5 -Dexpect.refused=true -Dsignet.repo="$root"
echo "it: consumer proof passed"
