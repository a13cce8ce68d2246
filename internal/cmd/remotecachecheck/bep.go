// Reading Bazel's Build Event Protocol in JSON form (--build_event_json_file):
// one BuildEvent object after another. Only the events this check uses are
// decoded: test results, test summaries, the build metrics and the end of
// the build.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
)

type buildEvent struct {
	ID struct {
		TestResult *struct {
			Label   string `json:"label"`
			Run     int    `json:"run"`
			Shard   int    `json:"shard"`
			Attempt int    `json:"attempt"`
		} `json:"testResult"`
		TestSummary *struct {
			Label string `json:"label"`
		} `json:"testSummary"`
	} `json:"id"`
	TestResult *struct {
		Status        string `json:"status"`
		CachedLocally bool   `json:"cachedLocally"`
		ExecutionInfo struct {
			Strategy       string `json:"strategy"`
			CachedRemotely bool   `json:"cachedRemotely"`
		} `json:"executionInfo"`
	} `json:"testResult"`
	TestSummary *struct {
		OverallStatus string `json:"overallStatus"`
	} `json:"testSummary"`
	BuildMetrics *struct {
		ActionSummary struct {
			ActionsCreated  json.Number `json:"actionsCreated"`
			ActionsExecuted json.Number `json:"actionsExecuted"`
			RunnerCount     []struct {
				Name     string `json:"name"`
				Count    int    `json:"count"`
				ExecKind string `json:"execKind"`
			} `json:"runnerCount"`
		} `json:"actionSummary"`
	} `json:"buildMetrics"`
	Finished *struct {
		OverallSuccess bool `json:"overallSuccess"`
		ExitCode       struct {
			Name string `json:"name"`
			Code int    `json:"code"`
		} `json:"exitCode"`
	} `json:"finished"`
}

// A buildSummary is what the check needs from one build's events.
type buildSummary struct {
	// test attempts: how each got its result
	tests, cachedLocally, cachedRemotely int
	// attempts that ran, as "LABEL (STATUS, STRATEGY)"
	executedTests []string
	// tests whose overall status is not PASSED, as "LABEL STATUS"
	notPassed []string
	// spawns by runner ("remote cache hit", "internal", "linux-sandbox", ...), without "total"
	runners         map[string]int
	haveMetrics     bool
	finished        bool
	exitCode        int
	exitCodeName    string
	actionsExecuted string
}

func readBEP(path string) (*buildSummary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decodeBEP(f, path)
}

func decodeBEP(r io.Reader, name string) (*buildSummary, error) {
	sum := &buildSummary{runners: map[string]int{}}
	dec := json.NewDecoder(bufio.NewReader(r))
	for n := 1; ; n++ {
		var ev buildEvent
		if err := dec.Decode(&ev); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("%s: event %d: %w", name, n, err)
		}
		switch {
		case ev.TestResult != nil:
			if ev.ID.TestResult == nil {
				return nil, fmt.Errorf("%s: event %d: a test result without its test", name, n)
			}
			sum.tests++
			switch {
			case ev.TestResult.CachedLocally:
				sum.cachedLocally++
			case ev.TestResult.ExecutionInfo.CachedRemotely:
				sum.cachedRemotely++
			default:
				id := ev.ID.TestResult
				sum.executedTests = append(sum.executedTests, fmt.Sprintf("%s (run %d, shard %d, attempt %d: %s, %s)",
					id.Label, id.Run, id.Shard, id.Attempt, ev.TestResult.Status, ev.TestResult.ExecutionInfo.Strategy))
			}
		case ev.TestSummary != nil:
			if ev.TestSummary.OverallStatus != "PASSED" && ev.ID.TestSummary != nil {
				sum.notPassed = append(sum.notPassed, ev.ID.TestSummary.Label+" "+ev.TestSummary.OverallStatus)
			}
		case ev.BuildMetrics != nil:
			sum.haveMetrics = true
			for _, rc := range ev.BuildMetrics.ActionSummary.RunnerCount {
				if rc.Name != "total" {
					sum.runners[rc.Name] += rc.Count
				}
			}
			sum.actionsExecuted = ev.BuildMetrics.ActionSummary.ActionsExecuted.String()
		case ev.Finished != nil:
			sum.finished = true
			sum.exitCode = ev.Finished.ExitCode.Code
			sum.exitCodeName = ev.Finished.ExitCode.Name
		}
	}
	sort.Strings(sum.executedTests)
	sort.Strings(sum.notPassed)
	return sum, nil
}

// testsText is "N tests: A cached locally, B cached remotely, C executed".
func (b *buildSummary) testsText() string {
	return fmt.Sprintf("%d test results: %d cached locally, %d cached remotely, %d executed",
		b.tests, b.cachedLocally, b.cachedRemotely, len(b.executedTests))
}
