#!/usr/bin/env bash
# Boot check 2: the whole system under qemu-system-*, the closest this machine gets to flashing
# a RouterBOARD. Debian 13's kernel for the architecture (Debian 12's for mipsel) boots the image
# as its root file system (a virtio disk; a small initramfs loads the drivers Debian builds as
# modules), the flash partition is a second virtio disk (ext4, holding the store file the
# user-mode check left), the serial console is a host pty, and the network card is a tap inside a network namespace
# made for this check: from there macping and mactelnet must reach the MAC server. qemu's
# power button (on the MIPS Malta board, which has none, a key of its keyboard) then asks for a
# clean power-off.
#
# usage: system.sh PROFILE OUT WORK     (the architectures of the block below)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 3)) || die "usage: system.sh PROFILE OUT WORK"
profile=$1 out=$2 work=$3
board=$(profile_require "$profile" name)
arch=$(profile_require "$profile" architecture)

# The emulated machine, one block per architecture: Debian's kernel package (a metapackage
# naming the current kernel), qemu with its machine and CPU, the serial console's device and RAM;
# where they differ from the ARM virt machines' below, the initramfs's modules, the qemu monitor
# command that presses the power key, and how long the console (to its login prompt, and to each
# prompt after) and MAC-Telnet may take.
initramfs_modules=(virtio_blk squashfs crc32c_generic ext4 virtio_net gpio_keys evdev)
power_command=system_powerdown
# 50 s to the login prompt on a quiet machine (hap-ac2), 579 s while the machine ran four other
# developers' builds (load average 20).
console_timeout=1200
command_timeout=60
power_off_timeout=120
# How long the first MAC-Ping after the console session may go unanswered.
first_ping_timeout=60
# Where the machine has a second serial line: the firmware's log goes there (qemu options, kernel option).
log_serial=()
log_option=
case $arch in
    arm64)
        kernel_package=linux-image-arm64
        qemu=(qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2)
        console_tty=ttyAMA0
        ram_mib=1024
        ;;
    armhf)
        # Debian's armmp kernel (ARMv7 without LPAE, so it runs on any ARMv7 board) cannot reach
        # the virt machine's PCI space above 4 GiB: highmem=off keeps it low. The board's own RAM
        # (the hAP ac2's 128 MiB), so the check also shows the firmware fits beside the kernel.
        kernel_package=linux-image-armmp
        qemu=(qemu-system-arm -M virt,highmem=off -cpu cortex-a15 -smp 2)
        console_tty=ttyAMA0
        ram_mib=$(profile_require "$profile" ram-mib)
        ;;
    mipsel)
        # The MIPS Malta board (qemu's default 24Kf CPU, one core) with Debian 12's kernel for it:
        # the hEX's MT7621 has no qemu model. Its UART is ttyS0, its PCI takes the virtio cards
        # (virtio_pci a module here), and up to 256 MiB of RAM: the hEX's own. It has no power
        # button: its PS/2 keyboard (built in) stands in, a key pressed through qemu's monitor.
        kernel_package=linux-image-4kc-malta
        # No VGA card: its BIOS is not installed with qemu-system-mips, and the console is serial.
        # A virtio RNG: under TCG the Malta's cycle counter follows qemu's virtual clock, too
        # regular for the kernel's jitter entropy, and little else feeds its random pool; a real
        # MT7621's jitter is real. Without it two runs showed no prompt 10 and 20 minutes after
        # the console's password; with it one run logged in about 5 minutes after it and passed
        # boot 1, and one (under a CI run) went past 600 s: whether the RNG or the machine's load
        # decided is not settled.
        qemu=(qemu-system-mipsel -M malta -vga none -device virtio-rng-pci)
        console_tty=ttyS0
        ram_mib=$(profile_require "$profile" ram-mib)
        initramfs_modules=(virtio_pci virtio_blk squashfs crc32c_generic ext4 virtio_net evdev virtio_rng)
        power_command="sendkey power"
        # The Malta's second UART (ttyS1) carries the firmware's log into a file of the check's
        # (the kernel log, where it goes otherwise, is lost at power-off).
        log_serial=(-serial "file:$work/firmware-%s.log")
        log_option=macserver.log=/dev/ttyS1
        # Zero interprets every method, and TCG emulates every instruction of it.
        console_timeout=2400
        # A console login checks the password's PBKDF2 hash: GNU Nettle's (pbkdf2.library) since
        # the JDK's, interpreted, took some 5 minutes here; the limit stays generous for Zero.
        command_timeout=600
        # The first frames after boot run the data path's code for the first time, interpreted
        # and emulated: a first MAC-Ping took longer than macping's one-second wait (all three of
        # one run's went unanswered straight after the console session).
        first_ping_timeout=600
        power_off_timeout=600
        # Each Enter typed before the console is up is answered later with a prompt, at more
        # than a second each here: fewer of them.
        export BOOT_TEST_ENTER_INTERVAL_S=${BOOT_TEST_ENTER_INTERVAL_S:-10}
        ;;
    *)
        die "the full-system check has no emulated machine for $arch boards"
        ;;
