"""The platform x Go SDK transition of nocgo_test and nocgo_binary.

It is an outgoing transition (on the binary, data and emulator attributes), not an incoming one:
the runner target itself stays in the host configuration, so one package holds a runner per
platform and SDK side by side, and `bazel test //...` needs no flags.

The platform and SDK are checked before they get here: by the `values` of the attributes of
nocgo_emulated_test/_binary, and by nocgo_test/nocgo_binary (which report a bad one at analysis,
where analysistest can test the message). A rule of your own that uses the transition gets a
fail() naming the allowed values.

Private: load the public names from //rules:defs.bzl.
"""

load("@nocgo_go_toolchains//:sdks.bzl", "DEFAULT_SDK", "GO_VERSIONS", "SDKS")
load(":platforms.bzl", "check_platform")

visibility(["//..."])

_PLATFORMS = "//command_line_option:platforms"
_PURE = str(Label("@io_bazel_rules_go//go/config:pure"))
_SDK_VERSION = str(Label("@io_bazel_rules_go//go/toolchain:sdk_version"))
_SDK_NAME = str(Label("@io_bazel_rules_go//go/toolchain:sdk_name"))

# Every setting the transition touches.
SETTINGS = [_PLATFORMS, _PURE, _SDK_VERSION, _SDK_NAME]

SDK_VERSIONS = list(SDKS.keys())

def sdk_error(version, what):
    """Returns the error for a Go version that is not a pinned SDK, or "" for a pinned one.

    Args:
      version: a Go version like 1.27.3.
      what: the target or attribute to name in the message.

    Returns:
      A message naming the allowed values, or "".
    """
    if version in SDKS:
        return ""
    return "{}: unknown Go SDK '{}'; allowed: {} (pin more with nocgo.sdk in MODULE.bazel)".format(
        what,
        version,
        ", ".join(SDK_VERSIONS),
    )

def check_sdk(version, what):
    """Fails with the allowed values unless version is one of the pinned SDKs.

    Args:
      version: an SDK name like 1.27.3 or 1.27.3-strict.
      what: the target or attribute to name in the message.
    """
    error = sdk_error(version, what)
    if error:
        fail(error)

def sdk_go_release(sdk):
    """Returns the Go release of a pinned SDK (1.27.3 for 1.27.3 and for 1.27.3-strict)."""
    return GO_VERSIONS[sdk]

def sdk_repo(sdk):
    """Returns the repository name (rules_go's sdk_name) of a pinned SDK, e.g. nocgo_go_1_27_3_strict."""
    return SDKS[sdk]

def sdk_or_default(version):
    """Returns version, or the default SDK's version when it is empty."""
    return version or DEFAULT_SDK

def _nocgo_transition_impl(_settings, attr):
    sdk = sdk_or_default(attr.sdk)

    # Our rules' attributes only take allowed values; this is for rules of your own.
    check_platform(attr.platform, "platform = \"{}\"".format(attr.platform))
    check_sdk(sdk, "sdk = \"{}\"".format(sdk))
    return {
        _PLATFORMS: [str(Label("//platforms:" + attr.platform))],
        # CGO_ENABLED=0: nothing of the host's C toolchain is wanted.
        _PURE: True,
        # sdk_name is what our Go toolchains (@nocgo_go_toolchains) match, and nothing else sets
        # it to one of ours; sdk_version is the Go release of the SDK asked for (1.27.3 for
        # 1.27.3-strict: rules_go's version, read from the SDK's VERSION file).
        _SDK_VERSION: GO_VERSIONS[sdk],
        _SDK_NAME: SDKS[sdk],
    }

nocgo_transition = transition(
    implementation = _nocgo_transition_impl,
    inputs = SETTINGS,
    outputs = SETTINGS,
)
