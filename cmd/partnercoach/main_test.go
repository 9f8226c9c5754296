package main_test

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/partnercoach/partnercoach/internal/app"
)

const stamped = "v1.2.3-test"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

// binary builds partnercoach once per test run, version stamped as a release
// build would be.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "partnercoach-bin-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "partnercoach")
		out, err := exec.Command("go", "build", "-ldflags", "-X main.version="+stamped, "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary with exactly env (nothing inherited), so the test never
// depends on the developer's environment.
func run(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return result{cmd.ProcessState.ExitCode(), out.String(), errb.String()}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"--help", "-h", "help"} {
		t.Run(arg, func(t *testing.T) {
			r := run(t, nil, arg)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing on stderr", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stdout, "Usage: partnercoach") {
				t.Errorf("no usage line:\n%s", r.stdout)
			}
			typ := reflect.TypeFor[app.Config]()
			for i := range typ.NumField() {
				f := typ.Field(i)
				key := f.Tag.Get("envconfig")
				if key == "" {
					continue
				}
				line := ""
				for _, l := range strings.Split(r.stdout, "\n") {
					if strings.HasPrefix(l, "  "+key+" ") {
						line = l
					}
				}
				if line == "" {
					t.Errorf("--help does not list %s", key)
				} else if def := f.Tag.Get("default"); def != "" && !strings.Contains(line, def) {
					t.Errorf("--help line for %s lacks its default %q: %q", key, def, line)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	r := run(t, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "partnercoach "+stamped+" (go") {
		t.Errorf("exit %d, stdout %q; want 0 and the stamped version", r.code, r.stdout)
	}
}

func TestUnknownFlag(t *testing.T) {
	r := run(t, nil, "--verbose")
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	if r.stdout != "" || !strings.Contains(r.stderr, `unknown command or flag "--verbose"`) || !strings.Contains(r.stderr, "Usage: partnercoach") {
		t.Errorf("stdout %q, stderr %q; want the problem and the usage on stderr", r.stdout, r.stderr)
	}
}

func TestBadConfig(t *testing.T) {
	const appTok, botTok = "xapp-1-A1-1-s3cretapp", "xoxb-1-1-s3cretbot"
	for _, tc := range []struct {
		name string
		env  []string
		want string
	}{
		{"ErrNoTokens", nil, "partnercoach: SLACK_APP_TOKEN: required"},
		{"ErrLogLevel", []string{"SLACK_APP_TOKEN=" + appTok, "SLACK_BOT_TOKEN=" + botTok, "LOG_LEVEL=loud"},
			`partnercoach: LOG_LEVEL: "loud" is not one of debug, info, warn, error`},
		{"ErrSwappedTokens", []string{"SLACK_APP_TOKEN=" + botTok, "SLACK_BOT_TOKEN=" + appTok},
			"partnercoach: SLACK_APP_TOKEN: holds the other Slack token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.env)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, tc.want) {
				t.Errorf("stderr %q; want one line starting %q", r.stderr, tc.want)
			}
			if strings.Contains(r.stderr, "s3cret") {
				t.Errorf("stderr quotes a token: %q", r.stderr)
			}
		})
	}
}

func TestHealthcheck(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			_, _ = w.Write([]byte("ok\n"))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	// Only HTTP_ADDR is set: the probe must not need the tokens.
	if r := run(t, []string{"HTTP_ADDR=:" + port}, "healthcheck"); r.code != 0 {
		t.Errorf("healthy server: exit %d, stderr %q", r.code, r.stderr)
	}
	srv.Close()
	if r := run(t, []string{"HTTP_ADDR=:" + port}, "healthcheck"); r.code != 1 || !strings.Contains(r.stderr, "healthcheck") {
		t.Errorf("stopped server: exit %d, stderr %q; want 1 and the reason", r.code, r.stderr)
	}
	if r := run(t, []string{"HTTP_ADDR="}, "healthcheck"); r.code != 1 || !strings.Contains(r.stderr, "HTTP_ADDR is empty") {
		t.Errorf("server off: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestHelpMentionsSandbox(t *testing.T) {
	r := run(t, nil, "--help")
	if !strings.Contains(r.stdout, "\n  sandbox ") || !strings.Contains(r.stdout, "--addr") || !strings.Contains(r.stdout, "--demo") {
		t.Errorf("--help does not describe the sandbox subcommand and its flags:\n%s", r.stdout)
	}
	r = run(t, nil, "sandbox", "--help")
	if r.code != 0 {
		t.Errorf("sandbox --help: exit %d, want 0", r.code)
	}
	for _, flag := range []string{"-addr", "127.0.0.1:8080", "-data", "-demo"} {
		if !strings.Contains(r.stderr, flag) {
			t.Errorf("sandbox --help lacks %q:\n%s", flag, r.stderr)
		}
	}
}

func TestSandboxBadFlag(t *testing.T) {
	r := run(t, nil, "sandbox", "--port", "80")
	if r.code != 2 || !strings.Contains(r.stderr, "-port") || !strings.Contains(r.stderr, "Usage: partnercoach sandbox") {
		t.Errorf("exit %d, stderr %q; want 2, the flag and the usage", r.code, r.stderr)
	}
}
