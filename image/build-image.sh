#!/usr/bin/env bash
# Builds the firmware image of one board: `make image BOARD=<name>` runs this.
#
# usage: image/build-image.sh BOARD [OUT]
#   BOARD  a profile name in board/ (rb5009, host, ...) or a path to a profile
#   OUT    build folder (default image/build/<board>); the image is OUT/<board>.squashfs
# Environment:
#   RUNTIME=/path/to/jdk25   a JDK 25 for the board's architecture (its jmods/ are linked);
#                            the only way to build for a board whose profile says runtime=none
#   AOT=no|yes               no AOT cache (faster build, slower start), or one even where the
#                            profile says aot.cache=no
#   IMAGE_CACHE=DIR          where downloaded Debian packages and our busybox builds are kept
#                            (image/build/cache)
#   BUSYBOX_LINK=static      busybox linked statically instead of against the image's C library
#   FIRMWARE=DIR             the built firmware (firmware/target)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"

(($# >= 1 && $# <= 2)) || die "usage: image/build-image.sh BOARD [OUT]"
profile=$1
[[ -f $profile ]] || profile=$IMAGE_REPO/board/$1.properties
[[ -f $profile ]] || die "no board profile $1 (known: $(cd "$IMAGE_REPO/board" && ls ./*.properties | sed 's|\./||; s/\.properties$//' | xargs))"
board=$(profile_require "$profile" name)
arch=$(profile_require "$profile" architecture)
out=${2:-$IMAGE_REPO/image/build/$board}
firmware=${FIRMWARE:-$IMAGE_REPO/firmware/target}

mkdir -p "$out"
out=$(cd "$out" && pwd)
started=$(date +%s)
say "building the $board image ($arch) in $out"
[[ -f $firmware/macserver.jar ]] || die "$firmware/macserver.jar is missing: run 'make build' first"
steps=$here/steps
step() {
    local title=$1 step_started
    shift
    step_started=$(date +%s)
    say "$title"
    "$@"
    say "$title: $(($(date +%s) - step_started)) s"
}
step "[1/7] runtime" "$steps/runtime.sh" "$profile" "$out" "$firmware"
step "[2/7] firmware" "$steps/firmware.sh" "$profile" "$out" "$firmware"
step "[3/7] busybox" "$steps/busybox.sh" "$profile" "$out"
step "[4/7] C library" "$steps/libc.sh" "$profile" "$out"
step "[5/7] root file system" "$steps/rootfs.sh" "$profile" "$out"
step "[6/7] AOT cache" "$steps/aot.sh" "$profile" "$out"
step "[7/7] squashfs" "$steps/pack.sh" "$profile" "$out"
say "done in $(($(date +%s) - started)) s: $out/$board.squashfs, manifest $out/manifest.properties"
