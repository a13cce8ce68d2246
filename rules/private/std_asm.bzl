"""nocgo_std_asm: a go_library's assembly, assembled with `-std`, for SDKs that make the symbols it
references std-only; and the select() that chooses it per SDK x platform.

Why: on an SDK whose runtime pushes runtime.cgocallback with `//go:linknamestd` (the 1.27.3-strict
SDK, as in Go 1.27 development), the linker refuses fakecgo's assembly reference to it
(`invalid reference to runtime.cgocallback`) unless the referencing object carries the std flag.
`go build` gives exactly that with `-asmflags=<fakecgo>=-std`; rules_go has no per-package
assembler flags (go_library's gc_goopts reach the compiler only, and the compiler's -std marks the
Go object, not the assembly objects the linker checks). So where the flag is needed, the package's
.s files leave its srcs and this rule assembles them with the SDK's own `asm`, with `-std` and the
flags rules_go would use (-p, -D GOOS_/GOARCH_, -I pkg/include): the objects go into the library
as .syso files (rules_go packs those into the archive unchanged), and the compiler gets their
symbol ABIs through gc_goopts `-symabis=$(NOCGO_STD_ASM_SYMABIS)` (the make variable this rule
provides through the go_library's `toolchains`; the file itself is in its srcs, as a .h, so that
it is an input of the compile action).

Where: the linker checks assembly references only where Go has ABI wrappers
(buildcfg.Experiment.RegabiWrappers: in go1.27.3 every arch we support but 386 and arm, where it
"permits for now"), and only a std-only push needs the flag (a `//go:linkname` push admits
everybody; without any push the flag would not help). The push comes from each SDK's own runtime
source (@nocgo_go_linknames); the arches from ASM_REFS_CHECKED below. //tests/linkprobe checks
both against the real linker, per SDK x platform.

Private: used by fakecgo/BUILD.bazel.
"""

load("@nocgo_go_linknames//:linknames.bzl", "CGOCALLBACK_PUSH")
load("@nocgo_go_toolchains//:sdks.bzl", "SDKS")
load(":go_toolchains_repo.bzl", "sdk_platform_setting_name")
load(":platforms.bzl", "PLATFORMS", "PLATFORM_NAMES")

visibility(["//..."])

_GO_TOOLCHAIN_TYPE = "@io_bazel_rules_go//go:toolchain"

# The make variable that names the symbol ABI file (for gc_goopts).
SYMABIS_VAR = "NOCGO_STD_ASM_SYMABIS"

# The platforms whose linker checks references from assembly (Go's regabi arches); on linux_386
# and linux_arm it lets them all through.
ASM_REFS_CHECKED = [
    "linux_amd64",
    "linux_arm64",
    "linux_loong64",
    "linux_ppc64le",
    "linux_riscv64",
    "linux_s390x",
]

def cgocallback_std_only_cases():
    """Returns the (SDK, platform) pairs where fakecgo's assembly needs -std.

    Those are where a plain assembly reference to runtime·cgocallback from outside std is
    refused: a std-only push on a platform whose linker checks assembly.
    """
    return [
        (sdk, platform)
        for sdk in SDKS
        if CGOCALLBACK_PUSH.get(sdk) == "linknamestd"
        for platform in PLATFORM_NAMES
        if platform in ASM_REFS_CHECKED
    ]

def cgocallback_std_asm_select(if_std, otherwise):
    """A select() that is `if_std` exactly where assembly referencing runtime·cgocallback needs -std.

    Keyed on the hub's config_settings of rules_go's sdk_name (which nocgo_transition sets) and
    the platform; today: the 1.27.3-strict SDK on linux_amd64, arm64, loong64, ppc64le, riscv64
    and s390x.

    Args:
      if_std: the value for those SDK x platform pairs.
      otherwise: the value everywhere else.

    Returns:
      A select().
    """
    branches = {
        "@nocgo_go_toolchains//:" + sdk_platform_setting_name(SDKS[sdk], platform): if_std
        for sdk, platform in cgocallback_std_only_cases()
    }
    branches["//conditions:default"] = otherwise
    return select(branches)

