"""Repository rules: the emulator toolchains, from the pinned Debian packages of the lock file.

  @nocgo_qemu_user                 Debian's qemu-user (statically linked): the qemu-<target>
                                   binaries that the lock's platforms name, in bin/.
  @nocgo_emulator_<platform>       one per emulated platform: its C runtime (libc6-<arch>-cross,
                                   libgcc-s1-<arch>-cross) laid out as qemu's -L root, and its
                                   nocgo_emulator_toolchain.
  @nocgo_emulators                 the toolchain() targets of every platform (register
                                   @nocgo_emulators//:all); linux_amd64 runs natively with the
                                   host's libc.

Everything that runs a test comes from the lock (//rules/private:emulators.lock.json): no file of
the host is looked at, and none of these repositories is `local`. A platform's repository is only
fetched when a target is built for it. Only the C compiler of nocgo_c_shared_library comes from
the host (@nocgo_host_cc, see host_cc_repo.bzl).

qemu's -L root of a platform (ROOT = @nocgo_emulator_<platform>//:root): the sysroot packages'
usr/<triplet>/lib unpacked into ROOT/lib, a folder the target's loader always searches; the
loader also under ROOT/lib64 and under the other names that Go writes into PT_INTERP
(ldso_aliases of platforms/table.json); an empty ROOT/etc/ld.so.cache hides the host's. qemu-user looks
up every path the guest opens in ROOT first, so it starts the binary itself, as the kernel would.
Where the host runs the binary itself (linux_386 natively), the same ROOT/lib serves as the
sysroot that the runner starts the binary's loader from.

Private: the `nocgo` extension (//rules:extensions.bzl) and nocgo_repositories
(//rules:repositories.bzl) declare them.
"""

load(":debian_deb.bzl", "MIRROR_ENV", "debian_mirrors", "fetch_deb", "lock_package", "read_lock")
load(":host_cc_repo.bzl", "nocgo_host_cc")
load(":platforms.bzl", "HOST_CONSTRAINTS", "PLATFORMS", "PLATFORM_NAMES", "platform_constraints")

visibility(["//rules/..."])

DEFAULT_LOCK = Label("//rules/private:emulators.lock.json")

# The platform that runs natively with the host's libc; every other one comes from the lock.
NATIVE_PLATFORM = "linux_amd64"

QEMU_REPO = "nocgo_qemu_user"
HOST_CC_REPO = "nocgo_host_cc"

def emulator_repo_name(platform):
    """Returns the name of the repository of one emulated platform.

    Args:
      platform: a key of PLATFORMS.

    Returns:
      A string.
    """
    return "nocgo_emulator_" + platform

def emulated_platforms():
    """Returns the platforms whose runtime comes from the lock: all but the native one."""
    return [p for p in PLATFORM_NAMES if p != NATIVE_PLATFORM]

def check_lock_platforms(lock_data, lock):
    """Fails unless the lock has exactly the emulated platforms of PLATFORMS, matching its table.

    Args:
      lock_data: the decoded lock.
      lock: its Label (for messages).
    """
    want = emulated_platforms()
    have = sorted(lock_data["platforms"].keys())
    if have != want:
        fail(("nocgo: {} lists the platforms {}, but platforms/table.json has {} (besides {}): edit its " +
              "platforms and run tools/emulators-lock").format(lock, ", ".join(have), ", ".join(want), NATIVE_PLATFORM))
    for name in want:
        p = PLATFORMS[name]
        entry = lock_data["platforms"][name]
        emulator = entry.get("emulator")
        if p.qemu and emulator != "qemu-" + p.qemu:
            fail("nocgo: {}: {} runs under '{}', but platforms/table.json says qemu-{}".format(lock, name, emulator, p.qemu))
        if not p.qemu and emulator != "qemu-i386" and p.goarch == "386":
            fail("nocgo: {}: {} needs qemu-i386 (for hosts that cannot run i386), not '{}'".format(lock, name, emulator))
        if entry.get("triplet") != p.triplet:
            fail("nocgo: {}: {} has triplet '{}', but platforms/table.json says {}".format(lock, name, entry.get("triplet"), p.triplet))
        if not entry.get("sysroot_packages"):
            fail("nocgo: {}: {} has no sysroot_packages".format(lock, name))

def _lock_what(rctx):
    return str(rctx.attr.lock)