esac
ram_mib=${BOOT_TEST_RAM_MIB:-$ram_mib}

[[ $(id -u) == 0 ]] || die "the full-system check needs root (a network namespace and a tap device)"
cache=${IMAGE_CACHE:-$IMAGE_REPO/image/build/cache}/$(debian_suite_of "$arch")-$arch
boot=$IMAGE_REPO/image/boot
password=${BOOT_TEST_PASSWORD:-Image-Check-1}
mac=52:54:00:4d:53:01
ns=msrv-img-$$

# Debian's kernel, once.
kernel_root=$cache/kernel
if [[ ! -f $kernel_root/.complete ]]; then
    package=$("$IMAGE_REPO/image/steps/fetch-debian.sh" "$arch" "$cache" depends "$kernel_package" | grep '^linux-image-' | head -n 1)
    [[ -n $package ]] || die "cannot tell which kernel package $kernel_package stands for"
    say "system: fetching Debian's $package"
    rm -rf "$kernel_root"
    "$IMAGE_REPO/image/steps/fetch-debian.sh" "$arch" "$cache" unpack "$kernel_root" "$package" >/dev/null
    touch "$kernel_root/.complete"
fi
kernel=$(echo "$kernel_root"/boot/vmlinuz-*)
"$boot/initramfs.sh" "$kernel_root" "$work/root" "$work/initrd.gz" "${initramfs_modules[@]}"

# The flash partition: an ext2 disk (mounted by the ext4 driver) holding the store file, made
# without mounting anything.
mkdir -p "$work/flash"
first=yes
[[ ! -f $work/flash/macserver.flash ]] || first=no
disk_kib=$(($(du -sk "$work/flash" | cut -f1) + 65536))
rm -f "$work/flash-disk.img"
mke2fs -q -t ext2 -d "$work/flash" -F "$work/flash-disk.img" "${disk_kib}k" >/dev/null

