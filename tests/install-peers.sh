#!/usr/bin/env bash
# Makes sure the programs the tests (or `make run`) need are installed. As root on Debian it
# installs what is missing with apt-get (refreshing the package lists once, only if apt does
# not know a package); otherwise it names what is missing and fails.
#
# usage: tests/install-peers.sh [debian-package...]   (default: what the system tests need)
set -euo pipefail

default_packages=(socat expect iproute2 tcpdump)
packages=("$@")
((${#packages[@]} > 0)) || packages=("${default_packages[@]}")

# Where dpkg is missing (not Debian), look for each package's main command instead.
declare -A command_of=([socat]=socat [expect]=expect [iproute2]=ip [tcpdump]=tcpdump
    [mactelnet-client]=mactelnet [mosquitto]=mosquitto [mosquitto-clients]=mosquitto_pub
    [freeradius]=freeradius [freeradius-utils]=radclient)

installed() {
    local package=$1
    if command -v dpkg-query >/dev/null; then
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'
    else
        command -v "${command_of[$package]:-$package}" >/dev/null
    fi
}

missing=()
for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
done
((${#missing[@]} > 0)) || exit 0

if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "missing packages: ${missing[*]}" >&2
    if [[ $(id -u) != 0 ]]; then
        echo "  not root, so not installing them: run as root, or 'sudo apt-get install -y ${missing[*]}'" >&2
    else
        echo "  no apt-get here: install them with this system's package manager" >&2
    fi
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
for package in "${missing[@]}"; do
    if ! apt-cache show "$package" >/dev/null 2>&1; then
        echo "apt does not know $package yet: refreshing the package lists" >&2
        apt-get update -q >/dev/null
        break
    fi
done
echo "installing ${missing[*]}" >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
