package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/kubernetes/third_party/forked/golang/expansion"
)

// --run-notebooks: the sandbox serves real notebooks. For every notebook pod (labelled
// primehub.io/notebook) kwok marks Running, devcluster runs Debian's Jupyter server as a
// local process at the pod's loopback IP, with the pod's own arguments and environment,
// marks the pod Ready when the server answers the pod's readiness probe, and stops the
// server when the pod goes.

const (
	labelNotebook = "primehub.io/notebook"
	// localJupyter stands in for the image's `jupyter server` (and `jupyter lab`, which
	// Debian does not package): Debian's, run by Debian's python, whatever python3 is on PATH.
	localJupyter   = "/usr/bin/jupyter-server"
	jupyterInstall = "apt-get install -y jupyter-server python3-ipykernel jupyter-notebook python3-nbclassic"
)

//go:embed notebookstages/*.yaml
var notebookStageFiles embed.FS

// writeNotebookStages adds the stage that leaves notebook pods unready until their server
// answers to kwok's configuration.
func writeNotebookStages(dataDir string) ([]string, error) {
	data, err := notebookStageFiles.ReadFile("notebookstages/pod-notebook.yaml")
	if err != nil {
		return nil, err
	}
	p := filepath.Join(dataDir, "kwok", "pod-notebook.yaml")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return nil, fmt.Errorf("write kwok stage %s: %w", p, err)
	}
	return []string{p}, nil
}

// checkJupyter tells how to install the local Jupyter server when it is missing.
func checkJupyter() error {
	if _, err := os.Stat(localJupyter); err != nil {
		return fmt.Errorf("--run-notebooks needs Debian's Jupyter server (%s): %s", localJupyter, jupyterInstall)
	}
	return nil
}

// notebookRunner runs the notebook servers of the sandbox.
type notebookRunner struct {
	cs *kubernetes.Clientset
	// dir holds each notebook's home (kept across restarts, as a home volume is) and logs.
	dir string

	mu      sync.Mutex
	running map[types.UID]*notebookServer
}

// notebookServer is one pod's server process, restarted when it exits (restartPolicy Always)
// until the pod goes.
type notebookServer struct {
	stop chan struct{}
	done chan struct{}
}

// runNotebooks runs notebook servers until stop is called, which stops them all.
func runNotebooks(ctx context.Context, cs *kubernetes.Clientset, dir string) (stop func(), err error) {
	ctx, cancel := context.WithCancel(ctx)
	r := &notebookRunner{cs: cs, dir: dir, running: map[types.UID]*notebookServer{}}
	factory := informers.NewSharedInformerFactoryWithOptions(cs, 0, informers.WithTweakListOptions(func(o *metav1.ListOptions) {
		o.LabelSelector = labelNotebook
	}))
	inf := factory.Core().V1().Pods().Informer()
	if _, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { r.sync(ctx, obj) },
		UpdateFunc: func(_, obj any) { r.sync(ctx, obj) },
		DeleteFunc: func(obj any) {
			if d, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = d.Obj
			}
			if pod, ok := obj.(*corev1.Pod); ok {
				r.stopServer(pod.UID)
			}
		},
	}); err != nil {
		cancel()
		return nil, err
	}
	factory.Start(ctx.Done())
	return func() {
		cancel()
		factory.Shutdown()
		r.stopAll()
	}, nil
}

func (r *notebookRunner) sync(ctx context.Context, obj any) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return
	}
	if pod.DeletionTimestamp != nil || pod.Status.Phase != corev1.PodRunning || pod.Status.PodIP == "" {
		r.stopServer(pod.UID)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.running[pod.UID]; ok || ctx.Err() != nil {
		return
	}
	s := &notebookServer{stop: make(chan struct{}), done: make(chan struct{})}
	r.running[pod.UID] = s
	go r.serve(ctx, pod.DeepCopy(), s)
}

