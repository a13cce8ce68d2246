// Command apidocs renders the API documentation of a Starlark file as
// Markdown from what Bazel's native starlark_doc_extract rule writes: a
// stardoc_output.ModuleInfo message, binary protobuf. It reads that message
// as data (google.golang.org/protobuf's wire decoder; the message's field
// numbers are in proto.go) and fails when a public rule, attribute, provider,
// provider field, function or parameter has no docstring. Run it as
// tools/api-docs, which builds the extract first:
//
//	apidocs -load @rules_nocgo//rules:defs.bzl -out docs/rules.md EXTRACT.binaryproto
//	apidocs -check ...   write nothing; fail if -out differs (tools/test)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	out := flag.String("out", "", "the Markdown file to write (or, with -check, to compare)")
	load := flag.String("load", "", `the label users load the symbols from, e.g. @rules_nocgo//rules:defs.bzl`)
	check := flag.Bool("check", false, "write nothing; fail if -out is not what the extract renders to")
	flag.Parse()
	if *out == "" || *load == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: apidocs [-check] -load LABEL -out FILE EXTRACT.binaryproto")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *load, *out, *check); err != nil {
		fmt.Fprintln(os.Stderr, "apidocs:", err)
		os.Exit(1)
	}
}

func run(input, load, out string, check bool) error {
	data, err := os.ReadFile(input)
	if err != nil {
		return err
	}
	mod, err := decodeModule(data)
	if err != nil {
		return fmt.Errorf("%s: %v", input, err)
	}
	if missing := mod.undocumented(); len(missing) > 0 {
		return fmt.Errorf("%s: no docstring for: %s", load, strings.Join(missing, ", "))
	}
	md, err := render(mod, load)
	if err != nil {
		return err
	}
	have, err := os.ReadFile(out)
	if err == nil && bytes.Equal(have, md) {
		return nil
	}
	if check {
		return fmt.Errorf("%s is stale (the docstrings of %s changed): run tools/api-docs", out, load)
	}
	return os.WriteFile(out, md, 0o644)
}

// undocumented lists every public symbol, attribute, field and parameter
// without a docstring. The implicit `name` attribute of a rule is Bazel's.
func (m *module) undocumented() []string {
	var missing []string
	need := func(doc, what string) {
		if strings.TrimSpace(doc) == "" {
			missing = append(missing, what)
		}
	}
	for _, r := range m.rules {
		need(r.doc, r.name)
		for _, a := range r.attrs {
			if a.name != "name" {
				need(a.doc, r.name+"."+a.name)
			}
		}
	}
	for _, p := range m.providers {
		need(p.doc, p.name)
		for _, f := range p.fields {
			need(f.doc, p.name+"."+f.name)
		}
	}
	for _, f := range m.funcs {
		need(f.doc, f.name)
		for _, p := range f.params {
			need(p.doc, f.name+"("+p.name+")")
		}
	}
	for _, e := range m.extensions {
		need(e.doc, e.name)
		for _, t := range e.tags {
			need(t.doc, e.name+"."+t.name)
			for _, a := range t.attrs {
				need(a.doc, e.name+"."+t.name+"."+a.name)
			}
		}
	}
	for _, r := range m.repoRules {
		need(r.doc, r.name)
		for _, a := range r.attrs {
			if a.name != "name" {
				need(a.doc, r.name+"."+a.name)
			}
		}
	}
	return missing
}
