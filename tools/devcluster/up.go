package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// serviceIP is the ClusterIP of the kubernetes Service, first address of the service range.
// Nothing here routes to it: only loopback addresses carry traffic in the sandbox.
const (
	serviceCIDR = "10.0.0.0/16"
	serviceIP   = "10.0.0.1"
)

type upConfig struct {
	dataDir       string
	apiserverPort int
	etcdPort      int
	etcdPeerPort  int
	kcmPort       int
	schedulerPort int
	kwokPath      string
	podCIDR       string
	cpuNodes      int
	gpuNodes      int
	// authnConfig is kube-apiserver's --authentication-config, if any.
	authnConfig string
	// admissionConfig is kube-apiserver's --admission-control-config-file, written by up.
	admissionConfig string
	// runNotebooks runs a local Jupyter server for every notebook pod (notebooks.go).
	runNotebooks bool
}

func runUp(args []string) int {
	cfg := upConfig{}
	fs := flag.NewFlagSet("up", flag.ContinueOnError)
	fs.StringVar(&cfg.dataDir, "data-dir", "", "directory holding all cluster state (etcd, certificates, kubeconfig, logs); kept across restarts")
	fs.IntVar(&cfg.apiserverPort, "apiserver-port", 6443, "kube-apiserver secure port on 127.0.0.1")
	fs.IntVar(&cfg.etcdPort, "etcd-port", 2379, "etcd client port on 127.0.0.1")
	fs.IntVar(&cfg.etcdPeerPort, "etcd-peer-port", 2380, "etcd peer port on 127.0.0.1")
	fs.IntVar(&cfg.kcmPort, "controller-manager-port", 10257, "kube-controller-manager secure port on 127.0.0.1")
	fs.IntVar(&cfg.schedulerPort, "scheduler-port", 10259, "kube-scheduler secure port on 127.0.0.1")
	fs.StringVar(&cfg.kwokPath, "kwok", "", "kwok binary (default: kwok beside this binary, else on PATH); \"none\" runs no nodes")
	fs.StringVar(&cfg.podCIDR, "pod-cidr", "127.1.0.0/16", "pod IP range handed out by kwok; keep it inside 127.0.0.0/8")
	fs.IntVar(&cfg.cpuNodes, "cpu-nodes", 2, "simulated CPU nodes (8 cpu, 32Gi)")
	fs.IntVar(&cfg.gpuNodes, "gpu-nodes", 1, "simulated GPU nodes (8 cpu, 64Gi, 4 nvidia.com/gpu)")
	fs.StringVar(&cfg.authnConfig, "authentication-config", "", "kube-apiserver's structured authentication configuration (apiserver.config.k8s.io AuthenticationConfiguration), "+
		"such as a JWT issuer whose id_tokens kubectl --token may carry; kube-apiserver re-reads the file when it changes")
	fs.BoolVar(&cfg.runNotebooks, "run-notebooks", false, "run Debian's Jupyter server (/usr/bin/jupyter-server) for every notebook pod (label primehub.io/notebook) "+
		"at the pod's IP with its arguments and environment; the pod is Ready once the server answers its readiness probe")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := up(cfg); err != nil {
		fmt.Fprintf(os.Stderr, "devcluster: %v\n", err)
		return 1
	}
	return 0
}

