#!/usr/bin/env bash
# Boot check 1: user-mode emulation. The image is unpacked; its own supervisor, start script,
# runtime and firmware run from it (foreign architectures under qemu user-mode emulation), with
# the console on a pseudo-terminal (socat) and the flash store in a file of this test. The
# seed's configuration is typed on the console, the firmware is stopped with SIGTERM (a clean
# shutdown), started again, and the configuration must still be there.
#
# usage: user-mode.sh PROFILE OUT WORK
#   OUT/<board>.squashfs is the image; WORK is this check's folder (the unpacked image, the
#   flash file WORK/flash/macserver.flash, logs). Prints "user-mode: ..." result lines.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 3)) || die "usage: user-mode.sh PROFILE OUT WORK"
profile=$1 out=$2 work=$3
board=$(profile_require "$profile" name)
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
session=$IMAGE_REPO/image/boot/console-session.exp
password=${BOOT_TEST_PASSWORD:-Image-Check-1}

root=$work/root
rm -rf "$root"
mkdir -p "$work/flash" "$work/tmp"
say "user-mode: unpacking $out/$board.squashfs"
unsquashfs -q -n -d "$root" "$out/$board.squashfs" >/dev/null

launcher=$(qemu_user_of "$arch")
[[ -z $launcher ]] || launcher="$launcher -L $root"
# How long the firmware may take to its login prompt, and to each prompt after: mipsel runs Zero,
# an interpreter only, which under user-mode emulation needs far longer than a JIT VM.
console_timeout=600
[[ $arch != mipsel ]] || { console_timeout=1800; export BOOT_TEST_COMMAND_TIMEOUT_S=${BOOT_TEST_COMMAND_TIMEOUT_S:-300}; }
console_timeout=${BOOT_TEST_CONSOLE_TIMEOUT_S:-$console_timeout}

pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# socat makes the console line: the firmware opens WORK/ttyS0, the session talks on WORK/host.
rm -f "$work/ttyS0" "$work/host"
socat PTY,link="$work/ttyS0",raw,echo=0 PTY,link="$work/host",raw,echo=0 &
pids+=($!)
for _ in $(seq 50); do [[ -e $work/ttyS0 && -e $work/host ]] && break; sleep 0.1; done

# One boot: the supervisor keeps the firmware up; its own network namespace when root.
boot() {
    local isolate=()
    if [[ $(id -u) == 0 ]]; then isolate=(unshare --net); fi
    MACSERVER_ROOT=$root MACSERVER_LAUNCHER=$launcher MACSERVER_CONSOLE=$work/ttyS0 \
        MACSERVER_FLASH=$work/flash/macserver.flash MACSERVER_TMP=$work/tmp \
        "${isolate[@]}" sh "$root/usr/sbin/macserver-supervise" \
        sh "$root/usr/sbin/macserver-start" --rest-listen=127.0.0.1 --rest-port-shift=$((20000 + RANDOM % 20000)) \
        >>"$work/firmware.log" 2>&1 &
    supervisor=$!
    pids+=("$supervisor")
}

# Stops the supervisor as init does at power-off; it must stop the firmware and end with 0.
shutdown() {
    local status=0
    kill -TERM "$supervisor"
    wait "$supervisor" || status=$?
    ((status == 0)) || die "user-mode: the supervisor ended with status $status (log: $work/firmware.log)"
    grep -q 'macserver-supervise: stopped' "$work/firmware.log" || die "user-mode: the supervisor did not stop cleanly"
}

seed=('/ip mac-server add name=my-mac-server'
    '/ip mac-server binding add mac-address=00:01:02:03:04:05 server=my-mac-server'
    '/ip mac-server set my-mac-server default'
    '/ip mac-server print' '/ip mac-server binding print' '/system resource print')

say "user-mode: boot 1 (blank flash): login, the seed's commands, shutdown"
: >"$work/firmware.log"
started=$(date +%s%3N)
boot
expect -f "$session" "$work/host" "$password" yes "$started" "$console_timeout" "${seed[@]}" >"$work/console-1.log" 2>&1 \
    || { tail -n 20 "$work/console-1.log" >&2; die "user-mode: the first console session failed (log: $work/console-1.log, $work/firmware.log)"; }
shutdown
first_ready=$(sed -n 's/^ready-console-ms=//p' "$work/console-1.log" | tr -d '\r')

say "user-mode: boot 2: the configuration must have survived"
started=$(date +%s%3N)
boot
expect -f "$session" "$work/host" "$password" no "$started" "$console_timeout" '/ip mac-server print' '/ip mac-server binding print' \
    '/system resource print' >"$work/console-2.log" 2>&1 \
    || { tail -n 20 "$work/console-2.log" >&2; die "user-mode: the second console session failed (log: $work/console-2.log)"; }
rss=$(largest_rss_under "$supervisor")
guest_rss=""
if [[ $launcher == qemu-arm-static* || $launcher == qemu-mipsel-static* ]]; then
    guest_rss=$(guest_rss_32bit "$(sed -n 's/.*(pid \([0-9]*\)).*/\1/p' <<<"$rss")")
fi
shutdown
second_ready=$(sed -n 's/^ready-console-ms=//p' "$work/console-2.log" | tr -d '\r')
tr -d '\r' <"$work/console-2.log" | grep -Eq '^ *0 +\* +my-mac-server' \
    || die "user-mode: my-mac-server (default) is gone after a restart (log: $work/console-2.log)"
tr -d '\r' <"$work/console-2.log" | grep -q '00:01:02:03:04:05 *my-mac-server' \
    || die "user-mode: the binding is gone after a restart (log: $work/console-2.log)"

# Memory in use on the machine: /system resource's total-memory less free-memory (/proc/meminfo).
resource=$(tr -d '\r' <"$work/console-2.log" | sed -n '/system resource print/,/admin@/p')
echo "user-mode: $board ($arch${launcher:+, ${launcher%% *}}): console ready ${first_ready} ms after start on a blank flash, ${second_ready} ms on the second boot"
echo "user-mode: memory in use on the machine after boot and the commands: $(memory_in_use <<<"$resource")"
echo "user-mode: RSS of the firmware process after the second session: $rss${launcher:+ (the ${launcher%% *} process: emulator and translated code included)}"
[[ -z $guest_rss ]] || echo "user-mode: of which the $arch guest's own memory (mappings below 4 GiB): $guest_rss"
echo "user-mode: seed configuration typed, clean shutdown twice (supervisor status 0), configuration kept"
