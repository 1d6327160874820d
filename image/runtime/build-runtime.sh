#!/usr/bin/env bash
# Builds our own Java runtime for one ARM or MIPS architecture from OpenJDK's source, once, into
# the image cache: `make runtime ARCH=armhf|arm64|mipsel` runs this. Images take it by default
# (runtime=own-<variant> in a board profile; see image/README.md). ARCH=amd64 builds natively on
# this x86-64 machine, for the benchmarks that compare the VM variants on the host.
#
# usage: image/runtime/build-runtime.sh ARCH [VARIANT]
#   ARCH     armhf, arm64 or mipsel (cross), amd64 (native)
#   VARIANT  the HotSpot variant: minimal (default), client or server; zero, the only one for
#            mipsel (HotSpot has no 32-bit MIPS port: Zero is its interpreter in C++, on libffi)
# Environment:
#   IMAGE_CACHE=DIR      the image cache (default image/build/cache); this build lives in
#                        DIR/runtime/<source>-<arch>-<variant>/, the source in DIR/runtime/source/
#   RUNTIME_JOBS=N       make's parallel jobs (default: the number of cores)
#   RUNTIME_MODULES="…"  the modules whose jmods are built (default: the keep lines of
#                        image/runtime/modules.conf)
#   RUNTIME_OPT_SIZE=yes|no  HotSpot compiled for size with link-time optimisation (default: yes
#                        for the minimal VM, no otherwise); read at the configure stage (delete
#                        configure.done and make.done to change a build)
#
# Stages, each recorded by a done-marker (<stage>.done) in the build's folder, so that a run
# after an interruption goes on from the first stage not done:
#   1 source     apt-get source of openjdk-25 (each version the mirror lists), else openjdk-26,
#                with a private apt state of deb-src entries; unpacked
#   2 sysroot    the target's Debian 12 libraries and headers (the cross compilers are Debian
#                12's), unpacked with dpkg -x
#   3 configure  OpenJDK's configure, cross, for the variant (after our patches to the source,
#                image/runtime/patches/*.patch, each applied once)
#   4 make       the jmods of RUNTIME_MODULES (and, for a JDK 26 source, the build JDK first)
#   5 jmods      a jlink-ready folder: jmods/, the build machine's jlink for them, release
# The make stage is itself resumable: make only redoes what is not built yet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/common.sh"

(($# >= 1 && $# <= 2)) || die "usage: build-runtime.sh armhf|arm64|mipsel|amd64 [minimal|client|server|zero]"
arch=$1 variant=${2:-}
case $arch in armhf | arm64 | mipsel | amd64) ;; *) die "ARCH must be armhf, arm64, mipsel or amd64, not '$arch'" ;; esac
# mipsel has Zero only; everywhere else the minimal VM is the default.
if [[ $arch == mipsel ]]; then
    [[ -z $variant || $variant == zero ]] || die "mipsel has no HotSpot port: VARIANT must be zero"
    variant=zero
fi
variant=${variant:-minimal}
# A native build (the machine's own architecture) needs no cross compiler, sysroot or build JDK.
native=no
[[ $arch != "$(dpkg --print-architecture 2>/dev/null || echo amd64)" ]] || native=yes
case $variant in minimal | client | server | zero) ;; *) die "VARIANT must be minimal, client, server or zero" ;; esac
triplet=$(triplet_of "$arch")
cache=${IMAGE_CACHE:-$IMAGE_REPO/image/build/cache}/runtime
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
jobs=${RUNTIME_JOBS:-$(nproc)}
# The modules the images link: the keep lines of modules.conf (why each, there).
modules=${RUNTIME_MODULES:-$(awk '$1 == "keep" { print $2 }' "$here/modules.conf" | xargs)}
started=$(date +%s)

# Progress: "runtime: [n/5] <stage> ..." and, when a stage ends, its elapsed seconds.
stage_started=0
stage_begin() {
    stage_started=$(date +%s)
    echo "runtime: [$1/5] $2" >&2
}
stage_end() {
    local seconds=$(($(date +%s) - stage_started))
    echo "runtime: [$1/5] done in $seconds s" >&2
    # Every stage's time of every run, so the last run can say what the whole build took.
    [[ -z ${build:-} ]] || echo "$1 $seconds $(date -u +%FT%TZ)" >>"$build/times.log"
}

# A private apt state for source packages (deb-src of the mirror this machine's own apt sources
# name): trixie, trixie-updates, trixie-security, forky, sid (common.sh's debian_source_apt_*).
apt_state=$cache/source/apt
apt_source_options() {
    debian_source_apt_options "$apt_state" | tr '\n' ' '
}
prepare_apt_sources() {
    debian_source_apt_update "$apt_state" trixie trixie-updates forky sid trixie-security
}

