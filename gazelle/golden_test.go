package gazelle

// Golden tests: each directory testdata/<case> is a small repository (MODULE.bazel marks it,
// as for gazelle_generation_test) with sources and BUILD.in files, and the BUILD.out files
// Gazelle must produce from them (plus expectedStderr.txt / expectedExitCode.txt /
// arguments.txt where they matter). README.md says what the case is about.
//
//	go test -run 'TestGolden/basic_ffi' .      one case (Bazel: //gazelle:golden_basic_ffi_test)
//	go test . -update                         rewrite the expected files of the failing cases
//
// The test binary is its own Gazelle: run with runAsGazelleEnv set, TestMain runs Gazelle's
// update command with the Go extension and ours, as gazelle_binary(languages = [go, nocgo])
// does, so a case runs Gazelle in a separate process (log.Fatal and exit codes included)
// without building anything first.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle/update"
	"github.com/bazel-contrib/bazel-gazelle/v2/compat"
	"github.com/bazelbuild/bazel-gazelle/language"
	golang "github.com/bazelbuild/bazel-gazelle/language/go"
	"github.com/bazelbuild/bazel-gazelle/testtools"
)

const (
	// runAsGazelleEnv makes the test binary run Gazelle instead of the tests.
	runAsGazelleEnv = "NOCGO_GAZELLE_TEST_RUN_AS_GAZELLE"
	// testdataDir holds one directory per case.
	testdataDir = "testdata"
	// packageDir is this package's directory in the rules_nocgo workspace, for -update under
	// `bazel run` (BUILD_WORKSPACE_DIRECTORY is then the workspace root).
	packageDir = "gazelle"
)

var updateGoldens = flag.Bool("update", false, "rewrite BUILD.out and expected*.txt of the failing golden cases")

