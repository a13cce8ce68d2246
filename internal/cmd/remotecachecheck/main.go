// Command remotecachecheck proves that `bazel test` on a second machine is
// served entirely by a remote cache that a first machine filled. Run it as
// tools/remote-cache-check:
//
//		tools/remote-cache-check [-storage DIR] [-max-size GB] [-fresh] [-keep] [PATTERN...] [-- BAZEL_FLAG...]
//
//	 1. Starts bazel-remote (built once from its Go module, pinned by its
//	    go.sum hash; binary in $NOCGO_CACHE/bin) on 127.0.0.1, with the storage
//	    folder DIR (kept between checks: CI keeps it in $NOCGO_CACHE/bazel-remote;
//	    bazel-remote's files in DIR/bazel-remote, beside DIR/synced-output-bases)
//	    or an empty one in the run folder.
//	 2. Run 1, the first machine: `tools/bazel test PATTERN...` (default //...)
//	    in this checkout, with that server as its only cache (no disk cache,
//	    whose hits Bazel would not upload). With -storage it runs in the
//	    checkout's own output base, so that it is CI's main `bazel test` and a
//	    warm CI costs what a warm build costs; the output base must then hold
//	    nothing the storage lacks: a storage that was never filled from this
//	    output base (its list of such output bases says so) makes the check
//	    drop the output base's action cache first, so that every action is
//	    looked up in the storage and uploaded where it is missing. Without
//	    -storage, or with -fresh, run 1 uses a fresh output base.
//	 3. Run 2, the second machine: the same command from a copy of the working
//	    tree (the files git tracks or would track) at another path, with another
//	    NOCGO_CACHE (so another output base, output user root and bazelrc),
//	    another NOCGO_HOME for the build (--repo_env) and no disk cache; only
//	    the repository cache of downloads is shared (content-addressed, never
//	    seen by an action). It must execute nothing: every spawn of its
//	    execution log a remote cache hit, no runner but "remote cache hit" and
//	    "internal" in its build metrics, and every test result cached (from its
//	    build events). If it misses and run 1 reused a warm output base, the
//	    output base may hold results the storage lost (an eviction, a build
//	    with the disk cache in between): the check drops the action cache, runs
//	    both again once and judges the second try.
//	 4. Scans run 2's spawns for absolute paths of either machine: the two
//	    checkouts, NOCGO_HOME and NOCGO_CACHE of both, the run folder,
//	    GOMODCACHE, GOCACHE, the /usr/<triplet> sysroots and the Bazel root's Go
//	    (/usr/lib/go-*) must appear neither in the command lines or environments
//	    of the actions nor in the contents of input files that the build wrote
//	    or that are in the workspace (generated files, read from the server by
//	    digest; repository rules' files; sources); $HOME, the host's GOROOT and
//	    /tmp must not appear in command lines or environments either. A host
//	    path in a file the host installed (a sysroot's libc.so linker script) and
//	    other absolute paths in command lines or environments (/bin in PATH) are
//	    listed as notes.
//
// It reads Bazel's JSON execution log (--execution_log_json_file) and build
// events (--build_event_json_file) as data, never its human output. It exits
// non-zero when any check fails and then lists run 2's spawns that missed the
// cache with the difference of their keys from run 1 (argv, env, input
// digests).
//
// -keep keeps the run folder ($NOCGO_CACHE/remote-cache-check/run.*: logs,
// the fresh output bases, the temporary storage) and the second machine's
// folder; by default both are removed (the run folder is kept when a check
// fails), and the Bazel servers the check started are shut down. The
// checkout's own server is left running, as after any tools/bazel command.
// BAZEL_FLAGs go to both runs, e.g. `-- --test_output=errors` or
// `-- --build_tests_only --test_tag_filters=nocgo_linux_riscv64`.
//
// Environment: NOCGO_HOME, NOCGO_CACHE (see tools/bazel).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "remote-cache-check: "+format+"\n", args...)
}

type options struct {
	storage    string
	maxSizeGB  int
	fresh      bool
	keep       bool
	patterns   []string
	bazelFlags []string
}

