"""The `nocgo` module extension: pinned Go SDKs and the host's emulators.

    nocgo = use_extension("@rules_nocgo//rules:extensions.bzl", "nocgo")
    nocgo.sdk(version = "1.27.3", sha256 = "...")
    use_repo(nocgo, "nocgo_emulators", "nocgo_go_toolchains")

rules_nocgo itself pins Go 1.27.3 (the default) and 1.26.8 and registers the toolchains, so a
module that depends on it only needs nocgo.sdk for more versions.
"""

load("//rules/private:extensions.bzl", _nocgo = "nocgo")

nocgo = _nocgo
