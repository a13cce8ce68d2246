"""Repository rules: one pinned Go SDK, fetched as the Go module golang.org/toolchain, and its
rules_go wrapper.

nocgo_go_sdk fetches and checks the SDK's files (repository nocgo_go_<name>_files, which holds
ROOT) and applies its patches; nocgo_declare_sdk wraps them with rules_go's public go_wrap_sdk
(repository nocgo_go_<name>, the SDK that rules_go's build settings name) without registering
rules_go's toolchains for it: @nocgo_go_toolchains registers our own, which only our transition
selects.

An SDK's name is its Go release (1.27.3), or a release plus a variant suffix (1.27.3-strict) for
that release's archive (same sha256) with patches applied: rules_go and the SDK's own VERSION file
still say go1.27.3, the name keeps the two apart (repository nocgo_go_1_27_3_strict, rules_go's
sdk_name). A variant must have patches and a plain release must not, so a patched SDK never
passes for the release.

The Go command's own toolchain switching (GOTOOLCHAIN) fetches SDKs the same way, so whatever
module proxy serves a machine's `go` serves this rule too, enterprise mirrors included. The proxy
comes from the environment (NOCGO_GOPROXY, else GOPROXY, else `go env GOPROXY`); no host is
named here. A zip already in the local module cache (GOMODCACHE/cache/download/...) is used first,
so an SDK fetched once by `go` works with no network.

Private: use the `nocgo` extension from //rules:extensions.bzl.
"""

load("@io_bazel_rules_go//go:deps.bzl", "go_wrap_sdk")

visibility(["//..."])

# The SDKs are built for the machine that runs Bazel.
SDK_PLATFORM = "linux-amd64"

def toolchain_module_version(version):
    """Returns the golang.org/toolchain module version for a Go version, e.g. v0.0.1-go1.27.3.linux-amd64."""
    return "v0.0.1-go{}.{}".format(version, SDK_PLATFORM)

def sdk_repo_name(name):
    """Returns the repository name of the wrapped SDK (rules_go's sdk_name), e.g. nocgo_go_1_27_3.

    Args:
      name: an SDK name, e.g. 1.27.3 or 1.27.3-strict.

    Returns:
      nocgo_go_1_27_3, nocgo_go_1_27_3_strict.
    """
    return "nocgo_go_" + name.replace(".", "_").replace("-", "_")

def sdk_files_repo_name(name):
    """Returns the repository name of the SDK's fetched files, e.g. nocgo_go_1_27_3_files."""
    return sdk_repo_name(name) + "_files"

def sdk_go_version(name):
    """Returns the Go release of an SDK name: 1.27.3 for 1.27.3 and for 1.27.3-strict."""
    return name.split("-", 1)[0]

def check_version(name, what, patched = False):
    """Fails unless name is a Go release (1.27.3), or, for a patched SDK, a release plus a variant.

    Args:
      name: the SDK name: a Go release, three numbers, e.g. 1.27.3; with patches, the release
        and a variant of lower-case letters and digits, e.g. 1.27.3-strict.
      what: where it came from, for the message.
      patched: whether the SDK has patches (then it must be a variant, else it must not).
    """
    release, sep, variant = name.partition("-")
    parts = release.split(".")
    if len(parts) != 3 or parts[0] != "1" or not all([p.isdigit() for p in parts]):
        fail("{}: '{}' is not a Go release version like 1.27.3 (or, with patches, 1.27.3-strict)".format(what, name))
    if sep and (not variant or not all([c.isdigit() or c.islower() for c in variant.elems()])):
        fail("{}: '{}': the variant after '-' must be lower-case letters and digits, e.g. 1.27.3-strict".format(what, name))
    if patched and not sep:
        fail("{}: a patched SDK needs a name of its own: '{}-<variant>', e.g. {}-strict".format(what, name, name))
    if sep and not patched:
        fail("{}: '{}' names a variant of Go {}, which needs patches".format(what, name, release))

def split_patch(text, what):
    """Splits a unified diff into one diff per file.

    Bazel's patch implementation takes a multi-file diff only with `diff --git` lines between the
    files; ours are plain unified diffs (a free-text header, then `--- a/PATH` / `+++ b/PATH` and
    hunks per file), which internal/cmd/sdkpatch applies outside Bazel. The header is dropped.

    Args:
      text: the diff.
      what: the patch, for messages.

    Returns:
      A list of diffs, each of one file.
    """
    parts = []
    current = None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            if current:
                parts.append("\n".join(current) + "\n")
            current = []
        if current != None:
            current.append(line)
    if current:
        parts.append("\n".join(current) + "\n")
    if not parts:
        fail("{}: no '--- a/PATH' and '+++ b/PATH' lines: not a unified diff".format(what))
    return parts

def _env(rctx, name):
    if hasattr(rctx, "getenv"):
        return rctx.getenv(name)
    return rctx.os.environ.get(name)

def _go_env(rctx, name):
    """The value of `go env NAME` from the host's go, or None."""
    go = rctx.which("go")
    if not go:
        return None
    res = rctx.execute([go, "env", name])
    if res.return_code != 0:
        return None
    return res.stdout.strip() or None

def _proxies(rctx):
    value = _env(rctx, "NOCGO_GOPROXY") or _env(rctx, "GOPROXY") or _go_env(rctx, "GOPROXY") or ""
    out = []
    for part in value.replace("|", ",").split(","):
        part = part.strip().rstrip("/")
        if part and part not in ("direct", "off"):
            out.append(part)
    return out

def _modcache(rctx):
    return _env(rctx, "NOCGO_GOMODCACHE") or _env(rctx, "GOMODCACHE") or _go_env(rctx, "GOMODCACHE")

