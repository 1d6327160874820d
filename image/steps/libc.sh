#!/usr/bin/env bash
# Step 4 of an image: the C library files the runtime, the firmware's natives and busybox load,
# taken from Debian 13's packages for the board's architecture (Debian 12's for mipsel, which
# Debian 13 no longer builds), and busybox (our own, from busybox.sh) for the init scripts, so
# that the image runs on a bare kernel.
#
# usage: libc.sh PROFILE OUT
#   Reads the ELF files of OUT/runtime, OUT/firmware and OUT/busybox; writes OUT/system (lib,
#   bin, links).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 2)) || die "usage: libc.sh PROFILE OUT"
profile=$1 out=$2
cache=${IMAGE_CACHE:-$IMAGE_REPO/image/build/cache}
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
triplet=$(triplet_of "$arch")
sysroot=$cache/$(debian_suite_of "$arch")-$arch/sysroot
system=$out/system
[[ -d $out/runtime ]] || die "$out/runtime is missing: run runtime.sh first"
[[ -f $out/busybox ]] || die "$out/busybox is missing: run busybox.sh first"

# libffi8: the FFM API's fallback linker (libfallbackLinker.so) on a 32-bit ARM runtime, which
# has no native one; libatomic1: what GCC's 64-bit atomics on 32-bit ARM call into (Debian's
# armhf JDK needs it). .complete holds the package list, so a longer list unpacks again.
packages="libc6 zlib1g libgcc-s1 libstdc++6 libffi8 libatomic1"
# A board whose VM only interprets names a C library for its password hashes (pbkdf2.library,
# loaded by the firmware through FFM, so no ELF file names it): GNU Nettle's.
pbkdf2_library=$(profile_get "$profile" pbkdf2.library) || true
if [[ -n $pbkdf2_library ]]; then
    [[ $pbkdf2_library == libnettle.so.* ]] || die "pbkdf2.library: only GNU Nettle's libnettle.so.N is known, not $pbkdf2_library"
    # Debian 13 renamed the package in the 64-bit time_t transition.
    if [[ $(debian_suite_of "$arch") == bookworm ]]; then packages+=" libnettle8"; else packages+=" libnettle8t64"; fi
fi
if [[ ! -f $sysroot/.complete || $(cat "$sysroot/.complete") != "$packages" ]]; then
    say "unpacking Debian $(debian_suite_of "$arch") $packages for $arch"
    rm -rf "$sysroot"
    # shellcheck disable=SC2086
    "$(dirname "$0")/fetch-debian.sh" "$arch" "$cache/$(debian_suite_of "$arch")-$arch" unpack "$sysroot" $packages >/dev/null
    # Debian 12's packages are not /usr-merged (libc6 puts the C library in /lib/<triplet>):
    # moved into usr/, where this step (and the image) looks.
    for dir in lib bin sbin; do
        if [[ -d $sysroot/$dir && ! -L $sysroot/$dir ]]; then
            mkdir -p "$sysroot/usr/$dir"
            cp -a "$sysroot/$dir/." "$sysroot/usr/$dir/"
            rm -rf "${sysroot:?}/$dir"
            ln -s "usr/$dir" "$sysroot/$dir"
        fi
    done
    echo "$packages" >"$sysroot/.complete"
fi

is_elf() {
    [[ $(head -c 4 "$1" | od -An -c | tr -d ' ') == 177ELF ]]
}

needed_of() {
    readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# The ELF files that will run: the runtime's, the natives inside the firmware's jars, busybox.
natives=$out/natives
rm -rf "$natives" "$system"
mkdir -p "$natives" "$system/usr/lib/$triplet" "$system/usr/bin"
for jar in "$out"/firmware/lib/*.jar; do
    unzip -q -o "$jar" '*.so' -d "$natives" 2>/dev/null || true
done
mapfile -t elves < <(find "$out/runtime" "$natives" "$out/busybox" -type f | while read -r f; do is_elf "$f" && echo "$f"; done)

# Libraries the runtime brings itself (found through its RUNPATH) are not looked up in Debian's.
declare -A own=()
for f in "${elves[@]}"; do own[$(basename "$f")]=1; done

# Closure of NEEDED over the Debian sysroot, breadth first.
declare -A wanted=()
queue=()
for f in "${elves[@]}"; do mapfile -t -O "${#queue[@]}" queue < <(needed_of "$f"); done
[[ -z $pbkdf2_library ]] || queue+=("$pbkdf2_library")
while ((${#queue[@]} > 0)); do
    lib=${queue[0]}
    queue=("${queue[@]:1}")
    [[ -z ${own[$lib]:-} && -z ${wanted[$lib]:-} ]] || continue
    path=$sysroot/usr/lib/$triplet/$lib
    [[ -e $path ]] || die "no $lib for $arch in Debian's $packages"
    wanted[$lib]=$path
    mapfile -t -O "${#queue[@]}" queue < <(needed_of "$path")
done
for lib in "${!wanted[@]}"; do
    cp -L "${wanted[$lib]}" "$system/usr/lib/$triplet/$lib"
done

# The program interpreter, at the path the runtime's binaries ask for (/lib/ld-linux-aarch64.so.1,
# /lib64/ld-linux-x86-64.so.2, /lib/ld.so.1 on mipsel, ...). The image is merged-/usr: /lib and
# /lib64 are links into usr.
interpreter=$(readelf -l "$out/runtime/bin/java" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p')
[[ -n $interpreter ]] || die "cannot read the program interpreter of $out/runtime/bin/java"
loader=$(basename "$interpreter")
cp -L "$sysroot/usr/lib/$triplet/$loader" "$system/usr/lib/$triplet/$loader"
ln -s usr/lib "$system/lib"
interpreter_dir=$(dirname "$interpreter")
if [[ $interpreter_dir == /lib64 ]]; then
    ln -s usr/lib64 "$system/lib64"
    mkdir -p "$system/usr/lib64"
    ln -s "../lib/$triplet/$loader" "$system/usr/lib64/$loader"
else
    ln -s "$triplet/$loader" "$system/usr/lib/$loader"
fi

# A dynamic busybox asks for the same program interpreter (both are linked against glibc).
busybox_interpreter=$(readelf -l "$out/busybox" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p')
[[ -z $busybox_interpreter || $busybox_interpreter == "$interpreter" ]] \
    || die "busybox asks for $busybox_interpreter, the runtime for $interpreter"
cp "$out/busybox" "$system/usr/bin/busybox"
ln -s usr/bin "$system/bin"
ln -s usr/bin "$system/sbin"
rm -rf "$natives"
say "C library: ${#wanted[@]} files and $loader for $arch ($(printf '%s ' "${!wanted[@]}")), busybox"
say "system: $(mib "$(size_bytes "$system")") in $system"
