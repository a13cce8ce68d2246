// Tests of emulock: the checked-in lock passes its checks, each kind of broken lock fails them,
// and the Debian index readers take what they should.
package main

import (
	"strings"
	"testing"
)

const (
	repoLock      = "../../../rules/private/emulators.lock.json"
	repoPlatforms = "../../../rules/private/platforms.bzl"
)

func TestRepoLockIsConsistent(t *testing.T) {
	lock, err := readLock(repoLock)
	if err != nil {
		t.Fatal(err)
	}
	if err := lock.check(); err != nil {
		t.Fatal(err)
	}
	if err := checkPlatformsFile(lock, repoPlatforms); err != nil {
		t.Fatal(err)
	}
	if _, ok := lock.Platforms[nativePlatform]; ok {
		t.Errorf("the lock has %s, which runs natively", nativePlatform)
	}
}

func TestBrokenLocksFail(t *testing.T) {
	cases := []struct {
		name, want string
		mutate     func(*Lock)
	}{
		{"short sha256", "is not 64 lower-case hex digits", func(l *Lock) {
			p := l.Packages["libc6-arm64-cross"]
			p.SHA256 = p.SHA256[:63]
			l.Packages["libc6-arm64-cross"] = p
		}},
		{"upper-case sha256", "is not 64 lower-case hex digits", func(l *Lock) {
			p := l.Packages["qemu-user"]
			p.SHA256 = strings.ToUpper(p.SHA256)
			l.Packages["qemu-user"] = p
		}},
		{"unpinned package", "libgcc-s1-s390x-cross is used but not pinned", func(l *Lock) {
			delete(l.Packages, "libgcc-s1-s390x-cross")
		}},
		{"unused pin", "libfoo is pinned but no platform uses it", func(l *Lock) {
			l.Packages["libfoo"] = l.Packages["qemu-user"]
		}},
		{"absolute filename", "is not a relative pool/....deb path", func(l *Lock) {
			p := l.Packages["qemu-user"]
			p.Filename = "http://example.invalid/" + p.Filename
			l.Packages["qemu-user"] = p
		}},
		{"filename climbing out", "is not a relative pool/....deb path", func(l *Lock) {
			p := l.Packages["qemu-user"]
			p.Filename = "pool/../../x.deb"
			l.Packages["qemu-user"] = p
		}},
		{"bad emulator", "is not a qemu-<target> name", func(l *Lock) {
			p := l.Platforms["linux_arm64"]
			p.Emulator = "/usr/bin/qemu-aarch64"
			l.Platforms["linux_arm64"] = p
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lock, err := readLock(repoLock)
			if err != nil {
				t.Fatal(err)
			}
			c.mutate(lock)
			err = lock.check()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("check() = %v, want an error with %q", err, c.want)
			}
		})
	}
}

func TestLockMustMatchPlatformsTable(t *testing.T) {
	table := map[string]tablePlatform{
		"linux_amd64": {"", "x86_64-linux-gnu"},
		"linux_386":   {"", "i686-linux-gnu"},
		"linux_arm64": {"aarch64", "aarch64-linux-gnu"},
	}
	good := func() *Lock {
		return &Lock{Platforms: map[string]Platform{
			"linux_386":   {Emulator: "qemu-i386", Triplet: "i686-linux-gnu"},
			"linux_arm64": {Emulator: "qemu-aarch64", Triplet: "aarch64-linux-gnu"},
		}}
	}
	if err := checkPlatforms(good(), table); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, want string
		mutate     func(*Lock)
	}{
		{"missing platform", "platforms.bzl has linux_arm64, the lock does not", func(l *Lock) { delete(l.Platforms, "linux_arm64") }},
		{"extra platform", "the lock has linux_mips", func(l *Lock) { l.Platforms["linux_mips"] = l.Platforms["linux_arm64"] }},
		{"native platform", "the lock has linux_amd64", func(l *Lock) { l.Platforms["linux_amd64"] = l.Platforms["linux_arm64"] }},
		{"other emulator", "the lock runs it under qemu-arm", func(l *Lock) {
			p := l.Platforms["linux_arm64"]
			p.Emulator = "qemu-arm"
			l.Platforms["linux_arm64"] = p
		}},
		{"other triplet", "the lock's triplet is arm-linux-gnueabihf", func(l *Lock) {
			p := l.Platforms["linux_arm64"]
			p.Triplet = "arm-linux-gnueabihf"
			l.Platforms["linux_arm64"] = p
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := good()
			c.mutate(l)
			err := checkPlatforms(l, table)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("checkPlatforms() = %v, want an error with %q", err, c.want)
			}
		})
	}
}

