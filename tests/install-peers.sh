#!/usr/bin/env bash
# Makes sure the programs the tests (or `make run`) need are installed. As root on Debian it
# installs what is missing with apt-get (refreshing the package lists once, only if apt does
# not know a package); otherwise it names what is missing and fails.
#
# usage: tests/install-peers.sh [debian-package...]   (default: what the system tests need)
#   The name mactelnet-client-trixie stands for the Debian 13 MAC-Telnet client 0.6 that
#   tests/fetch-trixie-mactelnet.sh unpacks into var/peers/trixie (not a system package).
#   The name node-routeros stands for the npm package the API tests run (tests/npm, pinned by
#   its package-lock.json), installed with `npm ci` into tests/npm/node_modules; npm itself comes
#   from Debian (nodejs, npm) when this machine has none.
#   mactelnet-server is installed without starting its service, and its service is kept
#   disabled: the tests run their own mactelnetd inside network namespaces, and a system one
#   would answer MAC-Telnet on every interface of this host. freeradius is treated the same
#   way: the RADIUS tests start their own private server on loopback.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# squashfs-tools, zip, unzip and binutils build the host image (HostImageTest).
# openssh-client, sshpass, python3-netmiko and ansible are the SSH clients of SshSystemTest;
# python3-librouteros, ansible and node-routeros the RouterOS API clients (ApiClientsSystemTest).
default_packages=(socat expect iproute2 tcpdump nftables iputils-ping curl wrk mactelnet-client mactelnet-server mactelnet-client-trixie freeradius freeradius-utils mosquitto mosquitto-clients openssl
    squashfs-tools zip unzip binutils openssh-client sshpass python3-netmiko ansible python3-librouteros node-routeros)
requested=("$@")
((${#requested[@]} > 0)) || requested=("${default_packages[@]}")
packages=()
want_trixie=false
want_npm=false
for package in "${requested[@]}"; do
    case $package in
        mactelnet-client-trixie) want_trixie=true ;;
        node-routeros) want_npm=true ;;
        *) packages+=("$package") ;;
    esac
done
if $want_npm && ! command -v npm >/dev/null; then packages+=(nodejs npm); fi

# Where dpkg is missing (not Debian), look for each package's main command instead.
declare -A command_of=([socat]=socat [expect]=expect [iproute2]=ip [tcpdump]=tcpdump
    [mactelnet-client]=mactelnet [mactelnet-server]=mactelnetd [mosquitto]=mosquitto [mosquitto-clients]=mosquitto_pub [openssl]=openssl
    [curl]=curl [wrk]=wrk [freeradius]=freeradius [freeradius-utils]=radclient [nftables]=nft [iputils-ping]=ping
    [squashfs-tools]=mksquashfs [binutils]=strip [binutils-aarch64-linux-gnu]=aarch64-linux-gnu-strip
    [binutils-arm-linux-gnueabihf]=arm-linux-gnueabihf-strip [qemu-user-static]=qemu-aarch64-static
    [qemu-system-arm]=qemu-system-aarch64 [qemu-system-mips]=qemu-system-mipsel [binutils-mipsel-linux-gnu]=mipsel-linux-gnu-strip [e2fsprogs]=mke2fs [openssh-client]=ssh [sshpass]=sshpass
    [python3-netmiko]=python3 [ansible]=ansible-playbook [nodejs]=node)

installed() {
    local package=$1
    if command -v dpkg-query >/dev/null; then
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'
    else
        command -v "${command_of[$package]:-$package}" >/dev/null
    fi
}

