// Command aksarc-opa checks Kubernetes manifests, cluster dumps and ClusterSnapshots against
// the AKS Arc support policy. See `aksarc-opa help`.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