# Stage 1: the source. Tries every openjdk-25 version the lists name (the mirror may list a .dsc
# whose files it does not hold), then openjdk-26. Writes source/chosen: "<package> <version> <dir>".
fetch_source() {
    local dir=$cache/source package version
    mkdir -p "$dir"
    prepare_apt_sources
    for package in openjdk-25 openjdk-26; do
        # shellcheck disable=SC2046
        for version in $(apt-cache $(apt_source_options) showsrc "$package" 2>/dev/null \
            | awk '/^Version:/ { print $2 }' | sort -rV | uniq); do
            say "trying $package $version"
            # shellcheck disable=SC2046
            if (cd "$dir" && apt-get $(apt_source_options) source --download-only "$package=$version" \
                >"$dir/download-$package-$version.log" 2>&1); then
                local upstream=${version%-*} orig
                orig=$dir/${package}_${upstream}.orig.tar.xz
                [[ -f $orig ]] || die "apt-get source left no $orig"
                say "unpacking $(basename "$orig")"
                rm -rf "$dir/$package-$upstream"
                tar -C "$dir" -xJf "$orig"
                [[ -x $dir/$package-$upstream/configure ]] || die "no configure in $dir/$package-$upstream"
                echo "$package $version $dir/$package-$upstream" >"$dir/chosen"
                return
            fi
            say "$package $version: not downloadable here ($(grep -m1 -o '[0-9]\{3\} [A-Za-z ]*' \
                "$dir/download-$package-$version.log" || echo failed))"
        done
    done
    die "no openjdk-25 or openjdk-26 source package could be downloaded (logs in $dir)"
}

if [[ ! -f $cache/source/chosen ]]; then
    stage_begin 1 "source: openjdk-25 from Debian's source packages, else openjdk-26"
    fetch_source
    stage_end 1
