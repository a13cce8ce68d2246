// Command emulock writes and checks rules/private/emulators.lock.json, the
// pinned Debian packages that the `nocgo` module extension downloads to run
// tests under emulation: qemu-user (statically linked) and, per target
// platform, its C runtime (libc6-<arch>-cross and what the loader needs).
//
// The lock's "suite", "emulator_package" and "platforms" are written by hand;
// its "packages" are generated. Run it as tools/emulators-lock:
//
//	tools/emulators-lock          resolve every package again from the suite's
//	                              Packages index and rewrite "packages"
//	tools/emulators-lock -check   check the lock offline (CI): its platforms are
//	                              those of platforms/table.json with the
//	                              same qemu and triplet, every package a
//	                              platform names is pinned, nothing else is,
//	                              and every pin is well formed
//
// The archive is the one the host's apt configuration names
// (/etc/apt/sources.list.d/debian.sources, then /etc/apt/sources.list), or
// NOCGO_DEBIAN_MIRROR, or -mirror. The suite's InRelease is checked with gpgv
// against Debian's archive keyring, the Packages index against the sha256 the
// InRelease gives, and each .deb against the sha256 the index gives.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nocgo/rules_nocgo/internal/nocgotable"
)

// Lock is the JSON document of rules/private/emulators.lock.json.
type Lock struct {
	Comment string `json:"comment"`
	// Suite is the Debian suite the packages come from, e.g. "trixie".
	Suite string `json:"suite"`
	// Arch is the Debian architecture of the host side (the emulator).
	Arch string `json:"arch"`
	// EmulatorPackage holds every qemu-<target> binary.
	EmulatorPackage string `json:"emulator_package"`
	// Platforms maps our platform name (linux_arm64) to what runs it.
	Platforms map[string]Platform `json:"platforms"`
	// Packages maps a package name to its pin (generated).
	Packages map[string]Package `json:"packages"`
}

// Platform says what runs the binaries of one target platform.
type Platform struct {
	// Emulator is the qemu-user binary in EmulatorPackage, e.g. qemu-aarch64.
	Emulator string `json:"emulator"`
	// Triplet is the GNU triplet; the sysroot packages put the libraries in
	// usr/<triplet>/lib.
	Triplet string `json:"triplet"`
	// SysrootPackages are the target's C runtime: the loader, libc and what
	// the loader opens (libgcc_s).
	SysrootPackages []string `json:"sysroot_packages"`
}

