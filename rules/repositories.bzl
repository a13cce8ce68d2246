"""WORKSPACE (legacy, --enable_workspace) set-up of rules_nocgo: what the `nocgo` module extension
does under bzlmod, as repository macros.

    load("@io_bazel_rules_go//go:deps.bzl", "go_rules_dependencies")
    go_rules_dependencies()

    load("@rules_nocgo//rules:repositories.bzl", "nocgo_register_toolchains", "nocgo_repositories")
    nocgo_repositories()  # or nocgo_repositories(sdks = {"1.27.3": "<sha256>", ...})
    nocgo_register_toolchains()

rules_go must be declared (as io_bazel_rules_go) before this file is loaded; rules_nocgo's own
repository must be named `rules_nocgo`. The repositories get the same names as under bzlmod:
nocgo_go_<version> (and nocgo_go_<version>_files) per SDK, nocgo_go_toolchains, nocgo_go_linknames, nocgo_emulators
(with nocgo_qemu_user, nocgo_emulator_<platform> and nocgo_host_cc).

bzlmod (MODULE.bazel, see rules/README.md) is the supported way; this file exists for workspaces
that have not moved yet. Everything under //rules/private is private.
"""

load("//rules/private:emulators_repo.bzl", "declare_emulator_repos")
load("//rules/private:go_linknames_repo.bzl", "nocgo_go_linknames")
load("//rules/private:go_sdk_repo.bzl", "check_version", "nocgo_declare_sdk", "sdk_files_repo_name", "sdk_go_version", "sdk_repo_name")
load("//rules/private:go_toolchains_repo.bzl", "nocgo_go_toolchains")
load("//rules/private:table.bzl", "PINNED_SDK_NAMES", "SDKS")

# The released SDKs that rules_nocgo pins in its MODULE.bazel (outside dev mode): Go version ->
# sha256 of the golang.org/toolchain module zip, the default SDK first. From platforms/table.json
# (internal/cmd/gentable checks MODULE.bazel's nocgo.sdk tags against it).
DEFAULT_SDKS = {s.name: s.sha256 for name in PINNED_SDK_NAMES for s in SDKS if s.name == name and not s.base}

def _sha256_of(release):
    return [s.sha256 for s in SDKS if s.name == release][0]

# The derived SDKs (rules_nocgo's MODULE.bazel pins them as a dev dependency), e.g. 1.27.3-strict:
# go1.27.3's archive with the 1.27-devel linkname rules of golang/go@aee6009 put back. Opt in with
#   nocgo_repositories(sdks = DEFAULT_SDKS | STRICT_SDKS, patches = STRICT_SDK_PATCHES)
STRICT_SDKS = {s.name: _sha256_of(s.base) for name in PINNED_SDK_NAMES for s in SDKS if s.name == name and s.base}

STRICT_SDK_PATCHES = {
    s.name: ["@rules_nocgo//{}:{}".format(p.rpartition("/")[0], p.rpartition("/")[2]) for p in s.patches]
    for s in SDKS
    if s.name in STRICT_SDKS
}

def nocgo_repositories(sdks = DEFAULT_SDKS, experiments = {}, patches = {}, debian_mirrors = []):
    """Declares the pinned Go SDKs, their toolchain hub and the pinned emulators.

    Args:
      sdks: dict from Go version (e.g. "1.27.3") to the sha256 of its golang.org/toolchain module
        zip, as nocgo.sdk takes them. The first entry is the default SDK.
      experiments: dict from Go version to a list of GOEXPERIMENT values for that SDK.
      patches: dict from SDK name to labels of unified diffs applied to it (nocgo.sdk's
        `patches`); a patched SDK's name is a variant of its release, e.g. 1.27.3-strict.
      debian_mirrors: Debian archive URIs to fetch the emulators and sysroots from, before the
        ones in NOCGO_DEBIAN_MIRROR (as nocgo.emulators(debian_mirrors = ...) under bzlmod).
    """
    if not sdks:
        fail("nocgo_repositories: sdks must name at least one Go version")
    for what, per_sdk in [("experiments", experiments), ("patches", patches)]:
        for version in per_sdk:
            if version not in sdks:
                fail("nocgo_repositories: {} for '{}', which is not in sdks ({})".format(
                    what,
                    version,
                    ", ".join(sdks.keys()),
                ))
    versions = []
    for version, sha256 in sdks.items():
        check_version(version, "nocgo_repositories(sdks = {...})", patched = bool(patches.get(version)))
        nocgo_declare_sdk(
            name = version,
            sha256 = sha256,
            experiments = experiments.get(version, []),
            patches = patches.get(version, []),
        )
        versions.append(version)
    nocgo_go_toolchains(
        name = "nocgo_go_toolchains",
        versions = versions,
        repos = [sdk_repo_name(v) for v in versions],
        go_versions = [sdk_go_version(v) for v in versions],
        sha256s = [sdks[v] for v in versions],
    )
    nocgo_go_linknames(
        name = "nocgo_go_linknames",
        sdks = versions,
        roots = ["@{}//:ROOT".format(sdk_files_repo_name(v)) for v in versions],
    )
    declare_emulator_repos(debian_mirrors = debian_mirrors)

# A WORKSPACE function, not a BUILD macro: it declares no target to name.
# buildifier: disable=unnamed-macro
def nocgo_register_toolchains():
    """Registers the pinned Go SDKs and the emulator toolchains.

    The Go toolchains match only targets that nocgo_transition configures (rules_go's sdk_name set
    to one of ours): the workspace's own Go SDK stays the default for everything else.
    """
    native.register_toolchains(
        "@nocgo_go_toolchains//:all",
        "@nocgo_emulators//:all",
    )
