// Absolute paths of this machine in what the actions see: their command
// lines and environments (from the execution log) and the contents of their
// input files.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// absPathRE finds an absolute path in a command-line word or an environment
// value: a "/" not preceded by a path or label character (so that relative
// paths such as external/x/y and labels such as //pkg:t or @@repo//pkg do not
// count), up to a separator. A one-letter flag glued to a path (-I/usr/include,
// -L/x) counts too.
var absPathRE = regexp.MustCompile(`(?:^|[^A-Za-z0-9._~@/-])(/[A-Za-z0-9._+-][^ \t",:;=\\]*)`)

func absPaths(s string) []string {
	if len(s) > 2 && s[0] == '-' && (s[1] >= 'A' && s[1] <= 'Z' || s[1] >= 'a' && s[1] <= 'z') && s[2] == '/' {
		s = s[2:]
	}
	var out []string
	for _, m := range absPathRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// A pathUse is one absolute path in one field (argv or env:NAME) of the spawns
// of one mnemonic.
type pathUse struct {
	mnemonic, field, path string
}

type pathCount struct {
	spawns  int
	targets map[string]bool
	example string
}

// A pathTally counts the absolute paths in the command lines and
// environments of spawns.
type pathTally struct {
	uses map[pathUse]*pathCount
}

func newPathTally() *pathTally { return &pathTally{uses: map[pathUse]*pathCount{}} }

func (t *pathTally) addSpawn(s *spawn) {
	add := func(field, p string) {
		u := pathUse{s.Mnemonic, field, p}
		c := t.uses[u]
		if c == nil {
			c = &pathCount{targets: map[string]bool{}, example: s.TargetLabel}
			t.uses[u] = c
		}
		c.spawns++
		c.targets[s.TargetLabel] = true
	}
	for _, a := range s.CommandArgs {
		for _, p := range absPaths(a) {
			add("argv", p)
		}
	}
	for _, e := range s.EnvironmentVariables {
		for _, p := range absPaths(e.Value) {
			add("env:"+e.Name, p)
		}
	}
}

// report lists the uses whose path match says yes to (true) or no (false),
// one line each: "MNEMONIC FIELD PATH: N spawn(s) of M target(s), e.g. T".
func (t *pathTally) report(match func(string) bool, want bool) []string {
	var lines []string
	for u, c := range t.uses {
		if match(u.path) != want {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s %s %s: %d spawn(s) of %d target(s), e.g. %s",
			u.mnemonic, u.field, u.path, c.spawns, len(c.targets), c.example))
	}
	sort.Strings(lines)
	return lines
}

// A pathSet is a set of absolute path prefixes: p matches p itself and p/...,
// not pfoo.
type pathSet []string

func newPathSet(paths ...string) pathSet {
	var s pathSet
	for _, p := range paths {
		p = strings.TrimRight(p, "/")
		if len(p) < 2 || p[0] != '/' || slices.Contains(s, p) {
			continue
		}
		s = append(s, p)
	}
	return s
}

// nameChar is a byte that may continue a file name: after a prefix it means
// the prefix was only the start of a longer name.
func nameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '.' || c == '_' || c == '+' || c == '~' || c == '-'
}

// matches reports whether the path p is one of the set or below one.
func (s pathSet) matches(p string) bool {
	for _, pre := range s {
		if strings.HasPrefix(p, pre) && (len(p) == len(pre) || !nameChar(p[len(pre)])) {
			return true
		}
	}
	return false
}

// find returns up to max distinct occurrences of the set's paths in data,
// each with the rest of the path that follows the prefix.
func (s pathSet) find(data []byte, max int) []string {
	var found []string
	for _, pre := range s {
		b := []byte(pre)
		for i := 0; ; {
			j := bytes.Index(data[i:], b)
			if j < 0 {
				break
			}
			start := i + j
			end := start + len(b)
			i = end
			if end < len(data) && nameChar(data[end]) {
				continue
			}
			for end < len(data) && !bytes.ContainsRune([]byte(" \t\r\n\"'\x00:;,"), rune(data[end])) {
				end++
			}
			hit := string(data[start:end])
			if !slices.Contains(found, hit) {
				found = append(found, hit)
				if len(found) >= max {
					return found
				}
			}
		}
	}
	return found
}

// resolveInRoot follows the symlinks of path as Bazel, running in the Debian
// root at root (tools/bazel; "" when Bazel runs on the host), sees them: a
// link to an absolute path that does not exist on the host is looked up in
// the root. It returns the host path of the file, or an error.
func resolveInRoot(path, root string) (string, error) {
	for hops := 0; hops < 40; hops++ {
		r, err := filepath.EvalSymlinks(path)
		if err == nil {
			return r, nil
		}
		// Find the first component that is a link to a missing absolute path.
		parts := strings.Split(strings.TrimPrefix(filepath.Clean(path), "/"), "/")
		cur := "/"
		rewritten := false
		for i, part := range parts {
			next := filepath.Join(cur, part)
			fi, err := os.Lstat(next)
			if err != nil {
				return "", fmt.Errorf("%s: %w", path, err)
			}
			if fi.Mode()&os.ModeSymlink == 0 {
				cur = next
				continue
			}
			target, err := os.Readlink(next)
			if err != nil {
				return "", err
			}
			rest := filepath.Join(parts[i+1:]...)
			if !filepath.IsAbs(target) {
				path = filepath.Join(cur, target, rest)
			} else if _, err := os.Stat(target); err == nil || root == "" {
				path = filepath.Join(target, rest)
			} else {
				path = filepath.Join(root, target, rest)
			}
			rewritten = true
			break
		}
		if !rewritten {
			return "", fmt.Errorf("%s: cannot resolve", path)
		}
	}
	return "", fmt.Errorf("%s: too many links", path)
}
