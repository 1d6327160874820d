#!/usr/bin/env bash
# Step 1 of an image: a jlink runtime for the board's architecture holding only the modules the
# firmware and its libraries use, with its native code stripped by the target's own binutils.
#
# usage: runtime.sh PROFILE OUT FIRMWARE_DIR
#   PROFILE       board/<name>.properties
#   OUT           the board's build folder; the runtime goes to OUT/runtime
#   FIRMWARE_DIR  firmware/target (macserver.jar and lib/)
# Environment: IMAGE_CACHE (downloaded packages, default image/build/cache), RUNTIME (a JDK 25
#   for the board's architecture supplied by the user; its jmods/ are linked), JLINK_COMPRESS
#   (jlink's --compress, default zip-0: the squashfs compresses better than jlink does).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 3)) || die "usage: runtime.sh PROFILE OUT FIRMWARE_DIR"
profile=$1 out=$2 firmware=$3
cache=${IMAGE_CACHE:-$IMAGE_REPO/image/build/cache}
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
source_name=$(profile_require "$profile" runtime)
host_jdk=$("$IMAGE_REPO/firmware/bin/java-home")
runtime=$out/runtime

# The modules whose classes the firmware and the libraries it reaches actually use. Class-level
# analysis on purpose: a library's module descriptor may name optional modules (Jackson's
# `requires static java.desktop`), which --print-module-deps would pull in with their natives.
modules_in_use() {
    "$host_jdk/bin/jdeps" -verbose:class --ignore-missing-deps --multi-release 25 \
        --class-path "$firmware/lib/*" -R "$firmware/macserver.jar" 2>/dev/null \
        | awk '$2 == "->" { m = $NF; gsub(/[()]/, "", m); print m }' \
        | grep -E '^(java|jdk)\.[a-z.]+$' | sort -u | paste -sd, -
}

# Where the jmods for this architecture come from: --module-path for jlink, or empty to link
# from the host JDK's own run-time image (Temurin 25 ships without jmods/).
module_path_for() {
    if [[ -n ${RUNTIME:-} ]]; then
        [[ -d $RUNTIME/jmods ]] || die "RUNTIME=$RUNTIME has no jmods/ folder: give the home of a full JDK 25 for $arch"
        grep -Eq '^JAVA_VERSION="25' "$RUNTIME/release" 2>/dev/null || die "RUNTIME=$RUNTIME is not a JDK 25 (see its release file)"
        echo "$RUNTIME/jmods"
        return
    fi
    case $source_name in
        temurin-host)
            [[ $arch == amd64 ]] || die "runtime=temurin-host only makes x86_64 runtimes"
            ;;
        debian-trixie-openjdk-25:*)
            local jdk=$cache/$(debian_suite_of "$arch")-$arch/openjdk-25
            if [[ ! -d $jdk/usr/lib/jvm/java-25-openjdk-$arch/jmods ]]; then
                say "fetching Debian 13 openjdk-25-jdk-headless:$arch (about 300 MB, once; cached in $cache)"
                "$(dirname "$0")/fetch-debian.sh" "$arch" "$cache/$(debian_suite_of "$arch")-$arch" unpack "$jdk" openjdk-25-jdk-headless >/dev/null
            fi
            echo "$jdk/usr/lib/jvm/java-25-openjdk-$arch/jmods"
            ;;
        none)
            die "board $(profile_get "$profile" name) has no Java 25 runtime (runtime=none): see image/README.md, or give RUNTIME=/path/to/jdk25-for-$arch"
            ;;
        *)
            die "unknown runtime source '$source_name' in $profile"
            ;;
    esac
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

modules=$(modules_in_use)
[[ -n $modules ]] || die "jdeps found no modules in $firmware/macserver.jar (is the firmware built?)"
module_path=$(module_path_for)
say "linking a $arch runtime with $modules"
rm -rf "$runtime"
jlink_args=(--add-modules "$modules" --strip-java-debug-attributes --no-man-pages --no-header-files
    --exclude-files='**.debuginfo' --compress "${JLINK_COMPRESS:-zip-0}" --output "$runtime")
[[ -z $module_path ]] || jlink_args+=(--module-path "$module_path")
run_logged "$out/jlink.log" "$host_jdk/bin/jlink" "${jlink_args[@]}"
# The JDK's default CDS archives: the image's AOT cache takes their place.
rm -f "$runtime"/lib/server/classes*.jsa
strip_native_code
echo "$modules" >"$out/modules.txt"
say "runtime: $(mib "$(size_bytes "$runtime")") in $runtime"
