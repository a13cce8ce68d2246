// Command sdkpatch makes a patched copy of a Go SDK (GOROOT): the files of
// the original are hard-linked (or copied across file systems), the files a
// unified diff names are rewritten with the diff applied strictly — every
// hunk must match at its stated line, with no fuzz and no offset — and a
// stamp records the sha256 of the diff and the original's VERSION. tools/setup
// uses it to build the 1.27.3-strict SDK from sdk/patches/go1.27.3-strict.patch:
//
//	sdkpatch -goroot SRC -patch FILE -out DIR
//
// It is idempotent: when DIR's stamp matches, nothing is done. The copy is
// built next to DIR and renamed into place, so DIR is either absent, the
// previous complete copy, or the new complete one. With -stamp it prints
// the stamp a patch would give and exits (tools/matrix checks DIR with it).
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// stampFile is the name, inside the patched SDK, of the file holding its stamp.
const stampFile = ".nocgo-sdkpatch"

func main() {
	goroot := flag.String("goroot", "", "the SDK to copy (its GOROOT)")
	patch := flag.String("patch", "", "unified diff to apply (paths with one leading component, a/ and b/)")
	out := flag.String("out", "", "directory of the patched SDK")
	stampOnly := flag.Bool("stamp", false, "print the stamp of -goroot + -patch and exit")
	flag.Parse()
	if *goroot == "" || *patch == "" || (*out == "" && !*stampOnly) || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: sdkpatch -goroot SRC -patch FILE (-out DIR | -stamp)")
		os.Exit(2)
	}
	diff, err := os.ReadFile(*patch)
	if err != nil {
		fatal(err)
	}
	stamp, err := makeStamp(*goroot, diff)
	if err != nil {
		fatal(err)
	}
	if *stampOnly {
		fmt.Print(stamp)
		return
	}
	if have, err := os.ReadFile(filepath.Join(*out, stampFile)); err == nil && string(have) == stamp {
		return
	}
	files, err := parseDiff(diff)
	if err != nil {
		fatal(fmt.Errorf("%s: %v", *patch, err))
	}
	if err := build(*goroot, *out, files, stamp); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "sdkpatch:", err)
	os.Exit(1)
}

// makeStamp names the original SDK (first line of its VERSION) and the diff
// (sha256 of its bytes).
func makeStamp(goroot string, diff []byte) (string, error) {
	v, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		return "", fmt.Errorf("%s is not a Go SDK: %v", goroot, err)
	}
	version, _, _ := strings.Cut(string(v), "\n")
	sum := sha256.Sum256(diff)
	return fmt.Sprintf("version %s\npatch sha256 %s\n", strings.TrimSpace(version), hex.EncodeToString(sum[:])), nil
}

// A filePatch is the part of a unified diff for one file.
type filePatch struct {
	path  string // relative to the SDK root (the leading a/ stripped)
	hunks []hunk
}

type hunk struct {
	oldStart int      // 1-based line of the first old line
	old, new []string // lines without their ' ', '-' or '+' marker
}

