// Package dumpgen makes realistic, deterministic dumps of an AKS Arc cluster for benchmarks: the
// objects `kubectl get all,cm,nodes -A` prints for a cluster of a given size (Deployments with
// their ReplicaSets and Pods, StatefulSets, DaemonSets with a Pod per node, Services, ConfigMaps
// with a kube-root-ca.crt per namespace, Nodes) and one ClusterSnapshot, last, with a realistic
// share of findings: foreign workloads in kube-system, a privileged node agent, Istio sidecars,
// alpha and deprecated APIs, a node that AKS Arc did not provision and one whose kubelet is
// ahead of the control plane. The same size and seed always give the same bytes.
//
// It imports nothing of the project, so that benchmarks anywhere may use it.
package dumpgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// AsOf is the evaluation date the dumps are made for (the snapshot is captured the day before).
const AsOf = "2025-11-01"

// Formats are the shapes a dump can be written in.
var Formats = []string{"yaml", "list", "dir"}

// Object is one Kubernetes object (or the ClusterSnapshot) as decoded JSON.
type Object = map[string]any

// Generate calls emit for n objects of a cluster (n >= 1), the ClusterSnapshot last. The seed
// picks names, sizes and timestamps; the shares of kinds and findings depend only on n.
func Generate(n int, seed uint64, emit func(Object) error) error {
	if n < 1 {
		return fmt.Errorf("dumpgen: at least one object, got %d", n)
	}
	g := &gen{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), left: n - 1, emit: emit}
	g.cluster()
	if g.err != nil {
		return g.err
	}
	return emit(g.snapshot())
}

// WriteYAML writes the objects as one multi-document YAML stream. Each document gets its own
// encoder: one yaml.v3 encoder for the whole stream keeps every event and grows quadratically.
func WriteYAML(w io.Writer, n int, seed uint64) error {
	first := true
	return Generate(n, seed, func(o Object) error {
		if !first {
			if _, err := io.WriteString(w, "---\n"); err != nil {
				return err
			}
		}
		first = false
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(o); err != nil {
			return err
		}
		return enc.Close()
	})
}

// WriteList writes the objects as the `kubectl get -o json` List of them (4-space indent, as
// kubectl prints it).
func WriteList(w io.Writer, n int, seed uint64) error {
	if _, err := io.WriteString(w, "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n"); err != nil {
		return err
	}
	first := true
	err := Generate(n, seed, func(o Object) error {
		b, err := json.MarshalIndent(o, "        ", "    ")
		if err != nil {
			return err
		}
		sep := ",\n        "
		if first {
			sep, first = "        ", false
		}
		_, err = fmt.Fprintf(w, "%s%s", sep, b)
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n")
	return err
}

// WriteDir writes one YAML file per object under dir: <namespace or _cluster>/<kind>-<name>.yaml,
// as a repository of manifests holds them.
func WriteDir(dir string, n int, seed uint64) error {
	return Generate(n, seed, func(o Object) error {
		md, _ := o["metadata"].(Object)
		ns, _ := md["namespace"].(string)
		if ns == "" {
			ns = "_cluster"
		}
		name, _ := md["name"].(string)
		p := filepath.Join(dir, ns, strings.ToLower(o["kind"].(string))+"-"+strings.ReplaceAll(name, ":", "_")+".yaml")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		b, err := yaml.Marshal(o)
		if err != nil {
			return err
		}
		return os.WriteFile(p, b, 0o644)
	})
}

// Write writes a dump of n objects in one of Formats to path (a file, or a directory for dir).
func Write(path, format string, n int, seed uint64) error {
	if format == "dir" {
		return WriteDir(path, n, seed)
	}
	if format != "yaml" && format != "list" {
		return fmt.Errorf("dumpgen: unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if format == "yaml" {
		err = WriteYAML(w, n, seed)
	} else {
		err = WriteList(w, n, seed)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// The Kubernetes version of the cluster: 1.31, whose next minor (1.32) stops serving
// flowcontrol v1beta3.
const (
	k8sVersion = "v1.31.10"
	clusterRV  = 4_000_000
)

var base = time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)

type gen struct {
	rnd   *rand.Rand
	left  int // objects still to emit before the snapshot
	emit  func(Object) error
	err   error
	nodes []string
	rv    int
}

// put emits one object while the budget lasts; it reports whether the object was emitted.
func (g *gen) put(o Object) bool {
	if g.err != nil || g.left <= 0 {
		return false
	}
	g.left--
	g.err = g.emit(o)
	return g.err == nil
}

func (g *gen) full() bool { return g.err != nil || g.left <= 0 }

func (g *gen) uid() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 36)
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
		case 14:
			b[i] = '4'
		default:
			b[i] = hex[g.rnd.IntN(16)]
		}
	}
	return string(b)
}

