"""The emulator toolchain: how the host runs a binary built for one of our target platforms, and
how it compiles C for that platform against the same sysroot.

One toolchain per target CPU, each naming where it runs and what it targets
(qemu_linux_riscv64_on_linux_x86_64, native_linux_amd64_on_linux_x86_64, and
probe_linux_386_on_linux_x86_64: natively where the host can, else qemu-i386). The qemu-user
binary and the sysroot libraries are files of the toolchain, so they are inputs of every test
action that uses it: another qemu or another libc reruns the tests. cc and emulator are tools
that run on the host: exec-configured executables. The C compiler (`cc`, used by
nocgo_c_shared_library) is a script that names the compiler and its version, so a new compiler
rebuilds what it compiled.

Private: load the public names from //rules:defs.bzl.
"""

load(":platforms.bzl", "PLATFORMS", "PLATFORM_NAMES")

# Loaded by the BUILD file that the nocgo extension generates in @nocgo_emulators.
visibility("public")

EmulatorInfo = provider(
    doc = "How to run a binary of one target platform on the host, and compile C for it.",
    fields = {
        "cc": "FilesToRunProvider or None: compiles and links C for the target platform " +
              "on the host (gcc-style arguments), against the libc its binaries run with. " +
              "@nocgo_emulators' one fails, saying what to install, where the host has no C " +
              "compiler for the platform.",
        "cc_files": "depset of File: the inputs of a compile besides the sources and cc's own " +
                    "runfiles (the sysroot libraries it links against).",
        "emulator": "File: the qemu-user binary, or None where the host always runs the binary itself.",
        "emulator_args": "list of string: options of the emulator before the binary (-cpu ...).",
        "files": "depset of File: everything the run needs (emulator, sysroot libraries).",
        "goarch": "string: GOARCH of the target platform.",
        "ldso": "string: the runfiles path of the target's dynamic loader, through which a " +
                "dynamically linked binary starts when the host runs it itself, or \"\".",
        "library_path": "string: the runfiles path of the library folder that goes with ldso, or \"\".",
        "missing": "string: why this platform cannot be run here, or \"\". A run then fails with it.",
        "native": "string: \"always\" (the host runs the binary), \"never\" (the emulator does) " +
                  "or \"probe\" (the runner decides at run time: NOCGO_<GOARCH>=native|qemu|auto, " +
                  "auto runs ldso --version to see whether the host can).",
        "platform": "string: our platform name, e.g. linux_riscv64.",
        "sysroot": "string: runfiles path of the sysroot root (qemu's -L root: the target's loader " +
                   "and libraries where the binary looks for them), or \"\".",
    },
)

