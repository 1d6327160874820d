#!/usr/bin/env bash
# Step 1 of an image: a jlink runtime for the board's architecture holding only the modules the
# firmware and its libraries use, with its native code stripped by the target's own binutils.
#
# usage: runtime.sh PROFILE OUT FIRMWARE_DIR
#   PROFILE       board/<name>.properties
#   OUT           the board's build folder; the runtime goes to OUT/runtime
#   FIRMWARE_DIR  firmware/target (macserver.jar and lib/)
# Environment: IMAGE_CACHE (downloaded packages and our own runtime builds, default
#   image/build/cache), RUNTIME (a JDK 25
#   for the board's architecture supplied by the user; its jmods/ are linked), JLINK_COMPRESS
#   (jlink's --compress, default zip-0: the squashfs compresses better than jlink does),
#   IMAGE_MODULES_CONF (another modules.conf, for tests).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 3)) || die "usage: runtime.sh PROFILE OUT FIRMWARE_DIR"
profile=$1 out=$2 firmware=$3
cache=${IMAGE_CACHE:-$IMAGE_REPO/image/build/cache}
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
source_name=$(profile_require "$profile" runtime)
host_jdk=$("$IMAGE_REPO/firmware/bin/java-home")
runtime=$out/runtime

# The modules to link: the `keep` lines of image/runtime/modules.conf. jdeps (class-level, so a
# library's `requires static` does not count) must find nothing outside its keep and leave lines.
modules_conf=${IMAGE_MODULES_CONF:-$IMAGE_REPO/image/runtime/modules.conf}
modules_kept() {
    awk '$1 == "keep" { print $2 }' "$modules_conf" | paste -sd, -
}
modules_referenced() {
    "$host_jdk/bin/jdeps" -verbose:class --ignore-missing-deps --multi-release 25 \
        --class-path "$firmware/lib/*" -R "$firmware/macserver.jar" 2>/dev/null \
        | awk '$2 == "->" { m = $NF; gsub(/[()]/, "", m); print m }' \
        | grep -E '^(java|jdk)\.[a-z.]+$' | sort -u
}
check_modules() {
    local module unknown=()
    for module in $(modules_referenced); do
        awk -v m="$module" '($1 == "keep" || $1 == "leave") && $2 == m { found = 1 } END { exit !found }' "$modules_conf" \
            || unknown+=("$module")
    done
    ((${#unknown[@]} == 0)) || die "jdeps finds the firmware referring to ${unknown[*]}, named nowhere in $modules_conf: add keep or leave lines (with the reason)"
}

# Where the jmods for this architecture come from, and the jlink that reads them: sets
# module_path (empty: link from the host JDK's own run-time image; Temurin 25 ships without
# jmods/), jlink and used_source. The profile's runtime= is a comma-separated list of sources,
# the first one usable here wins:
#   own-<variant>                    our own build (make runtime ARCH=<arch> VARIANT=<variant>),
#                                    usable once it is built into the cache
#   debian-trixie-openjdk-25:<arch>  Debian 13's binary JDK (fetched when needed)
#   temurin-host                     the build machine's Temurin 25 (x86_64 only)
#   none                             no runtime for this architecture
module_path=""
jlink=$host_jdk/bin/jlink
used_source=""
choose_runtime() {
    if [[ -n ${RUNTIME:-} ]]; then
        [[ -d $RUNTIME/jmods ]] || die "RUNTIME=$RUNTIME has no jmods/ folder: give the home of a full JDK 25 for $arch"
        grep -Eq '^JAVA_VERSION="25' "$RUNTIME/release" 2>/dev/null || die "RUNTIME=$RUNTIME is not a JDK 25 (see its release file)"
        module_path=$RUNTIME/jmods used_source="RUNTIME=$RUNTIME"
        return
    fi
    local candidate ready
    for candidate in ${source_name//,/ }; do
        case $candidate in
            own-*)
                ready=$(own_runtime "${candidate#own-}")
                if [[ -n $ready ]]; then
                    module_path=$ready/jmods
                    jlink=$(sed -n 's/^jlink=//p' "$ready/release")
                    # A relative jlink is the build's own, under the runtime's build folder. A
                    # release file written before that names the checkout that built it (the
                    # cache is shared): when that path is gone, the same file in this cache.
                    [[ $jlink == /* ]] || jlink=$ready/$jlink
                    [[ -x $jlink ]] || jlink=$ready/../jdk/buildjdk/jdk/bin/jlink
                    used_source="own $(sed -n 's/^source=//p' "$ready/release") ${candidate#own-}"
                    return
                fi
                say "our own $arch runtime (${candidate#own-} VM) is not built yet: 'make runtime ARCH=$arch VARIANT=${candidate#own-}' builds it (about an hour); taking the next source of runtime=$source_name"
                ;;
            temurin-host)
                [[ $arch == amd64 ]] || die "runtime=temurin-host only makes x86_64 runtimes"
                used_source=temurin-host
                return
                ;;
            debian-trixie-openjdk-25:*)
                local jdk=$cache/$(debian_suite_of "$arch")-$arch/openjdk-25
                if [[ ! -d $jdk/usr/lib/jvm/java-25-openjdk-$arch/jmods ]]; then
                    say "fetching Debian 13 openjdk-25-jdk-headless:$arch (about 300 MB, once; cached in $cache)"
                    "$(dirname "$0")/fetch-debian.sh" "$arch" "$cache/$(debian_suite_of "$arch")-$arch" unpack "$jdk" openjdk-25-jdk-headless >/dev/null
                fi
                module_path=$jdk/usr/lib/jvm/java-25-openjdk-$arch/jmods used_source=$candidate
                return
                ;;
            none)
                die "board $(profile_get "$profile" name) has no Java 25 runtime (runtime=none): see image/README.md, or give RUNTIME=/path/to/jdk25-for-$arch"
                ;;
            *)
                die "unknown runtime source '$candidate' in $profile"
                ;;
        esac
    done
    die "no runtime source of runtime=$source_name is usable for $arch"
}

# The ready folder of our own build for this architecture and VM variant (any source version
# build-runtime.sh chose; the newest if several), or nothing.
own_runtime() {
    local variant=$1 release
    for release in $(ls -t "$cache"/runtime/openjdk-*-"$arch-$variant"/ready/release 2>/dev/null); do
        if awk -F, -v need="$modules" 'BEGIN { n = split(need, want, ",") }
                /^modules=/ { sub(/^modules=/, ""); for (i = 1; i <= split($0, have, ","); i++) got[have[i]] = 1 }
                END { for (i = 1; i <= n; i++) if (!(want[i] in got)) exit 1 }' "$release"; then
            dirname "$release"
            return
        fi
        say "$(dirname "$release") lacks some of $modules: 'make runtime ARCH=$arch' again builds them"
    done
}

strip_native_code() {
    local strip triplet
    triplet=$(triplet_of "$arch")
    if [[ $arch == amd64 ]]; then strip=strip; else strip=$triplet-strip; fi
    if ! command -v "$strip" >/dev/null; then
        say "installing the $arch binutils for $strip"
        "$IMAGE_REPO/tests/install-peers.sh" "binutils-${triplet//_/-}" || die "$strip is missing"
    fi
    local file stripped=0
    while IFS= read -r -d '' file; do
        if [[ $(head -c 4 "$file" | od -An -c | tr -d ' ') == 177ELF ]]; then
            "$strip" --strip-unneeded "$file"
            stripped=$((stripped + 1))
        fi
    done < <(find "$runtime/bin" "$runtime/lib" -type f -print0)
    say "stripped $stripped native files with $strip"
}

[[ -f $firmware/macserver.jar ]] || die "$firmware/macserver.jar is missing (is the firmware built?)"
check_modules
modules=$(modules_kept)
choose_runtime
say "linking a $arch runtime ($used_source) with $modules"
rm -rf "$runtime"
# Left out of java.base: the launcher's and the security messages' translations (the firmware
# speaks English; the base bundles stay). About 0.6 MB of classes, 0.08 MiB once xz-squashed.
# Whole packages cannot go: jlink checks every package the module descriptor names is there.
translations='glob:/java.base/sun/launcher/resources/launcher_*.class'
translations+=',glob:/java.base/sun/security/util/resources/*_*.class'
translations+=',glob:/java.base/sun/security/tools/keytool/resources/keytool_*.class'
jlink_args=(--add-modules "$modules" --strip-java-debug-attributes --no-man-pages --no-header-files
    --exclude-files='**.debuginfo' --exclude-resources="$translations"
    --compress "${JLINK_COMPRESS:-zip-0}" --output "$runtime")
[[ -z $module_path ]] || jlink_args+=(--module-path "$module_path")
run_logged "$out/jlink.log" "$jlink" "${jlink_args[@]}"
# The JDK's default CDS archives: the image's AOT cache takes their place.
rm -f "$runtime"/lib/server/classes*.jsa
# Files jlink copies that the firmware never runs: keytool, jexec (runs jar files from binfmt),
# jrt-fs.jar (the jrt: file system for another JDK's tools), libjsig (signal chaining, loaded only
# by LD_PRELOAD). About 0.1 MiB once squashed; jspawnhelper stays (Process starts through it).
rm -f "$runtime/bin/keytool" "$runtime/lib/jexec" "$runtime/lib/jrt-fs.jar" "$runtime"/lib/libjsig.so \
    "$runtime"/lib/*/libjsig.so
strip_native_code
echo "$modules" >"$out/modules.txt"
echo "$used_source" >"$out/runtime-source.txt"
say "runtime: $(mib "$(size_bytes "$runtime")") in $runtime"
