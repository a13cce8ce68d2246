//go:build !cgo && (!linux || !(amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x))

package fakecgo

// Fail the build with a readable message instead of linking a program
// whose C calls would crash at run time.
const _ = fakecgo_supports_only_linux_on_amd64_386_arm_arm64_loong64_ppc64le_riscv64_s390x
