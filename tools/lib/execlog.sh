# shellcheck shell=bash
# Reading Bazel's JSON execution log (--execution_log_json_file, Bazel 7: pretty-printed SpawnExec
# objects separated by "}{" lines) for tools/remote-cache-check. Source it; it only defines
# functions. Needs awk, grep -P, readlink, xargs; no jq.

# execlog_paths LOG: every absolute path in the command lines and environments of the spawns,
# one "MNEMONIC<TAB>TARGET<TAB>FIELD<TAB>PATH" line per occurrence (FIELD: argv or env:NAME).
# An absolute path is a "/" not preceded by a path or label character, so that relative paths
# (external/x/y) and labels (//pkg:t, @@repo//pkg) do not count.
execlog_paths() {
  awk '
    function scan(s, field,   p) {
      gsub(/\\u003d/, "=", s)
      while (match(s, /(^|[^A-Za-z0-9._~@\/-])\/[A-Za-z0-9._+-][^ \t",:;=\\]*/)) {
        p = substr(s, RSTART, RLENGTH)
        if (substr(p, 1, 1) != "/") p = substr(p, 2)
        found[++n] = field "\t" p
        s = substr(s, RSTART + RLENGTH)
      }
    }
    function flush(   i) {
      for (i = 1; i <= n; i++) print mnemonic "\t" target "\t" found[i]
      n = 0; mnemonic = ""; target = ""; env = ""
    }
    /^}/ { flush(); next }
    /^  "commandArgs": / { scan(substr($0, 18), "argv"); next }
    /^    "name": / { env = $0; sub(/^    "name": "/, "", env); sub(/",?$/, "", env); next }
    /^    "value": / && env != "" { scan(substr($0, 14), "env:" env); env = ""; next }
    /^  "mnemonic": / { mnemonic = $0; sub(/^  "mnemonic": "/, "", mnemonic); sub(/",?$/, "", mnemonic); next }
    /^  "targetLabel": / { target = $0; sub(/^  "targetLabel": "/, "", target); sub(/",?$/, "", target); next }
    /^  "[A-Za-z]+": / { env = "" }
    END { flush() }
  ' "$1"
}

# execlog_inputs LOG: the exec-root-relative paths of all spawn inputs, each once.
execlog_inputs() {
  awk '
    /^  "[A-Za-z]+": / { in_inputs = ($0 ~ /^  "inputs": /) }
    in_inputs && /^    "path": / { p = $0; sub(/^    "path": "/, "", p); sub(/",?$/, "", p); print p }
  ' "$1" | sort -u
}

# execlog_nonhits LOG: "MNEMONIC<TAB>TARGET<TAB>RUNNER<TAB>FIRST_OUTPUT" of each spawn that was no
# cache hit.
execlog_nonhits() {
  awk '
    function field(s) { sub(/^  "[A-Za-z]+": "?/, "", s); sub(/"?,?$/, "", s); return s }
    /^  "listedOutputs": / { o = $0; sub(/^  "listedOutputs": \["?/, "", o); sub(/[",\]].*$/, "", o) }
    /^  "mnemonic": / { m = field($0) }
    /^  "targetLabel": / { t = field($0) }
    /^  "runner": / { r = field($0) }
    /^  "cacheHit": / { h = field($0) }
    /^}/ { if (m != "" && h != "true") print m "\t" t "\t" r "\t" o; m = t = r = h = o = "" }
  ' "$1"
}

# execlog_spawn LOG OUTPUT: the action key material of the spawn that lists OUTPUT among its
# outputs, one line each: "argv ...", "env NAME=VALUE", "input PATH HASH". Diff it between two
# logs to see why a spawn missed the cache.
execlog_spawn() {
  awk -v want="\"$2\"" '
    function flush() {
      if (hit) for (i = 1; i <= n; i++) print lines[i]
      n = 0; hit = 0; name = ""; path = ""
    }
    /^}/ { flush(); next }
    /^  "[A-Za-z]+": / { section = $0; sub(/^  "/, "", section); sub(/".*/, "", section) }
    /^  "commandArgs": / { lines[++n] = "argv " substr($0, 18) }
    /^  "listedOutputs": / && index($0, want) { hit = 1 }
    section == "environmentVariables" && /^    "name": / { name = $0; sub(/^    "name": "/, "", name); sub(/",?$/, "", name) }
    section == "environmentVariables" && /^    "value": / { v = $0; sub(/^    "value": "/, "", v); sub(/",?$/, "", v); lines[++n] = "env " name "=" v }
    section == "inputs" && /^    "path": / { path = $0; sub(/^    "path": "/, "", path); sub(/",?$/, "", path) }
    section == "inputs" && /^      "hash": / { h = $0; sub(/^      "hash": "/, "", h); sub(/",?$/, "", h); lines[++n] = "input " path " " h }
    END { flush() }
  ' "$1"
}

# prefix_regex PREFIX...: a PCRE that matches any of the paths PREFIX or PREFIX/..., not PREFIXfoo.
prefix_regex() {
  local p alt=""
  for p in "$@"; do
    p=$(printf '%s' "$p" | sed 's/[][\.*^$+?(){}|]/\\&/g')
    alt+=${alt:+|}$p
  done
  printf '(?:%s)(?![A-Za-z0-9._+~-])' "$alt"
}

# resolve_inputs EXECROOT OUTPUT_BASE ROOT < paths: the host path of each exec-root-relative input
# path, with symlinks resolved. A symlink to an absolute path that exists only inside the Bazel
# root (chroot) ROOT, e.g. bazel_tools in Debian's install base, is followed there. Inputs that
# cannot be found are printed on stderr as "unresolved PATH".
resolve_inputs() {
  local execroot=$1 base=$2 root=$3 p r i
  while IFS= read -r p; do
    if [[ ! -e $execroot/$p && $p == external/* ]]; then
      printf '%s\n' "$base/$p"
    else
      printf '%s\n' "$execroot/$p"
    fi
  done | xargs -r -d '\n' readlink -m -- | while IFS= read -r r; do
    for ((i = 0; i < 8; i++)); do
      [[ -e $r ]] && break
      [[ -n $root && -e $root$r || -L $root$r ]] || break
      r=$(readlink -m -- "$root$r")
      [[ -e $r ]] && break
      # Still inside the root's view: strip the root again and retry.
      [[ $r == "$root"/* ]] && r=${r#"$root"}
    done
    if [[ -f $r ]]; then
      printf '%s\n' "$r"
    elif [[ ! -e $r ]]; then
      printf 'unresolved %s\n' "$r" >&2
    fi
  done | sort -u
}

# execlog_hits_by_mnemonic LOG: "MNEMONIC HITS/ALL, ..." over the spawns in LOG.
execlog_hits_by_mnemonic() {
  awk '
    /^  "mnemonic": / { m = $0; sub(/^  "mnemonic": "/, "", m); sub(/",?$/, "", m) }
    /^  "cacheHit": true/ { h = 1 }
    /^}/ { if (m != "") { all[m]++; hits[m] += h } m = ""; h = 0 }
    END { for (m in all) printf "%s %d/%d\n", m, hits[m], all[m] }
  ' "$1" | sort | paste -sd, - | sed 's/,/, /g'
}
