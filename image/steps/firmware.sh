#!/usr/bin/env bash
# Step 2 of an image: the firmware jar and its libraries, with the native libraries of every
# other platform taken out of the jars (jSerialComm, JLine and Netty carry them for many).
#
# usage: firmware.sh PROFILE OUT FIRMWARE_DIR
#   Copies FIRMWARE_DIR/macserver.jar and FIRMWARE_DIR/lib/ to OUT/firmware/, then drops the
#   classes' debug tables (tools/StripDebug.java; IMAGE_KEEP_DEBUG=yes keeps them).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 3)) || die "usage: firmware.sh PROFILE OUT FIRMWARE_DIR"
profile=$1 out=$2 firmware=$3
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
[[ -f $firmware/macserver.jar ]] || die "$firmware/macserver.jar is missing: run 'make build' first"

# The folders inside each library jar that hold the natives this architecture runs; every other
# native folder of that library is removed. jSerialComm names ARMv7 hard-float armv7hf, and
# armv8_32 when a 32-bit system runs on an ARMv8 core; Netty's natives (META-INF/native) carry
# the architecture in the file name.
keep_patterns() {
    case $arch in
        amd64) echo 'Linux/x86_64/ org/jline/nativ/Linux/x86_64/ META-INF/native/*x86_64*' ;;
        arm64) echo 'Linux/armv8_64/ org/jline/nativ/Linux/arm64/ META-INF/native/*aarch_64*' ;;
        armhf) echo 'Linux/armv7hf/ Linux/armv8_32/ org/jline/nativ/Linux/armv7/ META-INF/native/*arm_32*' ;;
        *) echo '' ;;
    esac
}

is_kept() {
    local entry=$1 pattern
    for pattern in $(keep_patterns); do
        # shellcheck disable=SC2053 # the pattern is a glob on purpose
        [[ $entry == $pattern* || $entry == $pattern ]] && return 0
    done
    return 1
}

# Removes the foreign native libraries from one jar; prints how many it removed.
prune_jar() {
    local jar=$1 entry foreign=()
    while IFS= read -r entry; do
        case $entry in
            *.so | *.dll | *.jnilib | *.dylib | *.a) is_kept "$entry" || foreign+=("$entry") ;;
            Android/*) foreign+=("$entry") ;;
        esac
    done < <(unzip -Z1 "$jar")
    if ((${#foreign[@]} > 0)); then
        zip -q -d "$jar" "${foreign[@]}"
    fi
    echo "${#foreign[@]}"
}

# Each jar again, its entries stored rather than deflated (the squashfs's xz compresses classes
# far better than a second pass over deflated data), and without jar signatures: the JVM leaves
# classes of signed jars out of the AOT cache, and no library here is a JCE provider that would
# need them.
restore_jar() {
    local jar=$1 dir
    dir=$(mktemp -d "$out/jar.XXXXXX")
    unzip -q "$jar" -d "$dir"
    rm -f "$dir"/META-INF/*.SF "$dir"/META-INF/*.RSA "$dir"/META-INF/*.DSA "$dir"/META-INF/*.EC
    rm "$jar"
    (cd "$dir" && zip -q -0 -X -r "$jar" META-INF/MANIFEST.MF . )
    rm -rf "$dir"
}

dest=$out/firmware
rm -rf "$dest"
mkdir -p "$dest/lib"
cp "$firmware/macserver.jar" "$dest/"
cp "$firmware"/lib/*.jar "$dest/lib/"
removed=0
for jar in "$dest"/lib/*.jar; do
    n=$(prune_jar "$jar")
    removed=$((removed + n))
done
dest=$(cd "$dest" && pwd)
# Only the classes the firmware reaches (ProGuard; see steps/shrink.sh). IMAGE_SHRINK=no keeps
# the libraries whole.
if [[ ${IMAGE_SHRINK:-yes} != no ]]; then
    "$IMAGE_REPO/image/steps/shrink.sh" "$dest" "$(cd "$out" && pwd)/shrink"
fi
for jar in "$dest/macserver.jar" "$dest"/lib/*.jar; do
    restore_jar "$jar"
done
# Debug tables out of the classes: local variable tables everywhere, line number tables in the
# libraries' classes only (the firmware's own stack traces keep their line numbers). On the
# hap-ac2 image this took the firmware part from 4.6 to about 3.7 MiB squashed.
# IMAGE_KEEP_DEBUG=yes leaves the classes as they are.
if [[ ${IMAGE_KEEP_DEBUG:-no} != yes ]]; then
    host_java=$("$IMAGE_REPO/firmware/bin/java-home")/bin/java
    say "firmware: $("$host_java" "$IMAGE_REPO/image/tools/StripDebug.java" "$dest/macserver.jar")"
    say "firmware: $("$host_java" "$IMAGE_REPO/image/tools/StripDebug.java" --drop-line-numbers "$dest"/lib/*.jar)"
fi
kept=$(for jar in "$dest"/lib/*.jar; do unzip -Z1 "$jar" | { grep -E '\.(so|dll|jnilib)$' || true; } | sed "s|^|$(basename "$jar"): |"; done)
say "firmware: removed $removed native libraries of other platforms; kept:"
printf '%s\n' "${kept:-none}" | sed 's/^/  /' >&2
say "firmware: $(mib "$(size_bytes "$dest")") in $dest"