// suffix is a random name suffix of the alphabet Kubernetes uses for generated names.
func (g *gen) suffix(n int) string {
	const alnum = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[g.rnd.IntN(len(alnum))]
	}
	return string(b)
}

func (g *gen) stamp() string {
	return base.Add(time.Duration(g.rnd.IntN(120*24*60)) * time.Minute).Format(time.RFC3339)
}

func (g *gen) meta(ns, name string, labels map[string]string) Object {
	g.rv += 1 + g.rnd.IntN(50)
	m := Object{"name": name, "uid": g.uid(), "resourceVersion": fmt.Sprint(clusterRV + g.rv), "creationTimestamp": g.stamp()}
	if ns != "" {
		m["namespace"] = ns
	}
	if len(labels) > 0 {
		l := Object{}
		for k, v := range labels {
			l[k] = v
		}
		m["labels"] = l
	}
	return m
}

func owner(kind, name, uid string) []any {
	return []any{Object{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": kind, "name": name, "uid": uid}}
}

// cluster emits the objects: the nodes, kube-system, the cluster-wide agents, then application
// namespaces until the budget is spent.
func (g *gen) cluster() {
	total := g.left + 1
	nodes := max(3, total/200)
	for i := range nodes {
		g.nodes = append(g.nodes, "moc-l"+g.suffix(9))
		_ = i
	}
	for i, name := range g.nodes {
		g.put(g.node(name, i))
	}
	g.kubeSystem(total)
	g.agents()
	g.clusterScoped(total)
	for ns := 0; !g.full(); ns++ {
		g.appNamespace(ns)
	}
}

func (g *gen) node(name string, i int) Object {
	kubelet := k8sVersion
	provider := "moc://" + name
	pool := "nodepool1"
	if i == 0 {
		pool = "control-plane"
	}
	if i%200 == 7 {
		kubelet = "v1.32.6" // AKSARC-005: a kubelet ahead of the control plane
	}
	if i%150 == 11 {
		provider = "vsphere://4237c84c-8a5e-9f0b-6c1d-2e3f4a5b6c7d" // AKSARC-023: not an AKS Arc node
	}
	labels := map[string]string{
		"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
		"kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "msft.microsoft/nodepool-name": pool,
	}
	if i == 0 {
		labels["node-role.kubernetes.io/control-plane"] = ""
	}
	md := g.meta("", name, labels)
	md["annotations"] = Object{
		"kubeadm.alpha.kubernetes.io/cri-socket":                 "unix:///run/containerd/containerd.sock",
		"node.alpha.kubernetes.io/ttl":                           "0",
		"volumes.kubernetes.io/controller-managed-attach-detach": "true",
	}
	ip := fmt.Sprintf("10.20.%d.%d", 1+i/250, 10+i%250)
	return Object{
		"apiVersion": "v1", "kind": "Node", "metadata": md,
		"spec": Object{"podCIDR": fmt.Sprintf("10.244.%d.0/24", i%256), "podCIDRs": []any{fmt.Sprintf("10.244.%d.0/24", i%256)}, "providerID": provider},
		"status": Object{
			"addresses":   []any{Object{"address": ip, "type": "InternalIP"}, Object{"address": name, "type": "Hostname"}},
			"allocatable": Object{"cpu": "3800m", "ephemeral-storage": "95551679124", "memory": "14170124Ki", "pods": "110"},
			"capacity":    Object{"cpu": "4", "ephemeral-storage": "103676Mi", "memory": "16370124Ki", "pods": "110"},
			"conditions": []any{
				Object{"lastHeartbeatTime": "2025-10-31T07:58:02Z", "lastTransitionTime": g.stamp(), "message": "kubelet has sufficient memory available", "reason": "KubeletHasSufficientMemory", "status": "False", "type": "MemoryPressure"},
				Object{"lastHeartbeatTime": "2025-10-31T07:58:02Z", "lastTransitionTime": g.stamp(), "message": "kubelet has no disk pressure", "reason": "KubeletHasNoDiskPressure", "status": "False", "type": "DiskPressure"},
				Object{"lastHeartbeatTime": "2025-10-31T07:58:02Z", "lastTransitionTime": g.stamp(), "message": "kubelet is posting ready status", "reason": "KubeletReady", "status": "True", "type": "Ready"},
			},
			"nodeInfo": Object{
				"architecture": "amd64", "containerRuntimeVersion": "containerd://1.7.27", "kernelVersion": "5.15.173.1-2.cm2",
				"kubeProxyVersion": kubelet, "kubeletVersion": kubelet, "operatingSystem": "linux", "osImage": "CBL-Mariner/Linux",
				"machineID": strings.ReplaceAll(g.uid(), "-", ""), "systemUUID": strings.ToUpper(g.uid()),
			},
		},
	}
}

// workload describes a Deployment, StatefulSet or DaemonSet and what its pods run.
type workload struct {
	ns, name, image string
	labels          map[string]string // the pod template's labels, also the selector
	replicas        int
	privileged      bool // hostPath / and SYS_ADMIN: AKSARC-020
	hostNetAdmin    bool // hostNetwork and NET_ADMIN: AKSARC-021
	sidecar         bool // an Istio sidecar: AKSARC-031
	system          bool // priorityClassName system-node-critical, tolerate everything
}

func (g *gen) container(name, image string, w workload) Object {
	c := Object{
		"name": name, "image": image, "imagePullPolicy": "IfNotPresent",
		"ports":     []any{Object{"containerPort": 8080, "name": "http", "protocol": "TCP"}},
		"resources": Object{"requests": Object{"cpu": fmt.Sprintf("%dm", 50+g.rnd.IntN(450)), "memory": fmt.Sprintf("%dMi", 64+g.rnd.IntN(960))}, "limits": Object{"memory": "1Gi"}},
		"env": []any{
			Object{"name": "LOG_LEVEL", "value": "info"},
			Object{"name": "POD_NAME", "valueFrom": Object{"fieldRef": Object{"apiVersion": "v1", "fieldPath": "metadata.name"}}},
			Object{"name": "POD_NAMESPACE", "valueFrom": Object{"fieldRef": Object{"apiVersion": "v1", "fieldPath": "metadata.namespace"}}},
		},
		"readinessProbe":           Object{"httpGet": Object{"path": "/healthz", "port": "http", "scheme": "HTTP"}, "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3},
		"volumeMounts":             []any{Object{"mountPath": "/etc/app", "name": "config", "readOnly": true}},
		"terminationMessagePath":   "/dev/termination-log",
		"terminationMessagePolicy": "File",
	}
	sc := Object{"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsNonRoot": true}
	switch {
	case w.privileged:
		sc = Object{"privileged": true, "capabilities": Object{"add": []any{"SYS_ADMIN"}}}
		c["volumeMounts"] = []any{Object{"mountPath": "/host", "name": "root", "readOnly": true, "mountPropagation": "HostToContainer"}}
	case w.hostNetAdmin:
		sc = Object{"capabilities": Object{"add": []any{"NET_ADMIN", "NET_RAW"}}}
	}
	c["securityContext"] = sc
	return c
}

func (g *gen) podSpec(w workload) Object {
	containers := []any{g.container(w.name, w.image, w)}
	if w.sidecar {
		containers = append(containers, Object{
			"name": "istio-proxy", "image": "docker.io/istio/proxyv2:1.22.3",
			"args":      []any{"proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local", "--proxyLogLevel=warning"},
			"resources": Object{"requests": Object{"cpu": "100m", "memory": "128Mi"}, "limits": Object{"cpu": "2", "memory": "1Gi"}},
		})
	}
	spec := Object{
		"containers": containers, "dnsPolicy": "ClusterFirst", "enableServiceLinks": true, "restartPolicy": "Always",
		"schedulerName": "default-scheduler", "securityContext": Object{}, "serviceAccountName": "default",
		"terminationGracePeriodSeconds": 30,
		"tolerations": []any{
			Object{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
			Object{"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300},
		},
		"volumes": []any{Object{"name": "config", "configMap": Object{"name": w.name + "-config", "defaultMode": 420}}},
	}
	if w.privileged {
		spec["hostPID"] = true
		spec["volumes"] = []any{Object{"name": "root", "hostPath": Object{"path": "/", "type": ""}}}
	}
	if w.hostNetAdmin {
		spec["hostNetwork"] = true
		spec["dnsPolicy"] = "ClusterFirstWithHostNet"
	}
	if w.system {
		spec["priorityClassName"] = "system-node-critical"
		spec["tolerations"] = []any{Object{"operator": "Exists"}}
	}
	return spec
}

func strMap(m map[string]string) Object {
	o := Object{}
	for k, v := range m {
		o[k] = v
	}
	return o
}

func (g *gen) template(w workload) Object {
	return Object{"metadata": Object{"creationTimestamp": nil, "labels": strMap(w.labels)}, "spec": g.podSpec(w)}
}

func (g *gen) pod(w workload, name, ownerKind, ownerName, ownerUID, node string, extra map[string]string) Object {
	labels := map[string]string{}
	for k, v := range w.labels {
		labels[k] = v
	}
	for k, v := range extra {
		labels[k] = v
	}
	md := g.meta(w.ns, name, labels)
	md["ownerReferences"] = owner(ownerKind, ownerName, ownerUID)
	md["generateName"] = strings.TrimSuffix(name, name[strings.LastIndex(name, "-")+1:])
	spec := g.podSpec(w)
	spec["nodeName"] = node
	spec["preemptionPolicy"] = "PreemptLowerPriority"
	spec["priority"] = 0
	started := g.stamp()
	var statuses []any
	for _, c := range spec["containers"].([]any) {
		cm := c.(Object)
		statuses = append(statuses, Object{
			"containerID": "containerd://" + strings.Repeat(g.suffix(8), 8), "image": cm["image"], "imageID": cm["image"].(string) + "@sha256:" + strings.Repeat(g.suffix(8), 8),
			"lastState": Object{}, "name": cm["name"], "ready": true, "restartCount": g.rnd.IntN(3), "started": true,
			"state": Object{"running": Object{"startedAt": started}},
		})
	}
	return Object{
		"apiVersion": "v1", "kind": "Pod", "metadata": md, "spec": spec,
		"status": Object{
			"conditions": []any{
				Object{"lastProbeTime": nil, "lastTransitionTime": started, "status": "True", "type": "Initialized"},
				Object{"lastProbeTime": nil, "lastTransitionTime": started, "status": "True", "type": "Ready"},
				Object{"lastProbeTime": nil, "lastTransitionTime": started, "status": "True", "type": "ContainersReady"},
				Object{"lastProbeTime": nil, "lastTransitionTime": started, "status": "True", "type": "PodScheduled"},
			},
			"containerStatuses": statuses, "hostIP": "10.20.1.10", "phase": "Running",
			"podIP": fmt.Sprintf("10.244.%d.%d", g.rnd.IntN(256), 2+g.rnd.IntN(250)), "qosClass": "Burstable", "startTime": started,
		},
	}
}

// deployment emits a Deployment, its current and an older ReplicaSet, and its pods.
func (g *gen) deployment(w workload) {
	md := g.meta(w.ns, w.name, w.labels)
	md["annotations"] = Object{"deployment.kubernetes.io/revision": "2"}
	dep := Object{
		"apiVersion": "apps/v1", "kind": "Deployment", "metadata": md,
		"spec": Object{
			"progressDeadlineSeconds": 600, "replicas": w.replicas, "revisionHistoryLimit": 10,
			"selector": Object{"matchLabels": strMap(w.labels)},
			"strategy": Object{"rollingUpdate": Object{"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
			"template": g.template(w),
		},
		"status": Object{"availableReplicas": w.replicas, "observedGeneration": 2, "readyReplicas": w.replicas, "replicas": w.replicas, "updatedReplicas": w.replicas},
	}
	if !g.put(dep) {
		return
	}
	depUID := md["uid"].(string)
	var current string
	var currentUID string
	for rev := 1; rev <= 2; rev++ {
		hash := g.suffix(10)
		name := w.name + "-" + hash
		replicas := 0
		if rev == 2 {
			replicas, current = w.replicas, name
		}
		labels := map[string]string{"pod-template-hash": hash}
		for k, v := range w.labels {
			labels[k] = v
		}
		rmd := g.meta(w.ns, name, labels)
		rmd["annotations"] = Object{"deployment.kubernetes.io/desired-replicas": fmt.Sprint(w.replicas), "deployment.kubernetes.io/max-replicas": fmt.Sprint(w.replicas + 1), "deployment.kubernetes.io/revision": fmt.Sprint(rev)}
		rmd["ownerReferences"] = owner("Deployment", w.name, depUID)
		if rev == 2 {
			currentUID = rmd["uid"].(string)
		}
		rs := Object{
			"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": rmd,
			"spec":   Object{"replicas": replicas, "selector": Object{"matchLabels": strMap(labels)}, "template": g.template(w)},
			"status": Object{"observedGeneration": 1, "replicas": replicas, "availableReplicas": replicas, "readyReplicas": replicas, "fullyLabeledReplicas": replicas},
		}
		if !g.put(rs) {
			return
		}
	}
	hash := current[len(w.name)+1:]
	for range w.replicas {
		g.put(g.pod(w, current+"-"+g.suffix(5), "ReplicaSet", current, currentUID, g.nodes[g.rnd.IntN(len(g.nodes))], map[string]string{"pod-template-hash": hash}))
	}
}

func (g *gen) statefulSet(w workload) {
	md := g.meta(w.ns, w.name, w.labels)
	sts := Object{
		"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": md,
		"spec": Object{
			"replicas": w.replicas, "serviceName": w.name, "podManagementPolicy": "OrderedReady", "revisionHistoryLimit": 10,
			"selector": Object{"matchLabels": strMap(w.labels)}, "template": g.template(w),
			"updateStrategy": Object{"rollingUpdate": Object{"partition": 0}, "type": "RollingUpdate"},
			"volumeClaimTemplates": []any{Object{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": Object{"name": "data"},
				"spec": Object{"accessModes": []any{"ReadWriteOnce"}, "resources": Object{"requests": Object{"storage": "10Gi"}}, "storageClassName": "default"}}},
		},
		"status": Object{"availableReplicas": w.replicas, "currentReplicas": w.replicas, "readyReplicas": w.replicas, "replicas": w.replicas, "observedGeneration": 1},
	}
	if !g.put(sts) {
		return
	}
	for i := range w.replicas {
		g.put(g.pod(w, fmt.Sprintf("%s-%d", w.name, i), "StatefulSet", w.name, md["uid"].(string), g.nodes[g.rnd.IntN(len(g.nodes))],
			map[string]string{"statefulset.kubernetes.io/pod-name": fmt.Sprintf("%s-%d", w.name, i), "apps.kubernetes.io/pod-index": fmt.Sprint(i)}))
	}
}

// daemonSet emits a DaemonSet and a pod on every node.
func (g *gen) daemonSet(w workload) {
	md := g.meta(w.ns, w.name, w.labels)
	n := len(g.nodes)
	ds := Object{
		"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": md,
		"spec": Object{
			"revisionHistoryLimit": 10, "selector": Object{"matchLabels": strMap(w.labels)}, "template": g.template(w),
			"updateStrategy": Object{"rollingUpdate": Object{"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"},
		},
		"status": Object{"currentNumberScheduled": n, "desiredNumberScheduled": n, "numberAvailable": n, "numberMisscheduled": 0, "numberReady": n, "observedGeneration": 1, "updatedNumberScheduled": n},
	}
	if !g.put(ds) {
		return
	}
	for _, node := range g.nodes {
		g.put(g.pod(w, w.name+"-"+g.suffix(5), "DaemonSet", w.name, md["uid"].(string), node, map[string]string{"controller-revision-hash": "6d4b8f7c9"}))
	}
}

func (g *gen) service(ns, name string, selector map[string]string, headless bool) {
	spec := Object{
		"clusterIP": fmt.Sprintf("10.96.%d.%d", g.rnd.IntN(256), 1+g.rnd.IntN(254)), "internalTrafficPolicy": "Cluster",
		"ipFamilies": []any{"IPv4"}, "ipFamilyPolicy": "SingleStack",
		"ports":    []any{Object{"name": "http", "port": 80, "protocol": "TCP", "targetPort": "http"}},
		"selector": strMap(selector), "sessionAffinity": "None", "type": "ClusterIP",
	}
	if headless {
		spec["clusterIP"] = "None"
	}
	spec["clusterIPs"] = []any{spec["clusterIP"]}
	g.put(Object{"apiVersion": "v1", "kind": "Service", "metadata": g.meta(ns, name, selector), "spec": spec, "status": Object{"loadBalancer": Object{}}})
}

func (g *gen) configMap(ns, name string, data map[string]string) {
	g.put(Object{"apiVersion": "v1", "kind": "ConfigMap", "metadata": g.meta(ns, name, nil), "data": strMap(data)})
}

const rootCA = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIYfQk0dM1ZkMwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNTA2MDIwODAwMDBaFw0zNTA1MzEwODA1MDBaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\n-----END CERTIFICATE-----\n"

// kubeSystem emits AKS Arc's own components and a few objects of the customer's that do not
// belong there (AKSARC-010).
func (g *gen) kubeSystem(total int) {
	const ns = "kube-system"
	img := func(s string) string { return "mcr.microsoft.com/oss/kubernetes/" + s }
	for _, ds := range []workload{
		{name: "calico-node", image: "mcr.microsoft.com/oss/calico/node:v3.29.3", labels: map[string]string{"k8s-app": "calico-node"}, hostNetAdmin: true},
		{name: "kube-proxy", image: img("kube-proxy:" + k8sVersion), labels: map[string]string{"k8s-app": "kube-proxy"}, privileged: true},
		{name: "csi-smb-node", image: "mcr.microsoft.com/oss/kubernetes-csi/smb-csi:v1.17.0", labels: map[string]string{"app": "csi-smb-node"}},
		{name: "csi-nfs-node", image: "mcr.microsoft.com/oss/kubernetes-csi/nfs-csi:v4.11.0", labels: map[string]string{"app": "csi-nfs-node"}},
	} {
		ds.ns, ds.system = ns, true
		g.daemonSet(ds)
	}
	for _, d := range []workload{
		{name: "coredns", image: img("coredns:v1.11.3"), labels: map[string]string{"k8s-app": "kube-dns"}, replicas: 2},
		{name: "calico-kube-controllers", image: "mcr.microsoft.com/oss/calico/kube-controllers:v3.29.3", labels: map[string]string{"k8s-app": "calico-kube-controllers"}, replicas: 1},
		{name: "csi-smb-controller", image: "mcr.microsoft.com/oss/kubernetes-csi/smb-csi:v1.17.0", labels: map[string]string{"app": "csi-smb-controller"}, replicas: 1},
		{name: "akshci-telemetry", image: "mcr.microsoft.com/aks/hci/akshci-telemetry:v0.9.12", labels: map[string]string{"app": "akshci-telemetry"}, replicas: 1},
	} {
		d.ns = ns
		g.deployment(d)
	}
	g.service(ns, "kube-dns", map[string]string{"k8s-app": "kube-dns"}, false)
	g.configMap(ns, "coredns", map[string]string{"Corefile": ".:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n    }\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n    reload\n}\n"})
	g.configMap(ns, "kube-proxy", map[string]string{"config.conf": "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n"})
	g.configMap(ns, "kube-root-ca.crt", map[string]string{"ca.crt": rootCA})
	g.configMap(ns, "calico-config", map[string]string{"calico_backend": "bird", "veth_mtu": "1410"})
	g.configMap(ns, "ama-metrics-settings-configmap", map[string]string{"schema-version": "v1", "config-version": "ver1"})
	// The customer's own: one foreign workload and its configuration per 2,500 objects.
	for i := range max(1, total/2500) {
		name := fmt.Sprintf("backup-agent-%d", i)
		g.deployment(workload{ns: ns, name: name, image: "contoso.azurecr.io/ops/backup-agent:2.3.1", labels: map[string]string{"app": name}, replicas: 1})
		g.configMap(ns, name+"-config", map[string]string{"schedule": "0 2 * * *"})
	}
}

// agents emits cluster-wide agents outside kube-system: a node exporter that mounts the node's
// root and runs privileged (AKSARC-020 on the DaemonSet and each of its pods).
func (g *gen) agents() {
	g.configMap("monitoring", "kube-root-ca.crt", map[string]string{"ca.crt": rootCA})
	g.daemonSet(workload{ns: "monitoring", name: "node-exporter", image: "quay.io/prometheus/node-exporter:v1.8.2",
		labels: map[string]string{"app.kubernetes.io/name": "node-exporter"}, privileged: true, system: true})
	g.deployment(workload{ns: "monitoring", name: "prometheus", image: "quay.io/prometheus/prometheus:v2.54.1",
		labels: map[string]string{"app.kubernetes.io/name": "prometheus"}, replicas: 2})
	g.service("monitoring", "prometheus", map[string]string{"app.kubernetes.io/name": "prometheus"}, false)
}

// clusterScoped emits API objects of deprecated and alpha versions: flow-control objects of a
// version the next minor (1.32) no longer serves (AKSARC-070) and alpha resource claims
// (AKSARC-061), a few per thousand objects.
func (g *gen) clusterScoped(total int) {
	for i := range max(1, total/1000) {
		g.put(Object{
			"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "FlowSchema", "metadata": g.meta("", fmt.Sprintf("tenant-%d", i), nil),
			"spec": Object{"matchingPrecedence": 1000 + i, "priorityLevelConfiguration": Object{"name": "workload-low"},
				"rules": []any{Object{"subjects": []any{Object{"kind": "ServiceAccount", "serviceAccount": Object{"name": "*", "namespace": fmt.Sprintf("team-%03d", i)}}},
					"resourceRules": []any{Object{"apiGroups": []any{"*"}, "resources": []any{"*"}, "verbs": []any{"*"}, "namespaces": []any{"*"}}}}}},
		})
		g.put(Object{
			"apiVersion": "resource.k8s.io/v1alpha3", "kind": "ResourceClaimTemplate", "metadata": g.meta(fmt.Sprintf("team-%03d", i), "gpu-claim", nil),
			"spec": Object{"spec": Object{"devices": Object{"requests": []any{Object{"name": "gpu", "deviceClassName": "gpu.example.com"}}}}},
		})
	}
}

var apps = []string{"cart", "checkout", "catalog", "search", "payments", "ledger", "auth", "profile", "notify", "reports", "ingest", "billing"}

// appNamespace emits one team's namespace: its root CA ConfigMap, Deployments with a Service
// and ConfigMap each, and now and then a StatefulSet. Every 20th namespace injects Istio
// sidecars (AKSARC-031 on each of its pods).
func (g *gen) appNamespace(i int) {
	ns := fmt.Sprintf("team-%03d", i)
	istio := i%20 == 3
	g.configMap(ns, "kube-root-ca.crt", map[string]string{"ca.crt": rootCA})
	for a := range 3 + g.rnd.IntN(6) {
		if g.full() {
			return
		}
		name := apps[(i+a)%len(apps)]
		if a >= len(apps) {
			name = fmt.Sprintf("%s-%d", name, a)
		}
		w := workload{ns: ns, name: name, image: fmt.Sprintf("contoso.azurecr.io/%s/%s:1.%d.%d", ns, name, g.rnd.IntN(20), g.rnd.IntN(10)),
			labels: map[string]string{"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": ns}, replicas: 1 + g.rnd.IntN(4), sidecar: istio}
		if a%8 == 5 {
			w.name += "-db"
			w.labels["app.kubernetes.io/name"] = w.name
			w.image = "docker.io/library/postgres:16.4"
			g.statefulSet(w)
			g.service(ns, w.name, w.labels, true)
			continue
		}
		g.deployment(w)
		g.service(ns, w.name, w.labels, false)
		g.configMap(ns, w.name+"-config", map[string]string{"app.yaml": fmt.Sprintf("server:\n  port: 8080\nlog:\n  level: info\nfeatures:\n  %s: true\n", name)})
	}
}

// snapshot is the cluster's ClusterSnapshot, captured the day before AsOf; its nodes are the
// dump's.
func (g *gen) snapshot() Object {
	var nodes []any
	for i, name := range g.nodes {
		pool := "nodepool1"
		if i == 0 {
			pool = "control-plane"
		}
		nodes = append(nodes, Object{"name": name, "nodePool": pool, "providerID": "moc://" + name, "kubeletVersion": k8sVersion, "kubeProxyVersion": k8sVersion})
	}
	return Object{
		"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshot", "metadata": Object{"name": "bench"},
		"spec": Object{
			"platform": "AzureLocal", "capturedAt": "2025-10-31T08:00:00Z",
			"host": Object{"os": "Azure Local", "azureLocalRelease": "2510"},
			"cluster": Object{
				"kubernetesVersion": strings.TrimPrefix(k8sVersion, "v"), "provisioningState": "Succeeded", "release": "2510",
				"networkProfile": Object{"networkPolicy": "calico", "podCidr": "10.244.0.0/16"},
				"cloudProviderProfile": Object{"infraNetworkProfile": Object{"vnetSubnetIds": []any{
					"/subscriptions/6b1f2c1e-3f4a-4c8e-9d0b-2f7c4a1e5d90/resourceGroups/rg-bench/providers/Microsoft.AzureStackHCI/logicalNetworks/lnet-bench"}}},
				"agentPoolProfiles": []any{
					Object{"name": "nodepool1", "count": len(g.nodes) - 1, "vmSize": "Standard_A4_v2", "osType": "Linux", "osSKU": "CBLMariner",
						"kubernetesVersion": strings.TrimPrefix(k8sVersion, "v"), "nodeImageVersion": "Linux-K8s-1.31.10-v20251015"},
				},
				"power": Object{"state": "Running", "since": "2025-10-16T09:12:00Z", "method": "AKSArc", "maintenanceWindow": false},
			},
			"controlPlane": Object{"components": []any{
				Object{"name": "kube-apiserver", "instance": g.nodes[0], "version": k8sVersion},
				Object{"name": "kube-controller-manager", "instance": g.nodes[0], "version": k8sVersion},
				Object{"name": "kube-scheduler", "instance": g.nodes[0], "version": k8sVersion},
			}},
			"nodes":        nodes,
			"connectivity": Object{"connectivityStatus": "Connected", "lastConnectivityTime": "2025-10-31T07:55:12Z"},
			"subscription": Object{"id": "6b1f2c1e-3f4a-4c8e-9d0b-2f7c4a1e5d90", "state": "Enabled", "stateChangedAt": "2024-03-12T00:00:00Z"},
			"features":     Object{"featureGates": Object{}, "previewFeatures": []any{}},
		},
	}
}
