"""Unit tests of the Starlark tables and helpers behind //rules:defs.bzl (skylib unittest)."""

load("@bazel_skylib//lib:unittest.bzl", "asserts", "unittest")
load("@nocgo_go_linknames//:linknames.bzl", "CGOCALLBACK_PUSH")
load("@nocgo_go_toolchains//:sdks.bzl", "DEFAULT_SDK", "GO_VERSIONS", "SDKS", "SDK_SHA256")
load("//rules:repositories.bzl", "DEFAULT_SDKS", "STRICT_SDKS")

# buildifier: disable=bzl-visibility
load("//rules/private:go_linknames_repo.bzl", "cgocallback_push")

# buildifier: disable=bzl-visibility
load("//rules/private:go_sdk_repo.bzl", "sdk_go_version", "sdk_repo_name", "split_patch", "toolchain_module_version")

# buildifier: disable=bzl-visibility
load("//rules/private:macros.bzl", "plan_variants", "variant_name")

# buildifier: disable=bzl-visibility
load("//rules/private:platforms.bzl", "PLATFORMS", "PLATFORM_NAMES", "platform_constraints")

# buildifier: disable=bzl-visibility
load("//rules/private:std_asm.bzl", "cgocallback_std_only_cases")

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
    asserts.equals(env, "foo_linux_s390x_go1_27_3_strict", variant_name("foo", "linux_s390x", "1.27.3-strict"))
    return unittest.end(env)

variant_name_test = unittest.make(_variant_name_test)

def _sdk_platforms_test(ctx):
    env = unittest.begin(ctx)
    platforms = ["linux_amd64", "linux_arm64", "linux_s390x"]
    sdks = ["1.27.3", "1.26.8"]

    # An SDK named in sdk_platforms gets only those platforms; the others get every platform.
    error, variants = plan_variants("nocgo_test", "t", platforms, sdks, {"1.26.8": ["linux_s390x"]})
    asserts.equals(env, "", error)
    asserts.equals(
        env,
        [
            ("linux_amd64", "1.27.3"),
            ("linux_arm64", "1.27.3"),
            ("linux_s390x", "1.27.3"),
            ("linux_s390x", "1.26.8"),
        ],
        [(p, s) for p, s, _, _ in variants],
    )
    error, variants = plan_variants("nocgo_test", "t", platforms, sdks, {})
    asserts.equals(env, 6, len(variants), "no sdk_platforms: every platform x SDK")

    # Bad input: a key that is not one of sdks, a platform that is not one of platforms.
    error, variants = plan_variants("nocgo_test", "t", platforms, sdks, {"1.27.3-strict": ["linux_amd64"]})
    asserts.equals(env, "nocgo_test(name = \"t\"): sdk_platforms names '1.27.3-strict', which is not one of sdks (1.27.3, 1.26.8)", error)
    asserts.equals(env, [], variants)
    error, _ = plan_variants("nocgo_binary", "b", platforms, sdks, {"1.26.8": ["linux_386"]})
    asserts.equals(env, "nocgo_binary(name = \"b\"): sdk_platforms['1.26.8'] names \"linux_386\", which is not one of platforms (linux_amd64, linux_arm64, linux_s390x)", error)
    error, _ = plan_variants("nocgo_test", "t", platforms, sdks, {"1.26.8": []})
    asserts.equals(env, "nocgo_test(name = \"t\"): sdk_platforms['1.26.8'] must be a non-empty list of platforms", error)
    error, _ = plan_variants("nocgo_test", "t", platforms, sdks, ["1.26.8"])
    asserts.equals(env, "nocgo_test(name = \"t\"): sdk_platforms must be a dict from SDK to a list of platforms", error)
    return unittest.end(env)

sdk_platforms_test = unittest.make(_sdk_platforms_test)

