# Shared by the image scripts (sourced, not run): reading a board profile, progress lines, sizes.
# Every step script sources this file and calls its functions; none of them keeps state here.

# The repository root, wherever a script is started from.
IMAGE_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Prints "image: <what>" on standard error: progress for a person watching a long build.
say() {
    echo "image: $*" >&2
}

die() {
    echo "image: error: $*" >&2
    exit 1
}

# profile_get FILE KEY: the value of KEY in a board profile (.properties: key=value, # comments).
# Values in this repository's profiles are plain words; escapes and continuations are not used.
profile_get() {
    local file=$1 key=$2 line
    line=$(grep -E "^[[:space:]]*${key//./\\.}[[:space:]]*=" "$file" | tail -n 1) || return 1
    line=${line#*=}
    line=${line#"${line%%[![:space:]]*}"}
    printf '%s\n' "${line%"${line##*[![:space:]]}"}"
}

# profile_require FILE KEY: like profile_get, but a missing key stops the build with its name.
profile_require() {
    profile_get "$1" "$2" || die "board profile $1 has no $2="
}

# Size of a file or a folder tree in bytes (apparent size: what goes into the image).
size_bytes() {
    du -sb "$1" | cut -f1
}

# Bytes as MiB with one decimal, for people.
mib() {
    awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'
}

# Runs a command with its output kept in LOG; on failure shows the log's tail and stops.
run_logged() {
    local log=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "'$*' failed (whole log: $log)"
    fi
}

# The GNU triplet of a Debian architecture: where its libraries live and its binutils' prefix.
triplet_of() {
    case $1 in
        amd64) echo x86_64-linux-gnu ;;
        arm64) echo aarch64-linux-gnu ;;
        armhf) echo arm-linux-gnueabihf ;;
        mipsel) echo mipsel-linux-gnu ;;
        *) die "no GNU triplet known for architecture $1" ;;
    esac
}

# The Debian architecture of a profile's architecture= value.
debian_arch_of() {
    case $1 in
        x86_64) echo amd64 ;;
        arm64 | armhf | mipsel) echo "$1" ;;
        *) die "unknown architecture '$1'" ;;
    esac
}

# The qemu user-mode emulator that runs programs of a Debian architecture here (empty: native).
qemu_user_of() {
    local arch=$1
    [[ $arch == "$(dpkg --print-architecture 2>/dev/null || echo amd64)" ]] && return 0
    case $arch in
        arm64) echo qemu-aarch64-static ;;
        armhf) echo qemu-arm-static ;;
        mipsel) echo qemu-mipsel-static ;;
    esac
}

# The Debian release whose packages an architecture's image takes: Debian 13 ("trixie"), except
# for mipsel, which Debian 13 no longer builds (Debian 12, "bookworm", was its last release).
debian_suite_of() {
    case $1 in
        mipsel) echo bookworm ;;
        *) echo trixie ;;
    esac
}

# The Debian mirror this machine's own apt sources name (never written into the project).
debian_mirror() {
    local mirror=""
    if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
        mirror=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ -z $mirror && -f /etc/apt/sources.list ]]; then
        mirror=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
    fi
    [[ -n $mirror ]] || die "no Debian mirror in this machine's apt sources (/etc/apt/sources.list*)"
    echo "$mirror"
}

# The security mirror of this machine's apt sources, or nothing.
debian_security_mirror() {
    {
        [[ ! -f /etc/apt/sources.list.d/debian.sources ]] || awk '/^URIs:/ && $2 ~ /security/ { print $2 }' /etc/apt/sources.list.d/debian.sources
        [[ ! -f /etc/apt/sources.list ]] || awk '$1 == "deb" && $0 ~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) print $i }' /etc/apt/sources.list
    } | head -n 1
}

# Source packages through an apt state of their own (the machine's apt lists, cache and status
# are never read or written): apt options for the state in folder STATE, one word a line
# (mapfile them), and its update with deb-src entries of the mirror this machine's own apt
# sources name, one per SUITE (a SUITE ending in -security from the security mirror, and left
# out where this machine's sources name none). Used by image/runtime/build-runtime.sh (OpenJDK)
# and image/steps/busybox.sh.
debian_source_apt_options() {
    local state=$1
    printf '%s\n' -o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" \
        -o "Dir::State::status=$state/status" -o Debug::NoLocking=true -o quiet=1
}
debian_source_apt_update() {
    local state=$1 mirror security suite options
    shift
    mirror=$(debian_mirror)
    security=$(debian_security_mirror)
    mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
    : >"$state/status"
    for suite in "$@"; do
        if [[ $suite == *-security ]]; then
            [[ -z $security ]] || echo "deb-src $security $suite main"
        else
            echo "deb-src $mirror $suite main"
        fi
    done >"$state/sources.list"
    mapfile -t options < <(debian_source_apt_options "$state")
    run_logged "$state/update.log" apt-get "${options[@]}" update
}

# Memory in use on the machine, from the firmware's "/system resource print" on standard input:
# its total-memory and free-memory are the machine's own (/proc/meminfo: MemTotal, MemAvailable).
memory_in_use() {
    awk -F': *' '/total-memory/ { t = $2 } /free-memory/ { f = $2 }
        END { if (t == "" || f == "") print "unknown"; else printf "%.1f MiB of %.1f MiB\n", (t - f) / 1048576, t / 1048576 }'
}

# The largest resident set (VmRSS) among a process and its descendants, as "<n> MiB (pid <p>)":
# the firmware's JVM under its supervisor (and under qemu user mode, the emulator running it).
largest_rss_under() {
    local queue=("$1") best=0 best_pid="" pid kib
    while ((${#queue[@]} > 0)); do
        pid=${queue[0]}
        queue=("${queue[@]:1}")
        kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        if [[ -n $kib ]] && ((kib > best)); then best=$kib best_pid=$pid; fi
        mapfile -t -O "${#queue[@]}" queue < <(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ')
    done
    if [[ -z $best_pid ]]; then echo unknown; else awk -v k="$best" -v p="$best_pid" 'BEGIN { printf "%.1f MiB (pid %s)\n", k / 1024, p }'; fi
}

# Under qemu user mode a 32-bit guest's memory is mapped below 4 GiB of the emulator's address
# space, and the emulator's own (its code, heap, translation buffer) above: the resident part
# of the low mappings is the guest program's RSS. Prints "<n> MiB", or "unknown".
guest_rss_32bit() {
    awk '/^[0-9a-f]+-[0-9a-f]+ / { split($1, r, "-"); low = (length(r[2]) <= 8) }
        /^Rss:/ { if (low) { g += $2; seen = 1 } }
        END { if (seen) printf "%.1f MiB\n", g / 1024; else print "unknown" }' "/proc/$1/smaps" 2>/dev/null || echo unknown
}
