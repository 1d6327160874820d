#!/usr/bin/env bash
# Part of step 2 of an image: the firmware's library jars shrunk to what the firmware reaches
# (ProGuard, shrinking only: no renaming, no rewritten code), by the build machine's JDK.
#
# usage: shrink.sh FIRMWARE_DIR WORK
#   FIRMWARE_DIR holds macserver.jar and lib/*.jar; each library jar is replaced by its shrunk
#   self (same name, same resources); macserver.jar, all kept, stays as it is. The rules: image/tools/proguard/firmware.pro, plus a keep rule
#   for each class a jar names in META-INF/services (ServiceLoader finds those by name).
#   WORK gets the generated configuration, ProGuard's log and its list of what it removed.
#   IMAGE_SHRINK=no leaves the jars as they are.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 2)) || die "usage: shrink.sh FIRMWARE_DIR WORK"
dest=$1 work=$2
tools=$IMAGE_REPO/image/tools/proguard
host_home=$("$IMAGE_REPO/firmware/bin/java-home")
rm -rf "$work"
mkdir -p "$work/out" "$work/lib"

# ProGuard and what it needs, from Maven Central through the local repository, once.
deps=$tools/target/dependency
if [[ ! -f $deps/.complete ]]; then
    say "firmware: fetching ProGuard (image/tools/proguard/pom.xml)"
    run_logged "$work/fetch.log" mvn -B -q -f "$tools/pom.xml" dependency:copy-dependencies
    touch "$deps/.complete"
fi

# The JDK's classes as library: every module runtime/modules.conf names (those linked and those
# left out, so that references into a left-out module resolve rather than warn).
modules=$(awk '$1 == "keep" || $1 == "leave" { print $2 }' "$IMAGE_REPO/image/runtime/modules.conf" | paste -sd'|' -)
run_logged "$work/jimage.log" "$host_home/bin/jimage" extract --dir "$work/jdk" \
    --include "regex:/($modules)/.*\.class" "$host_home/lib/modules"

config=$work/firmware.pro
{
    echo "-include $tools/firmware.pro"
    for module in "$work"/jdk/*/; do echo "-libraryjars ${module%/}(!module-info.class)"; done
    echo "-printusage $work/removed.txt"
    for jar in "$dest/macserver.jar" "$dest"/lib/*.jar; do
        # Each jar in its own pair, so each class and resource goes back into the jar it came
        # from. Multi-release variants and module descriptors are left out: the jars run on
        # the class path, where the base classes serve every release.
        echo "-injars $jar(!META-INF/versions/**,!**module-info.class)"
        echo "-outjars $work/out/${jar#"$dest"/}"
        { unzip -Z1 "$jar" | grep -E '^META-INF/services/[^/]+$' || true; } | while read -r service; do
            unzip -p "$jar" "$service" | sed 's/#.*//; s/[[:space:]]//g' | grep -v '^$' \
                | sed 's/.*/-keep class & { <init>(); }/' || true
        done
    done
} >"$config"

before=$(size_bytes "$dest")
run_logged "$work/proguard.log" nice -n 10 "$host_home/bin/java" -cp "$deps/*" proguard.ProGuard "@$config"
for jar in "$dest"/lib/*.jar; do
    [[ -s $work/out/${jar#"$dest"/} ]] || die "ProGuard wrote no ${jar#"$dest"/} (log: $work/proguard.log)"
done
# The firmware's own jar went in only as the root of what is reached; it stays as built.
cp "$work"/out/lib/*.jar "$dest/lib/"
say "firmware: shrunk by ProGuard, $(mib "$before") -> $(mib "$(size_bytes "$dest")") of jars (what went: $work/removed.txt)"
