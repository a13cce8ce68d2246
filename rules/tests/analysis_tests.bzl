"""Analysis tests of nocgo_test / nocgo_emulated_test (skylib analysistest): what the fan-out
declares and what each variant runs.

Not here: that an unknown platform or SDK fails with the allowed values. The check fails in the
transition, and analysistest's expect_failure only captures failures of rule implementations
(a transition's fail() aborts the build instead): rules/tests/bad_input_check analyses the
bad_* targets of BUILD.bazel one by one and checks their messages.
"""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")

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
    asserts.equals(env, ctx.attr.want_sdk, subs.get("%GO_VERSION%"))
    asserts.true(env, "GO_TEST_WRAP=0" in subs.get("%EXPORTS%", ""), "tests run the test binary itself")

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
    return analysistest.end(env)

variant_test = analysistest.make(
    _variant_test_impl,
    attrs = {
        "want_name": attr.string(),
        "want_platform": attr.string(),
        "want_qemu": attr.string(),
        "want_sdk": attr.string(),
    },
)

def analysis_test_suite(name):
    """Declares the analysis tests and a test_suite `name` of them.

    Expects, in the same package, the nocgo_test `fanout` (platforms linux_riscv64 and linux_386,
    sdks 1.26.8 and 1.27.3).

    Args:
      name: the test_suite's name.
    """
    tests = []
    for platform, qemu in [("linux_riscv64", "riscv64"), ("linux_386", "")]:
        for sdk in ["1.26.8", "1.27.3"]:
            vname = "fanout_{}_go{}".format(platform, sdk.replace(".", "_"))
            variant_test(
                name = vname + "_test",
                target_under_test = ":" + vname,
                want_name = vname,
                want_platform = platform,
                want_qemu = qemu,
                want_sdk = sdk,
            )
            tests.append(":" + vname + "_test")
    native.test_suite(name = name, tests = tests)
