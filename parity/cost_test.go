package parity

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

// The cost of judging one object must grow at most linearly with its size, in every runtime:
// a quadratic helper lets one large object (a kube-system Deployment with thousands of
// --feature-gates entries, an object with 100k labels) stall a CI run, or outlast Gatekeeper's
// webhook timeout so that the request is admitted unjudged. These tests count work, never
// time: the evaluation steps OPA traces (EvalOp events) while judging an object of each shape
// at sizes 0, n and 2n. Linear work adds about the same from n to 2n as from 0 to n (a
// quadratic helper adds three times as much); and the work per element stays within a budget.

// evalCounter counts the evaluation steps of a query (a topdown.QueryTracer).
type evalCounter struct{ steps int }

func (c *evalCounter) Enabled() bool               { return true }
func (c *evalCounter) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

func (c *evalCounter) TraceEvent(e topdown.Event) {
	if e.Op == topdown.EvalOp {
		c.steps++
	}
}

// eval judges one input and returns the steps it took.
func (c *evalCounter) eval(pq rego.PreparedEvalQuery, input any) (int, error) {
	v, err := ast.InterfaceToValue(input)
	if err != nil {
		return 0, err
	}
	c.steps = 0
	if _, err := pq.Eval(context.Background(), rego.EvalParsedInput(v), rego.EvalQueryTracer(c)); err != nil {
		return 0, err
	}
	return c.steps, nil
}

// A costShape builds an object whose size grows with n; budget is the most evaluation steps
// one more element may cost in one evaluation (measured through the conftest entry point, with
// room to spare: a change that needs more is worth a look even when it stays linear).
type costShape struct {
	name   string
	n      int
	budget int
	object func(n int) map[string]any
}

var costShapes = []costShape{
	{"feature gates in one flag", 1500, 40, func(n int) map[string]any {
		gates := make([]string, n)
		for i := range gates {
			gates[i] = fmt.Sprintf("Gate%05d=true", i)
		}
		return deployment("kube-system", []any{container("main", "registry.k8s.io/kube-apiserver:v1.31.2",
			"--feature-gates="+strings.Join(gates, ","))})
	}},
	{"feature gates set again and again", 1500, 60, func(n int) map[string]any {
		args := make([]string, 0, n)
		for i := range n {
			args = append(args, fmt.Sprintf("--feature-gates=InPlacePodVerticalScaling=%t,MemoryQoS=true", i%2 == 0))
		}
		return deployment("kube-system", []any{container("main", "registry.k8s.io/kube-apiserver:v1.31.2", args...)})
	}},
	{"containers with alpha gates", 300, 200, func(n int) map[string]any {
		containers := make([]any, n)
		for i := range containers {
			containers[i] = container(fmt.Sprintf("c%05d", i), "registry.k8s.io/kube-apiserver:v1.31.2",
				"--feature-gates=InPlacePodVerticalScaling=true,MemoryQoS=true,DRAAdminAccess=true")
		}
		return deployment("kube-system", containers)
	}},
	{"labels", 50000, 15, func(n int) map[string]any {
		return configMap("kube-system", "many-labels", numbered("example.com/l", n), nil)
	}},
	{"system labels and annotations", 5000, 40, func(n int) map[string]any {
		return configMap("kube-system", "many-annotations", numbered("kubernetes.io/l", n), numbered("example.com/a", n))
	}},
	{"privileged containers and host paths", 300, 450, func(n int) map[string]any {
		containers := make([]any, n)
		volumes := make([]any, n)
		for i := range containers {
			c := container(fmt.Sprintf("c%05d", i), "contoso.azurecr.io/agent:1")
			c["securityContext"] = map[string]any{"privileged": true, "capabilities": map[string]any{"add": []any{"SYS_ADMIN", "NET_ADMIN"}}}
			c["volumeMounts"] = []any{map[string]any{"name": fmt.Sprintf("v%05d", i), "mountPath": "/host"}}
			containers[i] = c
			volumes[i] = map[string]any{"name": fmt.Sprintf("v%05d", i), "hostPath": map[string]any{"path": fmt.Sprintf("/etc/agent-%d", i)}}
		}
		d := deployment("node-agents", containers)
		spec := d["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)
		spec["volumes"] = volumes
		spec["hostNetwork"] = true
		return d
	}},
	{"sysctls", 3000, 25, func(n int) map[string]any {
		sysctls := make([]any, n)
		for i := range sysctls {
			sysctls[i] = map[string]any{"name": fmt.Sprintf("net.example.s%05d", i), "value": "1"}
		}
		d := deployment("shop", []any{container("main", "contoso.azurecr.io/app:1")})
		d["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["securityContext"] = map[string]any{"sysctls": sysctls}
		return d
	}},
	{"arguments in a shell string", 3000, 10, func(n int) map[string]any {
		words := make([]string, n)
		for i := range words {
			words[i] = fmt.Sprintf("--flag-%05d=x", i)
		}
		return deployment("kube-system", []any{container("main", "contoso.azurecr.io/app:1",
			"sh", "-c", "kube-apiserver --feature-gates=MemoryQoS=true "+strings.Join(words, " "))})
	}},
	{"node labels", 5000, 25, func(n int) map[string]any {
		return map[string]any{"apiVersion": "v1", "kind": "Node",
			"metadata": map[string]any{"name": "moc-node", "labels": numbered("node.kubernetes.io/l", n)},
			"spec":     map[string]any{"providerID": "moc://moc-node"}}
	}},
}

func deployment(namespace string, containers []any) map[string]any {
	return map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": "big", "namespace": namespace},
		"spec": map[string]any{"template": map[string]any{
			"metadata": map[string]any{"labels": map[string]any{"app": "big"}},
			"spec":     map[string]any{"containers": containers},
		}},
	}
}

func container(name, image string, args ...string) map[string]any {
	list := make([]any, len(args))
	for i, a := range args {
		list[i] = a
	}
	return map[string]any{"name": name, "image": image, "args": list}
}

func configMap(namespace, name string, labels, annotations map[string]any) map[string]any {
	meta := map[string]any{"name": name, "namespace": namespace, "labels": labels}
	if annotations != nil {
		meta["annotations"] = annotations
	}
	return map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta}
}

