# macserver: build, run and test. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

BOARD ?=
JAR := firmware/target/macserver.jar
# What the firmware jar is made from: a change to any of these rebuilds it before `make run`.
JAR_INPUTS := pom.xml firmware/pom.xml $(shell find firmware/src/main board -type f 2>/dev/null)

# Every Maven call runs on a JDK 25 (the machine's default java may be older). The options hush
# Maven 3.8's own start-up noise on a new JDK: its bundled Guava's sun.misc.Unsafe warnings and
# the colour-reset codes its console library prints even in batch mode.
WITH_JDK := JAVA_HOME="$$(firmware/bin/java-home)"; export JAVA_HOME; \
	export MAVEN_OPTS="$${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow -Djansi.noreset=true";

.PHONY: help build run test bench image boot-test image-check board-given runtime clean

help:
	@echo "make build                 compile and package the firmware (firmware/target/macserver.jar)"
	@echo "make run                   run it here, console on this terminal (as root: in lab namespaces)"
	@echo "make test                  install test tools (as root on Debian), run unit and system tests"
	@echo "make bench                 run the benchmarks (as root also side by side with mactelnetd); table in bench/results/"
	@echo "make image BOARD=<board>   build the firmware image of a board in board/ (image/build/<board>/)"
	@echo "make boot-test BOARD=<b>   boot that image under qemu: user-mode, then (arm64) the full system"
	@echo "make image-check BOARD=<b> both: e.g. make image-check BOARD=rb5009"
	@echo "make runtime ARCH=<a>      build our own Java runtime for armhf, arm64 or mipsel (or amd64, natively) from OpenJDK's source (once, resumable; VARIANT=minimal|client|server; zero, the only one for mipsel)"
	@echo "make clean                 remove build output (keeps var/flash.img, the saved configuration)"

build:
	@$(WITH_JDK) mvn -B -q package -DskipTests

# Quiet on purpose: `make run` shows the firmware's console and nothing else of Maven's.
$(JAR): $(JAR_INPUTS)
	@$(WITH_JDK) mvn -B -q -pl firmware package -DskipTests
	@touch $@

# Standard input goes straight through to the firmware, so a scripted session works:
#   printf '/ip mac-server print\n' | make run
run: $(JAR)
	@if [[ $$(id -u) == 0 ]]; then tests/install-peers.sh iproute2; fi
	@firmware/bin/run

test:
	@tests/install-peers.sh
	@$(WITH_JDK) mvn -B verify

# As root, first the tools the side-by-side load runs need: gcc for the C reflector, mactelnetd
# 0.4.4 as the baseline server, Debian 13's mactelnet and mactelnetd 0.6.1 (unpacked into
# var/peers/trixie) for the EC-SRP5 logins, wrk and nft for the REST and nft benchmarks.
bench: build
	@if [[ $$(id -u) == 0 ]]; then tests/install-peers.sh gcc iproute2 mactelnet-server mactelnet-client-trixie expect wrk nftables; fi
	@$(WITH_JDK) tests/run-benchmarks.sh

# The image tools, installed when missing (as root on Debian; see tests/install-peers.sh).
IMAGE_TOOLS := squashfs-tools zip unzip binutils cpio e2fsprogs socat expect
BOOT_TEST_TOOLS := qemu-user-static qemu-system-arm qemu-system-mips mactelnet-client iproute2

image boot-test image-check: board-given

board-given:
	@[[ -n "$(BOARD)" ]] || { echo "make: name a board, e.g. make image BOARD=rb5009 (profiles: $$(ls board | sed 's/\.properties$$//' | xargs))" >&2; exit 2; }
	@[[ -f "board/$(BOARD).properties" ]] || { echo "make: no board profile board/$(BOARD).properties" >&2; exit 2; }

# RUNTIME=/path/to/jdk25 (a JDK 25 for the board's architecture) and AOT=no pass through.
image: $(JAR)
	@if [[ $$(id -u) == 0 ]]; then tests/install-peers.sh $(IMAGE_TOOLS); fi
	@$(WITH_JDK) RUNTIME="$(RUNTIME)" AOT="$(AOT)" image/build-image.sh "$(BOARD)"

boot-test:
	@tests/install-peers.sh $(IMAGE_TOOLS) $(BOOT_TEST_TOOLS)
	@image/boot-test.sh "$(BOARD)"

image-check: image
	@$(MAKE) --no-print-directory boot-test BOARD="$(BOARD)"

# Not part of `make test`: a cross build of OpenJDK takes about an hour on two cores.
ARCH ?=
# VARIANT empty: the script's default (minimal; zero for mipsel, which has no other).
VARIANT ?=
runtime:
	@[[ -n "$(ARCH)" ]] || { echo "make: name an architecture, e.g. make runtime ARCH=armhf (armhf, arm64, mipsel, amd64)" >&2; exit 2; }
	@$(WITH_JDK) image/runtime/build-runtime.sh "$(ARCH)" "$(VARIANT)"

clean:
	rm -rf target firmware/target tests/target