qemu_pid=
cleanup() {
    [[ -z $qemu_pid ]] || kill "$qemu_pid" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" ip tuntap add dev tap0 mode tap
ip -n "$ns" link set tap0 up
# The MAC-Telnet clients send UDP broadcasts, so their end needs an IPv4 address and a route for
# 255.255.255.255 (a documentation address, inside this namespace only).
ip -n "$ns" address add 192.0.2.2/24 dev tap0
ip -n "$ns" route add 255.255.255.255/32 dev tap0

# Starts the machine (the flash disk as the last boot left it) and finds its console pty: sets
# qemu_pid, pty and started. $1 names the boot in the logs.
boot_machine() {
    say "system: boot $1: $board.squashfs under ${qemu[0]} (namespace $ns)"
    started=$(date +%s%3N)
    # Made here, not by the background job's redirection: the loop below may read it first.
    : >"$work/qemu-$1.log"
    ip netns exec "$ns" "${qemu[@]}" -m "$ram_mib" \
        -display none -no-reboot -kernel "$kernel" -initrd "$work/initrd.gz" \
        -append "console=$console_tty quiet loglevel=3 rdinit=/init macserver.console=/dev/$console_tty macserver.flash=/dev/vdb macserver.flashfs=ext4 macserver.powerkey=/dev/input/event0 $log_option" \
        -drive "file=$out/$board.squashfs,if=none,format=raw,id=image,readonly=on" -device virtio-blk-pci,drive=image \
        -drive "file=$work/flash-disk.img,if=none,format=raw,id=flash" -device virtio-blk-pci,drive=flash \
        -netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device "virtio-net-pci,netdev=n0,mac=$mac,romfile=" \
        -chardev pty,id=c0 -serial chardev:c0 "${log_serial[@]//%s/$1}" -monitor "unix:$work/monitor-$1,server,nowait" \
        >"$work/qemu-$1.log" 2>&1 &
    qemu_pid=$!
    pty=
    for _ in $(seq 100); do
        pty=$(sed -n 's/.*char device redirected to \(\/dev\/pts\/[0-9]*\).*/\1/p' "$work/qemu-$1.log")
        [[ -z $pty ]] || break
        sleep 0.1
    done
    [[ -n $pty ]] || die "system: qemu made no console pty (log: $work/qemu-$1.log)"
}

# qemu's power button; the machine must say its flash is unmounted and end within
# power_off_timeout seconds.
press_power_button() {
    say "system: boot $1: pressing the power button"
    socat -u "$pty,raw,echo=0" "CREATE:$work/shutdown-console-$1.log" &
    local reader=$!
    echo "$power_command" | socat - "UNIX-CONNECT:$work/monitor-$1" >/dev/null
    for _ in $(seq $((power_off_timeout * 10))); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$reader" 2>/dev/null || true
    if kill -0 "$qemu_pid" 2>/dev/null; then
        die "system: still running $power_off_timeout s after the power button (console: $work/shutdown-console-$1.log)"
    fi
    wait "$qemu_pid" || true
    qemu_pid=
    grep -q 'flash unmounted' "$work/shutdown-console-$1.log" || die "system: no clean power-off on the console (log: $work/shutdown-console-$1.log)"
}

console_timeout=${BOOT_TEST_CONSOLE_TIMEOUT_S:-$console_timeout}
export BOOT_TEST_COMMAND_TIMEOUT_S=${BOOT_TEST_COMMAND_TIMEOUT_S:-$command_timeout}
# Boot 1 names the router after the board: boot 2 must still call it so.
identity=$board-system
boot_machine 1
expect -f "$boot/console-session.exp" "$pty" "$password" "$first" "$started" "$console_timeout" \
    '/ip mac-server print' '/interface print' '/system resource print' \
    "/user set admin allow-md5-login=yes password=$password" "/system identity set name=$identity" >"$work/system-console.log" 2>&1 \
    || { tail -n 20 "$work/system-console.log" >&2; die "system: the console session failed (log: $work/system-console.log)"; }
ready=$(sed -n 's/^ready-console-ms=//p' "$work/system-console.log" | tr -d '\r')

# Debian 12's mactelnet 0.4.4 logs in with the legacy MD5 scheme, which the console allowed above.
say "system: macping and mactelnet from namespace $ns to $mac"
# One MAC-Ping at a time until one is answered, then the three counted. macping prints the MAC
# without leading zeros, so its summary line is what is read.
ping_started=$(date +%s%3N)
first_answer_ms=
: >"$work/macping-first.log"
while (($(date +%s%3N) - ping_started < first_ping_timeout * 1000)); do
    ip netns exec "$ns" macping "$mac" -c 1 >"$work/macping-try.log" 2>&1 || true
    cat "$work/macping-try.log" >>"$work/macping-first.log"
    if grep -q ' 1 packets received' "$work/macping-try.log"; then
        first_answer_ms=$(($(date +%s%3N) - ping_started))
        break
    fi
done
[[ -n $first_answer_ms ]] || die "system: macping got no answer in $first_ping_timeout s (log: $work/macping-first.log)"
ip netns exec "$ns" macping "$mac" -c 3 >"$work/macping.log" 2>&1 || true
replies=$(sed -n 's/.* \([0-9][0-9]*\) packets received.*/\1/p' "$work/macping.log")
((${replies:-0} > 0)) || die "system: macping answered once, then none of 3 (log: $work/macping.log)"
expect -f "$boot/mactelnet-session.exp" "$ns" "$mac" "$password" >"$work/mactelnet.log" 2>&1 \
    || { tail -n 20 "$work/mactelnet.log" >&2; die "system: the MAC-Telnet session failed (log: $work/mactelnet.log)"; }
tr -d '\r' <"$work/mactelnet.log" | grep -q 'my-mac-server' || [[ $first == yes ]] \
    || die "system: the MAC-Telnet session did not show my-mac-server (log: $work/mactelnet.log)"
press_power_button 1

# Boot 2: the same flash disk; the password and identity of boot 1 must have been kept.
boot_machine 2
expect -f "$boot/console-session.exp" "$pty" "$password" no "$started" "$console_timeout" '/system identity print' '/ip mac-server print' \
    >"$work/system-console-2.log" 2>&1 \
    || { tail -n 20 "$work/system-console-2.log" >&2; die "system: the console session after the reboot failed (log: $work/system-console-2.log)"; }
ready_2=$(sed -n 's/^ready-console-ms=//p' "$work/system-console-2.log" | tr -d '\r')
tr -d '\r' <"$work/system-console-2.log" | grep -q "name: $identity" \
    || die "system: the identity set before the reboot is gone (log: $work/system-console-2.log)"
press_power_button 2

resource=$(tr -d '\r' <"$work/system-console.log" | sed -n '/system resource print/,/admin@/p')
echo "system: $board under ${qemu[*]} -m $ram_mib (TCG): console ready ${ready} ms after qemu started, ${ready_2} ms after the reboot"
echo "system: memory in use on the machine after boot and the commands: $(memory_in_use <<<"$resource")"
echo "system: macping: the first answered $first_answer_ms ms after the first try, then $replies of 3; mactelnet: logged in and listed the MAC servers; power button: clean power-off; identity and password kept across the reboot"