func (r *notebookRunner) stopServer(uid types.UID) {
	r.mu.Lock()
	s, ok := r.running[uid]
	delete(r.running, uid)
	r.mu.Unlock()
	if ok {
		close(s.stop)
		<-s.done
	}
}

func (r *notebookRunner) stopAll() {
	r.mu.Lock()
	uids := make([]types.UID, 0, len(r.running))
	for uid := range r.running {
		uids = append(uids, uid)
	}
	r.mu.Unlock()
	for _, uid := range uids {
		r.stopServer(uid)
	}
}

// serve runs the pod's server until the pod goes, restarting it when it exits.
func (r *notebookRunner) serve(ctx context.Context, pod *corev1.Pod, s *notebookServer) {
	defer close(s.done)
	name := pod.Namespace + "/" + pod.Name
	logPath := filepath.Join(r.dir, "logs", pod.Namespace+"_"+pod.Name+".log")
	// Back off as the kubelet does with a container that keeps exiting.
	for backoff := 3 * time.Second; ; backoff = min(2*backoff, 5*time.Minute) {
		err := r.runOnce(ctx, pod, s.stop, logPath)
		select {
		case <-s.stop:
			return
		default:
		}
		fmt.Fprintf(os.Stderr, "devcluster: notebook server of pod %s: %v (log %s); restarting in %s\n", name, err, logPath, backoff)
		r.setReady(ctx, pod, false, "the notebook server exited: "+err.Error())
		select {
		case <-s.stop:
			return
		case <-time.After(backoff):
		}
	}
}

// runOnce starts the server, marks the pod Ready once it answers and waits for it to exit
// or be stopped.
func (r *notebookRunner) runOnce(ctx context.Context, pod *corev1.Pod, stop <-chan struct{}, logPath string) error {
	if len(pod.Spec.Containers) == 0 {
		return errors.New("no container")
	}
	c := pod.Spec.Containers[0]
	env, err := r.containerEnv(ctx, pod, c)
	if err != nil {
		return err
	}
	home := filepath.Join(r.dir, "home", pod.Namespace, pod.Name)
	if err := os.MkdirAll(home, 0o755); err != nil {
		return err
	}
	argv, err := localServer(c.Command, c.Args, env, pod.Status.PodIP, os.Geteuid() == 0)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return err
	}
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()
	fmt.Fprintf(logFile, "\n==== %s %q\n", time.Now().Format(time.RFC3339), argv)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = home
	cmd.Env = append(envList(env), "HOME="+home, "PATH=/usr/bin:/bin")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// A process group, so the kernels go with the server; and gone with devcluster.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	probeCtx, cancelProbe := context.WithCancel(ctx)
	defer cancelProbe()
	go func() {
		if waitReady(probeCtx, pod, c.ReadinessProbe) {
			r.setReady(ctx, pod, true, "")
		}
	}()
	select {
	case err := <-exited:
		if err == nil {
			err = errors.New("exited")
		}
		return err
	case <-stop:
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		return nil
	}
}