func TestMain(m *testing.M) {
	if os.Getenv(runAsGazelleEnv) != "" {
		os.Exit(runGazelle(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// runGazelle is what gazelle_binary's main does (v2/cmd/gazelle), with our languages.
func runGazelle(args []string) int {
	log.SetPrefix("gazelle: ")
	log.SetFlags(0)
	wd := os.Getenv("BUILD_WORKSPACE_DIRECTORY")
	langs := []language.Language{golang.NewLanguage(), NewLanguage()}
	if err := runUpdate(context.Background(), langs, wd, args); err != nil {
		if !errors.Is(err, update.ErrDiff) {
			fmt.Fprintf(os.Stderr, "gazelle: %v\n", err)
		}
		return 1
	}
	return 0
}

// runUpdate calls update.Run with the languages as it takes them. Gazelle is between its
// v1 and v2 extension APIs: the published v2 module (v2.0.0-3, what go.mod gets) takes v1
// languages, while the v2 tree inside the gazelle v0.54.0 source release (what a Bazel
// build from the registry gets) takes v2 ones, wrapped with compat.LanguageV2 as its
// cmd/gazelle does. This compiles and runs against either.
func runUpdate(ctx context.Context, langs []language.Language, wd string, args []string) error {
	run := reflect.ValueOf(update.Run)
	sliceType := run.Type().In(1)
	in := reflect.MakeSlice(sliceType, 0, len(langs))
	for _, l := range langs {
		v := reflect.ValueOf(l)
		if !v.Type().AssignableTo(sliceType.Elem()) {
			v = reflect.ValueOf(compat.LanguageV2(l))
		}
		in = reflect.Append(in, v)
	}
	out := run.Call([]reflect.Value{reflect.ValueOf(ctx), in, reflect.ValueOf(wd), reflect.ValueOf(args)})
	err, _ := out[0].Interface().(error)
	return err
}

// generationArgs returns testtools' arguments for a case, with a timeout where testtools
// has the field (the published v2 module does and treats zero as "already expired"; the
// one in the gazelle release uses the test's deadline instead).
func generationArgs(name, abs, rel, gazelle string) *testtools.TestGazelleGenerationArgs {
	args := &testtools.TestGazelleGenerationArgs{
		Name:                 name,
		TestDataPathAbsolute: abs,
		TestDataPathRelative: rel,
		GazelleBinaryPath:    gazelle,
	}
	if f := reflect.ValueOf(args).Elem().FieldByName("Timeout"); f.IsValid() && f.Type() == reflect.TypeFor[time.Duration]() {
		f.Set(reflect.ValueOf(2 * time.Minute))
	}
	return args
}

// goldenCase is one directory of testdata.
type goldenCase struct {
	name string
	dir  string // absolute
}

func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	entries, err := os.ReadDir(testdataDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir, err := filepath.Abs(filepath.Join(testdataDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "MODULE.bazel")); err != nil {
			t.Fatalf("%s: every case needs a MODULE.bazel: %v", dir, err)
		}
		cases = append(cases, goldenCase{name: e.Name(), dir: dir})
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	return cases
}

// selfAsGazelle returns the path of this test binary and makes the processes it starts run
// Gazelle.
func selfAsGazelle(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(runAsGazelleEnv, "1")
	return exe
}

// TestGolden runs Gazelle on each case's BUILD.in files and compares with BUILD.out,
// stderr and the exit code.
func TestGolden(t *testing.T) {
	gazelle := selfAsGazelle(t)
	workspace, rel := "", testdataDir
	if *updateGoldens {
		// testtools rewrites the expected files of failing cases under
		// $BUILD_WORKSPACE_DIRECTORY/<TestDataPathRelative>.
		t.Setenv("UPDATE_SNAPSHOTS", "1")
		if workspace = os.Getenv("BUILD_WORKSPACE_DIRECTORY"); workspace != "" {
			rel = filepath.Join(packageDir, testdataDir) // bazel run
		} else if wd, err := os.Getwd(); err == nil {
			workspace = wd // go test runs in the package directory
			t.Setenv("BUILD_WORKSPACE_DIRECTORY", workspace)
		} else {
			t.Fatal(err)
		}
	}
	for _, gc := range goldenCases(t) {
		testtools.TestGazelleGenerationOnPath(t, generationArgs(gc.name, gc.dir, filepath.Join(rel, gc.name), gazelle))
	}
}

// TestIdempotent runs Gazelle on each successful case's expected output (BUILD.out as the
// BUILD file) and expects it to change nothing: a second run is a no-op.
func TestIdempotent(t *testing.T) {
	gazelle := selfAsGazelle(t)
	t.Setenv("UPDATE_SNAPSHOTS", "") // never rewrite goldens from here
	for _, gc := range goldenCases(t) {
		if code, err := os.ReadFile(filepath.Join(gc.dir, "expectedExitCode.txt")); err == nil && strings.TrimSpace(string(code)) != "0" {
			continue // a failing run writes nothing; TestGolden checks that
		}
		second := filepath.Join(t.TempDir(), gc.name)
		if err := copyCase(gc.dir, second); err != nil {
			t.Fatal(err)
		}
		testtools.TestGazelleGenerationOnPath(t, generationArgs(gc.name, second, filepath.Join(testdataDir, gc.name), gazelle))
	}
}

// TestGoldenComplete checks that a case has a BUILD.out wherever Gazelle writes a BUILD
// file: testtools compares only the files a case lists.
func TestGoldenComplete(t *testing.T) {
	gazelle := selfAsGazelle(t)
	for _, gc := range goldenCases(t) {
		t.Run(gc.name, func(t *testing.T) {
			var inputs []testtools.FileSpec
			var args []string
			expected := make(map[string]bool) // directories with a BUILD.out
			err := filepath.WalkDir(gc.dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, err := filepath.Rel(gc.dir, p)
				if err != nil {
					return err
				}
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				switch d.Name() {
				case "BUILD.out":
					expected[filepath.Dir(rel)] = true
				case "BUILD.in":
					inputs = append(inputs, testtools.FileSpec{Path: filepath.Join(filepath.Dir(rel), "BUILD.bazel"), Content: string(data)})
				case "arguments.txt":
					args = strings.Fields(string(data))
				case "expectedStdout.txt", "expectedStderr.txt", "expectedExitCode.txt":
				default:
					inputs = append(inputs, testtools.FileSpec{Path: rel, Content: string(data)})
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			dir, cleanup := testtools.CreateFiles(t, inputs)
			defer cleanup()
			cmd := exec.Command(gazelle, args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "BUILD_WORKSPACE_DIRECTORY="+dir)
			_ = cmd.Run() // TestGolden checks the exit code and output
			err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.Name() != "BUILD.bazel" {
					return err
				}
				rel, err := filepath.Rel(dir, filepath.Dir(p))
				if err != nil {
					return err
				}
				if !expected[rel] {
					t.Errorf("Gazelle wrote %s, and the case has no BUILD.out for it", filepath.Join(rel, "BUILD.bazel"))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// copyCase copies a case to dst with each BUILD.out as the input BUILD.in (and BUILD.out).
// The expected output streams stay: warnings are repeated on every run.
func copyCase(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		switch d.Name() {
		case "BUILD.in", "expectedExitCode.txt":
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if d.Name() == "BUILD.out" {
			if err := os.WriteFile(filepath.Join(dst, filepath.Dir(rel), "BUILD.in"), data, 0o644); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