fi
read -r source_package source_version source_dir <"$cache/source/chosen"
# chosen names the folder by the absolute path of the checkout that unpacked it; the cache may be
# shared by several checkouts (a symlink) and that one gone: the folder is the one in source/.
source_dir=$cache/source/$(basename "$source_dir")
[[ -x $source_dir/configure ]] || die "no configure in $source_dir: delete $cache/source/chosen to fetch the source again"
feature=${source_package#openjdk-}

# Our patches to the source (image/runtime/patches/, why each in its header), applied to the
# shared source folder once: a patch that applies in reverse is in already. They touch code only
# some variants compile (Zero's), so a build of another variant is not changed by them; make
# recompiles what a newly applied patch touches.
for fix in "$here"/patches/*.patch; do
    [[ -f $fix ]] || continue
    if patch -d "$source_dir" -p1 -R --dry-run -s -f <"$fix" >/dev/null 2>&1; then continue; fi
    patch -d "$source_dir" -p1 -N -s -f <"$fix" >/dev/null || die "$(basename "$fix") does not apply to $source_dir"
    echo "runtime: applied $(basename "$fix")" >&2
    # A build made before the patch runs make again (which recompiles only what it touches).
    rm -f "$cache/$source_package"-*/make.done
done
build=$cache/$source_package-$arch-$variant
mkdir -p "$build"
echo "runtime: [1/5] source: $source_package $source_version ($source_dir); building in $build" >&2

# Stage 2: the sysroot, from Debian 12 (bookworm): the same C library and libstdc++ as the cross
# compilers (gcc-12). The image itself carries Debian 13's newer libc, which runs these binaries.
sysroot=$cache/sysroot-bookworm-$arch
if [[ $native == no && ! -f $sysroot/.done ]]; then
    stage_begin 2 "sysroot: Debian 12 $arch libraries and headers in $sysroot"
    rm -rf "$sysroot"
    FETCH_SUITE=bookworm "$IMAGE_REPO/image/steps/fetch-debian.sh" "$arch" "$cache/debian-bookworm-$arch" \
        unpack "$sysroot" libc6 libc6-dev linux-libc-dev libgcc-s1 libgcc-12-dev libstdc++6 \
        libstdc++-12-dev zlib1g zlib1g-dev libffi8 libffi-dev libatomic1 libasound2 libasound2-dev libcups2-dev libfontconfig-dev >/dev/null
    # dpkg -x makes no merged-/usr links; the toolchain looks in both.
    [[ -e $sysroot/lib ]] || ln -s usr/lib "$sysroot/lib"
    touch "$sysroot/.done"
    stage_end 2
fi

# The cross compilers and what configure runs on this machine.
need_tools() {
    local missing=()
    if [[ $native == yes ]]; then
        # The headers configure asks for (see below) and libffi's, from this machine's packages.
        command -v g++ >/dev/null || missing+=(g++)
        for package in libasound2-dev libcups2-dev libfontconfig-dev libffi-dev zlib1g-dev; do
            dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
        done
    else
        command -v "$triplet-gcc" >/dev/null || missing+=("gcc-$triplet")
        command -v "$triplet-g++" >/dev/null || missing+=("g++-$triplet")
    fi
    for tool in make zip unzip file autoconf; do command -v "$tool" >/dev/null || missing+=("$tool"); done
    ((${#missing[@]} == 0)) || "$IMAGE_REPO/tests/install-peers.sh" "${missing[@]}" || die "missing: ${missing[*]}"
}

# Stage 3: configure, once per build folder (configure.done). To change its options, delete
# configure.done (and make.done): configure rewrites the spec in place, and make then redoes only
# what the change touches (seen here: after a new libffi setting, and after RUNTIME_OPT_SIZE=yes,
# the build JDK's HotSpot was not compiled again).
if [[ ! -f $build/configure.done ]]; then
    stage_begin 3 "configure: $variant VM for $triplet"
    need_tools
    if [[ $feature != 25 ]]; then
        # The build JDK a JDK 26 source makes first only runs javac and jlink here: C1 is enough
        # for that, and C2 is the largest part of HotSpot to compile. (Leaving G1 out too
        # breaks the CDS code's compilation.)
        sed -i 's/^JVM_FEATURES_server := cds compiler1 compiler2 g1gc serialgc$/JVM_FEATURES_server := cds compiler1 g1gc serialgc/' \
            "$source_dir/make/autoconf/buildjdk-spec.gmk.template"
    fi
    host_jdk=$("$IMAGE_REPO/firmware/bin/java-home")
    # Zero: only what the firmware's VM uses (the serial collector, the management and services
    # parts java.management reads); the other collectors, JFR, JVMTI and CDS only make the
    # library larger on a board with 16 MiB of flash.
    zero_features=""
    [[ $variant != zero ]] || zero_features=,-cds,-epsilongc,-g1gc,-parallelgc,-jfr,-jni-check,-jvmti,-vm-structs,-dtrace
    opt_size=${RUNTIME_OPT_SIZE:-$(if [[ $variant == minimal ]]; then echo yes; else echo no; fi)}
    args=(
        --with-boot-jdk="$host_jdk" --with-jvm-variants="$variant"
        --with-debug-level=release --with-native-debug-symbols=none
        --enable-headless-only --disable-warnings-as-errors
        --with-freetype=bundled --without-x
        --with-zlib=system
        --with-version-opt=macserver --disable-javac-server
        # HotSpot compiled for size (-Os) with link-time optimisation, for the minimal VM by
        # default (RUNTIME_OPT_SIZE=no turns it off): the armhf libjvm.so 3.9 -> 2.3 MB, the
        # hap-ac2 image 13.2 -> 12.6 MiB (rebuilding HotSpot that way, with the Java modules,
        # took 520 s here).
        --with-jvm-features="$(if [[ $opt_size == yes ]]; then echo opt-size,link-time-opt; else echo -link-time-opt; fi)$zero_features"
        # configure asks for the ALSA, CUPS and fontconfig headers even for a headless build
        # (libasound2-dev, libcups2-dev, libfontconfig-dev in the sysroot); nothing built here
        # links them.
    )
    [[ $native == yes ]] || args+=(--openjdk-target="$triplet" --with-sysroot="$sysroot")
    # 32-bit ARM HotSpot has no native linker for the FFM API (the firmware's raw sockets): the
    # libffi-based fallback linker stands in. AArch64 has a native one.
    [[ $arch != armhf && $variant != zero ]] || args+=(--enable-fallback-linker)
    # The default class list is made by running the new JVM on this machine during the build:
    # a cross-built Zero VM cannot run here, and the host JDK standing in for it fails there.
    [[ $variant != zero ]] || args+=(--disable-generate-classlist)
    # A JDK 25 source cross-builds with the machine's Temurin 25 as its build JDK; a JDK 26 source
    # needs a build JDK of its own version, which its make builds first.
    [[ $feature != 25 || $native == yes ]] || args+=(--with-build-jdk="$host_jdk")
    # No --with-libffi-include: the cross compiler finds Debian's multiarch ffi.h in the sysroot
    # by itself, and an explicit folder would also go to the build JDK's host compiler (which
    # then reads the target's glibc headers and fails on gnu/stubs-soft.h).
    mkdir -p "$build/jdk"
    printf '%s\n' "${args[@]}" >"$build/configure.args"
    (cd "$build/jdk" && run_logged "$build/configure.log" bash "$source_dir/configure" "${args[@]}")
    touch "$build/configure.done"
    stage_end 3
fi

# Stage 4: make. Only the jmods the image links (and what they need); with a JDK 26 source the
# build JDK (the build machine's own JDK 26, for jlink and javac) comes first.
# The modules this build leaves out entirely (OpenJDK's MODULES_FILTER): all but the modules
# wanted, what the build JDK is made of (jdk.jlink, jdk.compiler, java.base, java.logging; see
# BUILDJDK_MODULES in make/Main.gmk), jdk.javadoc (the interim javac's doclint takes its
# resources from jdk.javadoc's generated sources: filtered out, the build JDK's first javac run
# fails with "Can't find bundle ... doclint") and what those require, from the module-info files.
# Without it, java.base's jmod waits for every module's jmod (it records their hashes), which
# means building java.desktop, java.smartcardio and the rest for the target.
modules_left_out() {
    local closure=" $modules jdk.jlink jdk.compiler jdk.javadoc java.base java.logging " changed=true module info required
    while $changed; do
        changed=false
        for module in $closure; do
            info=$source_dir/src/$module/share/classes/module-info.java
            [[ -f $info ]] || die "no module $module in $source_dir/src"
            for required in $(sed -n 's/^[[:space:]]*requires[[:space:]]\+\(transitive[[:space:]]\+\)\?\([a-z][a-z0-9.]*\)[[:space:]]*;.*/\2/p' "$info"); do
                if [[ $closure != *" $required "* ]]; then
                    closure+="$required "
                    changed=true
                fi
            done
        done
    done
    for info in "$source_dir"/src/*/share/classes/module-info.java; do
        module=$(basename "$(dirname "$(dirname "$(dirname "$info")")")")
        [[ $closure == *" $module "* ]] || echo "$module"
    done | paste -sd' ' -
}

# make.done holds the modules built: a run with more modules makes only what is new.
if [[ ! -f $build/make.done || $(cat "$build/make.done") != "$modules" ]]; then
    targets=()
    for module in $modules; do targets+=("$module-jmod"); done
    # A native build is its own build JDK: its exploded image (jdk/, with jlink) links the jmods.
    [[ $native == no ]] || targets+=(exploded-image)
    stage_begin 4 "make ${targets[*]} (-j$jobs; log $build/make.log; this takes a while)"
    # Without the variables of a calling make (`make runtime ARCH=...`): OpenJDK's make would
    # take them for its own.
    left_out=$(modules_left_out)
    echo "runtime: [4/5] modules left out of this build: $left_out" >&2
    if ! (cd "$build/jdk" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
        make JOBS="$jobs" LOG=info MODULES_FILTER="$left_out" "${targets[@]}" >"$build/make.log" 2>&1); then
        tail -n 40 "$build/make.log" >&2
        die "make failed (whole log: $build/make.log); run again to resume"
    fi
    echo "$modules" >"$build/make.done"
    rm -f "$build/jmods.done"
    stage_end 4
fi

# Stage 5: a jlink-ready folder: the target's jmods, and the jlink that can read them (the
# build JDK's: jlink links only jmods of its own feature release).
ready=$build/ready
if [[ ! -f $build/jmods.done ]]; then
    stage_begin 5 "jmods: a jlink-ready folder in $ready"
    rm -rf "$ready"
    mkdir -p "$ready/jmods"
    for module in $modules; do
        cp "$build/jdk/images/jmods/$module.jmod" "$ready/jmods/" || die "make built no $module.jmod"
    done
    if [[ $native == yes ]]; then
        linker_home=$build/jdk/jdk
    elif [[ $feature == 25 ]]; then
        linker_home=$("$IMAGE_REPO/firmware/bin/java-home")
    else
        linker_home=$build/jdk/buildjdk/jdk
    fi
    [[ -x $linker_home/bin/jlink ]] || die "no jlink in $linker_home"
    {
        echo "source=$source_package $source_version"
        echo "feature=$feature"
        echo "architecture=$arch"
        echo "variant=$variant"
        # The build's own jlink relative to this folder: the cache is shared by several checkouts
        # (a symlink in each), so an absolute path would name the checkout that built it.
        if [[ $linker_home == "$build"/* ]]; then
            echo "jlink=../${linker_home#"$build"/}/bin/jlink"
        else
            echo "jlink=$linker_home/bin/jlink"
        fi
        echo "modules=$(cd "$ready/jmods" && ls ./*.jmod | sed 's|\./||; s/\.jmod$//' | paste -sd, -)"
    } >"$ready/release"
    touch "$build/jmods.done"
    stage_end 5
fi

total=$(awk '{ s += $2 } END { print s + 0 }' "$build/times.log" 2>/dev/null || echo 0)
say "runtime $source_package $source_version $arch $variant ready in $ready ($(($(date +%s) - started)) s this run; $total s in all the stages of every run, stage by stage in $build/times.log)"
