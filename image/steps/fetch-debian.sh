#!/usr/bin/env bash
# Fetches Debian 13 ("trixie") packages of one architecture (Debian 12 for mipsel, see
# debian_suite_of) into a cache folder, with an apt
# state of its own: the machine's apt lists, cache and dpkg status are never read or written.
# The mirror is the one this machine's own apt sources name.
#
# usage: fetch-debian.sh ARCH CACHE download PACKAGE...   prints the .deb files, one a line
#        fetch-debian.sh ARCH CACHE depends PACKAGE       prints the packages PACKAGE depends on
#        fetch-debian.sh ARCH CACHE unpack DEST PACKAGE...  download, then dpkg -x each into DEST
# Package lists older than a week are refreshed; downloaded .deb files are kept in CACHE/debs.
# FETCH_SUITE=<suite> takes another Debian release (the runtime's cross-build sysroot: bookworm).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# >= 4)) || die "usage: fetch-debian.sh ARCH CACHE download|depends|unpack ..."
arch=$1 mode=$3
cache=$(mkdir -p "$2" && cd "$2" && pwd)
shift 3
state=$cache/apt
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc" "$cache/debs"

suite=${FETCH_SUITE:-$(debian_suite_of "$arch")}
echo "deb [arch=$arch] $(debian_mirror) $suite main" >"$state/etc/sources.list"
: >"$state/status"
apt_options=(
    -o "Dir::Etc::SourceList=$state/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State=$state" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
    -o "Dir::Cache=$state/cache" -o "APT::Architecture=$arch" -o "APT::Architectures::=$arch"
    -o Debug::NoLocking=true -o quiet=1
)

lists_stamp=$state/lists/.updated
if [[ ! -f $lists_stamp || -n $(find "$lists_stamp" -mtime +7) ]]; then
    say "refreshing Debian $suite package lists for $arch (private apt state in $state)"
    run_logged "$state/update.log" apt-get "${apt_options[@]}" update
    touch "$lists_stamp"
fi

# The cached .deb of a package, if any (architecture-specific or arch: all).
cached_deb() {
    compgen -G "$cache/debs/${1}_*_${arch}.deb" || compgen -G "$cache/debs/${1}_*_all.deb" || true
}

download() {
    local package deb
    for package in "$@"; do
        deb=$(cached_deb "$package" | head -n 1)
        if [[ -z $deb ]]; then
            say "downloading $package:$arch"
            (cd "$cache/debs" && run_logged "$state/download.log" apt-get "${apt_options[@]}" download "$package:$arch")
            deb=$(cached_deb "$package" | head -n 1)
            [[ -n $deb ]] || die "apt-get download $package:$arch left no .deb in $cache/debs"
        fi
        echo "$deb"
    done
}

case $mode in
    download)
        download "$@"
        ;;
    depends)
        apt-cache "${apt_options[@]}" depends --no-recommends --no-suggests "$1:$arch" \
            | awk '$1 == "Depends:" { sub(/:.*/, "", $2); print $2 }'
        ;;
    unpack)
        dest=$1
        shift
        mkdir -p "$dest"
        for deb in $(download "$@"); do
            dpkg -x "$deb" "$dest"
        done
        ;;
    *)
        die "unknown mode '$mode' (download, depends or unpack)"
        ;;
esac
