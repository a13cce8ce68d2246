"""Unit tests of the Starlark tables and helpers behind //rules:defs.bzl (skylib unittest)."""

load("@bazel_skylib//lib:unittest.bzl", "asserts", "unittest")
load("@nocgo_go_toolchains//:sdks.bzl", "DEFAULT_SDK", "SDKS", "SDK_SHA256")
load("//rules:repositories.bzl", "DEFAULT_SDKS")

# buildifier: disable=bzl-visibility
load("//rules/private:go_sdk_repo.bzl", "sdk_repo_name", "toolchain_module_version")

# buildifier: disable=bzl-visibility
load("//rules/private:macros.bzl", "variant_name")

# buildifier: disable=bzl-visibility
load("//rules/private:platforms.bzl", "PLATFORMS", "PLATFORM_NAMES", "platform_constraints")

# buildifier: disable=bzl-visibility
load("//rules/private:transition.bzl", "SDK_VERSIONS", "sdk_or_default")

# How an x86_64 host runs each platform's binaries (anything not listed: under qemu).
_NATIVE = {"linux_386": "probe", "linux_amd64": "always"}

def _platform_table_test(ctx):
    env = unittest.begin(ctx)

    # PLATFORMS is generated from platforms/table.json (rules/private/table.bzl).
    asserts.equals(env, sorted(PLATFORMS.keys()), PLATFORM_NAMES)
    asserts.true(env, len(PLATFORM_NAMES) >= 8, "the table has every platform of the README")
    for i in range(1, len(PLATFORM_NAMES)):
        asserts.true(env, PLATFORM_NAMES[i - 1] < PLATFORM_NAMES[i], "PLATFORM_NAMES ascends at " + PLATFORM_NAMES[i])
    for name in PLATFORM_NAMES:
        p = PLATFORMS[name]
        asserts.equals(env, "linux_" + p.goarch, name, "platform name is linux_<goarch>")
        asserts.true(env, p.triplet.endswith("-linux-gnu") or p.triplet.endswith("-linux-gnueabihf"), "{}: triplet {}".format(name, p.triplet))
        asserts.false(env, p.ldso.startswith("/"), "{}: ldso is relative to the sysroot".format(name))
        asserts.true(env, p.ldso.startswith("lib"), "{}: ldso {} is under lib*/".format(name, p.ldso))
        asserts.equals(env, _NATIVE.get(name, "never"), p.native, "{}: how the host runs it".format(name))
        asserts.equals(env, p.native == "always", p.qemu == None, "{}: qemu is None exactly where the host always runs it".format(name))
        c = platform_constraints(name)
        asserts.equals(env, "@platforms//os:linux", c[0])
        asserts.equals(env, "@platforms//cpu:" + p.cpu, c[1])
    asserts.true(
        env,
        "@io_bazel_rules_go//go/constraints/arm:7" in platform_constraints("linux_arm"),
        "linux_arm is GOARM=7",
    )
    return unittest.end(env)

platform_table_test = unittest.make(_platform_table_test)

def _variant_name_test(ctx):
    env = unittest.begin(ctx)
    asserts.equals(env, "foo_linux_riscv64_go1_27_3", variant_name("foo", "linux_riscv64", "1.27.3"))
    asserts.equals(env, "a_b_linux_386_go1_26_8", variant_name("a_b", "linux_386", "1.26.8"))
    return unittest.end(env)

variant_name_test = unittest.make(_variant_name_test)

def _sdks_test(ctx):
    env = unittest.begin(ctx)

    # Read from @nocgo_go_toolchains, which the nocgo extension writes from MODULE.bazel.
    asserts.equals(env, SDK_VERSIONS[0], DEFAULT_SDK, "the first pinned SDK is the default")
    asserts.equals(env, DEFAULT_SDK, sdk_or_default(""))
    asserts.equals(env, "1.26.8", sdk_or_default("1.26.8"))
    for version in SDK_VERSIONS:
        asserts.equals(env, sdk_repo_name(version), SDKS[version])
    asserts.equals(env, "nocgo_go_1_27_3", sdk_repo_name("1.27.3"))
    asserts.equals(env, "v0.0.1-go1.27.3.linux-amd64", toolchain_module_version("1.27.3"))

    # Each pin is a sha256 (64 lowercase hex digits).
    for version in SDK_VERSIONS:
        sha = SDK_SHA256.get(version, "")
        asserts.true(env, len(sha) == 64 and not sha.lstrip("0123456789abcdef"), "sha256 of {}: '{}'".format(version, sha))

    # The WORKSPACE defaults (//rules:repositories.bzl) pin what MODULE.bazel's nocgo.sdk tags
    # pin (SDK_SHA256, written by the extension from them): versions, order and sha256.
    asserts.equals(env, SDK_VERSIONS, list(DEFAULT_SDKS.keys()), "repositories.bzl DEFAULT_SDKS vs MODULE.bazel nocgo.sdk (order)")
    for version in SDK_VERSIONS:
        asserts.equals(env, SDK_SHA256.get(version), DEFAULT_SDKS.get(version), "repositories.bzl DEFAULT_SDKS vs MODULE.bazel: sha256 of " + version)
    return unittest.end(env)

sdks_test = unittest.make(_sdks_test)

def unit_test_suite(name):
    """The unit tests, as one test_suite.

    Args:
      name: the test_suite's name.
    """
    unittest.suite(
        name,
        platform_table_test,
        variant_name_test,
        sdks_test,
    )
