"""nocgo_test and nocgo_binary: one go_test/go_binary, fanned out over platforms x Go SDKs.

Private: load them from //rules:defs.bzl.
"""

load("@io_bazel_rules_go//go:def.bzl", "go_binary", "go_test")
load("@nocgo_go_toolchains//:sdks.bzl", "DEFAULT_SDK")
load(":emulated.bzl", "nocgo_emulated_binary", "nocgo_emulated_test")
load(":platforms.bzl", "PLATFORM_NAMES", "platform_error")
load(":transition.bzl", "sdk_error")

visibility(["//..."])

def variant_name(name, platform, sdk):
    """Returns the name of one platform x SDK target, e.g. foo_linux_riscv64_go1_27_3_strict.

    Args:
      name: the macro's name.
      platform: a platform name.
      sdk: an SDK name, e.g. 1.27.3 or 1.27.3-strict.

    Returns:
      A target name.
    """
    return "{}_{}_go{}".format(name, platform, sdk.replace(".", "_").replace("-", "_"))

def _invalid_impl(ctx):
    fail(ctx.attr.message)

_INVALID_ATTRS = {"message": attr.string(doc = "The error to report.")}

# Stand-ins for what nocgo_test and nocgo_binary cannot declare from bad arguments: analysing one
# fails with the message. Reporting bad arguments at analysis (not with fail() in the macro, and
# not through the `values` of the rules' attributes, which Bazel checks when it loads the BUILD
# file) keeps the package loadable, so its other targets still build and analysistest can check
# each message.
_nocgo_invalid_test = rule(
    implementation = _invalid_impl,
    doc = "A test that nocgo_test could not declare: its analysis fails with `message`.",
    attrs = _INVALID_ATTRS,
    test = True,
)

_nocgo_invalid = rule(
    implementation = _invalid_impl,
    doc = "A target that nocgo_binary could not declare: its analysis fails with `message`.",
    attrs = _INVALID_ATTRS,
)

def plan_variants(kind, name, platforms, sdks, sdk_platforms):
    """Checks the arguments of a nocgo_test/nocgo_binary and lists its variants.

    Args:
      kind: "nocgo_test" or "nocgo_binary", for messages.
      name: the macro's name.
      platforms: its platforms.
      sdks: its sdks (None: the default SDK).
      sdk_platforms: its sdk_platforms.

    Returns:
      (error, variants): error is "" or what is wrong with the macro's arguments as a whole (then
      variants is empty); variants are (platform, sdk, variant name, error of that variant).
    """
    what = "{}(name = \"{}\")".format(kind, name)
    if type(platforms) != "list" or not platforms:
        return ("{}: platforms must be a non-empty list of: {}".format(what, ", ".join(PLATFORM_NAMES)), [])
    if sdks != None and type(sdks) != "list":
        return ("{}: sdks must be a list of pinned Go versions, or None for the default".format(what), [])
    sdks = sdks or [DEFAULT_SDK]
    for attr_name, values in [("platforms", platforms), ("sdks", sdks)]:
        for i, value in enumerate(values):
            if type(value) != "string":
                return ("{}: {} must hold strings, not {}".format(what, attr_name, repr(value)), [])
            if value in values[:i]:
                return ("{}: {} lists '{}' twice".format(what, attr_name, value), [])
    if type(sdk_platforms) != "dict":
        return ("{}: sdk_platforms must be a dict from SDK to a list of platforms".format(what), [])
    for sdk, only in sdk_platforms.items():
        if sdk not in sdks:
            return ("{}: sdk_platforms names '{}', which is not one of sdks ({})".format(what, sdk, ", ".join(sdks)), [])
        if type(only) != "list" or not only:
            return ("{}: sdk_platforms['{}'] must be a non-empty list of platforms".format(what, sdk), [])
        for p in only:
            if p not in platforms:
                return ("{}: sdk_platforms['{}'] names {}, which is not one of platforms ({})".format(what, sdk, repr(p), ", ".join(platforms)), [])
    variants = []
    for p in platforms:
        for s in sdks:
            if s in sdk_platforms and p not in sdk_platforms[s]:
                continue
            error = platform_error(p, "platform = \"{}\"".format(p)) or sdk_error(s, "sdk = \"{}\"".format(s))
            variants.append((p, s, variant_name(name, p, s), error))
    return ("", variants)

