"""current_go_sdk_version: the version of the Go SDK that toolchain resolution picks for the
current configuration, so that nocgo_emulated_test can check it is the pinned SDK it asked for.

Private: an implementation detail of //rules/private:emulated.bzl.
"""

visibility(["//rules/..."])

_GO_TOOLCHAIN_TYPE = "@io_bazel_rules_go//go:toolchain"

GoSdkVersionInfo = provider(
    doc = "The Go SDK of the resolved Go toolchain.",
    fields = {
        "sdk_label": "string: the label of the SDK's GoSDK target.",
        "sdk_repo": "string: the canonical name of the repository of the SDK's GOROOT (ends in its rules_go sdk_name).",
        "version": "string: the SDK's version as rules_go reads it from the SDK (1.27.3).",
    },
)

def _current_go_sdk_version_impl(ctx):
    sdk = ctx.toolchains[_GO_TOOLCHAIN_TYPE].sdk
    return [GoSdkVersionInfo(
        version = sdk.version,
        sdk_label = str(sdk.root_file.owner),
        sdk_repo = sdk.root_file.owner.repo_name,
    )]

current_go_sdk_version = rule(
    implementation = _current_go_sdk_version_impl,
    doc = "Returns GoSdkVersionInfo for the Go toolchain resolved in the current configuration.",
    toolchains = [_GO_TOOLCHAIN_TYPE],
    provides = [GoSdkVersionInfo],
)
