"""Analysis tests of the rules (skylib analysistest): what nocgo_test's fan-out declares, what each
variant runs and with which Go SDK, that every bad input fails analysis with a message that
names the allowed values, and the assembler flag fakecgo is built with per SDK x platform.
"""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")
load("@io_bazel_rules_go//go:def.bzl", "GoInfo")

# buildifier: disable=bzl-visibility
load("//rules/private:emulated.bzl", "NocgoVariantInfo")

# buildifier: disable=bzl-visibility
load("//rules/private:go_sdk_repo.bzl", "sdk_repo_name")

# buildifier: disable=bzl-visibility
load("//rules/private:platforms.bzl", "PLATFORM_NAMES")

# buildifier: disable=bzl-visibility
load("//rules/private:transition.bzl", "SDK_VERSIONS", "nocgo_transition")

def _substitutions(env):
    actions = [a for a in analysistest.target_actions(env) if a.mnemonic == "TemplateExpand"]
    asserts.equals(env, 1, len(actions), "one runner script")
    return actions[0].substitutions if actions else {}

def _variant_test_impl(ctx):
    env = analysistest.begin(ctx)
    target = analysistest.target_under_test(env)
    exe = target[DefaultInfo].files_to_run.executable
    asserts.equals(env, ctx.attr.want_name, exe.basename, "the runner is named after the variant")
    subs = _substitutions(env)
    asserts.equals(env, ctx.attr.want_platform, subs.get("%PLATFORM%"))
    asserts.equals(env, ctx.attr.want_platform[len("linux_"):], subs.get("%GOARCH%"))
    asserts.equals(env, ctx.attr.want_native, subs.get("%NATIVE%"), "how the host runs it")
    asserts.true(env, "GO_TEST_WRAP=0" in subs.get("%EXPORTS%", ""), "tests run the test binary itself")

    # The Go SDK that toolchain resolution gave the binary's configuration (not the sdk
    # attribute): its version, read by rules_go from the SDK, and that it is our pinned SDK's
    # repository (not another module's SDK of the same version).
    variant = target[NocgoVariantInfo]
    go_version = ctx.attr.want_go_version or ctx.attr.want_sdk
    asserts.equals(env, go_version, variant.go_version, "the resolved SDK's version")
    asserts.equals(env, go_version, subs.get("%GO_VERSION%"), "NOCGO_GO_VERSION of the run")
    asserts.equals(env, ctx.attr.want_sdk, subs.get("%SDK%"), "NOCGO_SDK of the run")
    repo = Label(variant.go_sdk_root).workspace_name
    asserts.true(
        env,
        repo.endswith(sdk_repo_name(ctx.attr.want_sdk)),
        "the SDK is our @{}: {}".format(sdk_repo_name(ctx.attr.want_sdk), variant.go_sdk_root),
    )

    # The runner runs the go_test, built in the transitioned configuration (platform x SDK), not in
    # the runner's own.
    binary = subs.get("%BINARY%", "")
    asserts.true(env, binary.endswith("/fanout_go_/fanout_go"), "runs the go_test: " + binary)
    files = target[DefaultInfo].default_runfiles.files.to_list()
    runfiles = [f.short_path for f in files]
    built = [f for f in files if f.basename == "fanout_go"]
    asserts.equals(env, 1, len(built), "one test binary in the runfiles")
    if built:
        asserts.false(env, built[0].root.path == ctx.bin_dir.path, "the binary is built in another configuration than the runner: " + built[0].root.path)
    if ctx.attr.want_qemu:
        asserts.true(env, [p for p in runfiles if p.endswith("/qemu-" + ctx.attr.want_qemu)] != [], "qemu-{} is in the runfiles".format(ctx.attr.want_qemu))
    else:
        asserts.equals(env, [], [p for p in runfiles if "/qemu-" in p], "no emulator for a native platform")
    if ctx.attr.want_native == "probe":
        # The probe runs the target's loader, and a native run starts through it.
        ldso = subs.get("%LDSO%", "")
        asserts.true(env, ldso.endswith("/lib/ld-linux.so.2"), "the runner knows the i386 loader: " + ldso)
        asserts.true(env, [p for p in runfiles if p.endswith("/lib/ld-linux.so.2")] != [], "the loader is in the runfiles")
    return analysistest.end(env)