# Debian's mactelnet-server starts mactelnetd at boot through its init script: switch that off,
# and stop a copy the service started earlier (found through the service's own pid file only,
# so a test's mactelnetd in a namespace is never touched).
keep_mactelnet_service_off() {
    [[ -x /etc/init.d/mactelnet-server && $(id -u) == 0 ]] || return 0
    if compgen -G '/etc/rc[2-5].d/S*mactelnet-server' >/dev/null && command -v update-rc.d >/dev/null; then
        update-rc.d mactelnet-server disable >/dev/null 2>&1 || true
        echo "disabled the mactelnet-server service (tests run their own mactelnetd in namespaces)" >&2
    fi
    if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]] \
            && systemctl is-enabled --quiet mactelnet-server 2>/dev/null; then
        systemctl disable --now mactelnet-server >/dev/null 2>&1 || true
    fi
    local pid
    pid=$(cat /var/run/mactelnetd.pid 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == /usr/sbin/mactelnetd ]]; then
        kill -TERM "$pid" && rm -f /var/run/mactelnetd.pid
        echo "stopped the system mactelnetd (pid $pid) that the mactelnet-server service started" >&2
    fi
}

# Debian's freeradius enables and starts its systemd service on install: the tests run a private
# freeradius on loopback with their own configuration, so the system one is stopped and disabled.
keep_freeradius_service_off() {
    [[ $(id -u) == 0 ]] || return 0
    if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]] \
            && systemctl is-enabled --quiet freeradius 2>/dev/null; then
        systemctl disable --now freeradius >/dev/null 2>&1 || true
        echo "disabled the freeradius service (the RADIUS tests run their own server)" >&2
    fi
    if [[ -x /etc/init.d/freeradius ]] && compgen -G '/etc/rc[2-5].d/S*freeradius' >/dev/null \
            && command -v update-rc.d >/dev/null; then
        update-rc.d freeradius disable >/dev/null 2>&1 || true
    fi
    local pid
    pid=$(cat /var/run/freeradius/freeradius.pid 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == /usr/sbin/freeradius ]]; then
        kill -TERM "$pid"
        echo "stopped the system freeradius (pid $pid) that its service started" >&2
    fi
}

# Debian's mosquitto starts a broker on port 1883 at boot: the MQTT tests run private brokers on
# free loopback ports, so the system one is stopped and disabled.
keep_mosquitto_service_off() {
    [[ $(id -u) == 0 ]] || return 0
    if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]] \
            && systemctl is-enabled --quiet mosquitto 2>/dev/null; then
        systemctl disable --now mosquitto >/dev/null 2>&1 || true
        echo "disabled the mosquitto service (the MQTT tests run their own brokers)" >&2
    fi
    if [[ -x /etc/init.d/mosquitto ]] && compgen -G '/etc/rc[2-5].d/S*mosquitto' >/dev/null \
            && command -v update-rc.d >/dev/null; then
        update-rc.d mosquitto disable >/dev/null 2>&1 || true
    fi
}

fetch_trixie() {
    if $want_trixie; then
        "$here/fetch-trixie-mactelnet.sh" || { echo "missing peer: mactelnet-client-trixie (mactelnet 0.6.1)" >&2; exit 1; }
    fi
}

fetch_npm_peers() {
    if $want_npm && [[ ! -d $here/npm/node_modules/node-routeros ]]; then
        (cd "$here/npm" && npm ci --no-audit --no-fund --loglevel=error >&2) \
            || { echo "missing peer: node-routeros (npm ci in tests/npm failed)" >&2; exit 1; }
    fi
}

missing=()
for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    keep_mactelnet_service_off
    keep_freeradius_service_off
    keep_mosquitto_service_off
    fetch_trixie
    fetch_npm_peers
    exit 0
fi

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
# A policy-rc.d that answers 101 tells the packages' maintainer scripts not to start any
# service (mactelnet-server's would start at once). Keep the machine's own one if it has one.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# made by macserver tests/install-peers.sh during apt-get install\nexit 101\n' > "$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
fi
echo "installing ${missing[*]}" >&2
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "missing peers: could not install ${missing[*]} with apt-get" >&2
    exit 1
fi
keep_mactelnet_service_off
keep_freeradius_service_off
keep_mosquitto_service_off
fetch_trixie
fetch_npm_peers
