package deploy

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction with continuations joined.
type instruction struct{ cmd, args string }

func dockerfile(t *testing.T) []instruction {
	t.Helper()
	data, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur string
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || trimmed == "" && cur == "" {
			continue
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur += strings.TrimSuffix(trimmed, `\`) + " "
			continue
		}
		cur += trimmed
		cmd, args, _ := strings.Cut(cur, " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur = ""
	}
	return out
}

func find(ins []instruction, cmd, contains string) []instruction {
	var out []instruction
	for _, in := range ins {
		if in.cmd == cmd && strings.Contains(in.args, contains) {
			out = append(out, in)
		}
	}
	return out
}

// shellWords splits a simple shell command line: whitespace-separated words,
// double quotes grouping (the Dockerfile's build line needs no more).
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inQuote, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, inWord = !inQuote, true
		case (r == ' ' || r == '\t') && !inQuote:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func TestDockerfile(t *testing.T) {
	ins := dockerfile(t)
	froms := find(ins, "FROM", "")
	if len(froms) != 2 {
		t.Fatalf("got %d FROM lines, want a two-stage build", len(froms))
	}
	gomod, _ := os.ReadFile("../go.mod")
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	if goVersion == nil || !strings.HasPrefix(froms[0].args, "golang:"+string(goVersion[1])+" ") {
		t.Errorf("builder %q does not match go.mod's Go %s", froms[0].args, goVersion[1])
	}
	if !strings.HasPrefix(froms[1].args, "gcr.io/distroless/static") || !strings.HasSuffix(froms[1].args, ":nonroot") {
		t.Errorf("final stage %q: want distroless static, nonroot", froms[1].args)
	}
	final := ins[slices.Index(ins, froms[1]):]
	for _, want := range []instruction{
		{"USER", "nonroot:nonroot"},
		{"EXPOSE", strconv.Itoa(defaultHTTPPort(t))},
		{"VOLUME", "/data"},
		{"ENTRYPOINT", `["/partnercoach"]`},
		{"COPY", "--from=build /out/partnercoach /partnercoach"},
	} {
		if !slices.Contains(final, want) {
			t.Errorf("want %s %s in the final stage", want.cmd, want.args)
		}
	}
	if len(find(ins, "ENV", "DATA_PATH=/data/partnercoach.db")) == 0 {
		t.Error("the image does not put DATA_PATH on the /data volume")
	}
	hc := find(ins, "HEALTHCHECK", "CMD")
	if len(hc) != 1 {
		t.Fatal("no HEALTHCHECK")
	}
	var cmd []string
	_, exec, _ := strings.Cut(hc[0].args, "CMD ")
	if err := json.Unmarshal([]byte(exec), &cmd); err != nil || strings.Join(cmd, " ") != "/partnercoach healthcheck" {
		t.Errorf("HEALTHCHECK %q: want CMD [\"/partnercoach\", \"healthcheck\"] (exec form: no shell in distroless)", hc[0].args)
	}

	ignore, err := os.ReadFile("../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".git", "**/.env"} {
		if !strings.Contains("\n"+string(ignore), "\n"+want+"\n") {
			t.Errorf(".dockerignore lacks %s", want)
		}
	}
}

// TestDockerBuild runs the Dockerfile's own `go build` line (no Docker
// engine here) and checks what the image would ship.
func TestDockerBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	runs := find(dockerfile(t), "RUN", "go build")
	if len(runs) != 1 {
		t.Fatalf("got %d RUN lines with go build, want 1", len(runs))
	}
	const version = "v0.0.0-deploytest"
	words := shellWords(strings.ReplaceAll(runs[0].args, "${VERSION}", version))
	bin := filepath.Join(t.TempDir(), "partnercoach")
	env := os.Environ()
	for len(words) > 0 && strings.Contains(words[0], "=") {
		env = append(env, words[0])
		words = words[1:]
	}
	if len(words) < 2 || words[0] != "go" || words[1] != "build" {
		t.Fatalf("build line %q does not run go build", runs[0].args)
	}
	if !strings.Contains(runs[0].args, "CGO_ENABLED=0") || !strings.Contains(runs[0].args, "-trimpath") {
		t.Errorf("build line %q: want CGO_ENABLED=0 and -trimpath", runs[0].args)
	}
	for i := range words {
		if words[i] == "-o" && i+1 < len(words) {
			words[i+1] = bin
		}
	}
	cmd := exec.Command(words[0], words[1:]...)
	cmd.Dir = ".."
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(words, " "), err, out)
	}

	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "partnercoach "+version+" ") {
		t.Errorf("version: got %q (%v), want the stamped %s", out, err, version)
	}

	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary has a PT_INTERP: it is dynamically linked and will not run on distroless/static")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v", libs)
	}

	// The image has no /usr/share/zoneinfo: the zone database must be inside.
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("America/Argentina/Buenos_Aires")) {
		t.Error("the binary does not embed the time zone database (time/tzdata)")
	}
}