variant_test = analysistest.make(
    _variant_test_impl,
    attrs = {
        "want_go_version": attr.string(doc = "The Go release the SDK must be; default: want_sdk."),
        "want_name": attr.string(),
        "want_native": attr.string(),
        "want_platform": attr.string(),
        "want_qemu": attr.string(),
        "want_sdk": attr.string(),
    },
)

def _bad_input_test_impl(ctx):
    env = analysistest.begin(ctx)
    asserts.expect_failure(env, ctx.attr.want_error)
    return analysistest.end(env)

bad_input_test = analysistest.make(
    _bad_input_test_impl,
    expect_failure = True,
    attrs = {"want_error": attr.string(doc = "Text the analysis error must contain.")},
)

# The allowed values come from platforms/table.json (through rules/private/table.bzl) and from
# MODULE.bazel's nocgo.sdk tags (which internal/cmd/gentable checks against the table).
_ALLOWED_PLATFORMS = "allowed: " + ", ".join(PLATFORM_NAMES)
_ALLOWED_SDKS = "allowed: " + ", ".join(SDK_VERSIONS)

# Bad input (target in this package -> the error its analysis must report).
BAD_INPUTS = {
    "bad_binary_no_platforms": "nocgo_binary(name = \"bad_binary_no_platforms\"): platforms must be a non-empty list of: " + ", ".join(PLATFORM_NAMES),
    "bad_binary_platform_linux_amd64_v3_go1_27_3": "platform = \"linux_amd64_v3\": unknown platform 'linux_amd64_v3'; " + _ALLOWED_PLATFORMS,
    "bad_binary_sdk_linux_arm64_go1_27": "sdk = \"1.27\": unknown Go SDK '1.27'; " + _ALLOWED_SDKS + " (pin more with nocgo.sdk in MODULE.bazel)",
    "bad_binary_sdks_twice": "nocgo_binary(name = \"bad_binary_sdks_twice\"): sdks lists '1.26.8' twice",
    "bad_emulator_toolchain": "emulator: must be unset with native = \"always\"",
    "bad_no_platforms": "nocgo_test(name = \"bad_no_platforms\"): platforms must be a non-empty list of: " + ", ".join(PLATFORM_NAMES),
    "bad_platform_linux_mips64_go1_27_3": "platform = \"linux_mips64\": unknown platform 'linux_mips64'; " + _ALLOWED_PLATFORMS,
    "bad_platforms_string": "nocgo_test(name = \"bad_platforms_string\"): platforms must be a non-empty list of: " + ", ".join(PLATFORM_NAMES),
    "bad_platforms_twice": "nocgo_test(name = \"bad_platforms_twice\"): platforms lists 'linux_arm' twice",
    "bad_probe_toolchain": "sysroot: must be set with native = \"probe\" (the probe runs its loader)",
    "bad_sdk_linux_386_go1_19_13": "sdk = \"1.19.13\": unknown Go SDK '1.19.13'; " + _ALLOWED_SDKS + " (pin more with nocgo.sdk in MODULE.bazel)",
    "bad_sysroot": "ldso: rules/tests/testdata/sysroot/ld.so is not in a lib/ or lib64/ folder of the sysroot root",
}

def analysis_test_suite(name):
    """Declares the analysis tests and a test_suite `name` of them.

    Expects, in the same package, the nocgo_test `fanout` (platforms linux_riscv64 and linux_386,
    sdks 1.26.8, 1.27.3 and 1.27.3-strict) and the manual bad_* targets of BAD_INPUTS.

    Args:
      name: the test_suite's name.
    """
    tests = []
    for platform, qemu, how in [("linux_riscv64", "riscv64", "never"), ("linux_386", "i386", "probe")]:
        for sdk in ["1.26.8", "1.27.3", "1.27.3-strict"]:
            vname = "fanout_{}_go{}".format(platform, sdk.replace(".", "_").replace("-", "_"))
            variant_test(
                name = vname + "_test",
                target_under_test = ":" + vname,
                want_name = vname,
                want_go_version = sdk.split("-")[0],
                want_native = how,
                want_platform = platform,
                want_qemu = qemu,
                want_sdk = sdk,
            )
            tests.append(":" + vname + "_test")
    for target, error in BAD_INPUTS.items():
        bad_input_test(
            name = target + "_test",
            target_under_test = ":" + target,
            want_error = error,
        )
        tests.append(":" + target + "_test")
    native.test_suite(name = name, tests = tests)

