"""Public API of rules_nocgo: pure-Go (CGO_ENABLED=0) tests and binaries for every Linux target
we support, run under qemu-user (or natively) on an x86_64 Linux host.

- nocgo_test / nocgo_binary: a go_test / go_binary fanned out over platforms x pinned Go SDKs,
  one target per combination (`<name>_linux_riscv64_go1_27_3`) that runs under the emulator.
- nocgo_emulated_test / nocgo_emulated_binary: the underlying rules, for one combination.
- nocgo_select: select() keyed by our platform names (per-arch file lists).
- nocgo_c_shared_library: a C shared library compiled for the target platform (test data of an
  FFI test), with the C compiler of that platform's emulator toolchain.
- nocgo_emulator_toolchain, EmulatorInfo: the emulator toolchain
  (type @rules_nocgo//rules:emulator_toolchain_type): how the host runs binaries of a target
  platform and compiles C for it; nocgo_sysroot, NocgoSysrootInfo: the target's C runtime it
  runs them with.
- PLATFORMS, PLATFORM_NAMES: the platform table; SDK_VERSIONS: the pinned Go versions.
- nocgo_transition: the platform x SDK transition, for rules of your own (attrs `platform`, `sdk`).

Go SDKs are pinned with the `nocgo` extension in //rules:extensions.bzl. Everything under
//rules/private is private.
"""

load("//rules/private:c_shared_library.bzl", _nocgo_c_shared_library = "nocgo_c_shared_library")
load("//rules/private:emulated.bzl", _nocgo_emulated_binary = "nocgo_emulated_binary", _nocgo_emulated_test = "nocgo_emulated_test")
load("//rules/private:emulator_toolchain.bzl", _EmulatorInfo = "EmulatorInfo", _NocgoSysrootInfo = "NocgoSysrootInfo", _nocgo_emulator_toolchain = "nocgo_emulator_toolchain", _nocgo_sysroot = "nocgo_sysroot")
load("//rules/private:macros.bzl", _nocgo_binary = "nocgo_binary", _nocgo_test = "nocgo_test")
load("//rules/private:platforms.bzl", _PLATFORMS = "PLATFORMS", _PLATFORM_NAMES = "PLATFORM_NAMES", _nocgo_select = "nocgo_select")
load("//rules/private:transition.bzl", _SDK_VERSIONS = "SDK_VERSIONS", _nocgo_transition = "nocgo_transition")

EmulatorInfo = _EmulatorInfo
NocgoSysrootInfo = _NocgoSysrootInfo
PLATFORMS = _PLATFORMS
PLATFORM_NAMES = _PLATFORM_NAMES
SDK_VERSIONS = _SDK_VERSIONS
nocgo_binary = _nocgo_binary
nocgo_c_shared_library = _nocgo_c_shared_library
nocgo_emulated_binary = _nocgo_emulated_binary
nocgo_emulated_test = _nocgo_emulated_test
nocgo_emulator_toolchain = _nocgo_emulator_toolchain
nocgo_select = _nocgo_select
nocgo_sysroot = _nocgo_sysroot
nocgo_test = _nocgo_test
nocgo_transition = _nocgo_transition
