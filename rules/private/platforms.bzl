"""The one table of target platforms that drives platforms, emulator toolchains and transitions.

Private: load the public names from //rules:defs.bzl.
"""

visibility(["//..."])

# Each entry:
#   goarch:      GOARCH.
#   cpu:         the @platforms//cpu constraint value (what rules_go's toolchains match).
#   constraints: more constraint values (rules_go's GOARM level for arm).
#   qemu:        the qemu-user target name (qemu-<qemu>), or None where the host always runs the
#                binary itself (amd64 on an x86_64 host).
#   native:      "always" (the host runs the binary), "never" (qemu does) or "probe": decided at
#                run time (386: an x86_64 kernel may have 32-bit emulation off; see
#                EmulatorInfo.native).
#   triplet:     the GNU triplet; Debian's cross libc for it lives in /usr/<triplet>.
#   multiarch:   Debian's multiarch folder name (/lib/<multiarch>, searched by the target's
#                loader); the triplet except on 386.
#   ldso:        the dynamic loader, relative to the sysroot.
#   ldso_aliases: other names of the loader that Go writes into PT_INTERP and Debian does not
#                have (/lib/ld-linux.so.3 on arm, /lib/ld.so.1 on riscv64 with Go 1.26); qemu's
#                root maps them to ldso (see emulators_repo.bzl).
#   qemu_cpu:    the qemu -cpu model, or None for qemu's default. ARMv7 (GOARM=7) runs on a
#                cortex-a15, so ARMv8-only instructions fault as on real ARMv7 hardware.
PLATFORMS = {
    "linux_386": struct(
        goarch = "386",
        cpu = "x86_32",
        constraints = [],
        qemu = "i386",
        native = "probe",
        triplet = "i686-linux-gnu",
        multiarch = "i386-linux-gnu",
        ldso = "lib/ld-linux.so.2",
        ldso_aliases = [],
        qemu_cpu = None,
    ),
    "linux_amd64": struct(
        goarch = "amd64",
        cpu = "x86_64",
        constraints = [],
        qemu = None,
        native = "always",
        triplet = "x86_64-linux-gnu",
        multiarch = "x86_64-linux-gnu",
        ldso = "lib64/ld-linux-x86-64.so.2",
        ldso_aliases = [],
        qemu_cpu = None,
    ),
    "linux_arm": struct(
        goarch = "arm",
        cpu = "armv7",
        constraints = ["@io_bazel_rules_go//go/constraints/arm:7"],
        qemu = "arm",
        native = "never",
        triplet = "arm-linux-gnueabihf",
        multiarch = "arm-linux-gnueabihf",
        ldso = "lib/ld-linux-armhf.so.3",
        ldso_aliases = ["ld-linux.so.3"],
        qemu_cpu = "cortex-a15",
    ),
    "linux_arm64": struct(
        goarch = "arm64",
        cpu = "aarch64",
        constraints = [],
        qemu = "aarch64",
        native = "never",
        triplet = "aarch64-linux-gnu",
        multiarch = "aarch64-linux-gnu",
        ldso = "lib/ld-linux-aarch64.so.1",
        ldso_aliases = [],
        qemu_cpu = None,
    ),
    "linux_loong64": struct(
        goarch = "loong64",
        cpu = "loongarch64",
        constraints = [],
        qemu = "loongarch64",
        native = "never",
        triplet = "loongarch64-linux-gnu",
        multiarch = "loongarch64-linux-gnu",
        ldso = "lib/ld-linux-loongarch-lp64d.so.1",
        ldso_aliases = [],
        qemu_cpu = None,
    ),
    "linux_ppc64le": struct(
        goarch = "ppc64le",
        cpu = "ppc64le",
        constraints = [],
        qemu = "ppc64le",
        native = "never",
        triplet = "powerpc64le-linux-gnu",
        multiarch = "powerpc64le-linux-gnu",
        ldso = "lib/ld64.so.2",
        ldso_aliases = [],
        qemu_cpu = None,
    ),
    "linux_riscv64": struct(
        goarch = "riscv64",
        cpu = "riscv64",
        constraints = [],
        qemu = "riscv64",
        native = "never",
        triplet = "riscv64-linux-gnu",
        multiarch = "riscv64-linux-gnu",
        ldso = "lib/ld-linux-riscv64-lp64d.so.1",
        ldso_aliases = ["ld.so.1"],
        qemu_cpu = None,
    ),
    "linux_s390x": struct(
        goarch = "s390x",
        cpu = "s390x",
        constraints = [],
        qemu = "s390x",
        native = "never",
        triplet = "s390x-linux-gnu",
        multiarch = "s390x-linux-gnu",
        ldso = "lib/ld64.so.1",
        ldso_aliases = [],
        qemu_cpu = None,
    ),
}

PLATFORM_NAMES = sorted(PLATFORMS.keys())

# The platform that Bazel runs on (the emulators run there too).
HOST_CONSTRAINTS = ["@platforms//os:linux", "@platforms//cpu:x86_64"]

def platform_constraints(name):
    """Returns the constraint values of one of our platforms.

    Args:
      name: a key of PLATFORMS.

    Returns:
      A list of label strings.
    """
    p = PLATFORMS[name]
    return ["@platforms//os:linux", "@platforms//cpu:" + p.cpu] + p.constraints

def check_platform(name, what):
    """Fails with the allowed values unless name is one of our platforms.

    Args:
      name: the platform name to check.
      what: the target or attribute to name in the message.
    """
    if name not in PLATFORMS:
        fail("{}: unknown platform '{}'; allowed: {}".format(what, name, ", ".join(PLATFORM_NAMES)))

def nocgo_platforms(name = None):
    """Declares a platform and a config_setting (is_<platform>) for each entry of PLATFORMS.

    Called once, in //platforms:BUILD.bazel.

    Args:
      name: unused; macros take a name.
    """
    _ignore = name  # @unused
    for pname in PLATFORM_NAMES:
        constraints = platform_constraints(pname)
        native.platform(
            name = pname,
            constraint_values = constraints,
            visibility = ["//visibility:public"],
        )
        native.config_setting(
            name = "is_" + pname,
            constraint_values = constraints,
            visibility = ["//visibility:public"],
        )

def nocgo_select(values, default = None):
    """A select() keyed by our platform names, for per-arch file lists and the like.

    Example: srcs = nocgo_select({"linux_riscv64": ["asm_riscv64.s"]}, default = [])

    Args:
      values: dict from platform name (a key of PLATFORMS) to the value for it.
      default: the value on every other platform; None means no default (a build on
        another platform is then an error).

    Returns:
      A select().
    """
    branches = {}
    for pname, value in values.items():
        check_platform(pname, "nocgo_select")
        branches[Label("//platforms:is_" + pname)] = value
    if default != None:
        branches["//conditions:default"] = default
    return select(branches)
