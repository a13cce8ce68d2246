// Reading Bazel's JSON execution log (--execution_log_json_file): a stream of
// SpawnExec messages in proto3 JSON form, one after the other with nothing
// between them (Bazel 7 pretty-prints each). Only the fields this check uses
// are decoded; a spawn is handed to the caller as soon as it is read, so a log
// of the whole of //... is never held in memory.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// A spawn is one SpawnExec of the execution log.
type spawn struct {
	CommandArgs          []string    `json:"commandArgs"`
	EnvironmentVariables []envVar    `json:"environmentVariables"`
	Inputs               []spawnFile `json:"inputs"`
	ListedOutputs        []string    `json:"listedOutputs"`
	Mnemonic             string      `json:"mnemonic"`
	TargetLabel          string      `json:"targetLabel"`
	Runner               string      `json:"runner"`
	CacheHit             bool        `json:"cacheHit"`
	Remotable            bool        `json:"remotable"`
	Cacheable            bool        `json:"cacheable"`
	RemoteCacheable      bool        `json:"remoteCacheable"`
	// proto3 Durations: "12.345s" (Bazel 7 fills metrics, later ones walltime)
	Walltime string `json:"walltime"`
	Metrics  struct {
		TotalTime string `json:"totalTime"`
	} `json:"metrics"`
}

// wallTime is how long the spawn took, 0 if the log does not say.
func (s *spawn) wallTime() time.Duration {
	for _, t := range []string{s.Metrics.TotalTime, s.Walltime} {
		if d, err := time.ParseDuration(t); err == nil {
			return d
		}
	}
	return 0
}

type envVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// A spawnFile is an input or output of a spawn: its exec-root-relative path
// and, for a file, its digest.
type spawnFile struct {
	Path   string  `json:"path"`
	Digest *digest `json:"digest"`
}

type digest struct {
	Hash      string      `json:"hash"`
	SizeBytes json.Number `json:"sizeBytes"` // int64: a string in proto3 JSON
}

// firstOutput names a spawn for people: its first listed output.
func (s *spawn) firstOutput() string {
	if len(s.ListedOutputs) == 0 {
		return ""
	}
	return s.ListedOutputs[0]
}

// keyLines is the material of the spawn's action key, one line each:
// "argv ARG", "env NAME=VALUE", "input PATH HASH". Two spawns with the same
// lines have the same remote cache key (for the same platform).
func (s *spawn) keyLines() []string {
	var lines []string
	for _, a := range s.CommandArgs {
		lines = append(lines, "argv "+a)
	}
	for _, e := range s.EnvironmentVariables {
		lines = append(lines, "env "+e.Name+"="+e.Value)
	}
	for _, in := range s.Inputs {
		h := "(no digest)"
		if in.Digest != nil {
			h = in.Digest.Hash
		}
		lines = append(lines, "input "+in.Path+" "+h)
	}
	return lines
}

// readExecLog calls fn with each spawn of the JSON execution log at path, in
// the order of the log. fn must not keep the spawn after it returns.
func readExecLog(path string, fn func(*spawn) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return decodeExecLog(f, path, fn)
}

func decodeExecLog(r io.Reader, name string, fn func(*spawn) error) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	for n := 1; ; n++ {
		var s spawn
		if err := dec.Decode(&s); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("%s: spawn %d: %w", name, n, err)
		}
		if s.Mnemonic == "" && len(s.CommandArgs) == 0 {
			return fmt.Errorf("%s: spawn %d has neither a mnemonic nor a command line: not an execution log", name, n)
		}
		if err := fn(&s); err != nil {
			return err
		}
	}
}

// A spawnSummary is what one pass over an execution log learns.
type spawnSummary struct {
	spawns   int
	hits     int
	byRunner map[string]int
	// all and hits per mnemonic
	mnemonics map[string]*[2]int
	// the spawns' wall time per mnemonic
	wall map[string]time.Duration
	// spawns that were no cache hit
	misses []miss
	// key material of the first few misses, by first output
	missKeys map[string][]string
	// absolute paths in command lines and environments
	paths *pathTally
	// every input (exec-root-relative path) with its digest, each once
	inputs map[string]*digest
}