def _nocgo_qemu_user_impl(rctx):
    lock_data = read_lock(rctx, rctx.attr.lock)
    check_lock_platforms(lock_data, rctx.attr.lock)
    package = lock_data.get("emulator_package")
    pin = lock_package(lock_data, rctx.attr.lock, package)
    fetch_deb(rctx, package, pin, debian_mirrors(rctx, rctx.attr.debian_mirrors), "bin", "usr/bin", _lock_what(rctx))
    keep = sorted([lock_data["platforms"][p]["emulator"] for p in emulated_platforms()])

    # The package has qemu for every target Debian knows: keep the ones a platform runs with.
    for f in rctx.path("bin").readdir():
        if f.basename not in keep:
            rctx.delete(f)
    for name in keep:
        if not rctx.path("bin/" + name).exists:
            fail("nocgo: Debian package {} {} has no usr/bin/{}".format(package, pin["version"], name))
    rctx.file("BUILD.bazel", "\n".join([
        "# @generated by //rules/private:emulators_repo.bzl: Debian's {} {} ({}), from {}.".format(
            package,
            pin["version"],
            pin["sha256"],
            rctx.attr.lock,
        ),
        "",
        "exports_files({}, visibility = [\"//visibility:public\"])".format(repr(["bin/" + n for n in keep])),
        "",
    ]))

nocgo_qemu_user = repository_rule(
    implementation = _nocgo_qemu_user_impl,
    doc = "Debian's statically linked qemu-user, pinned by the emulators lock: bin/qemu-<target> " +
          "for each target the lock's platforms run under.",
    attrs = {
        "debian_mirrors": attr.string_list(doc = "Debian archive URIs to try before " + MIRROR_ENV + "."),
        "lock": attr.label(default = DEFAULT_LOCK, allow_single_file = True, doc = "The emulators lock (JSON)."),
    },
    environ = [MIRROR_ENV],
)

def _qemu_root(rctx, root, p):
    """Adds the loader's other names to a root whose lib/ holds the sysroot; returns its globs."""
    ldso = p.ldso.split("/")[-1]
    if not rctx.path("{}/lib/{}".format(root, ldso)).exists:
        fail("nocgo: the {} sysroot packages have no usr/{}/lib/{}".format(p.goarch, p.triplet, ldso))
    for name in [ldso] + p.ldso_aliases:
        for d in ["lib", "lib64"]:
            link = "{}/{}/{}".format(root, d, name)
            if not rctx.path(link).exists:
                rctx.symlink("{}/lib/{}".format(root, ldso), link)
    rctx.file(root + "/etc/ld.so.cache", "")
    return [root + "/etc/ld.so.cache", root + "/lib/*", root + "/lib64/*"]

def _nocgo_emulator_platform_impl(rctx):
    name = rctx.attr.platform
    p = PLATFORMS[name]
    lock_data = read_lock(rctx, rctx.attr.lock)
    check_lock_platforms(lock_data, rctx.attr.lock)
    entry = lock_data["platforms"][name]
    mirrors = debian_mirrors(rctx, rctx.attr.debian_mirrors)
    pins = []
    for package in entry["sysroot_packages"]:
        pin = lock_package(lock_data, rctx.attr.lock, package)
        fetch_deb(rctx, package, pin, mirrors, "root/lib", "usr/{}/lib".format(p.triplet), _lock_what(rctx))
        pins.append("#   {} {} {}".format(package, pin["version"], pin["sha256"]))
    globs = _qemu_root(rctx, "root", p)

    toolchain_bzl = str(Label("//rules/private:emulator_toolchain.bzl"))
    rctx.file("BUILD.bazel", """# @generated by //rules/private:emulators_repo.bzl: how {name} binaries run, from {lock}:
{pins}
load("{toolchain_bzl}", "nocgo_emulator_toolchain", "nocgo_sysroot")

package(default_visibility = ["//visibility:public"])

# qemu's -L root: the target's loader and C runtime.
filegroup(
    name = "root",
    srcs = glob({globs}),
)

# The same files as the toolchain's sysroot: the loader names the root; a native run (linux_386
# where the host can) starts the binary through it.
nocgo_sysroot(
    name = "sysroot",
    srcs = [":root"],
    ldso = "root/lib/{ldso}",
)

# The qemu-user binary for this platform.
alias(
    name = "emulator",
    actual = "@{qemu_repo}//:bin/{qemu}",
)

nocgo_emulator_toolchain(
    name = "toolchain",
    cc = "@{cc_repo}//:{name}/cc",
    emulator = ":emulator",
    emulator_args = {emulator_args},
    goarch = "{goarch}",
    native = "{native}",
    platform = "{name}",
    sysroot = ":sysroot",
)
""".format(
        name = name,
        lock = rctx.attr.lock,
        pins = "\n".join(pins),
        toolchain_bzl = toolchain_bzl,
        globs = repr(globs),
        ldso = p.ldso.split("/")[-1],
        qemu_repo = QEMU_REPO,
        qemu = entry["emulator"],
        cc_repo = HOST_CC_REPO,
        emulator_args = repr(["-cpu", p.qemu_cpu] if p.qemu_cpu else []),
        goarch = p.goarch,
        native = p.native,
    ))

