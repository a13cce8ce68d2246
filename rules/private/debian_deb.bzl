"""Fetching pinned Debian packages in repository rules: the lock file, the mirror, sha256 checks.

The lock (//rules/private:emulators.lock.json, written by tools/emulators-lock) pins each package
as version + path in the archive (pool/...) + size + sha256. The archive comes from the root
module (nocgo.emulators(debian_mirrors = [...])) or from NOCGO_DEBIAN_MIRROR (space-separated
URIs; tools/bazel sets it from the host's apt sources), never from a host name in a file. Every
.deb is checked by sha256 and unpacked by Bazel itself (ar, then data.tar.*), with no host tool.

Private: used by //rules/private:emulators_repo.bzl.
"""

visibility(["//rules/private/..."])

MIRROR_ENV = "NOCGO_DEBIAN_MIRROR"

def read_lock(rctx, lock):
    """Reads and decodes the lock file.

    Args:
      rctx: the repository context.
      lock: the Label of the lock file.

    Returns:
      The decoded JSON (a dict).
    """
    text = rctx.read(lock)
    data = json.decode(text)
    if type(data) != "dict" or type(data.get("platforms")) != "dict" or type(data.get("packages")) != "dict":
        fail("nocgo: {}: not an emulators lock (JSON with platforms and packages); regenerate it with tools/emulators-lock".format(lock))
    return data

def lock_package(lock_data, lock, name):
    """Returns the pin of one package, checked for shape.

    Args:
      lock_data: the decoded lock.
      lock: the Label of the lock file (for messages).
      name: the package name.

    Returns:
      A dict with version, filename, size and sha256.
    """
    pin = lock_data["packages"].get(name)
    if type(pin) != "dict":
        fail("nocgo: package {} is not pinned in {}; run tools/emulators-lock".format(name, lock))
    for field in ["version", "filename", "sha256"]:
        if type(pin.get(field)) != "string" or not pin[field]:
            fail("nocgo: package {} in {}: no {}".format(name, lock, field))
    sha = pin["sha256"]
    if len(sha) != 64 or sha.lower() != sha or not all([c in "0123456789abcdef" for c in sha.elems()]):
        fail("nocgo: package {} in {}: sha256 '{}' is not 64 lower-case hex digits".format(name, lock, sha))
    filename = pin["filename"]
    if not filename.startswith("pool/") or not filename.endswith(".deb") or ".." in filename or "://" in filename:
        fail("nocgo: package {} in {}: filename '{}' is not a relative pool/....deb path".format(name, lock, filename))
    return pin

def debian_mirrors(rctx, mirrors):
    """Returns the archive URIs to try: the root module's, then NOCGO_DEBIAN_MIRROR's.

    Args:
      rctx: the repository context.
      mirrors: the URIs the root module set (may be empty).

    Returns:
      A non-empty list of URIs without a trailing slash.
    """
    env = rctx.getenv(MIRROR_ENV) if hasattr(rctx, "getenv") else rctx.os.environ.get(MIRROR_ENV)
    out = []
    for uri in list(mirrors) + (env or "").split(" "):
        uri = uri.strip().rstrip("/")
        if uri and uri not in out:
            if "://" not in uri:
                fail("nocgo: Debian mirror '{}' is not a URI".format(uri))
            out.append(uri)
    if not out:
        fail(("nocgo: no Debian archive to fetch the emulators from: set {} (tools/bazel sets it from " +
              "the host's apt sources; e.g. --repo_env={}=<the URIs: of /etc/apt/sources.list.d/" +
              "debian.sources>) or nocgo.emulators(debian_mirrors = [...]) in the root module").format(MIRROR_ENV, MIRROR_ENV))
    return out

def fetch_deb(rctx, name, pin, mirrors, output, strip_prefix, what):
    """Downloads one pinned .deb, checks its sha256 and unpacks its data into output.

    A wrong sha256 (or a mirror that serves other bytes) fails with the package's name, both
    checksums and the lock file to fix.

    Args:
      rctx: the repository context.
      name: the package name.
      pin: its entry of the lock (lock_package).
      mirrors: archive URIs (debian_mirrors).
      output: folder of the repository to unpack into.
      strip_prefix: the folder of the package to unpack (e.g. usr/bin); the rest is left out.
      what: the lock file, for messages.
    """
    urls = [m + "/" + pin["filename"] for m in mirrors]
    tmp = "_deb/" + name
    deb = tmp + "/package.deb"
    res = rctx.download(urls, output = deb, sha256 = pin["sha256"], allow_fail = True)
    if not res.success:
        # Bazel leaves the bytes it rejected in place: read their sha256 (a local download
        # computes it) to tell a wrong pin from an unreachable archive.
        got = None
        if rctx.path(deb).exists:
            local = rctx.download("file://" + str(rctx.path(deb)), output = deb + ".got", allow_fail = True)
            if local.success:
                got = local.sha256
        if got and got != pin["sha256"]:
            fail(("nocgo: Debian package {} {} ({}): sha256 mismatch: the lock {} says {}, the archive " +
                  "serves {}; regenerate the lock with tools/emulators-lock").format(
                name,
                pin["version"],
                pin["filename"],
                what,
                pin["sha256"],
                got,
            ))
        fail("nocgo: Debian package {} {}: could not download {} from any of {} (or what came has another sha256 than the lock {} says)".format(
            name,
            pin["version"],
            pin["filename"],
            ", ".join(mirrors),
            what,
        ))
    rctx.extract(deb, output = tmp + "/ar")
    data = None
    for ext in ["xz", "zst", "gz", "bz2"]:
        if rctx.path(tmp + "/ar/data.tar." + ext).exists:
            data = tmp + "/ar/data.tar." + ext
            break
    if not data:
        fail("nocgo: Debian package {} {}: no data.tar.* in the .deb".format(name, pin["version"]))
    rctx.extract(data, output = output, stripPrefix = strip_prefix)
    rctx.delete("_deb")