func parseArgs(args []string) (*options, error) {
	o := &options{}
	var rest []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, o.bazelFlags = args[:i], args[i+1:]
	}
	fs := flag.NewFlagSet("remote-cache-check", flag.ContinueOnError)
	fs.StringVar(&o.storage, "storage", "", "bazel-remote's storage `folder`, kept between checks (default: an empty one in the run folder)")
	fs.IntVar(&o.maxSizeGB, "max-size", 16, "the storage's size limit in `GiB` (bazel-remote evicts the least recently used beyond it)")
	fs.BoolVar(&o.fresh, "fresh", false, "run 1 from a fresh output base even with -storage")
	fs.BoolVar(&o.keep, "keep", false, "keep the run folder and the second machine's folder")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tools/remote-cache-check [-storage DIR] [-max-size GB] [-fresh] [-keep] [PATTERN...] [-- BAZEL_FLAG...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	rest = fs.Args()
	for _, a := range rest {
		// A pattern that subtracts (-//pkg/...) is a pattern, not a flag.
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "-//") && !strings.HasPrefix(a, "-@") {
			return nil, fmt.Errorf("%s: flags for Bazel go after --", a)
		}
	}
	o.patterns = rest
	if len(o.patterns) == 0 {
		o.patterns = []string{"//..."}
	}
	if o.maxSizeGB < 1 {
		return nil, fmt.Errorf("-max-size must be at least 1 GiB")
	}
	return o, nil
}

func main() {
	o, err := parseArgs(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		say("%v", err)
		os.Exit(2)
	}
	c, err := newChecker(o)
	if err != nil {
		say("%v", err)
		os.Exit(1)
	}
	// Interrupted (Ctrl-C, CI's timeout): end the Bazel command that runs, stop
	// the servers, remove what the check made.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		say("%v: stopping", sig)
		c.interrupt()
		c.cleanup(errors.New("interrupted"))
		os.Exit(128 + int(sig.(syscall.Signal)))
	}()
	err = c.check()
	c.cleanup(err)
	if err != nil {
		say("%v", err)
		os.Exit(1)
	}
}

// A checker holds one check's state.
type checker struct {
	opts *options
	// the first machine: this checkout and its environment
	repo, home, cache string
	// the Debian root Bazel runs in (tools/bazel), "" if there is none
	bazelRoot string
	work, run string
	storage   string
	srv       *server
	// output bases whose Bazel servers the check started
	bases []baseServer
	// second machines' folders
	machines []string
	failures []string
	keepRun  bool
	// the Bazel command that runs, if any
	mu      sync.Mutex
	current *exec.Cmd
	done    chan struct{}
	once    sync.Once
}

// interrupt ends the Bazel command that runs and waits for it (a while).
func (c *checker) interrupt() {
	c.mu.Lock()
	cmd, done := c.current, c.done
	c.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
	}
}

type baseServer struct {
	dir, base string
	env       []string
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func newChecker(o *options) (*checker, error) {
	repo, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(repo, "MODULE.bazel")); err != nil {
		return nil, fmt.Errorf("run it from the repository root (tools/remote-cache-check): %v", err)
	}
	home := envOr("NOCGO_HOME", "/opt/rules_nocgo")
	c := &checker{opts: o, repo: repo, home: home, keepRun: o.keep}
	c.cache = envOr("NOCGO_CACHE", filepath.Join(envOr("HOME", "/root"), ".cache", "rules_nocgo"))
	if fi, err := os.Stat(filepath.Join(home, "bazel-root")); err == nil && fi.IsDir() {
		c.bazelRoot = filepath.Join(home, "bazel-root")
	}
	c.work = filepath.Join(c.cache, "remote-cache-check")
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return nil, err
	}
	c.removeStaleRuns()
	if c.run, err = os.MkdirTemp(c.work, "run."); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(c.run, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return nil, err
	}
	return c, nil
}

// removeStaleRuns removes the run folders of checks that were killed, after
// stopping the Bazel servers of their output bases.
func (c *checker) removeStaleRuns() {
	runs, _ := filepath.Glob(filepath.Join(c.work, "run.*"))
	for _, d := range runs {
		if pid, err := readInt(filepath.Join(d, "pid")); err == nil && syscall.Kill(pid, 0) == nil {
			continue // still running
		}
		if _, err := os.Stat(filepath.Join(d, "keep")); err == nil {
			continue
		}
		say("removing the stale run folder %s", d)
		dirs := []string{d}
		if m, err := os.ReadFile(filepath.Join(d, "machines")); err == nil {
			dirs = append(dirs, strings.Fields(string(m))...)
		}
		for _, dir := range dirs {
			bases, _ := filepath.Glob(filepath.Join(dir, "base*"))
			more, _ := filepath.Glob(filepath.Join(dir, "cache", "base"))
			for _, b := range append(bases, more...) {
				if pid, err := readInt(filepath.Join(b, "server", "server.pid.txt")); err == nil {
					syscall.Kill(pid, syscall.SIGTERM)
				}
			}
			if dir != d && strings.Contains(filepath.Base(dir), "rules_nocgo-machine2.") {
				removeTree(dir)
			}
		}
		os.RemoveAll(d)
	}
}