def _nocgo_go_sdk_impl(rctx):
    version = rctx.attr.version
    name = rctx.attr.sdk_name or version
    modver = toolchain_module_version(version)
    zip_rel = "golang.org/toolchain/@v/{}.zip".format(modver)
    what = 'nocgo.sdk(version = "{}")'.format(name)

    urls = []
    modcache = _modcache(rctx)
    if modcache:
        local = "{}/cache/download/{}".format(modcache, zip_rel)
        rctx.watch(local)
        if rctx.path(local).exists:
            urls.append("file://" + local)
    urls.extend(["{}/{}".format(p, zip_rel) for p in _proxies(rctx)])
    if not urls:
        fail("{}: no Go module proxy to fetch from (NOCGO_GOPROXY, GOPROXY and `go env GOPROXY` are unset, off or direct) and no {} in the module cache".format(what, zip_rel))

    rctx.report_progress("Fetching Go {} ({})".format(version, modver))
    archive = "sdk.zip"
    res = rctx.download(url = urls, output = archive, sha256 = rctx.attr.sha256, allow_fail = True)
    if not res.success:
        # Tell a wrong checksum from a missing version.
        probe = rctx.download(url = urls, output = archive, allow_fail = True)
        if probe.success:
            fail("{}: sha256 mismatch for {}: want {}, got {}".format(what, zip_rel, rctx.attr.sha256, probe.sha256))
        fail("{}: could not fetch {} (unknown Go version, or no proxy reachable); tried:\n  {}".format(
            what,
            zip_rel,
            "\n  ".join(urls),
        ))

    rctx.extract(archive, stripPrefix = "golang.org/toolchain@" + modver)
    rctx.delete(archive)

    # Module zips carry no file modes.
    res = rctx.execute(["chmod", "-R", "a+x", "bin", "pkg/tool"])
    if res.return_code != 0:
        fail("{}: chmod failed: {}".format(what, res.stderr))

    found = rctx.read("VERSION").splitlines()[0].strip()
    if found != "go" + version:
        fail("{}: the SDK says it is {}".format(what, found))

    # Bazel's own patch implementation (no host `patch`), one file at a time: it refuses a hunk
    # whose context does not match, so a patch made for another release fails here instead of
    # yielding a half-patched SDK.
    for patch in rctx.attr.patches:
        rctx.report_progress("Applying {}".format(patch.name))
        for i, part in enumerate(split_patch(rctx.read(patch), "{}: {}".format(what, patch))):
            one = "nocgo_patch_{}.diff".format(i)
            rctx.file(one, part)
            rctx.patch(one, strip = 1)
            rctx.delete(one)

    # The wrapper (go_wrap_sdk) finds GOROOT through this file and symlinks the rest.
    rctx.file("ROOT", "")
    rctx.file("BUILD.bazel", "\n".join([
        "# @generated by //rules/private:go_sdk_repo.bzl: Go {}{}, wrapped by @{}.".format(
            version,
            " with " + ", ".join([str(p) for p in rctx.attr.patches]) if rctx.attr.patches else "",
            sdk_repo_name(name),
        ),
        'exports_files(["ROOT"], visibility = ["//visibility:public"])',
        "",
    ]))
    if hasattr(rctx, "repo_metadata"):
        return rctx.repo_metadata(reproducible = True)
    return None

nocgo_go_sdk = repository_rule(
    implementation = _nocgo_go_sdk_impl,
    doc = "The files of a Go SDK for linux-amd64, fetched as the golang.org/toolchain module, " +
          "checked by sha256 and patched. nocgo_declare_sdk wraps them for rules_go.",
    attrs = {
        "patches": attr.label_list(
            allow_files = True,
            doc = "Unified diffs (paths with a/ and b/ prefixes) applied in order to the SDK's " +
                  "files, with Bazel's own patch support.",
        ),
        "sdk_name": attr.string(doc = "The SDK's name (1.27.3-strict), for messages; default: version."),
        "sha256": attr.string(
            mandatory = True,
            doc = "The sha256 of the module zip <proxy>/golang.org/toolchain/@v/v0.0.1-go<version>.linux-amd64.zip.",
        ),
        "version": attr.string(mandatory = True, doc = "The Go release to fetch, e.g. 1.27.3."),
    },
    environ = ["NOCGO_GOPROXY", "GOPROXY", "NOCGO_GOMODCACHE", "GOMODCACHE"],
)

def nocgo_declare_sdk(name, sha256, experiments = [], patches = []):
    """Declares one pinned SDK: its files and rules_go's wrapper of them, toolchains unregistered.

    Called from the nocgo extension and from nocgo_repositories (WORKSPACE).

    Args:
      name: the SDK name: a Go release (1.27.3), or a release plus a variant (1.27.3-strict) when
        patches are given (check_version).
      sha256: the sha256 of the release's golang.org/toolchain module zip.
      experiments: GOEXPERIMENT values for everything built with this SDK.
      patches: labels of unified diffs applied to the SDK's files.
    """
    version = sdk_go_version(name)
    nocgo_go_sdk(
        name = sdk_files_repo_name(name),
        version = version,
        sdk_name = name,
        sha256 = sha256,
        patches = patches,
    )

    # rules_go's public wrapper writes the SDK's BUILD file (rules_go's own template) and a
    # <name>_toolchains repository that nothing registers: our hub declares the toolchains.
    # rules_go reads the version from the SDK's VERSION file, which patches leave alone: a variant
    # is the release's version to rules_go (its sdk_name tells them apart).
    go_wrap_sdk(
        name = sdk_repo_name(name),
        root_file = "@{}//:ROOT".format(sdk_files_repo_name(name)),
        version = version,
        experiments = experiments,
        register_toolchains = False,
    )
