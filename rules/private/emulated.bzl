"""Rules that build a Go binary for one platform and SDK and run it under that platform's emulator.

nocgo_emulated_test and nocgo_emulated_binary take a go_test/go_binary through the platform x SDK
transition and wrap it in a runner script that starts it under the emulator toolchain of that
platform (qemu-user, or the host itself for amd64 and 386).

Private: load nocgo_test and nocgo_binary from //rules:defs.bzl.
"""

load("@nocgo_go_toolchains//:sdks.bzl", "SDKS")
load(":emulator_toolchain.bzl", "EmulatorInfo", "rlocation_path")
load(":go_sdk_version.bzl", "GoSdkVersionInfo")
load(":platforms.bzl", "PLATFORM_NAMES")
load(":table.bzl", "PINNED_SDK_NAMES", TABLE_SDKS = "SDKS")
load(":transition.bzl", "nocgo_transition", "sdk_go_release", "sdk_or_default", "sdk_repo")

visibility(["//..."])

# The released SDKs rules_nocgo pins for everybody (its derived ones, 1.27.3-strict, are dev
# dependencies: a module that depends on it does not have them).
_RELEASED_PINS = [name for name in PINNED_SDK_NAMES for s in TABLE_SDKS if s.name == name and not s.base]

NocgoVariantInfo = provider(
    doc = "What one nocgo_emulated_test/_binary runs: for tests of the ruleset.",
    fields = {
        "go_sdk_root": "string: the label of the ROOT file of the Go SDK that built the binary.",
        "go_version": "string: that SDK's version, as rules_go reads it from the SDK (1.27.3).",
        "platform": "string: our platform name.",
    },
)

def _one(value):
    # An attribute with an outgoing transition is a list of one.
    return value[0] if type(value) == "list" else value

def _quote(s):
    # For the single-quoted strings of the runner template.
    return s.replace("'", "'\\''")

def _emulated_impl(ctx, is_test):
    # platform and sdk are allowed values: their attributes say which (`values`).
    sdk = sdk_or_default(ctx.attr.sdk)

    # The Go toolchain that toolchain resolution gave the binary's configuration must be the
    # pinned SDK asked for: another one means our toolchains are shadowed (or leak).
    resolved = _one(ctx.attr._go_sdk_version)[GoSdkVersionInfo]
    go_version = resolved.version.removeprefix("go")

    # A variant (1.27.3-strict) is its release to rules_go: the repository tells them apart.
    repo = sdk_repo(sdk)
    repo_ok = resolved.sdk_repo == repo or resolved.sdk_repo.endswith("+" + repo) or resolved.sdk_repo.endswith("~" + repo)
    if go_version != sdk_go_release(sdk) or not repo_ok:
        fail("sdk = \"{}\": the Go toolchain resolved for {} is Go {} ({}), not our pinned SDK".format(
            sdk,
            ctx.attr.platform,
            go_version,
            resolved.sdk_label,
        ))

    binary = _one(ctx.attr.binary)
    exe = binary[DefaultInfo].files_to_run.executable
    if not exe:
        fail("binary {} is not executable".format(binary.label))
    emu = _one(ctx.attr._emulator)[EmulatorInfo]

    # rules_go's test wrapper re-executes the test binary, which fails under qemu-user without
    # binfmt_misc ("exec format error"): run the test binary itself.
    exports = ["export GO_TEST_WRAP=0"] if is_test else []

    script = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.expand_template(
        template = ctx.file._runner_template,
        output = script,
        is_executable = True,
        substitutions = {
            "%BINARY%": _quote(rlocation_path(ctx, exe)),
            "%EMULATOR%": _quote(rlocation_path(ctx, emu.emulator) if emu.emulator else ""),
            "%EMULATOR_ARGS%": " ".join(["'{}'".format(_quote(a)) for a in emu.emulator_args]),
            "%EXPORTS%": "\n".join(exports),
            "%GOARCH%": emu.goarch,
            # The resolved SDK's own version (checked above against `sdk`).
            "%GO_VERSION%": go_version,
            "%LDSO%": _quote(emu.ldso),
            "%LIBRARY_PATH%": _quote(emu.library_path),
            "%MISSING%": _quote(emu.missing),
            "%NATIVE%": emu.native,
            "%PLATFORM%": emu.platform,
            "%SDK%": sdk,
            "%SYSROOT%": _quote(emu.sysroot),
        },
    )

    runfiles = ctx.runfiles(files = [script, exe], transitive_files = emu.files)
    runfiles = runfiles.merge(binary[DefaultInfo].default_runfiles)
    for dep in ctx.attr.data:
        runfiles = runfiles.merge(ctx.runfiles(transitive_files = dep[DefaultInfo].files))
        runfiles = runfiles.merge(dep[DefaultInfo].default_runfiles)

    # The binary's own run environment first (a go_test's GO_TEST_RUN_FROM_BAZEL, which makes
    # it start in its package folder as under `go test`; its env attribute), then ours.
    env = {}
    inherited = []
    if RunEnvironmentInfo in binary:
        env.update(binary[RunEnvironmentInfo].environment)
        inherited.extend(binary[RunEnvironmentInfo].inherited_environment)
    env.update({k: ctx.expand_location(v, ctx.attr.data) for k, v in ctx.attr.env.items()})
    inherited.extend([v for v in ctx.attr.env_inherit if v not in inherited])
    return [
        DefaultInfo(executable = script, files = depset([script]), runfiles = runfiles),
        RunEnvironmentInfo(environment = env, inherited_environment = inherited),
        NocgoVariantInfo(go_sdk_root = resolved.sdk_label, go_version = go_version, platform = emu.platform),
    ]