func readInt(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(data)))
}

func (c *checker) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.failures = append(c.failures, msg)
	say("FAIL: %s", msg)
}

// A bazelRun is one `tools/bazel test` of the check and what it left.
type bazelRun struct {
	n              int
	name           string
	dir            string // workspace
	base           string
	env            []string
	startup, flags []string
	execLog, bep   string
	log            string
	stream         bool
	wall           time.Duration
	exit           int
	spawns         *spawnSummary
	build          *buildSummary
}

func (r *bazelRun) execroot() string {
	return filepath.Join(r.base, "execroot", "_main")
}

func (c *checker) bazelCmd(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(dir, "tools", "bazel"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// outputBase asks the checkout's Bazel for its output base.
func (c *checker) outputBase() (string, error) {
	cmd := c.bazelCmd(c.repo, nil, "info", "output_base")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("tools/bazel info output_base: %v", err)
	}
	base := strings.TrimSpace(string(out))
	if !filepath.IsAbs(base) || strings.Contains(base, "\n") {
		return "", fmt.Errorf("tools/bazel info output_base printed %q, not a path", base)
	}
	return base, nil
}

func (c *checker) runBazel(r *bazelRun) error {
	args := append([]string{}, r.startup...)
	args = append(args, "test",
		"--disk_cache=",
		"--remote_cache="+c.srv.url(),
		"--remote_accept_cached",
		"--remote_upload_local_results",
		"--execution_log_json_file="+r.execLog,
		"--noexecution_log_sort",
		"--build_event_json_file="+r.bep,
		"--color=no",
		"--curses=no",
		"--show_progress_rate_limit=60",
	)
	args = append(args, r.flags...)
	args = append(args, c.opts.bazelFlags...)
	args = append(args, "--")
	args = append(args, c.opts.patterns...)
	say("run %d (%s): tools/bazel %s", r.n, r.name, strings.Join(args, " "))
	logf, err := os.Create(r.log)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := c.bazelCmd(r.dir, r.env, args...)
	if r.stream {
		cmd.Stdout = io.MultiWriter(os.Stdout, logf)
		cmd.Stderr = io.MultiWriter(os.Stderr, logf)
	} else {
		cmd.Stdout, cmd.Stderr = logf, logf
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	c.mu.Lock()
	c.current, c.done = cmd, make(chan struct{})
	done := c.done
	c.mu.Unlock()
	err = cmd.Wait()
	close(done)
	c.mu.Lock()
	c.current = nil
	c.mu.Unlock()
	r.wall = time.Since(t0).Round(time.Second)
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
	default:
		return err
	}
	say("run %d: bazel exited %d after %v", r.n, r.exit, r.wall)
	if r.build, err = readBEP(r.bep); err != nil {
		return fmt.Errorf("run %d: %v", r.n, err)
	}
	// 4: built, but the patterns hold no test: a build-only check.
	if r.exit != 0 && !(r.exit == 4 && r.build.tests == 0 && len(r.build.notPassed) == 0) {
		if !r.stream {
			fmt.Fprintln(os.Stderr, tail(r.log, 40))
		}
		for _, t := range r.build.notPassed {
			say("run %d: %s", r.n, t)
		}
		c.keepRun = true
		return fmt.Errorf("run %d failed: bazel exited %d (%s; log: %s)", r.n, r.exit, r.build.exitCodeName, r.log)
	}
	return nil
}

// shutdown stops the Bazel server of an output base the check started.
func (c *checker) shutdown(b baseServer) {
	if _, err := os.Stat(filepath.Join(b.base, "server", "server.pid.txt")); err != nil {
		return
	}
	cmd := c.bazelCmd(b.dir, b.env, "--output_base="+b.base, "shutdown")
	if out, err := cmd.CombinedOutput(); err != nil {
		say("warning: could not shut down the Bazel server of %s: %v %s", b.base, err, out)
	}
}

// The storage folder holds bazel-remote's folder (which tolerates no other
// file) and the list of output bases the storage was filled from.
const (
	serverDir  = "bazel-remote"
	syncedList = "synced-output-bases"
)

// synced reports whether the storage was filled from base: every action
// result base's action cache holds is then in the storage.
func (c *checker) synced(base string) bool {
	data, err := os.ReadFile(filepath.Join(c.storage, syncedList))
	return err == nil && slices.Contains(strings.Split(string(data), "\n"), base)
}

func (c *checker) setSynced(base string, on bool) error {
	p := filepath.Join(c.storage, syncedList)
	data, _ := os.ReadFile(p)
	var keep []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && l != base {
			keep = append(keep, l)
		}
	}
	if on {
		keep = append(keep, base)
	}
	return os.WriteFile(p, []byte(strings.Join(keep, "\n")+"\n"), 0o644)
}

