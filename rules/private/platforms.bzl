"""The target platforms (platforms/table.json) as platforms, config_settings and select()s.

Private: load the public names from //rules:defs.bzl.
"""

load(":table.bzl", _PLATFORMS = "PLATFORMS")

visibility(["//..."])

# Platform name -> struct(goarch, cpu, constraints, qemu, native, triplet, multiarch, debarch,
# ldso, ldso_aliases, qemu_cpu): generated from platforms/table.json (the fields are described
# there) into table.bzl by internal/cmd/gentable.
PLATFORMS = _PLATFORMS

PLATFORM_NAMES = sorted(PLATFORMS.keys())

# The platform that Bazel runs on (the emulators run there too).
HOST_CONSTRAINTS = ["@platforms//os:linux", "@platforms//cpu:x86_64"]

def platform_constraints(name):
    """Returns the constraint values of one of our platforms.

    Args:
      name: a key of PLATFORMS.

    Returns:
      A list of label strings.
    """
    p = PLATFORMS[name]
    return ["@platforms//os:linux", "@platforms//cpu:" + p.cpu] + p.constraints

def platform_error(name, what):
    """Returns the error for a platform name that is not one of ours, or "" for one of ours.

    Args:
      name: the platform name to check.
      what: the target or attribute to name in the message.

    Returns:
      A message naming the allowed values, or "".
    """
    if name in PLATFORMS:
        return ""
    return "{}: unknown platform '{}'; allowed: {}".format(what, name, ", ".join(PLATFORM_NAMES))

def check_platform(name, what):
    """Fails with the allowed values unless name is one of our platforms.

    Args:
      name: the platform name to check.
      what: the target or attribute to name in the message.
    """
    error = platform_error(name, what)
    if error:
        fail(error)

def nocgo_platforms(name = None):
    """Declares a platform and a config_setting (is_<platform>) for each entry of PLATFORMS.

    Called once, in //platforms:BUILD.bazel.

    Args:
      name: unused; macros take a name.
    """
    _ignore = name  # @unused
    for pname in PLATFORM_NAMES:
        constraints = platform_constraints(pname)
        native.platform(
            name = pname,
            constraint_values = constraints,
            visibility = ["//visibility:public"],
        )
        native.config_setting(
            name = "is_" + pname,
            constraint_values = constraints,
            visibility = ["//visibility:public"],
        )

def nocgo_select(values, default = None):
    """A select() keyed by our platform names, for per-arch file lists and the like.

    Example: srcs = nocgo_select({"linux_riscv64": ["asm_riscv64.s"]}, default = [])

    Args:
      values: dict from platform name (a key of PLATFORMS) to the value for it.
      default: the value on every other platform; None means no default (a build on
        another platform is then an error).

    Returns:
      A select().
    """
    branches = {}
    for pname, value in values.items():
        check_platform(pname, "nocgo_select")
        branches[Label("//platforms:is_" + pname)] = value
    if default != None:
        branches["//conditions:default"] = default
    return select(branches)
