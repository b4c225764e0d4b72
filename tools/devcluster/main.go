// Command devcluster runs a local Kubernetes control plane for PrimeHub's sandbox and tests:
// embedded etcd, kube-apiserver, kube-controller-manager and kube-scheduler, each as a child
// process of this one binary (the hyperkube pattern), with kwok simulating the nodes.
package main

import (
	"fmt"
	"os"
)

// subcommands maps the first argument to the component it runs. Each returns the exit code.
var subcommands = map[string]func(args []string) int{
	"up":                      runUp,
	"etcd":                    runEtcd,
	"kube-apiserver":          runAPIServer,
	"kube-controller-manager": runControllerManager,
	"kube-scheduler":          runScheduler,
	"kubectl":                 runKubectl,
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	run, ok := subcommands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "devcluster: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	os.Exit(run(os.Args[2:]))
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: devcluster <command> [flags]

commands:
  up --data-dir DIR        run the whole control plane and kwok nodes until SIGINT/SIGTERM
     [--authentication-config FILE]
                           with kube-apiserver trusting the JWT issuers FILE names
     [--run-notebooks]     running Debian's Jupyter server for every notebook pod
  kubectl ...              kubectl, built in
  etcd | kube-apiserver | kube-controller-manager | kube-scheduler
                           one component (started by "up"; rarely run by hand)
`)
}