func numbered(prefix string, n int) map[string]any {
	m := make(map[string]any, n)
	for i := range n {
		m[fmt.Sprintf("%s%06d", prefix, i)] = "v"
	}
	return m
}

// assertLinear judges every shape with judge (the evaluation steps of one runtime for one
// object) at sizes 0, n and 2n, n divided by scale; judge evaluates each object evaluations
// times (the budget is per evaluation).
func assertLinear(t *testing.T, scale, evaluations int, judge func(obj map[string]any) (int, error)) {
	for _, s := range costShapes {
		s.n /= scale
		s.budget *= evaluations
		t.Run(s.name, func(t *testing.T) {
			var steps [3]int
			for i, size := range []int{0, s.n, 2 * s.n} {
				n, err := judge(s.object(size))
				if err != nil {
					t.Fatalf("size %d: %v", size, err)
				}
				steps[i] = n
			}
			first, second := steps[1]-steps[0], steps[2]-steps[1]
			t.Logf("%s: %d steps at 0, %d at %d, %d at %d: %.1f steps per element, growth from n to 2n %.2f times that from 0 to n",
				s.name, steps[0], steps[1], s.n, steps[2], 2*s.n, float64(second)/float64(s.n), float64(second)/float64(max(first, 1)))
			if first <= 0 {
				t.Fatalf("the object's size changed nothing (%v): the shape does not exercise the rules", steps)
			}
			if 4*second > 5*first {
				t.Errorf("worse than linear: %d more steps from %d to %d elements, after %d from 0 to %d", second, s.n, 2*s.n, first, s.n)
			}
			if second > s.budget*s.n {
				t.Errorf("%d steps per element, over the budget of %d", second/s.n, s.budget)
			}
		})
	}
}

// conftest and the evaluator run the same registry of rules: judged through the conftest entry
// point (package main) as conftest does, one document at a time.
func TestCostIsLinearInTheObjectConftestAndEvaluator(t *testing.T) {
	modules, err := policies.ParseModules(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	opts := []func(*rego.Rego){
		rego.Query("data.main.deny; data.main.warn"),
		rego.Store(inmem.NewFromObject(map[string]any{"aksarc_settings": map[string]any{"asOf": "2025-11-01"}})),
	}
	for _, m := range modules {
		opts = append(opts, rego.ParsedModule(m))
	}
	pq, err := rego.New(opts...).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var c evalCounter
	assertLinear(t, 1, 1, func(obj map[string]any) (int, error) { return c.eval(pq, obj) })
}

// Gatekeeper runs the generated templates: each is judged as an admission request of a user,
// under a deny and a warn Constraint (deploy/gatekeeper/templates, as gator runs them). Every
// object is judged by every template twice: the sizes are a fifth of the ones above (gator
// bench times the full ones, docs/gatekeeper.md).
func TestCostIsLinearInTheObjectGatekeeper(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(gatekeeperDir, "templates", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates under deploy/gatekeeper: %v", err)
	}
	var queries []rego.PreparedEvalQuery
	for _, f := range files {
		if filepath.Base(f) == "kustomization.yaml" {
			continue
		}
		pq, err := prepareTemplate(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		queries = append(queries, pq)
	}
	var c evalCounter
	assertLinear(t, 5, 2, func(obj map[string]any) (int, error) {
		total := 0
		for _, severity := range []string{"deny", "warn"} {
			input := map[string]any{
				"review": map[string]any{
					"operation": "CREATE",
					"userInfo":  map[string]any{"username": "alice@contoso.com"},
					"object":    obj,
				},
				"parameters": map[string]any{"severity": severity, "asOf": "2025-11-01"},
			}
			for _, pq := range queries {
				n, err := c.eval(pq, input)
				if err != nil {
					return 0, err
				}
				total += n
			}
		}
		return total, nil
	})
}

// prepareTemplate compiles a ConstraintTemplate's Rego (the entry point and its libraries) and
// prepares its violation rule.
func prepareTemplate(file string) (rego.PreparedEvalQuery, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	var tmpl struct {
		Spec struct {
			Targets []struct {
				Code []struct {
					Source struct {
						Rego string
						Libs []string
					}
				}
			}
		}
	}
	if err := yaml.Unmarshal(raw, &tmpl); err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	if len(tmpl.Spec.Targets) != 1 || len(tmpl.Spec.Targets[0].Code) != 1 {
		return rego.PreparedEvalQuery{}, fmt.Errorf("expected one target with one code entry")
	}
	src := tmpl.Spec.Targets[0].Code[0].Source
	entry, err := ast.ParseModuleWithOpts(file, src.Rego, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	opts := []func(*rego.Rego){
		rego.Query(entry.Package.Path.String() + ".violation"),
		rego.ParsedModule(entry),
	}
	for i, lib := range src.Libs {
		m, err := ast.ParseModuleWithOpts(fmt.Sprintf("%s#lib%d", file, i), lib, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return rego.PreparedEvalQuery{}, err
		}
		opts = append(opts, rego.ParsedModule(m))
	}
	return rego.New(opts...).PrepareForEval(context.Background())
}