// A miss is a spawn of the run that had to be executed.
type miss struct {
	mnemonic, target, runner, output string
}

const keptMissKeys = 5

func summarizeExecLog(path string, keepInputs bool) (*spawnSummary, error) {
	sum := &spawnSummary{
		byRunner:  map[string]int{},
		mnemonics: map[string]*[2]int{},
		wall:      map[string]time.Duration{},
		missKeys:  map[string][]string{},
		paths:     newPathTally(),
	}
	if keepInputs {
		sum.inputs = map[string]*digest{}
	}
	err := readExecLog(path, func(s *spawn) error {
		sum.spawns++
		sum.byRunner[s.Runner]++
		m := sum.mnemonics[s.Mnemonic]
		if m == nil {
			m = new([2]int)
			sum.mnemonics[s.Mnemonic] = m
		}
		m[0]++
		sum.wall[s.Mnemonic] += s.wallTime()
		if s.CacheHit {
			sum.hits++
			m[1]++
		} else {
			sum.misses = append(sum.misses, miss{s.Mnemonic, s.TargetLabel, s.Runner, s.firstOutput()})
			if out := s.firstOutput(); out != "" && len(sum.missKeys) < keptMissKeys {
				sum.missKeys[out] = s.keyLines()
			}
		}
		sum.paths.addSpawn(s)
		if keepInputs {
			for _, in := range s.Inputs {
				if _, ok := sum.inputs[in.Path]; !ok {
					sum.inputs[in.Path] = in.Digest
				}
			}
		}
		return nil
	})
	return sum, err
}

// hitsByMnemonic is "MNEMONIC HITS/ALL, ..." in mnemonic order.
func (s *spawnSummary) hitsByMnemonic() string {
	names := make([]string, 0, len(s.mnemonics))
	for n := range s.mnemonics {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %d/%d", n, s.mnemonics[n][1], s.mnemonics[n][0])
	}
	return strings.Join(parts, ", ")
}

// slowest is "MNEMONIC N spawns D, ..." for the n mnemonics whose spawns took
// the most wall time together, and that total over all spawns.
func (s *spawnSummary) slowest(n int) (string, time.Duration) {
	names := make([]string, 0, len(s.wall))
	var total time.Duration
	for m, d := range s.wall {
		names = append(names, m)
		total += d
	}
	sort.Slice(names, func(i, j int) bool { return s.wall[names[i]] > s.wall[names[j]] })
	if len(names) > n {
		names = names[:n]
	}
	parts := make([]string, len(names))
	for i, m := range names {
		parts[i] = fmt.Sprintf("%s %d spawns %v", m, s.mnemonics[m][0], s.wall[m].Round(time.Second))
	}
	return strings.Join(parts, ", "), total.Round(time.Second)
}

// runners is "N RUNNER, ..." by falling count.
func (s *spawnSummary) runners() string {
	return countsText(s.byRunner)
}

func countsText(counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%d %s", counts[n], n)
	}
	return strings.Join(parts, ", ")
}

// spawnKeys reads the key material of the spawns of the log at path whose
// first listed output is one of outputs.
func spawnKeys(path string, outputs map[string][]string) (map[string][]string, error) {
	found := map[string][]string{}
	err := readExecLog(path, func(s *spawn) error {
		if _, ok := outputs[s.firstOutput()]; ok {
			found[s.firstOutput()] = s.keyLines()
		}
		return nil
	})
	return found, err
}

// keyDiff lists the lines only in a ("<") and only in b (">"), at most max.
func keyDiff(a, b []string, max int) []string {
	inA := map[string]bool{}
	for _, l := range a {
		inA[l] = true
	}
	inB := map[string]bool{}
	for _, l := range b {
		inB[l] = true
	}
	var out []string
	for _, l := range a {
		if !inB[l] {
			out = append(out, "< "+l)
		}
	}
	for _, l := range b {
		if !inA[l] {
			out = append(out, "> "+l)
		}
	}
	if len(out) > max {
		out = append(out[:max], fmt.Sprintf("... and %d more", len(out)-max))
	}
	return out
}