// parseDiff reads a unified diff. Text before the first "--- " line is a
// comment. Every file must name the same path after a/ and b/; creating or
// deleting files is not supported.
func parseDiff(diff []byte) ([]filePatch, error) {
	lines := strings.Split(string(diff), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	var files []filePatch
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], "--- ") {
		i++
	}
	for i < len(lines) {
		if !strings.HasPrefix(lines[i], "--- a/") || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "+++ b/") {
			return nil, fmt.Errorf("line %d: want a \"--- a/PATH\" and \"+++ b/PATH\" pair", i+1)
		}
		oldPath, newPath := strings.TrimPrefix(lines[i], "--- a/"), strings.TrimPrefix(lines[i+1], "+++ b/")
		if oldPath != newPath || oldPath == "" || filepath.IsAbs(oldPath) || strings.Contains("/"+oldPath+"/", "/../") {
			return nil, fmt.Errorf("line %d: bad or differing paths %q, %q", i+1, oldPath, newPath)
		}
		fp := filePatch{path: oldPath}
		i += 2
		for i < len(lines) && strings.HasPrefix(lines[i], "@@ ") {
			var oldStart, oldN, newStart, newN int
			if _, err := fmt.Sscanf(lines[i], "@@ -%d,%d +%d,%d @@", &oldStart, &oldN, &newStart, &newN); err != nil || oldStart < 1 {
				return nil, fmt.Errorf("line %d: bad hunk header %q", i+1, lines[i])
			}
			h := hunk{oldStart: oldStart}
			i++
			for len(h.old) < oldN || len(h.new) < newN {
				if i >= len(lines) || lines[i] == "" {
					return nil, fmt.Errorf("line %d: hunk ends early", i+1)
				}
				text := lines[i][1:]
				switch lines[i][0] {
				case ' ':
					h.old, h.new = append(h.old, text), append(h.new, text)
				case '-':
					h.old = append(h.old, text)
				case '+':
					h.new = append(h.new, text)
				default:
					return nil, fmt.Errorf("line %d: not a hunk line: %q", i+1, lines[i])
				}
				i++
			}
			if len(h.old) != oldN || len(h.new) != newN {
				return nil, fmt.Errorf("line %d: hunk has %d/%d lines, header says %d/%d", i, len(h.old), len(h.new), oldN, newN)
			}
			fp.hunks = append(fp.hunks, h)
		}
		if len(fp.hunks) == 0 {
			return nil, fmt.Errorf("%s: no hunks", fp.path)
		}
		files = append(files, fp)
	}
	if len(files) == 0 {
		return nil, errors.New("no file in the diff")
	}
	return files, nil
}

// apply returns content with every hunk applied at exactly its line.
func (fp filePatch) apply(content string) (string, error) {
	lines := strings.SplitAfter(content, "\n")
	var out []string
	next := 0 // index in lines of the first line not yet copied
	for _, h := range fp.hunks {
		at := h.oldStart - 1
		if at < next || at+len(h.old) > len(lines) {
			return "", fmt.Errorf("%s: hunk at line %d is out of order or past the end", fp.path, h.oldStart)
		}
		for k, want := range h.old {
			if got := strings.TrimSuffix(lines[at+k], "\n"); got != want {
				return "", fmt.Errorf("%s:%d: want %q, have %q (the SDK is not the one this patch is for)", fp.path, at+k+1, want, got)
			}
		}
		out = append(out, lines[next:at]...)
		for _, l := range h.new {
			out = append(out, l+"\n")
		}
		next = at + len(h.old)
	}
	out = append(out, lines[next:]...)
	return strings.Join(out, ""), nil
}

// build makes dir a patched copy of goroot (see the package comment).
func build(goroot, dir string, files []filePatch, stamp string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp.")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)                      // after the rename only the old copy, if any, is left there
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it 0700
		return err
	}
	if err := linkTree(goroot, tmp); err != nil {
		return err
	}
	for _, fp := range files {
		src := filepath.Join(goroot, filepath.FromSlash(fp.path))
		content, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		patched, err := fp.apply(string(content))
		if err != nil {
			return err
		}
		info, err := os.Stat(src)
		if err != nil {
			return err
		}
		dst := filepath.Join(tmp, filepath.FromSlash(fp.path))
		// Remove the hard link first: the original must stay untouched.
		if err := os.Remove(dst); err != nil {
			return err
		}
		if err := os.WriteFile(dst, []byte(patched), info.Mode().Perm()); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, stampFile), []byte(stamp), 0o644); err != nil {
		return err
	}
	// Swap the new copy in; an old one is moved aside and removed.
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return err
	}
	return removeOld(old)
}

// linkTree recreates src's tree under dst: directories, symlinks, and hard
// links to files (copies when src is on another file system).
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if rel == "." {
				return nil
			}
			return os.Mkdir(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			l, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(l, target)
		case d.Type().IsRegular():
			if os.Link(path, target) == nil {
				return nil
			}
			return copyFile(path, target)
		default:
			return fmt.Errorf("%s: unexpected file type %v", path, d.Type())
		}
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeOld removes dir (a previous patched copy), if present. Its
// directories are ours (0755), so removal needs no mode change.
func removeOld(dir string) error {
	err := os.RemoveAll(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
