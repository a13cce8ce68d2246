"""linkprobe_tests: per pinned SDK x GOARCH, a test that asks the SDK's linker whether a plain
assembly reference to runtime·cgocallback from outside std is refused, expecting exactly the
cases in which fakecgo gets -std (rules/private/std_asm.bzl)."""

load("@io_bazel_rules_go//go:def.bzl", "go_test")
load("//rules:defs.bzl", "PLATFORMS", "PLATFORM_NAMES", "SDK_VERSIONS", "nocgo_emulated_test")

# buildifier: disable=bzl-visibility
load("//rules/private:go_sdk_files.bzl", "current_go_sdk_files")

# buildifier: disable=bzl-visibility
load("//rules/private:macros.bzl", "variant_name")

# buildifier: disable=bzl-visibility
load("//rules/private:std_asm.bzl", "cgocallback_std_only_cases")

def linkprobe_tests(name, sdks = SDK_VERSIONS):
    """Declares `<name>_<platform>_go<sdk>` per SDK x platform, and a test_suite `name`.

    Each runs on the host (linux_amd64) and runs the SDK's own go command to build the probe for
    the platform's GOARCH (compiling that GOARCH's runtime: ~10-30 s of CPU each).

    Args:
      name: the test_suite's name, and the prefix of every other target.
      sdks: the pinned SDKs to probe, each on every platform.
    """
    go_test(
        name = name + "_go",
        # In testdata/ so that a plain `go test ./...` (which has no SDK under test to give it)
        # leaves it alone.
        srcs = ["testdata/linkprobe_test.go"],
        pure = "on",
        tags = ["manual"],
        deps = ["//internal/linkprobe"],
    )
    current_go_sdk_files(
        name = name + "_sdk",
        tags = ["manual"],
    )
    refused = cgocallback_std_only_cases()
    tests = []
    for sdk in sdks:
        for platform in PLATFORM_NAMES:
            tname = variant_name(name, platform, sdk)
            nocgo_emulated_test(
                name = tname,
                size = "medium",
                binary = ":" + name + "_go",
                data = [":" + name + "_sdk"],
                env = {
                    "NOCGO_PROBE_GO": "$(rlocationpath :{}_sdk)".format(name),
                    "NOCGO_PROBE_GOARCH": PLATFORMS[platform].goarch,
                    "NOCGO_PROBE_WANT": "refused" if (sdk, platform) in refused else "linked",
                },
                # The probe runs the SDK on the host; the SDK under test builds for `platform`.
                platform = "linux_amd64",
                sdk = sdk,
            )
            tests.append(":" + tname)
    native.test_suite(name = name, tests = tests)
