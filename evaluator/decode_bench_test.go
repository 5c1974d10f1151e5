package evaluator

import (
	"bytes"
	"fmt"
	"testing"
)

// benchObject is a typical workload object as kubectl prints it.
func benchObject(i int, indent string) string {
	return fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-%d
  namespace: shop
  labels: {app: app-%d, tier: web}
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: web
        image: contoso.azurecr.io/shop/app:%d
        resources: {requests: {cpu: 100m, memory: 128Mi}}
`, i, i, i)
}

func benchJSONList(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "        {\n            \"apiVersion\": \"apps/v1\",\n            \"kind\": \"Deployment\",\n            \"metadata\": {\"name\": \"app-%d\", \"namespace\": \"shop\", \"labels\": {\"app\": \"app-%d\"}},\n            \"spec\": {\"replicas\": 3, \"template\": {\"spec\": {\"containers\": [{\"name\": \"web\", \"image\": \"contoso.azurecr.io/shop/app:%d\"}]}}}\n        }", i, i, i)
	}
	b.WriteString("\n    ],\n    \"kind\": \"List\"\n}\n")
	return b.Bytes()
}

func benchYAMLDocs(n int) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		b.WriteString("---\n" + benchObject(i, ""))
	}
	return b.Bytes()
}

func benchYAMLList(n int) []byte {
	var b bytes.Buffer
	b.WriteString("apiVersion: v1\nkind: List\nitems:\n")
	for i := 0; i < n; i++ {
		obj := benchObject(i, "")
		b.WriteString("- " + string(bytes.ReplaceAll([]byte(obj[:len(obj)-1]), []byte("\n"), []byte("\n  "))) + "\n")
	}
	return b.Bytes()
}

// BenchmarkDecode decodes 3k and 30k objects as a JSON List, multi-document YAML and a YAML
// List: the cost per object (ns/op divided by the objects) stays the same as the input grows.
//
//	go test ./evaluator -run '^$' -bench BenchmarkDecode -benchmem
func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{3000, 30000} {
		for name, data := range map[string][]byte{"json-list": benchJSONList(n), "yaml-docs": benchYAMLDocs(n), "yaml-list": benchYAMLList(n)} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					count := 0
					err := DecodeEach("bench", bytes.NewReader(data), func(*Document) error { count++; return nil })
					if err != nil || count != n {
						b.Fatalf("%d documents, %v", count, err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/object")
			})
		}
	}
}