// resync makes the checkout's output base forget which actions are done:
// its next build looks every action up in the remote cache and uploads what
// it has to execute.
func (c *checker) resync(base, why string) error {
	say("%s: dropping the action cache of %s so that run 1 fills the storage", why, base)
	c.shutdown(baseServer{dir: c.repo, base: base})
	if err := c.setSynced(base, false); err != nil {
		return err
	}
	return os.RemoveAll(filepath.Join(base, "action_cache"))
}

func (c *checker) check() error {
	tempStorage := c.opts.storage == ""
	c.storage = c.opts.storage
	if tempStorage {
		c.storage = filepath.Join(c.run, "cas")
	} else if abs, err := filepath.Abs(c.storage); err == nil {
		c.storage = abs
	}
	bin, err := bazelRemoteBinary(c.cache)
	if err != nil {
		return err
	}
	// A storage folder of the bash check was bazel-remote's folder itself.
	for _, old := range []string{"ac.v2", "cas.v2", "raw.v2"} {
		if _, err := os.Stat(filepath.Join(c.storage, old)); err == nil {
			say("removing %s of the former storage layout", filepath.Join(c.storage, old))
			if err := os.RemoveAll(filepath.Join(c.storage, old)); err != nil {
				return err
			}
		}
	}
	if c.srv, err = startServer(bin, filepath.Join(c.storage, serverDir), c.opts.maxSizeGB, filepath.Join(c.run, "bazel-remote.log")); err != nil {
		return err
	}
	if st, err := c.srv.status(); err == nil {
		say("bazel-remote %s (pid %d) serves %s from %s (%d files, %.1f of %d GiB)", bazelRemoteVersion,
			c.srv.cmd.Process.Pid, c.srv.url(), c.storage, st.NumFiles, float64(st.CurrSize)/(1<<30), c.opts.maxSizeGB)
	}

	fresh := tempStorage || c.opts.fresh
	var base1 string
	if fresh {
		base1 = filepath.Join(c.run, "base-1")
	} else {
		if base1, err = c.outputBase(); err != nil {
			return err
		}
	}
	warm := !fresh && c.synced(base1)
	if !fresh && !warm {
		if err := c.resync(base1, "the storage was not filled from this output base"); err != nil {
			return err
		}
	}

	for try := 1; ; try++ {
		r1, err := c.run1(base1, fresh, try)
		if err != nil {
			return err
		}
		r2, err := c.run2(try)
		if err != nil {
			return err
		}
		c.failures = nil
		c.judge(r1, r2)
		if len(c.failures) > 0 && warm && try == 1 {
			say("run 2 missed the cache after run 1 reused its output base: the storage may lack what the output base holds")
			if err := c.resync(base1, "trying again"); err != nil {
				return err
			}
			warm = false
			continue
		}
		if len(c.failures) > 0 {
			c.explainMisses(r1, r2)
		}
		c.scanHostPaths(r2)
		if len(c.failures) > 0 {
			c.keepRun = true
			return fmt.Errorf("%d check(s) failed (logs: %s)", len(c.failures), c.run)
		}
		if !fresh {
			if err := c.setSynced(base1, true); err != nil {
				return err
			}
		}
		if st, err := c.srv.status(); err == nil {
			fmt.Printf("server: %d files, %.1f GiB stored (%.1f GiB uncompressed) of %d GiB\n",
				st.NumFiles, float64(st.CurrSize)/(1<<30), float64(st.UncompressedSize)/(1<<30), c.opts.maxSizeGB)
			// bazel-remote evicts beyond its size: it may then lose what an output base holds.
			if !fresh && st.CurrSize > st.MaxSize*8/10 {
				say("the storage is over 80%% full: the next check fills it again from this output base")
				c.setSynced(base1, false)
			}
		}
		say("ok: run 2 took all %d spawns from the remote cache and executed no test; no host path in action keys or build-written inputs", r2.spawns.hits)
		return nil
	}
}

