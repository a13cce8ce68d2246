package gazelle

import (
	"flag"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// Directive names. Each directory starts from a copy of its parent's configuration.
const (
	nocgoDirective        = "nocgo"
	platformsDirective    = "nocgo_platforms"
	sdksDirective         = "nocgo_sdks"
	knownSDKsDirective    = "nocgo_known_sdks"
	keepGoTestDirective   = "nocgo_keep_go_test"
	keepGoBinaryDirective = "nocgo_keep_go_binary"
)

// platformNames (the platforms of //platforms) and defaultKnownSDKs (the Go SDKs rules_nocgo pins
// in its MODULE.bazel) are generated from platforms/table.json into ztable.go.

// goVersionRe matches an SDK name as nocgo.sdk takes it: a Go release version, or (for a patched
// SDK) a release plus a variant, e.g. 1.27.3-strict.
var goVersionRe = regexp.MustCompile(`^[1-9][0-9]*\.[0-9]+(\.[0-9]+)?(-[a-z0-9]+)?$`)

// detection is the value of gazelle:nocgo.
type detection string

const (
	detectImports detection = "on"  // FFI packages are found by their imports (default)
	detectOff     detection = "off" // the subtree is opted out
	detectAll     detection = "all" // every Go package is treated as an FFI package
)

// nocgoConfig is the configuration of one directory, in Config.Exts["nocgo"].
type nocgoConfig struct {
	detection detection
	// platforms and sdks are the attributes to set; nil leaves them out (the macro's defaults:
	// every platform, the default SDK).
	platforms []string
	sdks      []string
	// knownSDKs are the versions sdks may name.
	knownSDKs []string
	// keepGoTest and keepGoBinary select "beside" over "instead" for tests and binaries.
	keepGoTest   bool
	keepGoBinary bool
}

func defaultConfig() *nocgoConfig {
	return &nocgoConfig{detection: detectImports, knownSDKs: defaultKnownSDKs}
}

// getConfig returns the configuration of the directory c belongs to.
func getConfig(c *config.Config) *nocgoConfig {
	if nc, ok := c.Exts[languageName].(*nocgoConfig); ok {
		return nc
	}
	return defaultConfig()
}

// clone returns a copy that can be changed without changing nc. The slices are never
// modified in place, only replaced, so they are shared.
func (nc *nocgoConfig) clone() *nocgoConfig {
	c := *nc
	return &c
}

// RegisterFlags installs the root configuration; there are no flags.
func (*nocgoLang) RegisterFlags(_ *flag.FlagSet, _ string, c *config.Config) {
	c.Exts[languageName] = defaultConfig()
}

// CheckFlags does nothing: there are no flags.
func (*nocgoLang) CheckFlags(*flag.FlagSet, *config.Config) error { return nil }

// KnownDirectives lists our directives.
func (*nocgoLang) KnownDirectives() []string {
	return []string{
		nocgoDirective,
		platformsDirective,
		sdksDirective,
		knownSDKsDirective,
		keepGoTestDirective,
		keepGoBinaryDirective,
	}
}

// Configure applies the directives of f to a copy of the parent directory's configuration.
// Invalid directives are recorded with file and line and leave the inherited value in place;
// DoneGeneratingRules fails the run before anything is written.
func (l *nocgoLang) Configure(c *config.Config, rel string, f *rule.File) {
	nc := getConfig(c).clone()
	c.Exts[languageName] = nc
	if f == nil {
		return
	}
	where := buildFileName(c, f)
	directives := locateDirectives(f)

	// nocgo_known_sdks first, wherever it is in the file: nocgo_sdks is checked against it.
	knownSet, knownLine := false, 0
	for _, d := range directives {
		if d.Key != knownSDKsDirective {
			continue
		}
		knownSet, knownLine = true, d.line
		if err := nc.setKnownSDKs(d.Value); err != nil {
			l.reportf("%s: # gazelle:%s: %v", at(where, d.line), d.Key, err)
		}
	}
	sdksSet := false
	for _, d := range directives {
		var err error
		switch d.Key {
		case nocgoDirective:
			err = nc.setDetection(d.Value)
		case platformsDirective:
			err = nc.setPlatforms(d.Value)
		case sdksDirective:
			err = nc.setSDKs(d.Value)
			sdksSet = true
		case keepGoTestDirective:
			err = setBool(&nc.keepGoTest, d.Value)
		case keepGoBinaryDirective:
			err = setBool(&nc.keepGoBinary, d.Value)
		}
		if err != nil {
			l.reportf("%s: # gazelle:%s: %v", at(where, d.line), d.Key, err)
		}
	}
	// An inherited nocgo_sdks must still be known after this file's nocgo_known_sdks.
	if !sdksSet && knownSet {
		if err := nc.checkSDKs(nc.sdks, "inherited "); err != nil {
			l.reportf("%s: # gazelle:%s: %v", at(where, knownLine), knownSDKsDirective, err)
			nc.sdks = nil
		}
	}
}

func (nc *nocgoConfig) setDetection(value string) error {
	switch d := detection(value); d {
	case detectImports, detectOff, detectAll:
		nc.detection = d
		return nil
	}
	return fmt.Errorf("unknown value %q; want on, off or all", value)
}

// setPlatforms sets the platforms attribute; an empty value restores the default.
func (nc *nocgoConfig) setPlatforms(value string) error {
	names := strings.Fields(value)
	if len(names) == 0 {
		nc.platforms = nil
		return nil
	}
	var unknown []string
	for _, n := range names {
		if !slices.Contains(platformNames, n) {
			unknown = append(unknown, fmt.Sprintf("%q", n))
		}
	}
	if unknown != nil {
		return fmt.Errorf("unknown platform %s; known platforms: %s",
			strings.Join(unknown, ", "), strings.Join(platformNames, ", "))
	}
	nc.platforms = dedupe(names)
	return nil
}

// setSDKs sets the sdks attribute; an empty value restores the default.
func (nc *nocgoConfig) setSDKs(value string) error {
	versions := strings.Fields(value)
	if len(versions) == 0 {
		nc.sdks = nil
		return nil
	}
	if err := nc.checkSDKs(versions, ""); err != nil {
		return err
	}
	nc.sdks = dedupe(versions)
	return nil
}

func (nc *nocgoConfig) checkSDKs(versions []string, what string) error {
	var unknown []string
	for _, v := range versions {
		if !slices.Contains(nc.knownSDKs, v) {
			unknown = append(unknown, fmt.Sprintf("%q", v))
		}
	}
	if unknown != nil {
		return fmt.Errorf("unknown %sGo SDK %s; known SDKs: %s (pinned with nocgo.sdk in MODULE.bazel; declare more with # gazelle:%s)",
			what, strings.Join(unknown, ", "), strings.Join(nc.knownSDKs, ", "), knownSDKsDirective)
	}
	return nil
}

// setKnownSDKs replaces the known SDKs; an empty value restores the default.
func (nc *nocgoConfig) setKnownSDKs(value string) error {
	versions := strings.Fields(value)
	if len(versions) == 0 {
		nc.knownSDKs = defaultKnownSDKs
		return nil
	}
	var bad []string
	for _, v := range versions {
		if !goVersionRe.MatchString(v) {
			bad = append(bad, fmt.Sprintf("%q", v))
		}
	}
	if bad != nil {
		return fmt.Errorf("not a Go version: %s; want versions like 1.27.3 (or variants like 1.27.3-strict)", strings.Join(bad, ", "))
	}
	nc.knownSDKs = dedupe(versions)
	return nil
}

func setBool(b *bool, value string) error {
	switch value {
	case "on", "true":
		*b = true
	case "off", "false":
		*b = false
	default:
		return fmt.Errorf("unknown value %q; want on or off", value)
	}
	return nil
}

func dedupe(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// locateDirectives returns the directives of f with their lines. Gazelle's rule.Directive
// has no position, so this reads the same top-level comments Gazelle reads (those before
// and after each statement), in the same order, and takes the lines from there. If that
// does not line up with f.Directives, the directives come without lines.
func locateDirectives(f *rule.File) []locatedDirective {
	var found []locatedDirective
	if f.File != nil {
		for _, stmt := range f.File.Stmt {
			comments := stmt.Comment()
			// slices.Clip: appending must not write into the statement's own comments.
			for _, com := range append(slices.Clip(comments.Before), comments.After...) {
				if m := directiveRe.FindStringSubmatch(com.Token); m != nil {
					found = append(found, locatedDirective{rule.Directive{Key: m[1], Value: m[2]}, com.Start.Line})
				}
			}
		}
	}
	if !slices.EqualFunc(found, f.Directives, func(l locatedDirective, d rule.Directive) bool { return l.Directive == d }) {
		found = found[:0]
		for _, d := range f.Directives {
			found = append(found, locatedDirective{Directive: d})
		}
	}
	return found
}

// locatedDirective is a directive and the line of the file it is on (0 if unknown).
type locatedDirective struct {
	rule.Directive
	line int
}

// directiveRe is the pattern of Gazelle's rule package for "# gazelle:key value".
var directiveRe = regexp.MustCompile(`^#\s*gazelle:(\w+)\s*(.*?)\s*$`)

// at is "file:line", or "file" when the line is unknown.
func at(file string, line int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// buildFileName names f for messages: relative to the repository root when possible.
func buildFileName(c *config.Config, f *rule.File) string {
	if c.RepoRoot != "" {
		if rel, err := filepath.Rel(c.RepoRoot, f.Path); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return f.Path
}