nocgo_emulator_platform = repository_rule(
    implementation = _nocgo_emulator_platform_impl,
    doc = "The pinned C runtime of one emulated platform as qemu's -L root, and its " +
          "nocgo_emulator_toolchain (:toolchain).",
    attrs = {
        "debian_mirrors": attr.string_list(doc = "Debian archive URIs to try before " + MIRROR_ENV + "."),
        "lock": attr.label(default = DEFAULT_LOCK, allow_single_file = True, doc = "The emulators lock (JSON)."),
        "platform": attr.string(mandatory = True, values = PLATFORM_NAMES, doc = "Our platform name, e.g. linux_arm64."),
    },
    environ = [MIRROR_ENV],
)

def _nocgo_emulators_impl(rctx):
    toolchain_bzl = str(Label("//rules/private:emulator_toolchain.bzl"))
    toolchain_type = str(Label("//rules:emulator_toolchain_type"))
    build = [
        "# @generated by //rules/private:emulators_repo.bzl: the emulator toolchains of every platform.",
        'load("{}", "nocgo_emulator_toolchain")'.format(toolchain_bzl),
        "",
        'package(default_visibility = ["//visibility:public"])',
        "",
        "# {} runs natively, with the host's libc.".format(NATIVE_PLATFORM),
        """nocgo_emulator_toolchain(
    name = "{name}",
    cc = "@{cc_repo}//:{name}/cc",
    goarch = "{goarch}",
    native = "always",
    platform = "{name}",
)
""".format(name = NATIVE_PLATFORM, cc_repo = HOST_CC_REPO, goarch = PLATFORMS[NATIVE_PLATFORM].goarch),
    ]
    for name in PLATFORM_NAMES:
        p = PLATFORMS[name]
        if name == NATIVE_PLATFORM:
            target = ":" + name
        else:
            target = "@{}//:toolchain".format(emulator_repo_name(name))
        build.append("""toolchain(
    name = "{kind}_{name}_on_linux_x86_64",
    exec_compatible_with = {exec_constraints},
    target_compatible_with = {target_constraints},
    toolchain = "{target}",
    toolchain_type = "{toolchain_type}",
)
""".format(
            kind = {"always": "native", "never": "qemu", "probe": "probe"}[p.native],
            name = name,
            exec_constraints = repr(HOST_CONSTRAINTS),
            target_constraints = repr(platform_constraints(name)),
            target = target,
            toolchain_type = toolchain_type,
        ))
    rctx.file("BUILD.bazel", "\n".join(build))

nocgo_emulators = repository_rule(
    implementation = _nocgo_emulators_impl,
    doc = "The toolchain() of every platform's emulator toolchain; register @nocgo_emulators//:all.",
)

EMULATORS_TAG = tag_class(
    doc = "Where the emulators and sysroots (qemu-user and the targets' C runtimes, Debian " +
          "packages pinned by a lock file) come from. Only the root module's tag counts.",
    attrs = {
        "debian_mirrors": attr.string_list(
            doc = "Debian archive URIs (the URIs: of an apt source) to try, before the ones in " +
                  MIRROR_ENV + " (space-separated; tools/bazel sets it from the host's apt sources).",
        ),
        "lock": attr.label(
            doc = "A lock file of your own (tools/emulators-lock -lock FILE writes one) instead of " +
                  "rules_nocgo's //rules/private:emulators.lock.json.",
        ),
    },
)

def declare_emulator_repos(mctx = None, lock = DEFAULT_LOCK, debian_mirrors = []):
    """Declares @nocgo_qemu_user, @nocgo_emulator_<platform>, @nocgo_host_cc and @nocgo_emulators.

    Args:
      mctx: the module context of the nocgo extension (its root module's emulators tag, if any,
        sets lock and debian_mirrors), or None in a WORKSPACE.
      lock: the lock file, where mctx does not set it.
      debian_mirrors: Debian archive URIs, where mctx does not set them.
    """
    if mctx:
        for mod in mctx.modules:
            tags = mod.tags.emulators
            if not tags or not mod.is_root:
                continue
            if len(tags) > 1:
                fail("nocgo.emulators: set it once in {}, not {} times".format(mod.name, len(tags)))
            if tags[0].lock:
                lock = tags[0].lock
            debian_mirrors = tags[0].debian_mirrors
    nocgo_qemu_user(name = QEMU_REPO, lock = lock, debian_mirrors = debian_mirrors)
    for platform in emulated_platforms():
        nocgo_emulator_platform(
            name = emulator_repo_name(platform),
            platform = platform,
            lock = lock,
            debian_mirrors = debian_mirrors,
        )
    nocgo_host_cc(name = HOST_CC_REPO)
    nocgo_emulators(name = "nocgo_emulators")
