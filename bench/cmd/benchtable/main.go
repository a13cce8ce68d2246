// Command benchtable turns the `go test -bench` output of several FFI
// implementations, run side by side (tools/bench), into one markdown
// table: per benchmark, each implementation's median ns/op with its 95%
// confidence interval, and the ratios of ours to the others. The
// statistics are golang.org/x/perf's benchmath (no assumption about the
// distribution: medians, order-statistic intervals), the parsing is its
// benchfmt.
//
//	benchtable nocgo=nocgo.txt cgo=cgo.txt purego=purego.txt
//
// The first implementation named is "ours"; ratios compare it with each
// of the others.
package main

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// impl is one implementation's results: per benchmark name (without the
// -GOMAXPROCS suffix), the values of each unit.
type impl struct {
	name   string
	values map[string]map[string][]float64 // benchmark -> unit -> values
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchtable NAME=FILE...")
		os.Exit(2)
	}
	var impls []*impl
	for _, arg := range os.Args[1:] {
		name, file, ok := strings.Cut(arg, "=")
		if !ok {
			fatalf("argument %q: want NAME=FILE", arg)
		}
		im, err := read(name, file)
		if err != nil {
			fatalf("%v", err)
		}
		impls = append(impls, im)
	}
	ours := impls[0]
	var names []string
	for b := range ours.values {
		names = append(names, b)
	}
	sort.Strings(names)

	header := []string{"benchmark"}
	for _, im := range impls {
		header = append(header, im.name+" ns/op (median, 95% CI)")
	}
	for _, im := range impls[1:] {
		header = append(header, ours.name+"/"+im.name)
	}
	header = append(header, ours.name+" allocs/op")
	fmt.Println("| " + strings.Join(header, " | ") + " |")
	fmt.Println("|" + strings.Repeat("---|", len(header)))
	runs := 0
	for _, b := range names {
		row := []string{b}
		var centers []float64
		for _, im := range impls {
			vals := im.values[b]["sec/op"]
			if len(vals) == 0 {
				row = append(row, "-")
				centers = append(centers, 0)
				continue
			}
			runs = max(runs, len(vals))
			s := benchmath.AssumeNothing.Summary(benchmath.NewSample(vals, &benchmath.DefaultThresholds), 0.95)
			if math.IsInf(s.Lo, 0) || math.IsInf(s.Hi, 0) {
				// Too few runs for a 95% interval of the median (it needs 6).
				row = append(row, fmt.Sprintf("%.1f [too few runs]", s.Center*1e9))
			} else {
				row = append(row, fmt.Sprintf("%.1f [%.1f, %.1f]", s.Center*1e9, s.Lo*1e9, s.Hi*1e9))
			}
			centers = append(centers, s.Center)
		}
		for i, im := range impls[1:] {
			if centers[0] == 0 || centers[i+1] == 0 {
				row = append(row, "-")
				continue
			}
			cmp := benchmath.AssumeNothing.Compare(
				benchmath.NewSample(ours.values[b]["sec/op"], &benchmath.DefaultThresholds),
				benchmath.NewSample(im.values[b]["sec/op"], &benchmath.DefaultThresholds))
			row = append(row, fmt.Sprintf("%.2fx (p=%.3f)", centers[0]/centers[i+1], cmp.P))
		}
		allocs := ours.values[b]["allocs/op"]
		if len(allocs) == 0 {
			row = append(row, "-")
		} else {
			row = append(row, fmt.Sprintf("%g", benchmath.AssumeNothing.Summary(benchmath.NewSample(allocs, &benchmath.DefaultThresholds), 0.95).Center))
		}
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
	fmt.Printf("\n(%d runs per implementation; p: Mann-Whitney U test that the two differ)\n", runs)
}

func read(name, file string) (*impl, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	im := &impl{name: name, values: map[string]map[string][]float64{}}
	r := benchfmt.NewReader(f, file)
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue // config lines and syntax errors of other output
		}
		b := string(res.Name.Full())
		if i := strings.LastIndexByte(b, '-'); i > 0 {
			b = b[:i] // the -GOMAXPROCS suffix
		}
		if im.values[b] == nil {
			im.values[b] = map[string][]float64{}
		}
		for _, v := range res.Values {
			im.values[b][v.Unit] = append(im.values[b][v.Unit], v.Value)
		}
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if len(im.values) == 0 {
		return nil, fmt.Errorf("%s: no benchmark results", file)
	}
	return im, nil
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchtable: "+format+"\n", args...)
	os.Exit(1)
}
