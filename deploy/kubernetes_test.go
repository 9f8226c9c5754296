package deploy

import (
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/app"
	"github.com/partnercoach/partnercoach/internal/ops"
)

// defaultHTTPPort is the port of HTTP_ADDR's default, which the manifests
// must use since the ConfigMap may leave HTTP_ADDR out.
func defaultHTTPPort(t *testing.T) int {
	t.Helper()
	_, port, err := net.SplitHostPort(app.HTTPAddr(func(string) (string, bool) { return "", false }))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(port)
	return n
}

// k8sObjects decodes every manifest in kubernetes/, by kind and name.
func k8sObjects(t *testing.T) map[string]map[string]any {
	t.Helper()
	files, err := filepath.Glob("kubernetes/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests in kubernetes/: %v", err)
	}
	objs := map[string]map[string]any{}
	for _, f := range files {
		for _, doc := range yamlDocs(t, f) {
			kind, _ := doc["kind"].(string)
			name, _ := dig(doc, "metadata", "name").(string)
			if kind == "Kustomization" {
				continue
			}
			if kind == "" || name == "" {
				t.Fatalf("%s: a document without kind or metadata.name", f)
			}
			if ns := dig(doc, "metadata", "namespace"); ns != nil {
				t.Errorf("%s %s: sets namespace %v; the manifests are namespace-less", kind, name, ns)
			}
			objs[kind+"/"+name] = doc
		}
	}
	return objs
}

func TestKubernetes_Kustomization(t *testing.T) {
	doc := yamlDocs(t, "kubernetes/kustomization.yaml")[0]
	listed := map[string]bool{}
	for _, r := range dig(doc, "resources").([]any) {
		listed[r.(string)] = true
	}
	files, _ := filepath.Glob("kubernetes/*.yaml")
	for _, f := range files {
		if b := filepath.Base(f); b != "kustomization.yaml" && !listed[b] {
			t.Errorf("%s is not listed in kustomization.yaml", b)
		}
	}
}

func TestKubernetes_Deployment(t *testing.T) {
	objs := k8sObjects(t)
	d := objs["Deployment/partnercoach"]
	if d == nil {
		t.Fatal("no Deployment partnercoach")
	}
	if r := dig(d, "spec", "replicas"); r != 2 {
		t.Errorf("replicas: got %v, want 2", r)
	}
	pod := dig(d, "spec", "template", "spec")
	c := dig(pod, "containers", 0)

	port := defaultHTTPPort(t)
	ports := map[string]int{}
	for _, p := range dig(c, "ports").([]any) {
		name, _ := dig(p, "name").(string)
		ports[name], _ = dig(p, "containerPort").(int)
	}
	for probe, path := range map[string]string{"livenessProbe": ops.PathHealth, "readinessProbe": ops.PathReady} {
		if got := dig(c, probe, "httpGet", "path"); got != path {
			t.Errorf("%s path: got %v, want %s (served by internal/ops)", probe, got, path)
		}
		p := dig(c, probe, "httpGet", "port")
		if name, ok := p.(string); ok {
			p = ports[name]
		}
		if p != port {
			t.Errorf("%s port: got %v, want %d (HTTP_ADDR's default)", probe, p, port)
		}
	}

	if v := dig(pod, "securityContext", "runAsNonRoot"); v != true {
		t.Errorf("pod securityContext.runAsNonRoot: got %v, want true", v)
	}
	if v := dig(c, "securityContext", "readOnlyRootFilesystem"); v != true {
		t.Errorf("container securityContext.readOnlyRootFilesystem: got %v, want true", v)
	}
	for _, r := range []string{"cpu", "memory"} {
		if dig(c, "resources", "requests", r) == nil {
			t.Errorf("no resources.requests.%s", r)
		}
	}
	if dig(c, "resources", "limits", "memory") == nil {
		t.Error("no resources.limits.memory")
	}

	// SIGKILL must not come before the app's own shutdown deadline.
	cfg := objs["ConfigMap/partnercoach"]
	shutdown, err := time.ParseDuration(fmt.Sprint(dig(cfg, "data", "SHUTDOWN_TIMEOUT")))
	if err != nil {
		t.Fatalf("ConfigMap SHUTDOWN_TIMEOUT: %v", err)
	}
	grace, _ := dig(pod, "terminationGracePeriodSeconds").(int)
	if time.Duration(grace)*time.Second <= shutdown {
		t.Errorf("terminationGracePeriodSeconds %d is not longer than SHUTDOWN_TIMEOUT %v", grace, shutdown)
	}

	// envFrom points at objects that exist, holding only real variables.
	vars := configVars()
	for _, ref := range dig(c, "envFrom").([]any) {
		var key string
		var data any
		switch {
		case dig(ref, "configMapRef") != nil:
			key = "ConfigMap/" + dig(ref, "configMapRef", "name").(string)
			data = dig(objs[key], "data")
		case dig(ref, "secretRef") != nil:
			key = "Secret/" + dig(ref, "secretRef", "name").(string)
			data = dig(objs[key], "stringData")
		}
		if objs[key] == nil {
			t.Errorf("envFrom refers to %s, which no manifest defines", key)
			continue
		}
		for k := range data.(map[string]any) {
			if !vars[k] {
				t.Errorf("%s sets %s, which is not a Partner Coach variable", key, k)
			}
		}
	}
	if a := dig(cfg, "data", "HTTP_ADDR"); a != nil && a != fmt.Sprintf(":%d", port) {
		t.Errorf("ConfigMap HTTP_ADDR %v disagrees with the probes' port %d", a, port)
	}
	for _, k := range []string{"SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"} {
		if dig(objs["Secret/partnercoach-slack"], "stringData", k) == nil {
			t.Errorf("the Secret lacks %s", k)
		}
		if dig(cfg, "data", k) != nil {
			t.Errorf("the ConfigMap holds %s; tokens belong in the Secret", k)
		}
	}
}

func TestKubernetes_Redis(t *testing.T) {
	objs := k8sObjects(t)
	ss := objs["StatefulSet/partnercoach-redis"]
	if ss == nil || objs["Service/partnercoach-redis"] == nil {
		t.Fatal("no Redis StatefulSet and Service partnercoach-redis")
	}
	args := fmt.Sprint(dig(ss, "spec", "template", "spec", "containers", 0, "args"))
	if want := "--appendonly yes --appendfsync everysec"; !contains(args, want) {
		t.Errorf("redis args %s lack %q", args, want)
	}
	if dig(ss, "spec", "volumeClaimTemplates", 0, "spec", "resources", "requests", "storage") == nil {
		t.Error("redis has no persistent volume claim")
	}
	if url := dig(objs["ConfigMap/partnercoach"], "data", "REDIS_URL"); url != "redis://partnercoach-redis:6379/0" {
		t.Errorf("REDIS_URL %v does not point at the bundled Redis Service", url)
	}
}
