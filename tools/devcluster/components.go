package main

import (
	"os"

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	kubectlcmd "k8s.io/kubectl/pkg/cmd"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

func runAPIServer(args []string) int {
	return runCobra(apiserver.NewAPIServerCommand(), args)
}

func runControllerManager(args []string) int {
	return runCobra(controllermanager.NewControllerManagerCommand(), args)
}

func runScheduler(args []string) int {
	return runCobra(scheduler.NewSchedulerCommand(), args)
}

func runKubectl(args []string) int {
	return runCobra(kubectlcmd.NewDefaultKubectlCommand(), args)
}

// runCobra runs a component's own command as if it were its own binary.
func runCobra(cmd *cobra.Command, args []string) int {
	os.Args = append([]string{cmd.Name()}, args...)
	cmd.SetArgs(args)
	return cli.Run(cmd)
}
