#!/usr/bin/env bash
# Start-up of an image's firmware with and without its AOT cache: the image's own start script,
# runtime and firmware (under qemu user-mode emulation for a foreign architecture), the console on
# standard input and output, a flash store the boot check already formatted, and one /quit typed
# at once: the time from start to the firmware's exit. Best of RUNS runs each way, alternated.
# A figure of the image's README table; not part of `make boot-test`.
#
# usage: startup-time.sh BOARD [RUNS]      (after `make boot-test BOARD=<b>`: its unpacked
#                                          image and flash store are used; root for a namespace)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# >= 1 && $# <= 2)) || die "usage: startup-time.sh BOARD [RUNS]"
profile=$IMAGE_REPO/board/$1.properties
[[ -f $profile ]] || die "no board profile $profile"
runs=${2:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
board=$(profile_require "$profile" name)
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
work=$IMAGE_REPO/image/build/$board/boot-test
root=$work/root
[[ -x $root/usr/sbin/macserver-start && -f $work/flash/macserver.flash ]] \
    || die "no unpacked image or flash store in $work: run 'make boot-test BOARD=$board' first"
[[ $(id -u) == 0 ]] || die "startup-time.sh needs root: the firmware runs in a network namespace of its own"

launcher=$(qemu_user_of "$arch")
[[ -z $launcher ]] || launcher="$launcher -L $root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One start: a copy of the formatted store (each run starts from the same one), milliseconds.
once() {
    local aot=$1 begin end
    cp "$work/flash/macserver.flash" "$tmp/macserver.flash"
    begin=$(date +%s%3N)
    printf '/quit\n' | MACSERVER_ROOT=$root MACSERVER_LAUNCHER=$launcher MACSERVER_CONSOLE=stdio \
        MACSERVER_FLASH=$tmp/macserver.flash MACSERVER_TMP=$tmp MACSERVER_AOT=$aot \
        unshare --net sh "$root/usr/sbin/macserver-start" >"$tmp/console.log" 2>&1 \
        || { tail -n 20 "$tmp/console.log" >&2; die "the firmware ended with an error"; }
    end=$(date +%s%3N)
    grep -q 'MikroTik\|admin@' "$tmp/console.log" || { tail -n 20 "$tmp/console.log" >&2; die "the firmware showed no console"; }
    echo $((end - begin))
}

# Without a cache in the image (the minimal VM has no CDS, so no AOT flags) nothing is turned off.
has_cache=no off=""
[[ ! -f $root/opt/macserver/macserver.aot ]] || has_cache=yes off=-XX:AOTMode=off
best_plain= best_aot=
for ((i = 1; i <= runs; i++)); do
    ms=$(once "$off")
    say "startup: run $i without the AOT cache: $ms ms"
    [[ -n $best_plain ]] && ((best_plain <= ms)) || best_plain=$ms
    if [[ $has_cache == yes ]]; then
        # Empty: the start script takes the image's own cache.
        ms=$(once "")
        say "startup: run $i with the AOT cache: $ms ms"
        [[ -n $best_aot ]] && ((best_aot <= ms)) || best_aot=$ms
    fi
done
with="${best_aot} ms with it"
[[ $has_cache == yes ]] || with="the image has no AOT cache"
echo "startup: $board ($arch${launcher:+, ${launcher%% *}}), start to exit after one /quit, best of $runs: ${best_plain} ms without the AOT cache, $with"
