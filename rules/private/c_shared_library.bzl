"""nocgo_c_shared_library: a C shared library compiled for the target platform.

A test of an FFI package needs a C library built for the platform it runs on. Used as `data` of
nocgo_test (which transitions its data to each platform), the library is compiled once per
platform with the C compiler of that platform's emulator toolchain, against the sysroot the
emulator runs the test with:

    nocgo_c_shared_library(
        name = "nocgotest",
        srcs = ["testdata/nocgotest.c"],
        linkopts = ["-lpthread"],
    )

    nocgo_test(
        name = "ffi_test",
        ...
        data = [":nocgotest"],
        env = {"NOCGO_TESTLIB": "$(rlocationpath :nocgotest)"},
    )

This is not a C toolchain for rules_cc: it compiles and links in one action, with no C deps, and
the compiler comes from the host (see //rules/private:host_cc_repo.bzl). The sources, the
compiler script (which names the compiler and its version) and the sysroot's libraries are the
inputs, so a change to any of them rebuilds the library and reruns the tests that load it.

Private: load nocgo_c_shared_library from //rules:defs.bzl.
"""

load(":emulator_toolchain.bzl", "EMULATOR_TOOLCHAIN_TYPE")

visibility(["//..."])

def _nocgo_c_shared_library_impl(ctx):
    emu = ctx.toolchains[EMULATOR_TOOLCHAIN_TYPE].emulator
    if not emu.cc or not emu.cc.executable:
        fail("the emulator toolchain of {} has no C compiler (nocgo_emulator_toolchain.cc)".format(emu.platform))
    sources = [f for f in ctx.files.srcs if f.extension == "c"]
    if not sources:
        fail("srcs: no .c file among {}".format([f.short_path for f in ctx.files.srcs]))
    out = ctx.actions.declare_file(ctx.attr.out or "lib{}.so".format(ctx.label.name))

    args = ctx.actions.args()
    args.add_all(ctx.attr.copts)
    args.add_all(["-shared", "-fPIC", "-o", out])

    # Headers next to the sources are found by #include "..." anyway; the package's own folder
    # (in the source tree and among generated files) serves includes of other srcs.
    args.add_all(depset([f.dirname for f in ctx.files.srcs]), before_each = "-iquote")
    args.add_all(sources)
    args.add_all(ctx.attr.linkopts)

    ctx.actions.run(
        executable = emu.cc,
        arguments = [args],
        inputs = depset(ctx.files.srcs, transitive = [emu.cc_files]),
        outputs = [out],
        mnemonic = "NocgoCc",
        progress_message = "Compiling C shared library %{{output}} for {}".format(emu.platform),
        # The compiler finds its assembler and linker on its own; PATH only for what it runs
        # by name.
        env = {"PATH": "/usr/bin:/bin"},
        toolchain = EMULATOR_TOOLCHAIN_TYPE,
    )
    return [DefaultInfo(
        files = depset([out]),
        runfiles = ctx.runfiles(files = [out]),
    )]

nocgo_c_shared_library = rule(
    implementation = _nocgo_c_shared_library_impl,
    doc = "A C shared library (lib<name>.so) compiled for the target platform with the C " +
          "compiler of its emulator toolchain. Use it as `data` of nocgo_test or " +
          "nocgo_binary, which build their data for each platform they run on.",
    attrs = {
        "copts": attr.string_list(
            default = ["-O2"],
            doc = "Compiler options, before the sources.",
        ),
        "linkopts": attr.string_list(
            doc = "Linker options, after the sources (e.g. -lpthread, -lm).",
        ),
        "out": attr.string(
            doc = "The file name of the library; default lib<name>.so.",
        ),
        "srcs": attr.label_list(
            mandatory = True,
            allow_files = [".c", ".h"],
            doc = "C sources (compiled) and headers (inputs only).",
        ),
    },
    toolchains = [EMULATOR_TOOLCHAIN_TYPE],
)
