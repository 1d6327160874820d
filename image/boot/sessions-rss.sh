#!/usr/bin/env bash
# Memory of a board image's firmware with N MAC-Telnet sessions logged in: the image's own
# runtime and firmware (under qemu user mode for a foreign architecture) in a network namespace
# of its own, joined by a veth pair to a client namespace where Debian's mactelnet (0.4.4, MD5
# login) opens the sessions. Prints the firmware's RSS idle and with the sessions; for a 32-bit
# guest (armhf, mipsel) the guest's own pages (see guest_rss_32bit), not the emulator's. Root only.
#
# usage: image/boot/sessions-rss.sh BOARD [SESSIONS]     (after make image BOARD=...)
#   HOST_JAVA=/path/to/java runs the image's firmware on this machine's JVM instead, with the
#   profile's options: the same measurement for the host.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# >= 1 && $# <= 2)) || die "usage: sessions-rss.sh BOARD [SESSIONS]"
profile=$IMAGE_REPO/board/$1.properties
[[ -f $profile ]] || die "no board profile $1"
sessions=${2:-10}
[[ $(id -u) == 0 ]] || die "sessions-rss: needs root (network namespaces)"
board=$(profile_require "$profile" name)
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
root=$IMAGE_REPO/image/build/$board/rootfs
[[ -x $root/opt/macserver/runtime/bin/java ]] || die "no image tree in $root: run 'make image BOARD=$board' first"
command -v mactelnet >/dev/null || "$IMAGE_REPO/tests/install-peers.sh" mactelnet-client expect iproute2
password=Rss-Check-1
router=msrv-rss-$$-r client=msrv-rss-$$-c
work=$(mktemp -d)
firmware_pid=""

cleanup() {
    [[ -z $firmware_pid ]] || kill "$firmware_pid" 2>/dev/null || true
    kill $(jobs -p) 2>/dev/null || true
    sleep 1
    ip netns del "$router" 2>/dev/null || true
    ip netns del "$client" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$router"
ip netns add "$client"
ip link add "rss$$a" type veth peer name "rss$$b"
ip link set "rss$$a" netns "$router"
ip link set "rss$$b" netns "$client"
ip -n "$router" link set "rss$$a" name ether1
ip -n "$router" link set ether1 up
ip -n "$router" link set lo up
ip -n "$client" link set "rss$$b" name eth0
ip -n "$client" link set eth0 up
ip -n "$client" link set lo up
# mactelnet 0.4.4 only uses interfaces with an IPv4 address, and sends to the broadcast address.
ip -n "$client" address add 192.0.2.2/24 dev eth0
ip -n "$client" route add 255.255.255.255/32 dev eth0
mac=$(ip -n "$router" link show ether1 | awk '/link\/ether/ { print $2 }')
# How long the console's commands and each session's login may take: far longer for mipsel's
# Zero (an interpreter only) under emulation.
wait_s=300
[[ $arch != mipsel || -n ${HOST_JAVA:-} ]] || { wait_s=1800; export BOOT_TEST_COMMAND_TIMEOUT_S=${BOOT_TEST_COMMAND_TIMEOUT_S:-600}; }

read -r -a jvm_options <<<"$(profile_require "$profile" jvm.options)"
if [[ -n ${HOST_JAVA:-} ]]; then
    launch=("$HOST_JAVA") where="this machine's JVM ($HOST_JAVA)"
else
    launcher=$(qemu_user_of "$arch")
    launch=(${launcher:+$launcher -L "$root"} "$root/opt/macserver/runtime/bin/java")
    where="the image's runtime${launcher:+ under $launcher}"
fi
mkfifo "$work/console"
# The malloc arenas macserver-start allows (a value given here wins, as there).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
ip netns exec "$router" "${launch[@]}" "${jvm_options[@]}" --enable-native-access=ALL-UNNAMED \
    -Djava.io.tmpdir="$work" -jar "$root/opt/macserver/firmware/macserver.jar" \
    --board="$root/etc/macserver/board.properties" --flash="$work/flash.img" --console=stdio \
    --interfaces=ether1 --rest-listen=127.0.0.1 --rest-port-shift=$((20000 + RANDOM % 20000)) \
    <"$work/console" >"$work/firmware.log" 2>&1 &
firmware_pid=$!
exec 3>"$work/console"
printf '%s\n' '/ip mac-server add name=my-mac-server' '/ip mac-server set my-mac-server default' \
    "/user set admin allow-md5-login=yes password=$password" >&3
for _ in $(seq "$wait_s"); do grep -q 'allow-md5-login' "$work/firmware.log" && break; sleep 1; done
grep -q 'allow-md5-login' "$work/firmware.log" || die "sessions-rss: the console did not take the commands"
sleep 5

# The JVM's process: the one under ip netns exec whose command line names this run's flash.
jvm=$(pgrep -f "$work/flash.img" | head -n 1)
rss() {
    if [[ ($arch == armhf || $arch == mipsel) && -z ${HOST_JAVA:-} && -n $(qemu_user_of "$arch") ]]; then
        echo "$(guest_rss_32bit "$jvm") (guest pages; the emulator process: $(awk '/^VmRSS:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$jvm/status"))"
    else
        awk '/^VmRSS:/ { printf "%.1f MiB\n", $2 / 1024 }' "/proc/$jvm/status"
    fi
}
idle=$(rss)

hold=$((sessions * 3 + wait_s))
for i in $(seq "$sessions"); do
    expect -f "$IMAGE_REPO/image/boot/mactelnet-hold.exp" "$client" "$mac" "$password" "$hold" >"$work/session-$i.log" 2>&1 &
    sleep 2
done
for _ in $(seq $((wait_s / 2))); do
    ((($(grep -l 'logged in' "$work"/session-*.log 2>/dev/null | wc -l)) >= sessions)) && break
    sleep 2
done
logged=$(grep -l 'logged in' "$work"/session-*.log 2>/dev/null | wc -l)
sleep 10
echo "sessions-rss: $board on $where, options: ${jvm_options[*]}, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
echo "sessions-rss: idle after the seed's commands: $idle"
echo "sessions-rss: with $logged of $sessions MAC-Telnet sessions logged in: $(rss)"
((logged == sessions)) || die "sessions-rss: only $logged of $sessions sessions logged in"