def _nocgo_std_asm_impl(ctx):
    if not ctx.attr.std:
        # The plain case: the .s files themselves, for rules_go to assemble (and to filter by
        # their build constraints) as usual; no symbol ABI file.
        return [
            DefaultInfo(files = depset(ctx.files.srcs + ctx.files.hdrs)),
            platform_common.TemplateVariableInfo({SYMABIS_VAR: ""}),
        ]
    if not ctx.files.srcs:
        fail("{}: std is set but srcs lists no .s file for this platform".format(ctx.label))
    toolchain = ctx.toolchains[_GO_TOOLCHAIN_TYPE]
    if not toolchain:
        fail("{}: std is set but no Go toolchain was resolved".format(ctx.label))
    sdk = toolchain.sdk
    goos = toolchain.default_goos
    goarch = toolchain.default_goarch
    asm = None
    for tool in sdk.tools.to_list():
        if tool.basename == "asm":
            asm = tool
    if not asm:
        fail("{}: the Go SDK {} has no asm tool".format(ctx.label, sdk.root_file.owner))
    goroot = sdk.root_file.dirname
    env = {
        "GOARCH": goarch,
        "GOEXPERIMENT": sdk.experiments,
        "GOOS": goos,
        "GOROOT": goroot,
    }

    # What rules_go's builder passes (go/tools/builders/asm.go), plus -std.
    common = [
        "-p",
        ctx.attr.importpath,
        "-I",
        goroot + "/pkg/include",
        "-D",
        "GOOS_" + goos,
        "-D",
        "GOARCH_" + goarch,
        "-D",
        "GOOS_GOARCH_{}_{}".format(goos, goarch),
    ]

    # go_asm.h: the compiler writes it from the package's Go files for `go build`; this rule
    # assembles before any compile, so it provides an empty one. The only go_asm.h constant
    # fakecgo's assembly reads is const_handoffCallbacks, from a nocgo_handoff file: with -std
    # (strict SDK, default mode) it must be undefined, and it is.
    asm_h = ctx.actions.declare_file(ctx.label.name + "_include/go_asm.h")
    ctx.actions.write(asm_h, "// Empty: see nocgo_std_asm in rules_nocgo's rules/private/std_asm.bzl.\n")
    common += ["-I", asm_h.dirname]
    srcs = ctx.files.srcs
    inputs = depset(srcs + ctx.files.hdrs + [asm_h], transitive = [sdk.headers])

    symabis = ctx.actions.declare_file(ctx.label.name + ".symabis.h")
    ctx.actions.run(
        executable = asm,
        arguments = common + ["-gensymabis", "-o", symabis.path, "--"] + [s.path for s in srcs],
        inputs = inputs,
        outputs = [symabis],
        env = env,
        mnemonic = "NocgoStdAsmSymabis",
        progress_message = "Symbol ABIs of %{label} (" + goarch + ")",
    )
    objects = []
    for src in srcs:
        obj = ctx.actions.declare_file("{}_{}.syso".format(ctx.label.name, src.basename.removesuffix(".s")))

        # The assembler records each source's absolute path (the sandbox's execroot: a host path
        # that differs per action and per machine, and would reach every binary's line table and
        # every cache key downstream); -trimpath needs that root, which only the running action
        # knows: hence the shell, as rules_go's builder does it in Go.
        ctx.actions.run_shell(
            command = 'asm="$1"; shift; exec "$asm" -trimpath "$PWD" "$@"',
            arguments = [asm.path] + common + ["-std", "-o", obj.path, "--", src.path],
            inputs = depset([asm], transitive = [inputs]),
            outputs = [obj],
            env = env,
            mnemonic = "NocgoStdAsm",
            progress_message = "Assembling {} with -std ({})".format(src.short_path, goarch),
        )
        objects.append(obj)
    return [
        DefaultInfo(files = depset(objects + [symabis])),
        platform_common.TemplateVariableInfo({SYMABIS_VAR: symabis.path}),
    ]

nocgo_std_asm = rule(
    implementation = _nocgo_std_asm_impl,
    doc = "A Go package's assembly: the .s files as they are, or, with `std`, assembled by the " +
          "SDK's asm with `-std` into .syso objects plus their symbol ABI file (a .h). Put the " +
          "target in the go_library's srcs and toolchains, and `-symabis=$(NOCGO_STD_ASM_SYMABIS)` " +
          "in its gc_goopts where `std` is set.",
    attrs = {
        "hdrs": attr.label_list(allow_files = [".h"], doc = "Headers the .s files include."),
        "importpath": attr.string(mandatory = True, doc = "The package's import path (the assembler's -p)."),
        "srcs": attr.label_list(
            allow_files = [".s"],
            doc = "The .s files of this configuration's platform: given to rules_go as they are " +
                  "when `std` is False (rules_go applies their build constraints), assembled with " +
                  "-std when it is True, without evaluating their build constraints: list only " +
                  "files that apply on every SDK that needs -std (Go 1.27 and later), and put " +
                  "the others straight into the go_library.",
        ),
        "std": attr.bool(doc = "Assemble srcs with -std (select it with cgocallback_std_asm_select)."),
    },
    toolchains = [config_common.toolchain_type(_GO_TOOLCHAIN_TYPE, mandatory = False)],
    # Lets //rules/tests read the assembler's argv per SDK x platform (fakecgo_asm_flags_test).
    _skylark_testable = True,
)

def _check_tables():
    for platform in ASM_REFS_CHECKED:
        if platform not in PLATFORMS:
            fail("ASM_REFS_CHECKED names {}, which is not one of PLATFORMS".format(platform))

_check_tables()
