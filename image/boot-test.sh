#!/usr/bin/env bash
# Boots a built image under emulation and checks it: `make boot-test BOARD=<name>` runs this.
#   1. user mode (image/boot/user-mode.sh): the image's own runtime and firmware, console on a
#      pty, the seed's commands, clean shutdown, configuration kept across a restart;
#   2. full system (image/boot/system.sh), arm64, armhf and mipsel boards: qemu-system-aarch64,
#      qemu-system-arm or qemu-system-mipsel (Malta) with Debian's kernel, MAC-Ping and MAC-Telnet
#      from a network namespace, power button.
#
# usage: image/boot-test.sh BOARD [OUT]      (OUT as for build-image.sh; needs root for step 2)
# BOOT_TEST=user-mode runs step 1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"

(($# >= 1 && $# <= 2)) || die "usage: image/boot-test.sh BOARD [OUT]"
profile=$1
[[ -f $profile ]] || profile=$IMAGE_REPO/board/$1.properties
[[ -f $profile ]] || die "no board profile $1"
board=$(profile_require "$profile" name)
arch=$(profile_require "$profile" architecture)
out=$(cd "${2:-$IMAGE_REPO/image/build/$board}" 2>/dev/null && pwd) || die "no build folder for $board: run 'make image BOARD=$board' first"
[[ -f $out/$board.squashfs ]] || die "no image $out/$board.squashfs: run 'make image BOARD=$board' first"

work=$out/boot-test
rm -rf "$work"
mkdir -p "$work"
results=$work/results.txt
"$here/boot/user-mode.sh" "$profile" "$out" "$work" | tee "$results"
if [[ ${BOOT_TEST:-all} == user-mode ]]; then
    exit 0
fi
case $arch in
    arm64 | armhf | mipsel)
        "$here/boot/system.sh" "$profile" "$out" "$work" | tee -a "$results"
        ;;
    *)
        echo "system: not run for $arch: the full-system check boots arm64, armhf and mipsel images only" | tee -a "$results"
        ;;
esac
say "boot test of $board passed; results in $results"
