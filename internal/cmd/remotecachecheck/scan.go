// The host-path scan of run 2's spawns: command lines, environments and the
// contents of their input files.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// hostPaths returns the paths of both machines that may appear neither in
// the command lines and environments of the actions nor in the contents of
// the files the build wrote (specific), and those that may only not appear
// in command lines and environments (generic: Go's own sources mention
// /tmp, /root, ...).
func (c *checker) hostPaths(machine2 string) (specific, generic pathSet) {
	paths := []string{c.repo, c.home, c.cache, c.run, machine2, goEnv("GOMODCACHE"), goEnv("GOCACHE")}
	if out, err := gitTopLevel(c.repo); err == nil {
		paths = append(paths, out)
	}
	// The host's cross sysroots, which tools/bazel mounts into its root.
	for _, pat := range []string{"/usr/*-linux-gnu", "/usr/*-linux-gnu?*"} {
		m, _ := filepath.Glob(pat)
		paths = append(paths, m...)
	}
	// The Go of the Bazel root (tools/bazel puts it on PATH), e.g. /usr/lib/go-1.27.
	if c.bazelRoot != "" {
		m, _ := filepath.Glob(filepath.Join(c.bazelRoot, "usr/lib/go-*"))
		for _, d := range m {
			paths = append(paths, strings.TrimPrefix(d, c.bazelRoot))
		}
	}
	specific = newPathSet(paths...)
	generic = newPathSet(append(append([]string{}, specific...),
		os.Getenv("HOME"), goEnv("GOROOT"), "/tmp", os.Getenv("TMPDIR"))...)
	return specific, generic
}

func gitTopLevel(dir string) (string, error) {
	out, err := runOutput(dir, "git", "rev-parse", "--show-toplevel")
	return strings.TrimSpace(out), err
}

// scanHostPaths checks run 2's spawns for host paths.
func (c *checker) scanHostPaths(r2 *bazelRun) {
	machine2 := c.machines[len(c.machines)-1]
	specific, generic := c.hostPaths(machine2)

	// Command lines and environments.
	leaks := r2.spawns.paths.report(generic.matches, true)
	if len(leaks) > 0 {
		c.fail("host paths in the command lines or environments of run 2's spawns (mnemonic, field, path):")
		printFirst(os.Stderr, leaks, 40)
	} else {
		fmt.Printf("command lines and environments of %d spawns: no host path\n", r2.spawns.spawns)
	}
	if notes := r2.spawns.paths.report(generic.matches, false); len(notes) > 0 {
		fmt.Println("other absolute paths there (mnemonic, field, path):")
		printFirst(os.Stdout, notes, 30)
	}

	// Contents of the input files: sources, external repositories, generated files.
	var (
		ours, theirs []string
		files, blobs int
		missing      []string
		unresolved   []string
	)
	seenFile := map[string]bool{}
	seenBlob := map[string]bool{}
	var jobs []blobJob
	paths := make([]string, 0, len(r2.spawns.inputs))
	for p := range r2.spawns.inputs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		d := r2.spawns.inputs[p]
		if strings.HasPrefix(p, "bazel-out/") {
			// Written by an action. Bazel's own (internal) actions wrote it in run 2's
			// output base; what the remote cache served, run 2 did not download: the
			// server has it.
			local, err := resolveInRoot(filepath.Join(r2.execroot(), p), c.bazelRoot)
			if fi, serr := os.Stat(local); err == nil && serr == nil && fi.Mode().IsRegular() {
				if seenFile[local] {
					continue
				}
				seenFile[local] = true
				data, err := os.ReadFile(local)
				if err != nil {
					unresolved = append(unresolved, p+": "+err.Error())
					continue
				}
				files++
				if hits := specific.find(data, 3); len(hits) > 0 {
					ours = append(ours, fmt.Sprintf("%s: %s", p, strings.Join(hits, " ")))
				}
				continue
			}
			if d == nil {
				unresolved = append(unresolved, p+" (no digest)")
				continue
			}
			if !seenBlob[d.Hash] {
				seenBlob[d.Hash] = true
				jobs = append(jobs, blobJob{path: p, hash: d.Hash})
			}
			continue
		}
		host := filepath.Join(r2.execroot(), p)
		if _, err := os.Lstat(host); err != nil && strings.HasPrefix(p, "external/") {
			host = filepath.Join(r2.base, p)
		}
		real, err := resolveInRoot(host, c.bazelRoot)
		if err != nil {
			unresolved = append(unresolved, p+": "+err.Error())
			continue
		}
		fi, err := os.Stat(real)
		if err != nil || !fi.Mode().IsRegular() || seenFile[real] {
			continue
		}
		seenFile[real] = true
		data, err := os.ReadFile(real)
		if err != nil {
			unresolved = append(unresolved, p+": "+err.Error())
			continue
		}
		files++
		hits := specific.find(data, 3)
		if len(hits) == 0 {
			continue
		}
		line := fmt.Sprintf("%s: %s", p, strings.Join(hits, " "))
		// Written by this build (the second machine's output base: repository
		// rules) or in its workspace: a leak. Elsewhere (a sysroot's linker
		// script, a host tool reached through a symlink): what the host
		// installed, the same on every machine with that package.
		if strings.HasPrefix(real, machine2+"/") {
			ours = append(ours, line)
		} else {
			theirs = append(theirs, line+" (host file "+real+")")
		}
	}
	// The generated inputs from the server, a few at a time.
	results := make([]blobResult, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := c.srv.blob(jobs[i].hash)
				results[i] = blobResult{err: err, hits: specific.find(data, 3)}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, r := range results {
		switch {
		case r.err != nil:
			missing = append(missing, jobs[i].path+": "+r.err.Error())
		case len(r.hits) > 0:
			ours = append(ours, fmt.Sprintf("%s: %s", jobs[i].path, strings.Join(r.hits, " ")))
			blobs++
		default:
			blobs++
		}
	}
	sort.Strings(ours)
	if len(ours) > 0 {
		c.fail("%d input file(s) written by the build or in the workspace hold host paths:", len(ours))
		printFirst(os.Stderr, ours, 40)
	}
	fmt.Printf("contents of %d input files and %d generated blobs: %d with a host path written by the build, %d host-installed file(s) mentioning one, %d unresolved\n",
		files, blobs, len(ours), len(theirs), len(unresolved))
	printFirst(os.Stdout, theirs, 10)
	if len(unresolved) > 0 {
		printFirst(os.Stdout, unresolved, 5)
	}
	if len(missing) > 0 {
		c.fail("%d generated input(s) of run 2 are neither in its output base nor in the server's storage:", len(missing))
		printFirst(os.Stderr, missing, 10)
	}
}

// A blobJob is a generated input to read from the server.
type blobJob struct{ path, hash string }

type blobResult struct {
	err  error
	hits []string
}

func printFirst(f *os.File, lines []string, n int) {
	for i, l := range lines {
		if i == n {
			fmt.Fprintf(f, "  ... and %d more\n", len(lines)-n)
			return
		}
		fmt.Fprintf(f, "  %s\n", l)
	}
}

func runOutput(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return string(out), err
}
