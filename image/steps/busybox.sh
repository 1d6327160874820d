#!/usr/bin/env bash
# Step 3 of an image: our own busybox, with only the applets of image/busybox/applets.config
# (the init scripts', the boot check's initramfs's, and a person's at the console), built from
# Debian 12's busybox source package for the board's architecture with Debian 12's compiler for
# it (gcc-arm-linux-gnueabihf, gcc-aarch64-linux-gnu, gcc-mipsel-linux-gnu; the machine's own gcc
# for x86-64), once per architecture, link and applet list into the image cache. Debian's
# busybox-static, every applet, was 1.4 to 2.4 MB unpacked, 0.7 to 0.9 MiB squashed: too much for
# a 16 MiB NOR board.
#
# usage: busybox.sh PROFILE OUT      writes OUT/busybox (libc.sh puts it into the image) and
#                                    OUT/busybox.applets (its applets, one a line: rootfs.sh's check)
# Environment:
#   IMAGE_CACHE=DIR        the source lives in DIR/busybox/source/, each build in
#                          DIR/busybox/<version>-<arch>-<link>-<hash of applets.config>/
#   BUSYBOX_LINK=dynamic   (default): against the C library the image carries anyway, or static:
#                          glibc's static parts are most of a static busybox (mipsel: 1.35 MB
#                          static, 0.23 MB dynamic; image/README.md has every architecture's
#                          sizes); the boot check's initramfs copies the image's libc beside it
# A build that fails stops the image (no fallback to Debian's busybox-static: it would hide the
# failure and put 0.7 to 0.9 MiB back into the image).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/common.sh"

