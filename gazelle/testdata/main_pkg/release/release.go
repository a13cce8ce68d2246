// Package release holds release metadata.
package release

// Version is the release version.
const Version = "1.0.0"
