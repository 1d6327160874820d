#!/usr/bin/env bash
# Step 6 of an image: the AOT cache (JEP 483/514) for the image's own runtime. A training run
# boots the firmware from the root file system tree with a stdio console, types the seed's
# configuration and logs out; the classes it loaded and linked go into
# rootfs/opt/macserver/macserver.aot, which macserver-start hands to the JVM at boot.
# Foreign architectures train under qemu user-mode emulation. On the build machine's own
# architecture the start-up (to the end of a session that only logs out) is timed with and
# without the cache, into OUT/startup.txt.
#
# usage: aot.sh PROFILE OUT            (AOT=no, or the profile's aot.cache=no, skips the cache,
#                                      with a note in OUT/aot-note.txt; AOT=yes makes one anyway)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# == 2)) || die "usage: aot.sh PROFILE OUT"
profile=$1 out=$2
root=$(cd "$out/rootfs" && pwd)
arch=$(debian_arch_of "$(profile_require "$profile" architecture)")
cache=$root/opt/macserver/macserver.aot
work=$out/aot-training
rm -rf "$work" "$cache" "$out/aot-note.txt" "$out/startup.txt"
mkdir -p "$work"

# The profile's aot.cache=no leaves the cache out where flash is dearer than start-up time
# (image/README.md measures both); AOT=yes or AOT=no given to make wins.
wanted=${AOT:-$(profile_get "$profile" aot.cache || echo yes)}
if [[ $wanted == no ]]; then
    why="AOT=no"
    [[ -n ${AOT:-} ]] || why="the profile says aot.cache=no"
    echo "AOT cache skipped ($why)" >"$out/aot-note.txt"
    say "AOT cache skipped ($why)"
    exit 0
fi

# HotSpot's minimal VM has no CDS, so no AOT cache: only a server or client VM gets one.
runtime_lib=$root/opt/macserver/runtime/lib
if [[ ! -d $runtime_lib/server && ! -d $runtime_lib/client ]]; then
    echo "the runtime's VM ($(ls -d "$runtime_lib"/*/libjvm.so 2>/dev/null | xargs -rn1 dirname | xargs -rn1 basename | paste -sd, -)) has no CDS" >"$out/aot-note.txt"
    say "no AOT cache: $(cat "$out/aot-note.txt")"
    exit 0
fi

launcher=$(qemu_user_of "$arch")
if [[ -n $launcher ]]; then
    command -v "$launcher" >/dev/null || "$IMAGE_REPO/tests/install-peers.sh" qemu-user-static \
        || die "$launcher is missing (Debian package qemu-user-static)"
    launcher="$launcher -L $root"
fi

# The firmware, started as the image starts it, in a network namespace of its own when root
# (so its REST and MAC planes see nothing of this machine), else on loopback only.
boot() {
    local isolate=()
    if [[ $(id -u) == 0 ]] && command -v unshare >/dev/null; then isolate=(unshare --net); fi
    MACSERVER_ROOT=$root MACSERVER_LAUNCHER=$launcher MACSERVER_CONSOLE=stdio \
        MACSERVER_FLASH=$work/flash.img MACSERVER_TMP=$work "${isolate[@]}" \
        sh "$root/usr/sbin/macserver-start" --rest-listen=127.0.0.1 --rest-port-shift=$((20000 + RANDOM % 20000))
}

seed_session() {
    printf '%s\n' '/ip mac-server add name=my-mac-server' \
        '/ip mac-server binding add mac-address=00:01:02:03:04:05 server=my-mac-server' \
        '/ip mac-server set my-mac-server default' '/ip mac-server print' '/ip mac-server binding print' \
        '/ip mac-server export' '/system resource print' '/quit'
}

say "AOT training run of the firmware on its $arch runtime${launcher:+ (under ${launcher%% *})}"
seed_session | MACSERVER_AOT="-XX:AOTMode=record -XX:AOTConfiguration=$work/macserver.aotconf" boot \
    >"$work/record.log" 2>&1 || { tail -n 20 "$work/record.log" >&2; die "the AOT training run failed (log: $work/record.log)"; }
say "creating the AOT cache"
MACSERVER_AOT="-XX:AOTMode=create -XX:AOTConfiguration=$work/macserver.aotconf -XX:AOTCache=$cache" boot \
    </dev/null >"$work/create.log" 2>&1 || { tail -n 20 "$work/create.log" >&2; die "creating the AOT cache failed (log: $work/create.log)"; }
[[ -s $cache ]] || die "the JVM made no AOT cache (log: $work/create.log)"
say "AOT cache: $(mib "$(size_bytes "$cache")")"

# Start-up with and without the cache, best of three each (the flash is already formatted).
if [[ -z $launcher ]]; then
    time_boot() {
        local best=999999 i start end ms
        for i in 1 2 3; do
            start=$(date +%s%N)
            echo /quit | MACSERVER_AOT=$1 boot >/dev/null 2>&1
            end=$(date +%s%N)
            ms=$(((end - start) / 1000000))
            ((ms < best)) && best=$ms
        done
        echo "$best"
    }
    with=$(time_boot "-XX:AOTCache=$cache")
    without=$(time_boot "-XX:AOTMode=off")
    printf 'start-up to a logged-out console session (best of 3): %s ms with the AOT cache, %s ms without\n' \
        "$with" "$without" | tee "$out/startup.txt" | sed 's/^/image: /' >&2
fi
rm -rf "$work"