// localServer is the command line that runs the image's Jupyter server here: the image's
// `jupyter server` (or `jupyter lab`, or jupyter-server) becomes Debian's, with the pod's
// arguments after it ($(VAR) expanded as Kubernetes does), listening at the pod's IP, as
// the pod's server listens on all of the pod's addresses.
func localServer(command, args []string, env map[string]string, podIP string, root bool) ([]string, error) {
	argv := append(append([]string{}, command...), args...)
	mapping := expansion.MappingFuncFor(env)
	for i := range argv {
		argv[i] = expansion.Expand(argv[i], mapping)
	}
	var rest []string
	found := false
	for i, a := range argv {
		switch filepath.Base(a) {
		case "jupyter":
			if i+1 < len(argv) && (argv[i+1] == "server" || argv[i+1] == "lab") {
				rest, found = argv[i+2:], true
			}
		case "jupyter-server", "jupyter-lab":
			rest, found = argv[i+1:], true
		}
		if found {
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("no `jupyter server` in the container's command %q: only that runs in the sandbox", argv)
	}
	// Options given twice are refused: the pod's address and remote access are replaced.
	out := []string{localJupyter}
	for _, a := range rest {
		name, _, _ := strings.Cut(a, "=")
		if name != "--ip" && name != "--ServerApp.ip" && name != "--ServerApp.allow_remote_access" {
			out = append(out, a)
		}
	}
	out = append(out, "--ServerApp.ip="+podIP, "--ServerApp.allow_remote_access=True")
	if root {
		out = append(out, "--allow-root")
	}
	return out, nil
}

// containerEnv resolves the container's variables as the kubelet would: values, and
// references to Secrets, ConfigMaps and the pod's own fields.
func (r *notebookRunner) containerEnv(ctx context.Context, pod *corev1.Pod, c corev1.Container) (map[string]string, error) {
	env := map[string]string{}
	for _, e := range c.Env {
		switch from := e.ValueFrom; {
		case from == nil:
			env[e.Name] = expansion.Expand(e.Value, expansion.MappingFuncFor(env))
		case from.SecretKeyRef != nil:
			s, err := r.cs.CoreV1().Secrets(pod.Namespace).Get(ctx, from.SecretKeyRef.Name, metav1.GetOptions{})
			if err != nil {
				return nil, fmt.Errorf("env %s: %w", e.Name, err)
			}
			env[e.Name] = string(s.Data[from.SecretKeyRef.Key])
		case from.ConfigMapKeyRef != nil:
			cm, err := r.cs.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, from.ConfigMapKeyRef.Name, metav1.GetOptions{})
			if err != nil {
				return nil, fmt.Errorf("env %s: %w", e.Name, err)
			}
			env[e.Name] = cm.Data[from.ConfigMapKeyRef.Key]
		case from.FieldRef != nil:
			env[e.Name] = map[string]string{"metadata.name": pod.Name, "metadata.namespace": pod.Namespace,
				"status.podIP": pod.Status.PodIP, "spec.nodeName": pod.Spec.NodeName}[from.FieldRef.FieldPath]
		}
	}
	return env, nil
}

func envList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// waitReady polls the container's HTTP readiness probe at the pod's IP until it answers
// 2xx or 3xx, as the kubelet would; a container without one is ready when it starts.
func waitReady(ctx context.Context, pod *corev1.Pod, probe *corev1.Probe) bool {
	if probe == nil || probe.HTTPGet == nil {
		return true
	}
	port := probe.HTTPGet.Port.IntValue()
	url := "http://" + net.JoinHostPort(pod.Status.PodIP, strconv.Itoa(port)) + probe.HTTPGet.Path
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for {
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode >= 200 && resp.StatusCode < 400 {
				return true
			}
		}
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
}

// setReady writes the pod's readiness, as the kubelet reports a probe's result.
func (r *notebookRunner) setReady(ctx context.Context, pod *corev1.Pod, ready bool, message string) {
	status, reason := "True", ""
	if !ready {
		status, reason = "False", "ContainersNotReady"
	}
	now := metav1.Now().UTC().Format(time.RFC3339)
	var conditions []string
	for _, t := range []string{"ContainersReady", "Ready"} {
		conditions = append(conditions, fmt.Sprintf(`{"type":%q,"status":%q,"reason":%q,"message":%q,"lastTransitionTime":%q}`, t, status, reason, message, now))
	}
	var containers []string
	for _, c := range pod.Spec.Containers {
		containers = append(containers, fmt.Sprintf(`{"name":%q,"ready":%t}`, c.Name, ready))
	}
	patch := fmt.Sprintf(`{"status":{"conditions":[%s],"containerStatuses":[%s]}}`, strings.Join(conditions, ","), strings.Join(containers, ","))
	_, err := r.cs.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, []byte(patch), metav1.PatchOptions{}, "status")
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "devcluster: mark pod %s/%s ready=%t: %v\n", pod.Namespace, pod.Name, ready, err)
	}
}
