// The second machine's checkout: a copy of the files of the working tree
// that git tracks or would track (untracked, not ignored), at another path.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// copyWorkingTree copies the files of the git working tree at repo that are
// tracked or untracked-but-not-ignored into dst, keeping file modes and
// symlinks. Deleted tracked files are left out, as Bazel would not see them.
// It returns the number of files copied.
func copyWorkingTree(repo, dst string) (int, error) {
	cmd := exec.Command("git", "-C", repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("git ls-files in %s (the check copies the working tree that git lists): %v", repo, err)
	}
	n := 0
	seen := map[string]bool{}
	for _, name := range bytes.Split(out, []byte{0}) {
		rel := string(name)
		if rel == "" || seen[rel] {
			continue
		}
		seen[rel] = true
		if filepath.IsAbs(rel) || strings.HasPrefix(filepath.Clean(rel), "..") {
			return n, fmt.Errorf("git ls-files listed %q, outside the working tree", rel)
		}
		src := filepath.Join(repo, rel)
		fi, err := os.Lstat(src)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return n, err
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return n, err
		}
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			target, err := os.Readlink(src)
			if err != nil {
				return n, err
			}
			if err := os.Symlink(target, to); err != nil {
				return n, err
			}
		case fi.Mode().IsRegular():
			if err := copyFile(src, to, fi.Mode().Perm()); err != nil {
				return n, err
			}
		default:
			// A submodule or another kind of entry: not a file Bazel reads.
			continue
		}
		n++
	}
	return n, nil
}

func copyFile(src, dst string, perm os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
