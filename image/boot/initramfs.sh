#!/usr/bin/env bash
# Makes the boot check's initramfs for a Debian kernel (13's arm64 and armmp, 12's 4kc-malta):
# busybox from the image (with the image's program interpreter and C library when it is linked
# dynamically, as image/steps/busybox.sh builds it by default), the kernel modules the image needs that Debian builds as modules (with
# what they depend on, in load order, uncompressed: busybox's insmod reads no .xz), and
# initramfs-init.
#
# usage: initramfs.sh KERNEL_ROOT IMAGE_ROOT OUTPUT [MODULE...]
#   KERNEL_ROOT  an unpacked linux-image-* package; OUTPUT is a gzip'd cpio archive
#   IMAGE_ROOT   the unpacked image: its usr/bin/busybox and what that loads
#   MODULE       the modules wanted (default: those of the ARM virt machines, below)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# >= 3)) || die "usage: initramfs.sh KERNEL_ROOT IMAGE_ROOT OUTPUT [MODULE...]"
kernel_root=$1 image_root=$2 output=$3
busybox=$image_root/usr/bin/busybox
[[ -f $busybox ]] || die "no busybox in $image_root/usr/bin"
shift 3
# Debian 13 is /usr-merged (usr/lib/modules); Debian 12's packages still ship lib/modules.
modules_dir=""
for dir in "$kernel_root"/usr/lib/modules/* "$kernel_root"/lib/modules/*; do
    if [[ -d $dir/kernel ]]; then
        modules_dir=$dir
        break
    fi
done
[[ -n $modules_dir ]] || die "no kernel modules under $kernel_root/usr/lib/modules or lib/modules"
# Disks (virtio-blk), the image (squashfs), the flash partition (ext4), the network (virtio-net)
# the power key (gpio-keys, evdev: qemu's "system_powerdown" presses it), and crc32c, which ext4
# and jbd2 ask the crypto API for at mount time (no module dependency says so). Each kernel builds
# a different part of these in (armmp: gpio_keys), so those its modules.builtin names are skipped.
wanted=(virtio_blk squashfs crc32c_generic ext4 virtio_net gpio_keys evdev)
(($# == 0)) || wanted=("$@")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,proc,sys,dev,modules,newroot}
cp "$busybox" "$work/bin/busybox"
# A dynamic busybox: its program interpreter at the path it names, and the libraries it needs
# (NEEDED, and theirs) in /lib/<triplet>, where the interpreter looks without a cache, all from
# the image (its links are relative, so cp -L resolves them inside it).
interpreter=$(readelf -l "$busybox" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p')
libraries=()
if [[ -n $interpreter ]]; then
    libdir=$(dirname "$(readlink -f "$image_root$interpreter")")
    libdir=/${libdir#"$(readlink -f "$image_root")"/}
    mkdir -p "$work$(dirname "$interpreter")" "$work$libdir"
    cp -L "$image_root$interpreter" "$work$interpreter"
    needed_of() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
    mapfile -t queue < <(needed_of "$busybox")
    while ((${#queue[@]} > 0)); do
        lib=${queue[0]}
        queue=("${queue[@]:1}")
        # libc.so.6 names the interpreter too, already there.
        [[ ! -e $work$libdir/$lib && $lib != "$(basename "$interpreter")" ]] || continue
        [[ -f $image_root$libdir/$lib ]] || die "busybox needs $lib, which the image has not in $libdir"
        cp -L "$image_root$libdir/$lib" "$work$libdir/$lib"
        libraries+=("$lib")
        mapfile -t -O "${#queue[@]}" queue < <(needed_of "$work$libdir/$lib")
    done
fi
for applet in sh mount umount insmod sleep cat echo mkdir switch_root; do ln -s busybox "$work/bin/$applet"; done
install -m 0755 "$(dirname "$0")/initramfs-init" "$work/init"

# Debian's package ships no modules.dep (depmod makes it at install time), so each module's own
# "depends=" entry (from its .modinfo section) gives what must be loaded before it.
# Debian 13 compresses its modules with xz, Debian 12's malta kernel does not.
path_of() {
    find "$modules_dir/kernel" \( -name "$1.ko.xz" -o -name "${1//_/-}.ko.xz" -o -name "$1.ko" -o -name "${1//_/-}.ko" \) \
        | head -n 1
}
module_bytes() { if [[ $1 == *.xz ]]; then xz -dc "$1"; else cat "$1"; fi; }
deps_of() { module_bytes "$1" | strings -a | sed -n 's/^depends=//p' | head -n 1 | tr ',' ' '; }
declare -A loaded=()
while read -r builtin; do
    builtin=${builtin##*/}
    builtin=${builtin%.ko}
    loaded[${builtin//-/_}]=builtin
done < <(cat "$modules_dir/modules.builtin" 2>/dev/null || true)
order=()
add() {
    local name=$1 path dep
    [[ -z ${loaded[${name//-/_}]:-} ]] || return 0
    loaded[${name//-/_}]=1
    path=$(path_of "$name")
    [[ -n $path ]] || die "the kernel has no module $name"
    for dep in $(deps_of "$path"); do add "$dep"; done
    module_bytes "$path" >"$work/modules/$name.ko"
    order+=("$name")
}
for module in "${wanted[@]}"; do add "$module"; done
printf '%s\n' "${order[@]}" >"$work/modules.order"
(cd "$work" && find . | cpio -o -H newc --quiet | gzip -9) >"$output"
say "initramfs: busybox${interpreter:+ (dynamic: $interpreter ${libraries[*]})} and modules ${order[*]}"
