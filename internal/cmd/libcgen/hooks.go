// The one list of fakecgo's C-ABI runtime hook entry points: each is the
// address the runtime finds in one of the variables of hooks_linux.go.
package main

import (
	"fmt"
	"strings"
)

// hook is a C-callable entry point in asm_GOARCH.s.
type hook struct {
	entry string // the TEXT symbol, nocgo_X
	// fn is the nosplit Go function the entry runs through the arch's
	// cToGo frame with the first two C arguments; "" for an entry every
	// GOARCH writes by hand (the thread-exit destructor jumps to
	// crosscall2).
	fn string
	// byHand are the GOARCHes whose asm_GOARCH.s writes this entry itself
	// (it defines HOOK_BY_HAND_<entry> before the include).
	byHand []string
}

// hooks are fakecgo's entry points, in the order asm_GOARCH.s lists them.
var hooks = []hook{
	{entry: "nocgo_init", fn: "cgoInit", byHand: []string{"s390x"}}, // s390x: cgoInitS390x, and its setg wrapper
	{entry: "nocgo_thread_start", fn: "threadStartHook"},
	{entry: "nocgo_threadentry", fn: "threadEntry", byHand: []string{"ppc64le"}}, // ppc64le: g in R30 from the start
	{entry: "nocgo_notify_runtime_init_done", fn: "notifyRuntimeInitDone"},
	{entry: "nocgo_bindm", fn: "bindmHook"},
	{entry: "nocgo_getstackbound", fn: "getStackBound"},
	{entry: "nocgo_setenv", fn: "setenvHook"},
	{entry: "nocgo_unsetenv", fn: "unsetenvHook"},
	{entry: "nocgo_clearenv", fn: "clearenvHook"},
	{entry: "nocgo_setegid", fn: "setegidHook"},
	{entry: "nocgo_seteuid", fn: "seteuidHook"},
	{entry: "nocgo_setgid", fn: "setgidHook"},
	{entry: "nocgo_setgroups", fn: "setgroupsHook"},
	{entry: "nocgo_setregid", fn: "setregidHook"},
	{entry: "nocgo_setresgid", fn: "setresgidHook"},
	{entry: "nocgo_setresuid", fn: "setresuidHook"},
	{entry: "nocgo_setreuid", fn: "setreuidHook"},
	{entry: "nocgo_setuid", fn: "setuidHook"},
	{entry: "nocgo_key_destructor"},
}

// hooksHeader is zhooks.h, which every asm_GOARCH.s includes after it
// defines HOOK(entry, fn) as its own entry: load fn's address into its
// scratch register, jump to its cToGo frame.
func hooksHeader(p pkgTable) []byte {
	b := header(p, "", "fakecgo's C-ABI runtime hook entry points that run a Go function "+
		"through cToGo (the table of internal/cmd/libcgen). asm_GOARCH.s defines "+
		"HOOK(entry, fn), then includes this file; an entry a GOARCH writes by hand is "+
		"left out where it defines HOOK_BY_HAND_<entry>. hooks_linux.go installs them; "+
		"zhooks_linux.go declares their Go names.")
	for _, h := range hooks {
		if h.fn == "" {
			continue
		}
		line := fmt.Sprintf("HOOK(%s, ·%s)\n", h.entry, h.fn)
		if len(h.byHand) > 0 {
			line = fmt.Sprintf("// By hand on %s.\n#ifndef HOOK_BY_HAND_%s\n%s#endif\n", strings.Join(h.byHand, ", "), h.entry, line)
		}
		b.WriteString(line)
	}
	return b.Bytes()
}

// hooksDeclarations is zhooks_linux.go: a byte variable per entry point,
// whose address Go code takes (the linker keeps the TEXT symbol over the
// empty declaration).
func hooksDeclarations(p pkgTable) []byte {
	b := header(p, p.constraint, "The C-ABI entry points of zhooks.h and asm_GOARCH.s, "+
		"declared as byte variables of the same names so that Go code can take their "+
		"addresses (hooks_linux.go): the linker keeps the TEXT symbol over the empty (BSS) declaration.")
	fmt.Fprintf(b, "package %s\n\nimport _ \"unsafe\" // for go:linkname\n\nvar (\n", p.pkg)
	for _, h := range hooks {
		fmt.Fprintf(b, "\t//go:linkname %s %s\n\t%s byte\n", h.entry, h.entry, h.entry)
	}
	b.WriteString(")\n")
	return b.Bytes()
}
