#!/usr/bin/env bash
# Puts the MAC-Telnet client tools of Debian 13 ("trixie", mactelnet-client 0.6.x: mactelnet,
# macping, mndp with EC-SRP5) and its server (mactelnet-server 0.6.x: mactelnetd, the EC-SRP5
# baseline of make bench) into a cache folder, without touching the system's packages.
# They need a newer glibc than Debian 12's, so they run through trixie's own loader:
#   <cache>/run <tool> [args...]       e.g.  var/peers/trixie/run mactelnet -h
# The Debian mirror is read from this machine's apt configuration. A second run with the cache
# in place only checks it (no network).
#
# usage: tests/fetch-trixie-mactelnet.sh [cache-dir]   (default: var/peers/trixie in the repository,
#        which `make clean` keeps; MACSERVER_TRIXIE_CACHE overrides it too)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${1:-${MACSERVER_TRIXIE_CACHE:-$repo/var/peers/trixie}}
packages=(mactelnet-client mactelnet-server libc6 libssl3t64 libbsd0 libmd0)
say() { echo "fetch-trixie-mactelnet: $*" >&2; }

# The tools start through trixie's loader with trixie's libraries only.
works() {
    [[ -x $cache/run && -x $cache/root/usr/bin/mactelnet && -x $cache/root/usr/sbin/mactelnetd ]] || return 1
    local help
    help=$("$cache/run" mactelnet -h 2>&1) || true # -h exits non-zero
    [[ $help == *"MAC-Telnet 0.6"*Usage* ]]
}

if [[ -f $cache/ok ]] && works; then
    exit 0
fi

sources=/etc/apt/sources.list.d/debian.sources
mirror=
if [[ -r $sources ]]; then
    mirror=$(awk '/^URIs:/{print $2; exit}' "$sources")
fi
if [[ -z $mirror && -r /etc/apt/sources.list ]]; then
    mirror=$(awk '$1 == "deb" && $2 !~ /^\[/ {print $2; exit} $1 == "deb" && $2 ~ /^\[/ {print $3; exit}' /etc/apt/sources.list)
fi
if [[ -z $mirror ]]; then
    say "cannot fetch mactelnet-client 0.6 (trixie): no Debian mirror found in $sources or /etc/apt/sources.list"
    exit 1
fi
if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
    say "cannot fetch mactelnet-client 0.6 (trixie): apt-get and dpkg are needed (Debian)"
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
echo "deb [arch=amd64] $mirror trixie main" > "$work/sources.list"
apt_options=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root -q)

say "downloading ${packages[*]} from trixie into $cache"
if ! apt-get "${apt_options[@]}" update >"$work/update.log" 2>&1; then
    cat "$work/update.log" >&2
    say "cannot fetch mactelnet-client 0.6 (trixie): apt-get update of the trixie lists failed"
    exit 1
fi
if ! (cd "$work/debs" && apt-get "${apt_options[@]}" download "${packages[@]}") >"$work/download.log" 2>&1; then
    cat "$work/download.log" >&2
    say "cannot fetch mactelnet-client 0.6 (trixie): downloading ${packages[*]} failed"
    exit 1
fi

rm -rf "$cache.new"
mkdir -p "$cache.new/root"
for deb in "$work"/debs/*.deb; do
    dpkg -x "$deb" "$cache.new/root"
    dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb" >> "$cache.new/versions"
done
cat > "$cache.new/run" <<'RUN'
#!/bin/sh
# Runs one of trixie's MAC-Telnet tools (mactelnet, macping, mndp, mactelnetd) with trixie's loader and libraries.
here=$(cd "$(dirname "$0")" && pwd)
tool=${1:?usage: run mactelnet|macping|mndp|mactelnetd [args...]}
shift
program=$here/root/usr/bin/$tool
[ -x "$program" ] || program=$here/root/usr/sbin/$tool
exec "$here/root/usr/lib64/ld-linux-x86-64.so.2" --library-path "$here/root/usr/lib/x86_64-linux-gnu" \
    "$program" "$@"
RUN
chmod +x "$cache.new/run"
rm -rf "$cache"
mv "$cache.new" "$cache"
if ! works; then
    say "mactelnet-client from trixie was unpacked into $cache but does not start:"
    "$cache/run" mactelnet -h >&2 || true
    exit 1
fi
touch "$cache/ok"
say "ready: $(grep '^mactelnet-client ' "$cache/versions")"
