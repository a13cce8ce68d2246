"""The `nocgo` module extension: pinned Go SDKs, and emulators + sysroots pinned by a lock file.

Private: use it through //rules:extensions.bzl.
"""

load(":emulators_repo.bzl", "EMULATORS_TAG", "declare_emulator_repos")
load(":go_linknames_repo.bzl", "nocgo_go_linknames")
load(":go_sdk_repo.bzl", "check_version", "nocgo_declare_sdk", "sdk_files_repo_name", "sdk_go_version", "sdk_repo_name")
load(":go_toolchains_repo.bzl", "nocgo_go_toolchains")

visibility(["//rules/..."])

_sdk_tag = tag_class(
    doc = "Pins a Go SDK (linux-amd64), fetched as the Go module golang.org/toolchain through the " +
          "Go module proxy (NOCGO_GOPROXY, GOPROXY or `go env GOPROXY`), or taken from the local " +
          "module cache when it is there, and optionally patched (a named variant of the release). " +
          "The root module's first tag is the default SDK.",
    attrs = {
        "experiments": attr.string_list(doc = "GOEXPERIMENT values for everything built with this SDK."),
        "patches": attr.label_list(
            doc = "Unified diffs (a/ and b/ prefixes) applied in order to the release's files, with " +
                  "Bazel's own patch support; then `version` must name a variant of the release, " +
                  "e.g. 1.27.3-strict with //sdk/patches:go1.27.3-strict.patch. The archive (and " +
                  "sha256) is the release's; the variant is a separate SDK (nocgo_go_1_27_3_strict).",
        ),
        "sha256": attr.string(
            mandatory = True,
            doc = "sha256 of golang.org/toolchain/@v/v0.0.1-go<version>.linux-amd64.zip " +
                  "(sha256sum of the file that `go mod download` puts in GOMODCACHE/cache/download).",
        ),
        "version": attr.string(
            mandatory = True,
            doc = "The SDK's name: the Go release, e.g. 1.27.3; with patches, the release plus a " +
                  "variant, e.g. 1.27.3-strict (the name that nocgo_test's `sdks` take).",
        ),
    },
)

def _nocgo_impl(mctx):
    tags = {}
    order = []

    # The root module comes first: its first SDK is the default.
    for mod in mctx.modules:
        for tag in mod.tags.sdk:
            what = "nocgo.sdk(version = \"{}\") in {}".format(tag.version, mod.name)
            check_version(tag.version, what, patched = bool(tag.patches))
            seen = tags.get(tag.version)
            if seen:
                if seen.sha256 != tag.sha256 or seen.experiments != tag.experiments or seen.patches != tag.patches:
                    fail("{}: pinned twice, with different sha256, experiments or patches".format(what))
                continue
            tags[tag.version] = tag
            order.append(tag.version)

    for version in order:
        nocgo_declare_sdk(
            name = version,
            sha256 = tags[version].sha256,
            experiments = tags[version].experiments,
            patches = tags[version].patches,
        )
    nocgo_go_toolchains(
        name = "nocgo_go_toolchains",
        versions = order,
        repos = [sdk_repo_name(v) for v in order],
        go_versions = [sdk_go_version(v) for v in order],
        sha256s = [tags[v].sha256 for v in order],
    )
    nocgo_go_linknames(
        name = "nocgo_go_linknames",
        sdks = order,
        roots = ["@{}//:ROOT".format(sdk_files_repo_name(v)) for v in order],
    )
    declare_emulator_repos(mctx)
    return mctx.extension_metadata(reproducible = True)

nocgo = module_extension(
    implementation = _nocgo_impl,
    doc = "Pinned Go SDKs (@nocgo_go_<version>, wrapped by rules_go's go_wrap_sdk) as Go " +
          "toolchains that only nocgo_transition selects (@nocgo_go_toolchains), and emulator " +
          "toolchains (@nocgo_emulators) with qemu-user and the targets' C runtimes from a lock file.",
    tag_classes = {"emulators": EMULATORS_TAG, "sdk": _sdk_tag},
)
