// Tests of emulock: the checked-in lock passes its checks, each kind of broken lock fails them,
// and the Debian index readers take what they should.
package main

import (
	"strings"
	"testing"
)

const repoLock = "../../../rules/private/emulators.lock.json"

func TestRepoLockIsConsistent(t *testing.T) {
	lock, err := readLock(repoLock)
	if err != nil {
		t.Fatal(err)
	}
	if err := lock.check(); err != nil {
		t.Fatal(err)
	}
	if err := checkPlatforms(lock, repoTable()); err != nil {
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
		{"missing platform", "platforms/table.json has linux_arm64, the lock does not", func(l *Lock) { delete(l.Platforms, "linux_arm64") }},
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