_ATTRS = {
    "binary": attr.label(
        mandatory = True,
        executable = True,
        cfg = nocgo_transition,
        doc = "The go_test or go_binary to run; built for `platform` with Go `sdk`, pure.",
    ),
    "data": attr.label_list(
        allow_files = True,
        cfg = nocgo_transition,
        doc = "Files the binary reads at run time, built for the same platform and SDK.",
    ),
    "env": attr.string_dict(doc = "Environment of the run; values may use $(rlocationpath ...) of `data`."),
    "env_inherit": attr.string_list(doc = "Names of variables to take from the environment Bazel runs in."),
    # `values`: Bazel reports another value as an error of this attribute when it loads the
    # BUILD file (the whole package then fails to load, so nocgo_test/nocgo_binary check their
    # arguments themselves and report them at analysis instead; see macros.bzl).
    "platform": attr.string(
        mandatory = True,
        values = PLATFORM_NAMES,
        doc = "One of our platforms (//platforms, from platforms/table.json): " + ", ".join(PLATFORM_NAMES) + ".",
    ),
    "sdk": attr.string(
        values = [""] + list(SDKS.keys()),
        doc = "A Go version pinned with nocgo.sdk (rules_nocgo pins " + ", ".join(_RELEASED_PINS) +
              "; the root module may pin more); empty means the default SDK (the root module's first).",
    ),
    "_emulator": attr.label(
        default = Label("//rules/private:current_emulator"),
        cfg = nocgo_transition,
        providers = [EmulatorInfo],
        doc = "The emulator toolchain of `platform`.",
    ),
    "_go_sdk_version": attr.label(
        default = Label("//rules/private:current_go_sdk_version"),
        cfg = nocgo_transition,
        providers = [GoSdkVersionInfo],
        doc = "The Go SDK that toolchain resolution gives `platform` x `sdk`, to check it.",
    ),
    "_runner_template": attr.label(
        default = Label("//rules/private:emulator_runner.sh.tpl"),
        allow_single_file = True,
        doc = "The runner script template.",
    ),
}

def _test_impl(ctx):
    return _emulated_impl(ctx, is_test = True)

def _binary_impl(ctx):
    return _emulated_impl(ctx, is_test = False)

nocgo_emulated_test = rule(
    implementation = _test_impl,
    doc = "Runs a go_test built for one platform and Go SDK under that platform's emulator.",
    attrs = _ATTRS,
    test = True,
)

nocgo_emulated_binary = rule(
    implementation = _binary_impl,
    doc = "Runs (bazel run) a go_binary built for one platform and Go SDK under that platform's emulator.",
    attrs = _ATTRS,
    executable = True,
)