def _sdks_test(ctx):
    env = unittest.begin(ctx)

    # Read from @nocgo_go_toolchains, which the nocgo extension writes from MODULE.bazel.
    asserts.equals(env, SDK_VERSIONS[0], DEFAULT_SDK, "the first pinned SDK is the default")
    asserts.equals(env, DEFAULT_SDK, sdk_or_default(""))
    asserts.equals(env, "1.26.8", sdk_or_default("1.26.8"))
    for version in SDK_VERSIONS:
        asserts.equals(env, sdk_repo_name(version), SDKS[version])
    asserts.equals(env, "nocgo_go_1_27_3", sdk_repo_name("1.27.3"))
    asserts.equals(env, "nocgo_go_1_27_3_strict", sdk_repo_name("1.27.3-strict"))
    asserts.equals(env, "1.27.3", sdk_go_version("1.27.3-strict"))
    for version in SDK_VERSIONS:
        asserts.equals(env, sdk_go_version(version), GO_VERSIONS[version], "the Go release of " + version)
    asserts.equals(env, "v0.0.1-go1.27.3.linux-amd64", toolchain_module_version("1.27.3"))

    # Each pin is a sha256 (64 lowercase hex digits).
    for version in SDK_VERSIONS:
        sha = SDK_SHA256.get(version, "")
        asserts.true(env, len(sha) == 64 and not sha.lstrip("0123456789abcdef"), "sha256 of {}: '{}'".format(version, sha))

    # The WORKSPACE defaults (//rules:repositories.bzl) pin what MODULE.bazel's nocgo.sdk tags
    # pin (SDK_SHA256, written by the extension from them): versions, order and sha256; the
    # strict SDK (a dev dependency here) is STRICT_SDKS there.
    pinned = DEFAULT_SDKS | STRICT_SDKS
    asserts.equals(env, SDK_VERSIONS, list(pinned.keys()), "repositories.bzl DEFAULT_SDKS | STRICT_SDKS vs MODULE.bazel nocgo.sdk (order)")
    for version in SDK_VERSIONS:
        asserts.equals(env, SDK_SHA256.get(version), pinned.get(version), "repositories.bzl vs MODULE.bazel: sha256 of " + version)
    asserts.true(env, "strict" not in DEFAULT_SDK, "the strict SDK is not the default")
    return unittest.end(env)

sdks_test = unittest.make(_sdks_test)

def _linknames_test(ctx):
    env = unittest.begin(ctx)

    # Read by @nocgo_go_linknames from each SDK's own src/runtime/stubs.go (after its patches).
    asserts.equals(env, {"1.26.8": "none", "1.27.3": "linkname", "1.27.3-strict": "linknamestd"}, CGOCALLBACK_PUSH)

    # So fakecgo's assembly gets -std on the strict SDK where the linker checks assembly, only.
    asserts.equals(
        env,
        [("1.27.3-strict", p) for p in ["linux_amd64", "linux_arm64", "linux_loong64", "linux_ppc64le", "linux_riscv64", "linux_s390x"]],
        cgocallback_std_only_cases(),
    )

    # The classifier itself.
    stubs = "\n".join([
        "// cgocallback is not called from Go.",
        "//",
        "//go:{} cgocallback",
        "func cgocallback(fn, frame, ctxt uintptr)",
    ])
    asserts.equals(env, "linkname", cgocallback_push(stubs.format("linkname"), "t"))
    asserts.equals(env, "linknamestd", cgocallback_push(stubs.format("linknamestd"), "t"))
    asserts.equals(env, "none", cgocallback_push(stubs.format("noescape"), "t"))

    # Our patches are plain multi-file unified diffs; the SDK rule applies them file by file.
    parts = split_patch("header\ntext\n--- a/x.go\n+++ b/x.go\n@@ -1,1 +1,1 @@\n-a\n+b\n--- a/y.go\n+++ b/y.go\n@@ -2,1 +2,1 @@\n-c\n+d\n", "t")
    asserts.equals(env, [
        "--- a/x.go\n+++ b/x.go\n@@ -1,1 +1,1 @@\n-a\n+b\n",
        "--- a/y.go\n+++ b/y.go\n@@ -2,1 +2,1 @@\n-c\n+d\n",
    ], parts)
    return unittest.end(env)

linknames_test = unittest.make(_linknames_test)

def unit_test_suite(name):
    """The unit tests, as one test_suite.

    Args:
      name: the test_suite's name.
    """
    unittest.suite(
        name,
        platform_table_test,
        variant_name_test,
        sdk_platforms_test,
        sdks_test,
        linknames_test,
    )
