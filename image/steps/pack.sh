#!/usr/bin/env bash
# Step 7 of an image: the root file system as a squashfs (xz), its size per part, the board's
# flash budget enforced, and a manifest beside the image.
#
# usage: pack.sh PROFILE OUT
#   Writes OUT/<board>.squashfs and OUT/manifest.properties; fails when the image is larger than
#   the profile's image.budget-mib.
# IMAGE_FAST=yes (what `make test` uses) packs in 128 KiB blocks instead of 1 MiB (about twice
# as fast, about a tenth larger) and gives each part's unpacked size only.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 2)) || die "usage: pack.sh PROFILE OUT"
profile=$1 out=$2
root=$out/rootfs
board=$(profile_require "$profile" name)
budget_mib=$(profile_require "$profile" image.budget-mib)
image=$out/$board.squashfs
command -v mksquashfs >/dev/null || "$IMAGE_REPO/tests/install-peers.sh" squashfs-tools || die "mksquashfs is missing"

fast=${IMAGE_FAST:-no}
block=1M
[[ $fast != yes ]] || block=128K
# xz's branch filter for the architecture's machine code (Debian's armhf binaries are Thumb-2):
# on hap-ac2 the image went 11.37 -> 11.24 MiB. The kernel that mounts the image must have the
# same filter (CONFIG_XZ_DEC_ARMTHUMB; Debian 13's armmp kernel has it). xz has none for MIPS.
bcj=()
case $(debian_arch_of "$(profile_require "$profile" architecture)") in
    armhf) bcj=(-Xbcj armthumb) ;;
esac
squash() {
    local from=$1 to=$2
    shift 2
    mksquashfs "$from" "$to" -comp xz "${bcj[@]}" -b "$block" -noappend -all-root "$@"
}

# The parts as they sit in the image; each is also squashed alone to show what it costs in flash
# (squashfs compresses file by file, so the parts add up to about the whole).
declare -A part_paths=(
    [runtime]=opt/macserver/runtime
    [firmware]=opt/macserver/firmware
    [aot-cache]=opt/macserver/macserver.aot
    [c-library]=usr/lib
    [busybox]=usr/bin/busybox
)
parts=(runtime firmware aot-cache c-library busybox)
tmp=$out/parts
rm -rf "$tmp"
mkdir -p "$tmp"
pids=()
for part in "${parts[@]}"; do
    [[ -e $root/${part_paths[$part]} && $fast != yes ]] || continue
    mkdir -p "$tmp/$part.in"
    cp -a "$root/${part_paths[$part]}" "$tmp/$part.in/"
    squash "$tmp/$part.in" "$tmp/$part.sqfs" -quiet -no-progress -processors 1 >/dev/null &
    pids+=($!)
done

say "packing $root into $image (squashfs, xz)"
if [[ -t 2 ]]; then
    squash "$root" "$image" -quiet >&2
else
    squash "$root" "$image" -quiet -no-progress >/dev/null
fi
for pid in "${pids[@]}"; do wait "$pid" || die "squashing a part failed"; done

image_bytes=$(stat -c %s "$image")
budget_bytes=$((budget_mib * 1048576))
version=$(unzip -p "$root/opt/macserver/firmware/macserver.jar" META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Implementation-Version: *//p' | tr -d '\r' || true)
runtime_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$root/opt/macserver/runtime/release" 2>/dev/null || true)
{
    echo "# Firmware image manifest, made by image/steps/pack.sh. Sizes in bytes: *.files is what"
    echo "# a part unpacks to, *.squashed what it costs squashed alone."
    echo "image=$(basename "$image")"
    echo "firmware.version=${version:-unknown}"
    echo "board=$board"
    echo "architecture=$(profile_require "$profile" architecture)"
    echo "runtime.version=$runtime_version"
    echo "runtime.source=$(cat "$out/runtime-source.txt" 2>/dev/null || echo "${RUNTIME:-$(profile_require "$profile" runtime)}")"
    echo "runtime.vm=$(sed -n '1s/^-\([a-z]*\) .*/\1/p' "$root/opt/macserver/runtime/lib/jvm.cfg" 2>/dev/null || true)"
    echo "runtime.modules=$(cat "$out/modules.txt" 2>/dev/null || true)"
    echo "aot-cache=$(if [[ -f $root/opt/macserver/macserver.aot ]]; then echo yes; else echo "no: $(cat "$out/aot-note.txt" 2>/dev/null || echo skipped)"; fi)"
    echo "squashfs.block-size=$block"
    for part in "${parts[@]}"; do
        [[ -e $root/${part_paths[$part]} ]] || continue
        echo "part.$part.files=$(size_bytes "$root/${part_paths[$part]}")"
        [[ ! -f $tmp/$part.sqfs ]] || echo "part.$part.squashed=$(stat -c %s "$tmp/$part.sqfs")"
    done
    echo "image.bytes=$image_bytes"
    echo "image.budget-bytes=$budget_bytes"
    echo "image.sha256=$(sha256sum "$image" | cut -d' ' -f1)"
} >"$out/manifest.properties"
rm -rf "$tmp"

say "size per part (unpacked -> squashed alone):"
for part in "${parts[@]}"; do
    files=$(sed -n "s/^part\.$part\.files=//p" "$out/manifest.properties")
    [[ -n $files ]] || continue
    squashed=$(sed -n "s/^part\.$part\.squashed=//p" "$out/manifest.properties")
    printf 'image:   %-10s %10s -> %s\n' "$part" "$(mib "$files")" \
        "$(if [[ -n $squashed ]]; then mib "$squashed"; else echo "(not measured: IMAGE_FAST=yes)"; fi)" >&2
done
say "image: $(mib "$image_bytes") of a $budget_mib MiB budget: $image"
if ((image_bytes > budget_bytes)); then
    die "the image is $(mib "$image_bytes"), over board $board's flash budget of $budget_mib MiB (image.budget-mib in $profile)"
fi
