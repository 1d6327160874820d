#!/usr/bin/env bash
# Step 5 of an image: the root file system tree. The runtime, the firmware, the C library and
# busybox from the earlier steps, the board profile, the init scripts of image/rootfs, and
# /etc/macserver/boot.conf: what the init scripts need from the profile, as shell variables.
#
# usage: rootfs.sh PROFILE OUT      writes OUT/rootfs
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 2)) || die "usage: rootfs.sh PROFILE OUT"
profile=$1 out=$2
root=$out/rootfs
for part in runtime firmware system; do
    [[ -d $out/$part ]] || die "$out/$part is missing: run the steps before rootfs.sh"
done

# The busybox applets the init scripts and a person at a shell use (image/busybox/applets.config
# builds them; each must be in the busybox busybox.sh built, OUT/busybox.applets).
applets=(sh ash cat chmod cp date dmesg df du echo env false free grep head hostname ip kill ln ls
    mkdir mknod mount mv poweroff ps reboot rm sed sleep stty sync tail test '[' true umount uname vi)
[[ -f $out/busybox.applets ]] || die "$out/busybox.applets is missing: run busybox.sh first"
for applet in "${applets[@]}"; do
    grep -qxF -- "$applet" "$out/busybox.applets" || die "busybox has no $applet applet: add it to image/busybox/applets.config"
done

rm -rf "$root"
mkdir -p "$root"
cp -a "$out/system/." "$root/"
mkdir -p "$root"/{dev,proc,sys,tmp,run,flash,etc/macserver,opt/macserver,usr/sbin}
chmod 1777 "$root/tmp"
for applet in "${applets[@]}"; do
    [[ -e $root/usr/bin/$applet ]] || ln -s busybox "$root/usr/bin/$applet"
done
cp -a "$out/runtime" "$root/opt/macserver/runtime"
cp -a "$out/firmware" "$root/opt/macserver/firmware"
install -m 0755 "$IMAGE_REPO/image/rootfs/init" "$root/init"
install -m 0755 "$IMAGE_REPO/image/rootfs/macserver-supervise" "$IMAGE_REPO/image/rootfs/macserver-start" "$root/usr/sbin/"
cp "$profile" "$root/etc/macserver/board.properties"
echo "root:x:0:0:root:/:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
profile_require "$profile" name >"$root/etc/hostname"

speed=$(profile_get "$profile" console.speed || true)
# Without a jSerialComm library for this architecture (MIPS) the firmware drives the serial line
# itself through termios (FFM), with the same login prompt.
serial_natives=$(unzip -Z1 "$root"/opt/macserver/firmware/lib/jSerialComm-*.jar 2>/dev/null || true)
if ! grep -q '^Linux/.*\.so$' <<<"$serial_natives"; then
    say "no jSerialComm library for this architecture: the firmware sets the console line up through termios"
fi
{
    echo "# Made by image/steps/rootfs.sh from $(basename "$profile"): what the init scripts need."
    printf 'BOARD_NAME=%q\n' "$(profile_require "$profile" name)"
    printf 'CONSOLE_DEVICE=%q\n' "$(profile_require "$profile" console.device)"
    printf 'CONSOLE_SPEED=%q\n' "$speed"
    printf 'FLASH_PARTITION=%q\n' "$(profile_require "$profile" flash.partition)"
    printf 'FLASH_FILESYSTEM=%q\n' "$(profile_get "$profile" flash.filesystem || true)"
    printf 'INTERFACES=%q\n' "$(profile_require "$profile" interfaces | tr ',' ' ')"
    printf 'JVM_OPTIONS=%q\n' "$(profile_require "$profile" jvm.options)"
} >"$root/etc/macserver/boot.conf"
say "root file system: $(mib "$(size_bytes "$root")") in $root"