def _fakecgo_asm_flags_test_impl(ctx):
    env = analysistest.begin(ctx)
    want_std = ctx.attr.want_std

    # What rules_go compiles //fakecgo:fakecgo from in this SDK x platform (GoInfo: the files and
    # gc_goopts its GoCompilePkg action gets), and the actions of our assembly rule (which
    # exposes them to tests: _starlark_testable).
    lib = ctx.attr.library[0][GoInfo]
    asm_target = ctx.attr.asm[0]
    asms = [a for a in asm_target[Actions].by_file.values() if a.mnemonic == "NocgoStdAsm"]
    asms = {a: None for a in asms}.keys()
    srcs = [f.basename for f in lib.srcs]
    sosrcs = [f for f in srcs if f.endswith(".s")]
    sysos = [f for f in srcs if f.endswith(".syso")]
    symabis = [o for o in lib.gc_goopts if o.startswith("-symabis=")]
    if want_std:
        # Every .s file assembled by the SDK's asm with -std, none left to rules_go.
        asserts.equals(env, 2, len(asms), "asm_<arch>.s and libc_linux.s assembled with -std")
        for a in asms:
            asserts.true(env, "-std" in a.argv, "-std in " + " ".join(a.argv))
            asserts.true(env, "github.com/nocgo/rules_nocgo/fakecgo" in a.argv, "-p fakecgo in " + " ".join(a.argv))
            tools = [arg for arg in a.argv if arg.endswith("/pkg/tool/linux_amd64/asm")]
            asserts.equals(env, 1, len(tools), "the SDK's own asm: " + " ".join(a.argv))

            # The source paths it records are relative to the action's root (-trimpath "$PWD":
            # the shell expands it when the action runs).
            asserts.true(env, '-trimpath "$PWD"' in " ".join(a.argv), "-trimpath of the action's root in " + " ".join(a.argv))

        # None left to rules_go, but the Go 1.26 files (zlibc_go126_linux_s390x.s, whose
        # //go:build !go1.27 drops it on every SDK that needs -std).
        asserts.equals(env, [], [f for f in sosrcs if "_go126_" not in f], "no .s file is left to rules_go")
        asserts.equals(env, 2, len(sysos), "the two -std objects are packed: {}".format(srcs))
        asserts.equals(env, 1, len(symabis), "the compiler gets their symbol ABIs: {}".format(lib.gc_goopts))
        if symabis:
            asserts.true(env, symabis[0].endswith("/fakecgo/fakecgo_asm.symabis.h"), symabis[0])
    else:
        asserts.equals(env, 0, len(asms), "nothing is assembled with -std")
        asserts.true(env, len(sosrcs) >= 2, "rules_go assembles the .s files itself: {}".format(srcs))
        asserts.equals(env, [], sysos, "no -std objects")
        asserts.equals(env, [], symabis, "no -symabis flag of ours")
    asserts.equals(env, [], [o for o in lib.gc_goopts if "-std" in o], "the compiler never gets -std")
    return analysistest.end(env)

fakecgo_asm_flags_test = analysistest.make(
    _fakecgo_asm_flags_test_impl,
    attrs = {
        "asm": attr.label(cfg = nocgo_transition, doc = "//fakecgo:fakecgo_asm."),
        "library": attr.label(cfg = nocgo_transition, providers = [GoInfo], doc = "//fakecgo:fakecgo."),
        "platform": attr.string(doc = "Read by nocgo_transition."),
        "sdk": attr.string(doc = "Read by nocgo_transition."),
        "want_std": attr.bool(doc = "Whether fakecgo's assembly must be assembled with -std."),
    },
)

def fakecgo_asm_flags_test_suite(name, cases):
    """One analysis test per SDK x platform of the assembler flag that fakecgo gets.

    Args:
      name: the test_suite's name.
      cases: the (SDK, platform) pairs where -std is wanted; every other pair wants none.
    """
    tests = []
    for sdk in SDK_VERSIONS:
        for platform in PLATFORM_NAMES:
            tname = "{}_{}_go{}".format(name, platform, sdk.replace(".", "_").replace("-", "_"))
            fakecgo_asm_flags_test(
                name = tname,
                target_under_test = "//fakecgo:fakecgo",
                asm = "//fakecgo:fakecgo_asm",
                library = "//fakecgo:fakecgo",
                platform = platform,
                sdk = sdk,
                want_std = (sdk, platform) in cases,
            )
            tests.append(":" + tname)
    native.test_suite(name = name, tests = tests)
