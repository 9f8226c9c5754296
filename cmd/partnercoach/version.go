package main

import (
	"runtime/debug"
	"strings"
)

// versionString is the stamped version, the Go version, and the VCS
// revision when the binary was built from a checkout with VCS stamping on.
func versionString() string {
	var b strings.Builder
	b.WriteString("partnercoach " + version)
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b.String()
	}
	b.WriteString(" (" + info.GoVersion)
	var rev, when string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		b.WriteString(", " + rev)
		if dirty {
			b.WriteString("-dirty")
		}
		if when != "" {
			b.WriteString(" " + when)
		}
	}
	b.WriteString(")")
	return b.String()
}
