"""Repository rules: one pinned Go SDK, fetched as the Go module golang.org/toolchain, and its
rules_go wrapper.

nocgo_go_sdk fetches and checks the SDK's files (repository nocgo_go_<version>_files, which holds
ROOT); nocgo_declare_sdk wraps them with rules_go's public go_wrap_sdk (repository
nocgo_go_<version>, the SDK that rules_go's build settings name) without registering rules_go's
toolchains for it: @nocgo_go_toolchains registers our own, which only our transition selects.

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

def sdk_repo_name(version):
    """Returns the repository name of the wrapped SDK (rules_go's sdk_name), e.g. nocgo_go_1_27_3."""
    return "nocgo_go_" + version.replace(".", "_")

def sdk_files_repo_name(version):
    """Returns the repository name of the SDK's fetched files, e.g. nocgo_go_1_27_3_files."""
    return sdk_repo_name(version) + "_files"

def check_version(version, what):
    """Fails unless version is a Go release version like 1.27.3 (three numbers).

    Args:
      version: the version string.
      what: where it came from, for the message.
    """
    parts = version.split(".")
    if len(parts) != 3 or parts[0] != "1" or not all([p.isdigit() for p in parts]):
        fail("{}: '{}' is not a Go release version like 1.27.3".format(what, version))

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
    modver = toolchain_module_version(version)
    zip_rel = "golang.org/toolchain/@v/{}.zip".format(modver)
    what = 'nocgo.sdk(version = "{}")'.format(version)

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

    # The wrapper (go_wrap_sdk) finds GOROOT through this file and symlinks the rest.
    rctx.file("ROOT", "")
    rctx.file("BUILD.bazel", "\n".join([
        "# @generated by //rules/private:go_sdk_repo.bzl: Go {}, wrapped by @{}.".format(version, sdk_repo_name(version)),
        'exports_files(["ROOT"], visibility = ["//visibility:public"])',
        "",
    ]))
    if hasattr(rctx, "repo_metadata"):
        return rctx.repo_metadata(reproducible = True)
    return None

nocgo_go_sdk = repository_rule(
    implementation = _nocgo_go_sdk_impl,
    doc = "The files of a Go SDK for linux-amd64, fetched as the golang.org/toolchain module and " +
          "checked by sha256. nocgo_declare_sdk wraps them for rules_go.",
    attrs = {
        "sha256": attr.string(
            mandatory = True,
            doc = "The sha256 of the module zip <proxy>/golang.org/toolchain/@v/v0.0.1-go<version>.linux-amd64.zip.",
        ),
        "version": attr.string(mandatory = True, doc = "The Go version, e.g. 1.27.3."),
    },
    environ = ["NOCGO_GOPROXY", "GOPROXY", "NOCGO_GOMODCACHE", "GOMODCACHE"],
)

def nocgo_declare_sdk(version, sha256, experiments = []):
    """Declares one pinned SDK: its files and rules_go's wrapper of them, toolchains unregistered.

    Called from the nocgo extension and from nocgo_repositories (WORKSPACE).

    Args:
      version: the Go version, e.g. 1.27.3.
      sha256: the sha256 of its golang.org/toolchain module zip.
      experiments: GOEXPERIMENT values for everything built with this SDK.
    """
    nocgo_go_sdk(
        name = sdk_files_repo_name(version),
        version = version,
        sha256 = sha256,
    )

    # rules_go's public wrapper writes the SDK's BUILD file (rules_go's own template) and a
    # <name>_toolchains repository that nothing registers: our hub declares the toolchains.
    go_wrap_sdk(
        name = sdk_repo_name(version),
        root_file = "@{}//:ROOT".format(sdk_files_repo_name(version)),
        version = version,
        experiments = experiments,
        register_toolchains = False,
    )