func (c *checker) run1(base string, fresh bool, try int) (*bazelRun, error) {
	r := &bazelRun{
		n: 1, name: "this checkout", dir: c.repo, base: base, stream: true,
		// Every output on disk, as after a build without the remote cache: later
		// commands in this output base (without the server) find what they need.
		flags:   []string{"--remote_download_all"},
		execLog: filepath.Join(c.run, fmt.Sprintf("exec-1.%d.json", try)),
		bep:     filepath.Join(c.run, fmt.Sprintf("bep-1.%d.json", try)),
		log:     filepath.Join(c.run, fmt.Sprintf("run-1.%d.log", try)),
	}
	if fresh {
		r.name = "this checkout, fresh output base"
		r.startup = []string{"--output_base=" + base, "--max_idle_secs=900"}
		c.bases = append(c.bases, baseServer{dir: c.repo, base: base})
	}
	if err := c.runBazel(r); err != nil {
		return nil, err
	}
	var err error
	if r.spawns, err = summarizeExecLog(r.execLog, false); err != nil {
		return nil, err
	}
	return r, nil
}

// run2 builds on "a second machine": another checkout path, NOCGO_CACHE and
// NOCGO_HOME, a fresh output base, no disk cache.
func (c *checker) run2(try int) (*bazelRun, error) {
	m, err := os.MkdirTemp("", "rules_nocgo-machine2.")
	if err != nil {
		return nil, err
	}
	c.machines = append(c.machines, m)
	f, err := os.OpenFile(filepath.Join(c.run, "machines"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(f, m)
	f.Close()
	src := filepath.Join(m, "src")
	n, err := copyWorkingTree(c.repo, src)
	if err != nil {
		return nil, err
	}
	home := filepath.Join(m, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	base := filepath.Join(m, "cache", "base")
	env := []string{
		"NOCGO_CACHE=" + filepath.Join(m, "cache"),
		// The run folder (logs) and the second NOCGO_HOME, visible in Bazel's root.
		"NOCGO_BAZEL_MOUNTS=" + c.run + ":" + home,
	}
	// The Go module cache that go_repository reads (tools/bazel passes GOMODCACHE
	// as a repo_env): a copy of this one made of hard links, at another path.
	modcache := "(shared)"
	if mc := goEnv("GOMODCACHE"); mc != "" {
		modcache = filepath.Join(m, "gomodcache")
		cp := exec.Command("cp", "-al", mc, modcache)
		if out, err := cp.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("copying the Go module cache %s: %v %s", mc, err, out)
		}
		env = append(env, "GOMODCACHE="+modcache)
		modcache = "gomodcache/"
	}
	say("second machine %s: %d files of the working tree in src/, NOCGO_CACHE cache/, NOCGO_HOME home/, GOMODCACHE %s",
		m, n, modcache)
	r := &bazelRun{
		n: 2, name: "second machine", dir: src, base: base, env: env,
		startup: []string{"--output_base=" + base, "--max_idle_secs=900"},
		flags: []string{
			"--repo_env=NOCGO_HOME=" + home,
			"--repository_cache=" + filepath.Join(c.cache, "repos"),
			"--remote_download_minimal",
			"--experimental_convenience_symlinks=ignore",
		},
		execLog: filepath.Join(c.run, fmt.Sprintf("exec-2.%d.json", try)),
		bep:     filepath.Join(c.run, fmt.Sprintf("bep-2.%d.json", try)),
		log:     filepath.Join(c.run, fmt.Sprintf("run-2.%d.log", try)),
	}
	c.bases = append(c.bases, baseServer{dir: src, base: base, env: env})
	if err := c.runBazel(r); err != nil {
		return nil, err
	}
	if r.spawns, err = summarizeExecLog(r.execLog, true); err != nil {
		return nil, err
	}
	return r, nil
}

// judge checks that run 2 executed nothing.
func (c *checker) judge(r1, r2 *bazelRun) {
	for _, r := range []*bazelRun{r1, r2} {
		fmt.Printf("run %d (%s): %v, %d spawns (%s); %s\n", r.n, r.name, r.wall, r.spawns.spawns,
			r.spawns.runners(), r.build.testsText())
		if r.build.haveMetrics {
			fmt.Printf("              build metrics: %s\n", countsText(r.build.runners))
		}
		if top, total := r.spawns.slowest(6); total > 0 {
			fmt.Printf("              spawn wall time %v, most in: %s\n", total, top)
		}
	}
	fmt.Printf("run 2 spawns, remote cache hits/all: %s\n", r2.spawns.hitsByMnemonic())

	s := r2.spawns
	if s.spawns == 0 {
		c.fail("run 2's execution log lists no spawn: nothing was checked")
	}
	if n := len(s.misses); n > 0 {
		c.fail("run 2 executed %d of %d spawns instead of taking them from the remote cache (%s)", n, s.spawns, s.runners())
	}
	if !r2.build.haveMetrics {
		c.fail("run 2's build events have no build metrics")
	}
	for name, n := range r2.build.runners {
		switch name {
		case "remote cache hit", "internal":
		default:
			c.fail("run 2 ran %d spawn(s) as %q (build metrics)", n, name)
		}
	}
	if hits := r2.build.runners["remote cache hit"]; r2.build.haveMetrics && hits != s.hits {
		c.fail("run 2's build metrics count %d remote cache hits, its execution log %d", hits, s.hits)
	}
	if r1.build.tests != r2.build.tests {
		c.fail("run 1 had %d test results, run 2 %d", r1.build.tests, r2.build.tests)
	}
	if n := len(r2.build.executedTests); n > 0 {
		c.fail("run 2 executed %d of %d tests instead of taking their results from the cache", n, r2.build.tests)
		for i, t := range r2.build.executedTests {
			if i == 20 {
				say("  ... and %d more", n-i)
				break
			}
			say("  executed: %s", t)
		}
	}
}

// explainMisses lists run 2's misses and how their keys differ from run 1's.
func (c *checker) explainMisses(r1, r2 *bazelRun) {
	if len(r2.spawns.misses) == 0 {
		return
	}
	say("spawns of run 2 that were no cache hit (mnemonic, target, runner, first output):")
	for i, m := range r2.spawns.misses {
		if i == 40 {
			say("  ... and %d more", len(r2.spawns.misses)-i)
			break
		}
		say("  %s %s %s %s", m.mnemonic, m.target, m.runner, m.output)
	}
	keys1, err := spawnKeys(r1.execLog, r2.spawns.missKeys)
	if err != nil {
		say("warning: %v", err)
		return
	}
	for out, k2 := range r2.spawns.missKeys {
		k1, ok := keys1[out]
		if !ok {
			say("key of %s: run 1 did not execute it (its output base had it), no key to compare", out)
			continue
		}
		say("key of %s, run 1 (<) vs run 2 (>):", out)
		for _, l := range keyDiff(k1, k2, 20) {
			if len(l) > 300 {
				l = l[:300] + "..."
			}
			say("  %s", l)
		}
	}
}

// goEnv is `go env NAME`, "" if go fails.
func goEnv(name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func (c *checker) cleanup(err error) {
	c.once.Do(func() { c.cleanupOnce(err) })
}

func (c *checker) cleanupOnce(err error) {
	for _, b := range c.bases {
		c.shutdown(b)
	}
	c.srv.stop()
	if c.keepRun || err != nil {
		if c.opts.keep {
			os.WriteFile(filepath.Join(c.run, "keep"), nil, 0o644)
			say("kept %s and %s (remove them when done)", c.run, strings.Join(c.machines, " "))
			return
		}
		say("kept %s for inspection (the next check removes it)", c.run)
	} else {
		os.RemoveAll(c.run)
	}
	for _, m := range c.machines {
		removeTree(m)
	}
}

// removeTree removes a folder that may hold read-only folders (the Go module
// cache makes its folders read-only). Only folders are made writable: the
// files of the module cache copy are hard links shared with the original.
func removeTree(dir string) error {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(dir)
}