func up(cfg upConfig) error {
	if cfg.dataDir == "" {
		return errors.New("--data-dir is required")
	}
	dir, err := prepareDataDir(cfg.dataDir)
	if err != nil {
		return err
	}
	cfg.dataDir = dir
	unlock, err := lockDataDir(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := checkPorts(map[string]int{
		"kube-apiserver (--apiserver-port)":                   cfg.apiserverPort,
		"etcd (--etcd-port)":                                  cfg.etcdPort,
		"etcd peer (--etcd-peer-port)":                        cfg.etcdPeerPort,
		"kube-controller-manager (--controller-manager-port)": cfg.kcmPort,
		"kube-scheduler (--scheduler-port)":                   cfg.schedulerPort,
	}); err != nil {
		return err
	}
	kwok, err := findKwok(cfg.kwokPath)
	if err != nil {
		return err
	}
	if cfg.runNotebooks {
		if err := checkJupyter(); err != nil {
			return err
		}
	}
	if cfg.authnConfig != "" {
		// Absolute, so kube-apiserver reads and watches this file whatever its working directory.
		if cfg.authnConfig, err = filepath.Abs(cfg.authnConfig); err != nil {
			return fmt.Errorf("--authentication-config: %w", err)
		}
		if _, err := os.Stat(cfg.authnConfig); err != nil {
			return fmt.Errorf("--authentication-config: %w", err)
		}
	}

	pk, err := ensurePKI(filepath.Join(dir, "pki"))
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	if cfg.admissionConfig, err = writeAdmissionConfig(pk); err != nil {
		return err
	}
	server := "https://127.0.0.1:" + strconv.Itoa(cfg.apiserverPort)
	adminKubeconfig := filepath.Join(dir, "kubeconfig")
	kcmKubeconfig := filepath.Join(dir, "pki", "controller-manager.kubeconfig")
	schedKubeconfig := filepath.Join(dir, "pki", "scheduler.kubeconfig")
	for path, id := range map[string]identity{adminKubeconfig: adminIdentity, kcmKubeconfig: controllerManagerIdentity, schedKubeconfig: schedulerIdentity} {
		if err := writeKubeconfig(path, server, pk, id); err != nil {
			return err
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	sup, err := newSupervisor(filepath.Join(dir, "logs"))
	if err != nil {
		return err
	}
	defer sup.stopAll()

	etcdURL := "http://127.0.0.1:" + strconv.Itoa(cfg.etcdPort)
	if err := sup.start("etcd",
		"--data-dir="+filepath.Join(dir, "etcd"),
		"--listen-client-url="+etcdURL,
		"--listen-peer-url=http://127.0.0.1:"+strconv.Itoa(cfg.etcdPeerPort),
	); err != nil {
		return err
	}
	if err := sup.waitFor(ctx, "etcd", 60*time.Second, func() error { return httpOK(etcdURL+"/health", nil) }); err != nil {
		return err
	}

	if err := sup.start("kube-apiserver", apiserverFlags(cfg, pk, etcdURL)...); err != nil {
		return err
	}
	admin, err := clientFromKubeconfig(adminKubeconfig)
	if err != nil {
		return err
	}
	if err := sup.waitFor(ctx, "kube-apiserver", 120*time.Second, func() error { return readyz(ctx, admin) }); err != nil {
		return err
	}

	if err := sup.start("kube-controller-manager", controllerManagerFlags(cfg, pk, kcmKubeconfig)...); err != nil {
		return err
	}
	if err := sup.start("kube-scheduler",
		"--kubeconfig="+schedKubeconfig,
		"--authentication-kubeconfig="+schedKubeconfig,
		"--authorization-kubeconfig="+schedKubeconfig,
		"--bind-address=127.0.0.1",
		"--secure-port="+strconv.Itoa(cfg.schedulerPort),
		"--leader-elect=false",
		// The default 50 requests/s binds 500 pods in ten seconds; the sandbox is the
		// scheduler's only client.
		"--kube-api-qps=500",
		"--kube-api-burst=1000",
	); err != nil {
		return err
	}

	if kwok != "" {
		configs, err := writeKwokConfig(dir)
		if err != nil {
			return err
		}
		if cfg.runNotebooks {
			stages, err := writeNotebookStages(dir)
			if err != nil {
				return err
			}
			configs = append(configs, stages...)
		}
		port, err := freePort()
		if err != nil {
			return fmt.Errorf("a port for kwok's kubelet server: %w", err)
		}
		if err := sup.startExternal("kwok", kwok, kwokFlags(cfg, adminKubeconfig, port, configs)...); err != nil {
			return err
		}
		if err := ensureNodes(ctx, admin, cfg.cpuNodes, cfg.gpuNodes); err != nil {
			return err
		}
		if err := ensureStorageClass(ctx, admin); err != nil {
			return err
		}
		if err := sup.waitFor(ctx, "nodes", 60*time.Second, func() error { return nodesReady(ctx, admin) }); err != nil {
			return err
		}
		if cfg.runNotebooks {
			stop, err := runNotebooks(ctx, admin, filepath.Join(dir, "notebooks"))
			if err != nil {
				return err
			}
			defer stop()
		}
	}

	fmt.Printf("devcluster: ready\n  kubeconfig: %s\n  server:     %s\n  logs:       %s\n  webhook client CA: %s\n",
		adminKubeconfig, server, filepath.Join(dir, "logs"), pk.path(webhookClientCA+".crt"))
	return sup.wait(ctx)
}

func apiserverFlags(cfg upConfig, pk *pki, etcdURL string) []string {
	flags := []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		// The endpoint reconciler refuses loopback addresses, and nothing in the sandbox
		// reaches the apiserver through the kubernetes Service anyway.
		"--endpoint-reconciler-type=none",
		"--secure-port=" + strconv.Itoa(cfg.apiserverPort),
		"--tls-cert-file=" + pk.path("apiserver.crt"),
		"--tls-private-key-file=" + pk.path("apiserver.key"),
		"--client-ca-file=" + pk.path("ca.crt"),
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + pk.path("sa.pub"),
		"--service-account-signing-key-file=" + pk.path("sa.key"),
		"--service-cluster-ip-range=" + serviceCIDR,
		"--authorization-mode=RBAC",
		// Webhooks are called with a client certificate (writeAdmissionConfig).
		"--admission-control-config-file=" + cfg.admissionConfig,
		"--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds," +
			"ResourceQuota,StorageObjectInUseProtection,MutatingAdmissionWebhook,ValidatingAdmissionPolicy,ValidatingAdmissionWebhook",
		"--allow-privileged=true",
		// kwok's nodes serve the kubelet API (pod logs) at their InternalIP; their Hostname
		// resolves nowhere.
		"--kubelet-preferred-address-types=InternalIP",
		"--profiling=false",
		"--v=0",
	}
	if cfg.authnConfig != "" {
		flags = append(flags, "--authentication-config="+cfg.authnConfig)
	}
	return flags
}

func controllerManagerFlags(cfg upConfig, pk *pki, kubeconfig string) []string {
	return []string{
		"--kubeconfig=" + kubeconfig,
		"--authentication-kubeconfig=" + kubeconfig,
		"--authorization-kubeconfig=" + kubeconfig,
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(cfg.kcmPort),
		"--leader-elect=false",
		"--use-service-account-credentials=true",
		"--service-account-private-key-file=" + pk.path("sa.key"),
		"--root-ca-file=" + pk.path("ca.crt"),
		"--cluster-signing-cert-file=" + pk.path("ca.crt"),
		"--cluster-signing-key-file=" + pk.path("ca.key"),
		"--service-cluster-ip-range=" + serviceCIDR,
		// kwok's pod IPs are loopback addresses, which the API server refuses in Endpoints
		// and EndpointSlices: these controllers would only retry failing writes for every
		// Service with a selector (a notebook's), and nothing in the sandbox reads them.
		"--controllers=*,-endpoints-controller,-endpointslice-controller,-endpointslice-mirroring-controller",
		"--profiling=false",
	}
}

// prepareDataDir makes DIR (absolute) and proves it is a writable directory.
func prepareDataDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data dir %q: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return "", fmt.Errorf("data dir %s is not a directory", abs)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return "", fmt.Errorf("data dir %s is unusable: %w", abs, err)
	}
	probe := filepath.Join(abs, ".write-test")
	if err := os.WriteFile(probe, nil, 0o600); err != nil {
		return "", fmt.Errorf("data dir %s is not writable: %w", abs, err)
	}
	_ = os.Remove(probe)
	return abs, nil
}

// lockDataDir takes an exclusive lock so that two clusters never share one etcd directory.
func lockDataDir(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("data dir %s is unusable: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("data dir %s is in use by another devcluster", dir)
	}
	return func() { f.Close() }, nil
}

func checkPorts(ports map[string]int) error {
	for name, port := range ports {
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			return fmt.Errorf("port %d for %s is already in use", port, name)
		}
		l.Close()
	}
	return nil
}

func httpOK(url string, client *http.Client) error {
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return nil
}