func TestParsePlatformsReadsTheTable(t *testing.T) {
	lock, err := readLock(repoLock)
	if err != nil {
		t.Fatal(err)
	}
	src := `PLATFORMS = {
    "linux_arm64": struct(
        goarch = "arm64",
        qemu = "aarch64",
        triplet = "aarch64-linux-gnu",
    ),
    "linux_amd64": struct(
        qemu = None,
        triplet = "x86_64-linux-gnu",
    ),
}
`
	table, err := parsePlatforms(src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]tablePlatform{
		"linux_arm64": {"aarch64", "aarch64-linux-gnu"},
		"linux_amd64": {"", "x86_64-linux-gnu"},
	}
	if len(table) != len(want) || table["linux_arm64"] != want["linux_arm64"] || table["linux_amd64"] != want["linux_amd64"] {
		t.Fatalf("parsePlatforms = %v, want %v", table, want)
	}
	// The real lock has more platforms than this table: the check says so.
	if err := checkPlatforms(lock, table); err == nil {
		t.Fatal("checkPlatforms accepted a lock with platforms the table lacks")
	}
}

func TestParsePackages(t *testing.T) {
	index := `Package: qemu-user
Version: 1:10.0.13+ds-0+deb13u1
Description: QEMU user mode emulation binaries
 a continuation line: Package: not-this
Filename: pool/main/q/qemu/qemu-user_10.0.13+ds-0+deb13u1_amd64.deb
Size: 71089852
SHA256: 00aa

Package: other
Version: 1

Package: libc6-arm64-cross
Version: 2.41-11cross1
Filename: pool/main/c/cross-toolchain-base/libc6-arm64-cross_2.41-11cross1_all.deb
Size: 1168128
SHA256: 11bb
`
	got, err := parsePackages(strings.NewReader(index), map[string]bool{"qemu-user": true, "libc6-arm64-cross": true, "not-this": true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("found %d packages, want 2: %v", len(got), got)
	}
	if q := got["qemu-user"]; q["Version"] != "1:10.0.13+ds-0+deb13u1" || q["SHA256"] != "00aa" || q["Size"] != "71089852" {
		t.Errorf("qemu-user = %v", q)
	}
	if l := got["libc6-arm64-cross"]; l["SHA256"] != "11bb" {
		t.Errorf("libc6-arm64-cross = %v", l)
	}

	dup := index + "\nPackage: qemu-user\nVersion: 1:11.0\n"
	if _, err := parsePackages(strings.NewReader(dup), map[string]bool{"qemu-user": true}); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("two versions of qemu-user: err = %v, want 'listed twice'", err)
	}
}

func TestReleaseSHA256(t *testing.T) {
	release := `Origin: Debian
MD5Sum:
 4840e4a7cfd54454ff38eabec58a70dd 13335627 main/binary-amd64/Packages.gz
SHA256:
 2efd6103f013081f8118f4c9f228739bc97bff2e4e1de496f80458c7e72a24ac 56634892 main/binary-amd64/Packages
 4967137e99422deb3b08e4eab8d6e756abfc826ef2c3744f50c1ab8ed053bf7e 13335627 main/binary-amd64/Packages.gz
`
	sum, size, err := releaseSHA256(release, "main/binary-amd64/Packages.gz")
	if err != nil || sum != "4967137e99422deb3b08e4eab8d6e756abfc826ef2c3744f50c1ab8ed053bf7e" || size != 13335627 {
		t.Errorf("releaseSHA256 = %q, %d, %v", sum, size, err)
	}
	if _, _, err := releaseSHA256(release, "main/binary-arm64/Packages.gz"); err == nil {
		t.Error("releaseSHA256 found a file the Release does not list")
	}
}

func TestMirrorFromDeb822(t *testing.T) {
	text := `# URIs: http://commented.invalid/debian
Types: deb
URIs: http://security.invalid/debian-security
Suites: bookworm-security
Components: main

Types: deb
URIs: http://archive.invalid/debian/
Suites: bookworm bookworm-updates
Components: main
`
	if got := mirrorFromDeb822(text); got != "http://archive.invalid/debian" {
		t.Errorf("mirrorFromDeb822 = %q", got)
	}
}