NocgoSysrootInfo = provider(
    doc = "A target's C runtime as files: its dynamic loader and shared libraries under one root.",
    fields = {
        "files": "depset of File: every file of the sysroot.",
        "ldso": "File: the dynamic loader, <root>/lib/<name> or <root>/lib64/<name>.",
        "libc": "File or None: libc.so.6, whose folder is the library path of a native run.",
        "root": "string: the short path of the root folder (the loader's lib folder's parent).",
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

def _rlocation_dir(ctx, short_path):
    if short_path.startswith("../"):
        return short_path[len("../"):]
    return ctx.workspace_name + "/" + short_path

def _nocgo_sysroot_impl(ctx):
    ldso = ctx.file.ldso
    parts = ldso.short_path.split("/")
    if len(parts) < 3 or parts[-2] not in ("lib", "lib64"):
        fail("ldso: {} is not in a lib/ or lib64/ folder of the sysroot root".format(ldso.short_path))
    libc = [f for f in ctx.files.srcs if f.basename == "libc.so.6"]
    return [
        NocgoSysrootInfo(
            files = depset([ldso] + ctx.files.srcs),
            ldso = ldso,
            libc = libc[0] if libc else None,
            root = "/".join(parts[:-2]),
        ),
        DefaultInfo(files = depset([ldso] + ctx.files.srcs)),
    ]

nocgo_sysroot = rule(
    implementation = _nocgo_sysroot_impl,
    doc = "A target platform's C runtime (loader and shared libraries) for nocgo_emulator_toolchain.",
    attrs = {
        "ldso": attr.label(
            mandatory = True,
            allow_single_file = True,
            doc = "The dynamic loader, in <root>/lib/ or <root>/lib64/; it names the root.",
        ),
        "srcs": attr.label_list(
            allow_files = True,
            doc = "The shared libraries (libc.so.6 among them) and whatever else a run reads, under the root.",
        ),
    },
    provides = [NocgoSysrootInfo],
)

_NATIVE = ["always", "never", "probe"]

def _nocgo_emulator_toolchain_impl(ctx):
    native = ctx.attr.native
    emulator = ctx.executable.emulator
    if native == "always" and emulator:
        fail("emulator: must be unset with native = \"always\"")
    if native != "always" and not emulator and not ctx.attr.missing:
        fail("emulator: must be set with native = \"{}\" (or say why it is missing)".format(native))
    sysroot = ctx.attr.sysroot[NocgoSysrootInfo] if ctx.attr.sysroot else None
    if native == "probe" and not sysroot and not ctx.attr.missing:
        fail("sysroot: must be set with native = \"probe\" (the probe runs its loader)")
    files = [sysroot.files] if sysroot else []
    if emulator:
        files.append(depset([emulator]))
    cc = ctx.attr.cc[DefaultInfo].files_to_run if ctx.attr.cc else None
    info = EmulatorInfo(
        cc = cc,
        cc_files = sysroot.files if sysroot else depset(),
        emulator = emulator,
        emulator_args = ctx.attr.emulator_args,
        files = depset(transitive = files),
        goarch = ctx.attr.goarch,
        ldso = rlocation_path(ctx, sysroot.ldso) if sysroot and native != "never" else "",
        library_path = (
            (rlocation_path(ctx, sysroot.libc).rpartition("/")[0] if sysroot.libc else _rlocation_dir(ctx, sysroot.root) + "/lib") if sysroot and native != "never" else ""
        ),
        missing = ctx.attr.missing,
        native = native,
        platform = ctx.attr.platform,
        sysroot = _rlocation_dir(ctx, sysroot.root) if sysroot else "",
    )
    return [platform_common.ToolchainInfo(emulator = info), info]

nocgo_emulator_toolchain = rule(
    implementation = _nocgo_emulator_toolchain_impl,
    doc = "Describes how the host runs binaries of one target platform and compiles C for it; " +
          "use it in a toolchain() of type @rules_nocgo//rules:emulator_toolchain_type.",
    attrs = {
        "cc": attr.label(
            allow_single_file = True,
            executable = True,
            cfg = "exec",
            doc = "An executable that compiles and links C for the target platform (gcc-style " +
                  "arguments) against the libc that binaries run with; unset: none " +
                  "(nocgo_c_shared_library then fails for this platform).",
        ),
        "emulator": attr.label(
            allow_single_file = True,
            executable = True,
            cfg = "exec",
            doc = "The qemu-user binary; unset where the host always runs the binary itself.",
        ),
        "emulator_args": attr.string_list(doc = "Options of the emulator before the binary, e.g. [\"-cpu\", \"cortex-a15\"]."),
        "goarch": attr.string(
            mandatory = True,
            values = sorted([PLATFORMS[p].goarch for p in PLATFORMS]),
            doc = "GOARCH of the target platform.",
        ),
        "missing": attr.string(doc = "Set when the emulator or sysroot is not installed: the message a run fails with."),
        "native": attr.string(
            default = "never",
            values = _NATIVE,
            doc = "Whether the host runs the binary itself: \"always\" (no emulator), \"never\" " +
                  "(always the emulator) or \"probe\" (decided at run time, see EmulatorInfo.native; " +
                  "linux_386 on an x86_64 host, whose kernel may have 32-bit emulation off).",
        ),
        "platform": attr.string(
            mandatory = True,
            values = PLATFORM_NAMES,
            doc = "Our platform name, e.g. linux_arm64.",
        ),
        "sysroot": attr.label(
            providers = [NocgoSysrootInfo],
            doc = "The target's C runtime (nocgo_sysroot): qemu's -L root, and the loader and " +
                  "libraries of a native run. Unset: none (only statically linked binaries run).",
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