// Package pins one .deb.
type Package struct {
	Version string `json:"version"`
	// Filename is the path in the archive (pool/...), relative to the mirror.
	Filename string `json:"filename"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
}

const keyring = "/usr/share/keyrings/debian-archive-keyring.gpg"

func main() {
	lockPath := flag.String("lock", "rules/private/emulators.lock.json", "the lock file")
	check := flag.Bool("check", false, "check the lock offline instead of regenerating it")
	mirror := flag.String("mirror", "", "Debian archive URI (default: NOCGO_DEBIAN_MIRROR, then the host's apt sources)")
	verifyDebs := flag.Bool("verify-debs", true, "download every .deb and check its size and sha256")
	flag.Parse()

	lock, err := readLock(*lockPath)
	if err == nil {
		if *check {
			err = lock.check()
			if err == nil {
				err = checkPlatforms(lock, repoTable())
			}
		} else {
			err = regenerate(lock, *lockPath, *mirror, *verifyDebs)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "emulock:", err)
		os.Exit(1)
	}
}

func readLock(file string) (*Lock, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var lock Lock
	if err := dec.Decode(&lock); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return &lock, nil
}

var (
	nameRE     = regexp.MustCompile(`^[a-z0-9][a-z0-9+.-]+$`)
	sha256RE   = regexp.MustCompile(`^[0-9a-f]{64}$`)
	filenameRE = regexp.MustCompile(`^pool/[A-Za-z0-9+./_~%-]+\.deb$`)
	emulatorRE = regexp.MustCompile(`^qemu-[a-z0-9_]+$`)
	platformRE = regexp.MustCompile(`^linux_[a-z0-9]+$`)
)

// wanted returns the sorted names of every package the platforms need.
func (l *Lock) wanted() []string {
	set := map[string]bool{l.EmulatorPackage: true}
	for _, p := range l.Platforms {
		for _, n := range p.SysrootPackages {
			set[n] = true
		}
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkRequest checks the hand-written part of the lock.
func (l *Lock) checkRequest() error {
	if !nameRE.MatchString(l.Suite) || !nameRE.MatchString(l.Arch) || !nameRE.MatchString(l.EmulatorPackage) {
		return errors.New("suite, arch and emulator_package must be set to Debian names")
	}
	if len(l.Platforms) == 0 {
		return errors.New("no platforms")
	}
	for name, p := range l.Platforms {
		if !platformRE.MatchString(name) {
			return fmt.Errorf("platform %q: not a platform name (linux_<goarch>)", name)
		}
		if !emulatorRE.MatchString(p.Emulator) {
			return fmt.Errorf("platform %s: emulator %q is not a qemu-<target> name", name, p.Emulator)
		}
		if p.Triplet == "" || strings.ContainsAny(p.Triplet, "/ ") {
			return fmt.Errorf("platform %s: bad triplet %q", name, p.Triplet)
		}
		if len(p.SysrootPackages) == 0 {
			return fmt.Errorf("platform %s: no sysroot_packages", name)
		}
		for _, n := range p.SysrootPackages {
			if !nameRE.MatchString(n) {
				return fmt.Errorf("platform %s: bad package name %q", name, n)
			}
		}
	}
	return nil
}

// check checks the whole lock offline: what the extension relies on.
func (l *Lock) check() error {
	if err := l.checkRequest(); err != nil {
		return err
	}
	wanted := l.wanted()
	for _, n := range wanted {
		pkg, ok := l.Packages[n]
		if !ok {
			return fmt.Errorf("package %s is used but not pinned: run tools/emulators-lock", n)
		}
		if pkg.Version == "" || pkg.Size <= 0 {
			return fmt.Errorf("package %s: no version or size", n)
		}
		if !sha256RE.MatchString(pkg.SHA256) {
			return fmt.Errorf("package %s: sha256 %q is not 64 lower-case hex digits", n, pkg.SHA256)
		}
		if !filenameRE.MatchString(pkg.Filename) || strings.Contains(pkg.Filename, "..") {
			return fmt.Errorf("package %s: filename %q is not a relative pool/....deb path", n, pkg.Filename)
		}
	}
	if len(l.Packages) != len(wanted) {
		for n := range l.Packages {
			if i := sort.SearchStrings(wanted, n); i == len(wanted) || wanted[i] != n {
				return fmt.Errorf("package %s is pinned but no platform uses it: run tools/emulators-lock", n)
			}
		}
	}
	return nil
}

// hostMirror returns the archive URI of the host's apt configuration: the
// first URIs: of a deb822 stanza that is not a -security suite, then the first
// "deb" line of sources.list.
func hostMirror() (string, error) {
	if data, err := os.ReadFile("/etc/apt/sources.list.d/debian.sources"); err == nil {
		if uri := mirrorFromDeb822(string(data)); uri != "" {
			return uri, nil
		}
	}
	if data, err := os.ReadFile("/etc/apt/sources.list"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) < 3 || f[0] != "deb" || strings.Contains(line, "-security") {
				continue
			}
			for _, w := range f[1:] {
				if strings.Contains(w, "://") {
					return strings.TrimSuffix(w, "/"), nil
				}
			}
		}
	}
	return "", errors.New("no Debian archive in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list; pass -mirror")
}

func mirrorFromDeb822(text string) string {
	for _, stanza := range strings.Split(text, "\n\n") {
		var uri, suites string
		for _, line := range strings.Split(stanza, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			if v, ok := strings.CutPrefix(line, "URIs:"); ok && len(strings.Fields(v)) > 0 {
				uri = strings.Fields(v)[0]
			}
			if v, ok := strings.CutPrefix(line, "Suites:"); ok {
				suites = v
			}
		}
		if uri != "" && !strings.Contains(suites, "-security") {
			return strings.TrimSuffix(uri, "/")
		}
	}
	return ""
}

func get(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// verifiedRelease returns the signed text of the suite's InRelease, checked
// by gpgv against Debian's archive keyring.
func verifiedRelease(mirror, suite string) (string, error) {
	data, err := get(mirror + "/dists/" + suite + "/InRelease")
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(keyring); err != nil {
		return "", fmt.Errorf("cannot check the InRelease signature: %v (install debian-archive-keyring)", err)
	}
	cmd := exec.Command("gpgv", "--quiet", "--keyring", keyring, "--output", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("gpgv rejected %s's InRelease: %v: %s", suite, err, errOut.String())
	}
	return out.String(), nil
}

// releaseSHA256 returns the sha256 and size that a Release text gives for one
// index file (e.g. main/binary-amd64/Packages.gz).
func releaseSHA256(release, file string) (string, int64, error) {
	in := false
	for _, line := range strings.Split(release, "\n") {
		if !strings.HasPrefix(line, " ") {
			in = strings.TrimSpace(line) == "SHA256:"
			continue
		}
		f := strings.Fields(line)
		if in && len(f) == 3 && f[2] == file {
			size, err := strconv.ParseInt(f[1], 10, 64)
			return f[0], size, err
		}
	}
	return "", 0, fmt.Errorf("Release has no SHA256 line for %s", file)
}

// parsePackages reads a Packages index and returns the stanza fields of the
// wanted packages. A package listed twice with different versions is an error:
// the lock would not say which one.
func parsePackages(r io.Reader, wanted map[string]bool) (map[string]map[string]string, error) {
	found := map[string]map[string]string{}
	var dup error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	stanza := map[string]string{}
	flush := func() {
		if n := stanza["Package"]; wanted[n] {
			if old, ok := found[n]; ok && old["Version"] != stanza["Version"] {
				dup = fmt.Errorf("package %s is listed twice (%s and %s)", n, old["Version"], stanza["Version"])
			}
			found[n] = stanza
		}
		stanza = map[string]string{}
	}
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			flush()
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // continuation of a multi-line field we do not read
		}
		if k, v, ok := strings.Cut(line, ":"); ok {
			stanza[k] = strings.TrimSpace(v)
		}
	}
	flush()
	if dup != nil {
		return nil, dup
	}
	return found, sc.Err()
}

func regenerate(lock *Lock, lockPath, mirror string, verifyDebs bool) error {
	if err := lock.checkRequest(); err != nil {
		return err
	}
	if mirror == "" {
		mirror = os.Getenv("NOCGO_DEBIAN_MIRROR")
	}
	if mirror == "" {
		var err error
		if mirror, err = hostMirror(); err != nil {
			return err
		}
	}
	mirror = strings.TrimSuffix(mirror, "/")
	if u, err := url.Parse(mirror); err != nil || u.Scheme == "" {
		return fmt.Errorf("mirror %q is not a URI", mirror)
	}
	release, err := verifiedRelease(mirror, lock.Suite)
	if err != nil {
		return err
	}
	index := "main/binary-" + lock.Arch + "/Packages.gz"
	wantSum, wantSize, err := releaseSHA256(release, index)
	if err != nil {
		return err
	}
	gz, err := get(mirror + "/dists/" + lock.Suite + "/" + index)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(gz); hex.EncodeToString(sum[:]) != wantSum || int64(len(gz)) != wantSize {
		return fmt.Errorf("%s: sha256 or size differs from the signed InRelease", index)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return err
	}
	names := lock.wanted()
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	found, err := parsePackages(zr, want)
	if err != nil {
		return err
	}
	pkgs := map[string]Package{}
	for _, n := range names {
		st, ok := found[n]
		if !ok {
			return fmt.Errorf("package %s is not in %s %s", n, lock.Suite, index)
		}
		size, err := strconv.ParseInt(st["Size"], 10, 64)
		if err != nil {
			return fmt.Errorf("package %s: bad Size %q", n, st["Size"])
		}
		pkg := Package{Version: st["Version"], Filename: st["Filename"], Size: size, SHA256: st["SHA256"]}
		if verifyDebs {
			deb, err := get(mirror + "/" + pkg.Filename)
			if err != nil {
				return err
			}
			if sum := sha256.Sum256(deb); hex.EncodeToString(sum[:]) != pkg.SHA256 || int64(len(deb)) != size {
				return fmt.Errorf("package %s: %s differs from the index (sha256 or size)", n, path.Base(pkg.Filename))
			}
		}
		pkgs[n] = pkg
		fmt.Fprintf(os.Stderr, "emulock: %s %s (%d bytes)\n", n, pkg.Version, size)
	}
	lock.Packages = pkgs
	if err := lock.check(); err != nil {
		return err
	}
	out, err := json.MarshalIndent(lock, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(lockPath, append(out, '\n'), 0o644)
}

// tablePlatform is what platforms/table.json says of one platform.
type tablePlatform struct {
	qemu    string // "" where the host always runs it
	triplet string
}

// repoTable returns platforms/table.json's platforms (internal/nocgotable).
func repoTable() map[string]tablePlatform {
	out := map[string]tablePlatform{}
	for _, p := range nocgotable.Platforms {
		out[p.Name] = tablePlatform{qemu: p.Qemu, triplet: p.Triplet}
	}
	return out
}

// nativePlatform runs with the host's libc and has no entry in the lock.
const nativePlatform = "linux_amd64"

// checkPlatforms checks that the lock has every platform of the table but the
// native one, with the same emulator and triplet (what the extension checks
// when it fetches).
func checkPlatforms(lock *Lock, table map[string]tablePlatform) error {
	for name, tp := range table {
		if name == nativePlatform {
			continue
		}
		lp, ok := lock.Platforms[name]
		if !ok {
			return fmt.Errorf("platforms/table.json has %s, the lock does not: add it to the lock's platforms and run tools/emulators-lock", name)
		}
		want := "qemu-" + tp.qemu
		if tp.qemu == "" {
			want = "qemu-i386" // 386 runs natively where the host can, else under qemu-i386
		}
		if lp.Emulator != want {
			return fmt.Errorf("%s: the lock runs it under %s, platforms/table.json under %s", name, lp.Emulator, want)
		}
		if lp.Triplet != tp.triplet {
			return fmt.Errorf("%s: the lock's triplet is %s, platforms/table.json's %s", name, lp.Triplet, tp.triplet)
		}
	}
	for name := range lock.Platforms {
		if _, ok := table[name]; !ok || name == nativePlatform {
			return fmt.Errorf("the lock has %s, which platforms/table.json does not emulate", name)
		}
	}
	return nil
}