(($# == 2)) || die "usage: busybox.sh PROFILE OUT"
profile=$1 out=$2
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
triplet=$(triplet_of "$arch")
link=${BUSYBOX_LINK:-dynamic}
[[ $link == static || $link == dynamic ]] || die "BUSYBOX_LINK must be static or dynamic, not '$link'"
fragment=$IMAGE_REPO/image/busybox/applets.config
cache=${IMAGE_CACHE:-$IMAGE_REPO/image/build/cache}/busybox
mkdir -p "$cache/source"
cache=$(cd "$cache" && pwd)

# The source, once: the newest busybox of Debian 12 (bookworm, its updates and security
# updates), through a private apt state of deb-src entries, unpacked with Debian's patches
# (security fixes among them) by dpkg-source. source/chosen: "<version> <folder name>".
fetch_source() {
    local state=$cache/source/apt version options
    command -v dpkg-source >/dev/null || "$IMAGE_REPO/tests/install-peers.sh" dpkg-dev || die "dpkg-source (dpkg-dev) is missing"
    say "busybox: fetching Debian 12's busybox source (private apt state in $state)"
    debian_source_apt_update "$state" bookworm bookworm-updates bookworm-security
    mapfile -t options < <(debian_source_apt_options "$state")
    version=$(apt-cache "${options[@]}" showsrc busybox 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -rV | head -n 1)
    [[ -n $version ]] || die "busybox: no busybox source package in Debian 12's lists ($state)"
    (cd "$cache/source" && run_logged "$cache/source/download.log" apt-get "${options[@]}" source --download-only "busybox=$version")
    local dsc
    dsc=$(compgen -G "$cache/source/busybox_${version#*:}.dsc") || die "busybox: apt-get source left no busybox_${version#*:}.dsc"
    rm -rf "$cache/source/busybox-${version#*:}"
    run_logged "$cache/source/unpack.log" dpkg-source --no-check -x "$dsc" "$cache/source/busybox-${version#*:}"
    echo "$version busybox-${version#*:}" >"$cache/source/chosen"
}
[[ -f $cache/source/chosen ]] || fetch_source
read -r version source_name <"$cache/source/chosen"
source_dir=$cache/source/$source_name
[[ -f $source_dir/Makefile ]] || die "busybox: no source in $source_dir: delete $cache/source/chosen to fetch it again"

# What decides the binary names its folder: a changed applet list or link builds again.
key=$( (cat "$fragment"; echo "link=$link") | sha256sum | cut -c1-12)
build=$cache/${version#*:}-$arch-$link-$key
make_busybox() {
    make -C "$source_dir" O="$build" CROSS_COMPILE="$triplet-" "$@"
}
if [[ ! -x $build/busybox ]]; then
    started=$(date +%s)
    compiler=$triplet-gcc
    if ! command -v "$compiler" >/dev/null; then
        if [[ $arch == "$(dpkg --print-architecture 2>/dev/null || echo amd64)" ]]; then
            "$IMAGE_REPO/tests/install-peers.sh" gcc libc6-dev make || die "gcc is missing"
        else
            "$IMAGE_REPO/tests/install-peers.sh" "gcc-$triplet" make || die "the cross compiler $compiler is missing"
        fi
    fi
    command -v "$compiler" >/dev/null || die "busybox: no $compiler"
    say "busybox: building $version for $arch ($link) in $build"
    rm -rf "$build"
    mkdir -p "$build"
    wanted=$build/wanted.config
    grep -E '^CONFIG_[A-Z0-9_]+=' "$fragment" >"$wanted"
    if [[ $link == static ]]; then echo CONFIG_STATIC=y >>"$wanted"; fi
    config=$build/.config
    # allnoconfig, then the wanted options. busybox's kconfig ignores KCONFIG_ALLCONFIG (its
    # allnoconfig sets every option to n), so the wanted lines are put into the .config and
    # oldconfig run (Enter to each question: each option it newly offers, a sub-option of a wanted applet,
    # takes its default), and every option turned on that way but not wanted is turned off
    # again, until oldconfig turns on nothing new; options without a prompt (selected by
    # others) stay as kconfig sets them, and so do those allnoconfig itself turns on (the
    # member of a choice, which cannot be off).
    run_logged "$build/config.log" make_busybox allnoconfig
    declare -A turned_off=()
    while read -r name; do turned_off[$name]=1; done < <(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$config")
    while true; do
        awk -F= 'NR == FNR { if (/^CONFIG_/) want[$1] = $0; next }
            { name = $0; sub(/^# /, "", name); sub(/[= ].*/, "", name)
              if (name in want) { print want[name]; delete want[name] } else print }
            END { for (name in want) print want[name] }' "$wanted" "$config" >"$config.new"
        mv "$config.new" "$config"
        run_logged "$build/config.log" make_busybox oldconfig < <(yes "")
        changed=no
        while read -r name; do
            grep -q "^$name=" "$wanted" || [[ -n ${turned_off[$name]:-} ]] || {
                turned_off[$name]=1
                sed -i "s/^$name=y\$/# $name is not set/" "$config"
                changed=yes
            }
        done < <(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$config")
        [[ $changed == yes ]] || break
    done
    # A wanted line kconfig dropped (a misspelt option, or one whose dependency is not met) is
    # an error in applets.config, not something to build without.
    missing=$(grep -vxFf "$config" "$wanted" || true)
    [[ -z $missing ]] || die "busybox: applets.config asks for what kconfig left out: $(echo "$missing" | xargs)"
    # Low priority: the machine is shared with other builds.
    run_logged "$build/make.log" nice -n 19 make -C "$source_dir" O="$build" CROSS_COMPILE="$triplet-" -j"$(nproc)"
    [[ -x $build/busybox ]] || die "busybox: the build left no $build/busybox (log: $build/make.log)"
    echo "$(($(date +%s) - started))" >"$build/build-seconds"
    say "busybox: built in $(cat "$build/build-seconds") s"
fi
if [[ $link == static ]] && readelf -d "$build/busybox" 2>/dev/null | grep -q NEEDED; then
    die "busybox: $build/busybox is not static"
fi
# The list of its applets (rootfs.sh checks the links it makes against it).
[[ -f $build/busybox.links ]] || run_logged "$build/links.log" make_busybox busybox.links
cp "$build/busybox" "$out/busybox"
sed 's|.*/||' "$build/busybox.links" >"$out/busybox.applets"
say "busybox: $version, $link, $(mib "$(stat -c %s "$out/busybox")") ($(stat -c %s "$out/busybox") bytes), $(sed -n 's/^CONFIG_\([A-Z0-9_]*\)=y$/\1/p' "$build/.config" | grep -c .) options on"
