"""current_go_sdk_files: the resolved Go SDK's go command, with the whole SDK in its runfiles, for
tests that run the SDK itself (//tests/linkprobe asks its linker what it refuses).

Private: used by rules_nocgo's own tests.
"""

visibility(["//..."])

_GO_TOOLCHAIN_TYPE = "@io_bazel_rules_go//go:toolchain"

def _current_go_sdk_files_impl(ctx):
    sdk = ctx.toolchains[_GO_TOOLCHAIN_TYPE].sdk
    files = depset(
        [sdk.go, sdk.root_file, sdk.package_list],
        transitive = [sdk.srcs, sdk.tools, sdk.headers, sdk.libs],
    )
    return [DefaultInfo(
        files = depset([sdk.go]),
        runfiles = ctx.runfiles(transitive_files = files),
    )]

current_go_sdk_files = rule(
    implementation = _current_go_sdk_files_impl,
    doc = "The go command of the Go toolchain resolved for the current configuration (the file: " +
          "$(rlocationpath) names it), with the SDK's sources, tools and headers as runfiles.",
    toolchains = [_GO_TOOLCHAIN_TYPE],
)
