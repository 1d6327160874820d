#!/usr/bin/env bash
# The boards' table of image/README.md, measured in one run: for each board, its image built
# afresh (size, budget, goal, the runtime it took), the user-mode boot check (console ready on
# a blank flash and on the second boot), start-up with and without the image's AOT cache
# (startup-time.sh) and the firmware's RSS idle and with 10 MAC-Telnet sessions
# (sessions-rss.sh). One board after another, nothing else of ours running meanwhile, so the
# rows can be compared. Prints a Markdown table at the end and keeps every step's output.
#
# usage: image/boot/board-table.sh BOARD...        (root: namespaces; OUT: image/build/board-table)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

(($# >= 1)) || die "usage: board-table.sh BOARD..."
[[ $(id -u) == 0 ]] || die "board-table.sh needs root (the RSS and start-up checks use network namespaces)"
out=$IMAGE_REPO/image/build/board-table
mkdir -p "$out"
rows=()

# The value of KEY in a properties file, or "-".
prop() {
    local value
    value=$(sed -n "s/^$2=//p" "$1" | head -n 1)
    echo "${value:--}"
}

for board in "$@"; do
    profile=$IMAGE_REPO/board/$board.properties
    [[ -f $profile ]] || die "no board profile $board"
    log=$out/$board.log
    say "board-table: $board (log $log)"
    {
        # A board whose profile leaves the AOT cache out (aot.cache=no) is measured with one
        # first, so the table shows what the cache would cost and save.
        if [[ $(prop "$profile" aot.cache) == no ]]; then
            echo "== make image, AOT=yes"
            AOT=yes "$IMAGE_REPO/image/build-image.sh" "$profile"
            echo "with-aot image.bytes=$(prop "$IMAGE_REPO/image/build/$board/manifest.properties" image.bytes)"
            BOOT_TEST=user-mode "$IMAGE_REPO/image/boot-test.sh" "$profile"
            "$IMAGE_REPO/image/boot/startup-time.sh" "$board" 3 | sed 's/^startup:/with-aot startup:/'
        fi
        echo "== make image"
        "$IMAGE_REPO/image/build-image.sh" "$profile"
        echo "== user-mode boot check"
        BOOT_TEST=user-mode "$IMAGE_REPO/image/boot-test.sh" "$profile"
        echo "== start-up"
        "$IMAGE_REPO/image/boot/startup-time.sh" "$board" 3
        echo "== RSS"
        "$IMAGE_REPO/image/boot/sessions-rss.sh" "$board" 10
    } >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "board-table: $board failed (log $log)"; }

    manifest=$IMAGE_REPO/image/build/$board/manifest.properties
    bytes=$(prop "$manifest" image.bytes)
    size="$(mib "$bytes") ($bytes bytes)"
    budget=$(prop "$profile" image.budget-mib)
    goal=$(prop "$profile" image.goal-mib)
    goal_text=none
    if [[ $goal != - ]]; then
        goal_text="$goal MiB: not met"
        ((bytes > goal * 1048576)) || goal_text="$goal MiB: met"
    fi
    aot=$(prop "$manifest" aot-cache)
    if [[ $aot == no* ]]; then aot=none; else aot="$(mib "$(prop "$manifest" part.aot-cache.squashed)") squashed"; fi
    with_aot=$(sed -n 's/^with-aot image.bytes=//p' "$log")
    if [[ -n $with_aot ]]; then
        aot="none (with one: image $(mib "$with_aot"); $(sed -n 's/^with-aot startup: .*best of [0-9]*: //p' "$log"))"
    fi
    console=$(sed -n 's/.*console ready \([0-9]*\) ms after start on a blank flash, \([0-9]*\) ms on the second boot.*/\1 ms \/ \2 ms/p' "$log" | head -n 1)
    startup=$(sed -n 's/^startup: .*best of [0-9]*: //p' "$log" | head -n 1)
    idle=$(sed -n 's/^sessions-rss: idle after the seed.s commands: \([0-9.]* MiB\).*/\1/p' "$log" | head -n 1)
    busy=$(sed -n 's/^sessions-rss: with .* logged in: \([0-9.]* MiB\).*/\1/p' "$log" | head -n 1)
    rows+=("| $board | $(prop "$manifest" runtime.source) | $size | $budget MiB / $goal_text | $aot | $idle / $busy | $console | $startup |")
done

{
    echo "| board | runtime | image | budget / goal | AOT cache | RSS idle / 10 MAC-Telnet sessions | user-mode console ready, blank flash / second boot | start to exit after one /quit |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} | tee "$out/table.md"