def nocgo_test(
        name,
        platforms = PLATFORM_NAMES,
        sdks = None,
        sdk_platforms = {},
        data = [],
        env = {},
        env_inherit = [],
        args = [],
        size = None,
        timeout = None,
        flaky = None,
        shard_count = None,
        tags = [],
        visibility = None,
        **kwargs):
    """A pure-Go test, built and run for each platform x Go SDK under the platform's emulator.

    Declares `<name>_go` (the go_test, pure = "on", tagged manual), one test per combination,
    named `<name>_<platform>_go<version with _>` (e.g. `foo_linux_riscv64_go1_27_3`), and a
    test_suite `<name>` of them all. Each run sees NOCGO_PLATFORM, NOCGO_GOARCH, NOCGO_SDK (the
    SDK the variant is pinned to), NOCGO_GO_VERSION (the version of the SDK that built it: the
    same, checked at analysis) and NOCGO_RUN (native or qemu) in its environment, NOCGO_EMULATED
    (1 under qemu, else 0), NOCGO_EXEC_PREFIX (the words, one per line, to put before another
    binary of the platform to run it, e.g. the test itself as a child), and GO_TEST_WRAP=0.
    linux_386 runs natively where the host can, else under qemu-i386 (NOCGO_386=native|qemu|auto
    through --test_env forces a way); the test log says which.

    Args:
      name: the test_suite's name, and the prefix of every other target.
      platforms: names from //platforms (all by default), each once. An empty list, a repeated
        name or an unknown one fails analysis (of `<name>`, or of the unknown one's variant),
        naming the allowed values.
      sdks: Go versions pinned with nocgo.sdk, each once; a repeated or unknown one fails analysis
        likewise. Default: the default SDK.
      sdk_platforms: SDK -> the platforms (a subset of `platforms`) to declare that SDK's
        variants for; an SDK not named gets every platform. E.g. {"1.26.8": ["linux_amd64"]}
        with sdks = ["1.27.3", "1.26.8"]: every platform with 1.27.3, linux_amd64 with 1.26.8.
        A key not in `sdks` or a platform not in `platforms` fails analysis of `<name>`.
      data: files the test reads, built for the same platform and SDK.
      env: environment of the test; values may use $(rlocationpath ...) of data.
      env_inherit: variables to take from the environment Bazel runs in.
      args: arguments of the test binary (e.g. -test.v).
      size: as for any test.
      timeout: as for any test.
      flaky: as for any test.
      shard_count: as for any test.
      tags: added to every generated test ("manual" also keeps the test_suite out of //...).
      visibility: of the test_suite and the tests.
      **kwargs: go_test attributes: srcs, embed, deps, embedsrcs, x_defs, gc_goopts, ...
    """
    error, variants = plan_variants("nocgo_test", name, platforms, sdks, sdk_platforms)
    if error:
        _nocgo_invalid_test(name = name, message = error, tags = tags, visibility = visibility)
        return
    go_test(
        name = name + "_go",
        pure = "on",
        tags = ["manual"],
        testonly = True,
        visibility = ["//visibility:private"],
        **kwargs
    )
    tests = []
    for platform, sdk, vname, error in variants:
        if error:
            _nocgo_invalid_test(name = vname, message = error, tags = tags, visibility = visibility)
            tests.append(":" + vname)
            continue
        nocgo_emulated_test(
            name = vname,
            binary = ":" + name + "_go",
            platform = platform,
            sdk = sdk,
            data = data,
            env = env,
            env_inherit = env_inherit,
            args = args,
            size = size,
            timeout = timeout,
            flaky = flaky,
            shard_count = shard_count,
            tags = tags + ["nocgo_" + platform],
            visibility = visibility,
        )
        tests.append(":" + vname)

    # A manual nocgo_test stays out of `bazel test //...` as a whole: its suite too.
    native.test_suite(
        name = name,
        tests = tests,
        tags = ["manual"] if "manual" in tags else [],
        visibility = visibility,
    )

def nocgo_binary(
        name,
        platforms = PLATFORM_NAMES,
        sdks = None,
        sdk_platforms = {},
        data = [],
        env = {},
        env_inherit = [],
        args = [],
        tags = [],
        visibility = None,
        **kwargs):
    """A pure-Go binary, built for each platform x Go SDK, each `bazel run`-able under its emulator.

    Declares one runnable target per combination named like `<name>_linux_riscv64_go1_27_3`,
    each with its own go_binary `<that name>_go` (pure = "on", tagged manual), and a filegroup
    `<name>` of them all. One go_binary per variant gives each variant's executable its own
    runfiles path, so one target (a test, a filegroup) can carry the runfiles of several.

    Args:
      name: the filegroup's name, and the prefix of every other target.
      platforms: names from //platforms (all by default), each once. An empty list, a repeated
        name or an unknown one fails analysis (of `<name>`, or of the unknown one's variant),
        naming the allowed values.
      sdks: Go versions pinned with nocgo.sdk, each once; a repeated or unknown one fails analysis
        likewise. Default: the default SDK.
      sdk_platforms: SDK -> the platforms (a subset of `platforms`) to declare that SDK's
        variants for; an SDK not named gets every platform. E.g. {"1.26.8": ["linux_amd64"]}
        with sdks = ["1.27.3", "1.26.8"]: every platform with 1.27.3, linux_amd64 with 1.26.8.
        A key not in `sdks` or a platform not in `platforms` fails analysis of `<name>`.
      data: files the binary reads, built for the same platform and SDK.
      env: environment of `bazel run`; values may use $(rlocationpath ...) of data.
      env_inherit: variables to take from the environment Bazel runs in.
      args: arguments passed by `bazel run`.
      tags: added to every generated target and the filegroup ("manual" keeps them all out of //...).
      visibility: of the filegroup and the runnable targets.
      **kwargs: go_binary attributes: srcs, embed, deps, x_defs, gc_goopts, ...
    """
    error, variants = plan_variants("nocgo_binary", name, platforms, sdks, sdk_platforms)
    if error:
        _nocgo_invalid(name = name, message = error, tags = tags, visibility = visibility)
        return
    targets = []
    for platform, sdk, vname, error in variants:
        if error:
            _nocgo_invalid(name = vname, message = error, tags = tags, visibility = visibility)
            targets.append(":" + vname)
            continue
        go_binary(
            name = vname + "_go",
            pure = "on",
            tags = ["manual"],
            visibility = ["//visibility:private"],
            **kwargs
        )
        nocgo_emulated_binary(
            name = vname,
            binary = ":" + vname + "_go",
            platform = platform,
            sdk = sdk,
            data = data,
            env = env,
            env_inherit = env_inherit,
            args = args,
            tags = tags + ["nocgo_" + platform],
            visibility = visibility,
        )
        targets.append(":" + vname)
    native.filegroup(name = name, srcs = targets, tags = tags, visibility = visibility)
