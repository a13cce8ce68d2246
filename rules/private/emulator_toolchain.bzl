"""The emulator toolchain: how the host runs a binary built for one of our target platforms, and
how it compiles C for that platform against the same sysroot.

One toolchain per target CPU, each naming where it runs and what it targets
(qemu_linux_riscv64_on_linux_x86_64, native_linux_386_on_linux_x86_64). The qemu-user binary and the
sysroot libraries are files of the toolchain, so they are inputs of every test action that uses
it: another qemu or another libc reruns the tests. The C compiler (`cc`, used by
nocgo_c_shared_library) is a script that names the compiler and its version, so a new compiler
rebuilds what it compiled.

Private: load the public names from //rules:defs.bzl.
"""

# Loaded by the BUILD file that the nocgo extension generates in @nocgo_emulators.
visibility("public")

EmulatorInfo = provider(
    doc = "How to run a binary of one target platform on the host, and compile C for it.",
    fields = {
        "cc": "File or None: an executable that compiles and links C for the target platform " +
              "on the host (gcc-style arguments), against the libc its binaries run with. " +
              "@nocgo_emulators' one fails, saying what to install, where the host has no C " +
              "compiler for the platform.",
        "cc_files": "depset of File: the inputs of a compile besides the sources (cc, the sysroot " +
                    "libraries it links against).",
        "emulator": "File: the qemu-user binary, or None where the host runs the binary itself.",
        "emulator_args": "list of string: options of the emulator before the binary (-cpu ...).",
        "files": "depset of File: everything the run needs (emulator, sysroot libraries).",
        "goarch": "string: GOARCH of the target platform.",
        "ldso": "string: where the host runs the binary itself, the runfiles path of the " +
                "target's dynamic loader that dynamically linked binaries start through, or " +
                "\"\" (then they start through their own interpreter).",
        "library_path": "string: the runfiles path of the library folder that goes with ldso, or \"\".",
        "missing": "string: why this platform cannot be run here, or \"\". A run then fails with it.",
        "platform": "string: our platform name, e.g. linux_riscv64.",
        "sysroot": "string: runfiles path of qemu's -L root (the target's loader and libraries " +
                   "where the binary looks for them), or of the sysroot that goes with ldso, or \"\".",
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
        cc = ctx.file.cc,
        cc_files = depset(([ctx.file.cc] if ctx.file.cc else []) + ctx.files.sysroot_files),
        emulator = ctx.file.emulator,
        emulator_args = ctx.attr.emulator_args,
        files = depset(files),
        goarch = ctx.attr.goarch,
        ldso = sysroot + "/" + ctx.attr.ldso if sysroot and ctx.attr.ldso else "",
        library_path = sysroot + "/lib" if sysroot and ctx.attr.ldso else "",
        missing = ctx.attr.missing,
        platform = ctx.attr.platform,
        sysroot = sysroot,
    )
    return [platform_common.ToolchainInfo(emulator = info), info]

nocgo_emulator_toolchain = rule(
    implementation = _nocgo_emulator_toolchain_impl,
    doc = "Describes how the host runs binaries of one target platform and compiles C for it; " +
          "use it in a toolchain() of type @rules_nocgo//rules:emulator_toolchain_type.",
    attrs = {
        "cc": attr.label(
            allow_single_file = True,
            doc = "An executable that compiles and links C for the target platform (gcc-style " +
                  "arguments) against the libc that binaries run with; unset: none " +
                  "(nocgo_c_shared_library then fails for this platform).",
        ),
        "emulator": attr.label(
            allow_single_file = True,
            doc = "The qemu-user binary; unset where the host runs the binary itself.",
        ),
        "emulator_args": attr.string_list(doc = "Options of the emulator before the binary, e.g. [\"-cpu\", \"cortex-a15\"]."),
        "goarch": attr.string(mandatory = True, doc = "GOARCH of the target platform."),
        "ldso": attr.string(doc = "Without an emulator: the dynamic loader, relative to the sysroot, " +
                                  "e.g. lib/ld-linux.so.2, that dynamically linked binaries start through."),
        "missing": attr.string(doc = "Set when the emulator or sysroot is not installed: the message a run fails with."),
        "platform": attr.string(mandatory = True, doc = "Our platform name, e.g. linux_arm64."),
        "sysroot": attr.string(doc = "Relative to this package: with an emulator, its -L root " +
                                     "(the loader and libraries where the target looks for them); " +
                                     "without, the sysroot of `ldso` (it holds lib/)."),
        "sysroot_files": attr.label_list(
            allow_files = True,
            doc = "The sysroot files a run needs (the loader and the shared libraries).",
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
