"""The emulator toolchain: how the host runs a binary built for one of our target platforms.

One toolchain per target CPU, each naming where it runs and what it targets
(qemu_linux_riscv64_on_linux_x86_64, native_linux_386_on_linux_x86_64). The qemu-user binary and the
sysroot libraries are files of the toolchain, so they are inputs of every test action that uses
it: another qemu or another libc reruns the tests.

Private: load the public names from //rules:defs.bzl.
"""

# Loaded by the BUILD file that the nocgo extension generates in @nocgo_emulators.
visibility("public")

EmulatorInfo = provider(
    doc = "How to run a binary of one target platform on the host.",
    fields = {
        "emulator": "File: the qemu-user binary, or None where the host runs the binary itself.",
        "files": "depset of File: everything the run needs (emulator, sysroot libraries).",
        "goarch": "string: GOARCH of the target platform.",
        "ldso": "string: runfiles path of the target's dynamic loader, or \"\" (then dynamically " +
                "linked binaries start through their own interpreter).",
        "library_path": "string: runfiles path of the sysroot's library folder, or \"\".",
        "missing": "string: why this platform cannot be run here, or \"\". A run then fails with it.",
        "platform": "string: our platform name, e.g. linux_riscv64.",
        "sysroot": "string: runfiles path of the sysroot (qemu's -L), or \"\".",
    },
)

def rlocation_path(ctx, file):
    """Returns the runfiles path of a file (repository name first), as runfiles libraries take it.

    Args:
      ctx: the rule context.
      file: a File.

    Returns:
      A string.
    """
    if file.short_path.startswith("../"):
        return file.short_path[len("../"):]
    return ctx.workspace_name + "/" + file.short_path

def _package_rlocation(ctx, rel):
    repo = ctx.label.workspace_name or ctx.workspace_name
    parts = [repo]
    if ctx.label.package:
        parts.append(ctx.label.package)
    parts.append(rel)
    return "/".join(parts)

def _nocgo_emulator_toolchain_impl(ctx):
    sysroot = _package_rlocation(ctx, ctx.attr.sysroot) if ctx.attr.sysroot else ""
    files = list(ctx.files.sysroot_files)
    if ctx.file.emulator:
        files.append(ctx.file.emulator)
    info = EmulatorInfo(
        emulator = ctx.file.emulator,
        files = depset(files),
        goarch = ctx.attr.goarch,
        ldso = sysroot + "/" + ctx.attr.ldso if sysroot and ctx.attr.ldso else "",
        library_path = sysroot + "/lib" if sysroot else "",
        missing = ctx.attr.missing,
        platform = ctx.attr.platform,
        sysroot = sysroot,
    )
    return [platform_common.ToolchainInfo(emulator = info), info]

nocgo_emulator_toolchain = rule(
    implementation = _nocgo_emulator_toolchain_impl,
    doc = "Describes how the host runs binaries of one target platform; use it in a toolchain() " +
          "of type @rules_nocgo//rules:emulator_toolchain_type.",
    attrs = {
        "emulator": attr.label(
            allow_single_file = True,
            doc = "The qemu-user binary; unset where the host runs the binary itself.",
        ),
        "goarch": attr.string(mandatory = True, doc = "GOARCH of the target platform."),
        "ldso": attr.string(doc = "The dynamic loader, relative to the sysroot, e.g. lib/ld-linux-aarch64.so.1."),
        "missing": attr.string(doc = "Set when the emulator or sysroot is not installed: the message a run fails with."),
        "platform": attr.string(mandatory = True, doc = "Our platform name, e.g. linux_arm64."),
        "sysroot": attr.string(doc = "The sysroot folder, relative to this package (it holds lib/)."),
        "sysroot_files": attr.label_list(
            allow_files = True,
            doc = "The sysroot files a run needs (the loader and the shared libraries under lib/).",
        ),
    },
    provides = [platform_common.ToolchainInfo, EmulatorInfo],
)

EMULATOR_TOOLCHAIN_TYPE = Label("//rules:emulator_toolchain_type")

def _current_emulator_impl(ctx):
    info = ctx.toolchains[EMULATOR_TOOLCHAIN_TYPE].emulator
    return [
        info,
        DefaultInfo(files = info.files, runfiles = ctx.runfiles(transitive_files = info.files)),
    ]

current_emulator = rule(
    implementation = _current_emulator_impl,
    doc = "Forwards the EmulatorInfo of the emulator toolchain resolved for the target platform. " +
          "Depend on it through a transition to that platform.",
    toolchains = [EMULATOR_TOOLCHAIN_TYPE],
    provides = [EmulatorInfo],
)
