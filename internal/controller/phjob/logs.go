package phjob

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	phapp "github.com/primehub/primehub/internal/controller/app"
	phdeployment "github.com/primehub/primehub/internal/controller/deployment"
	"github.com/primehub/primehub/internal/spawn"
)

// LogsPrefix is where job logs are served: LogsPrefix + namespaces/<ns>/phjobs/<name>,
// with follow=true to stream and tailLines=N for the last N lines; and the logs of a model
// deployment's or an application's pods: LogsPrefix +
// namespaces/<ns>/phdeployments/<id>/pods/<pod> or namespaces/<ns>/phapplications/<id>/pods/<pod>.
const LogsPrefix = "/api/logs/"

// Logs serves a job's logs, the logs of its pod's main container read through the API
// server, to whoever may see the job: its owner, the admins of its group, system
// administrators and the shared secret.
//
// Streams are bounded, so that nobody holds the server's connections or the API server's
// log streams: a user has at most MaxStreams at once, each ends after MaxBytes, and a
// stream on which nothing was read or written for IdleTimeout ends.
type Logs struct {
	// Reader reads jobs from the cache.
	Reader client.Reader
	// Pods reads pod logs.
	Pods         kubernetes.Interface
	Authenticate func(*http.Request) (*auth.Identity, error)
	Log          logr.Logger
	// MaxStreams, MaxBytes and IdleTimeout bound streams; zero means the default.
	MaxStreams  int
	MaxBytes    int64
	IdleTimeout time.Duration

	mu      sync.Mutex
	streams map[string]int // by username ("" for the shared secret)
}

// Default bounds of log streams.
const (
	DefaultMaxLogStreams  = 4
	DefaultMaxLogBytes    = 32 << 20
	DefaultLogIdleTimeout = 5 * time.Minute
)

func (l *Logs) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "GET only", http.StatusMethodNotAllowed)
		return
	}
	namespace, name, ok := logPath(r.URL.Path)
	wl, isWorkload := workloadLogPath(r.URL.Path)
	if !ok && !isWorkload {
		http.NotFound(w, r)
		return
	}
	opts, err := logOptions(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id, err := l.Authenticate(r)
	if err != nil {
		http.Error(w, "unauthenticated", http.StatusUnauthorized)
		return
	}
	var podName string
	if isWorkload {
		namespace, name = wl.namespace, wl.name
		if podName, ok = l.workloadPod(w, r, id, wl); !ok {
			return
		}
	} else {
		job := &v1beta1.PhJob{}
		err = l.Reader.Get(r.Context(), client.ObjectKey{Namespace: namespace, Name: name}, job)
		// A job one may not see is answered as one that does not exist.
		if apierrors.IsNotFound(err) || (err == nil && !mayRead(id, job)) {
			http.Error(w, fmt.Sprintf("job %s not found", name), http.StatusNotFound)
			return
		}
		if err != nil {
			http.Error(w, "reading the job failed", http.StatusInternalServerError)
			l.Log.Error(err, "read job", "namespace", namespace, "name", name)
			return
		}
		if job.Status.PodName == "" {
			http.Error(w, "the job has not started, so it has no logs yet", http.StatusConflict)
			return
		}
		podName = job.Status.PodName
	}
	if !l.acquire(id.Username) {
		http.Error(w, fmt.Sprintf("you have %d log streams open, the most one may: close one first", l.maxStreams()), http.StatusTooManyRequests)
		return
	}
	defer l.release(id.Username)
	maxBytes := cmp.Or(l.MaxBytes, DefaultMaxLogBytes)
	opts.LimitBytes = &maxBytes
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	idle := cmp.Or(l.IdleTimeout, DefaultLogIdleTimeout)
	quiet := time.AfterFunc(idle, cancel)
	defer quiet.Stop()
	stream, err := l.Pods.CoreV1().Pods(namespace).GetLogs(podName, opts).Stream(ctx)
	if err != nil {
		var status apierrors.APIStatus
		if errors.As(err, &status) && status.Status().Code == http.StatusNotFound {
			http.Error(w, "the pod is gone, and its logs with it", http.StatusGone)
			return
		}
		http.Error(w, "reading the logs failed: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer stream.Close()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	out := &idleWriter{w: w, rc: http.NewResponseController(w), idle: idle, quiet: quiet}
	n, err := io.Copy(out, io.LimitReader(stream, maxBytes))
	quiet.Stop()
	// Time to say why the stream ends, and to end the response properly.
	_ = out.rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
	switch {
	case n >= maxBytes:
		_, _ = fmt.Fprintf(w, "\n[primehub: the log stream ends here, at its limit of %d bytes; ask for tailLines to read the end]\n", maxBytes)
	case ctx.Err() != nil && r.Context().Err() == nil:
		_, _ = fmt.Fprintf(w, "[primehub: the log stream ends here, after %s without a line; open it again to follow on]\n", idle)
	case err != nil && r.Context().Err() == nil:
		l.Log.V(1).Info("log stream ended", "name", name, "pod", podName, "error", err.Error())
	}
}

// workloadKind is a group workload whose pods' logs the group's members read: how to read
// its group, and the label its pods carry with its name.
type workloadKind struct {
	what    string
	label   string
	newObj  func() client.Object
	groupOf func(client.Object) string
}

// workloadKinds are keyed by their resource name in the log path.
var workloadKinds = map[string]workloadKind{
	"phdeployments": {what: "deployment", label: phdeployment.LabelDeployment, newObj: func() client.Object { return &v1beta1.PhDeployment{} },
		groupOf: func(o client.Object) string { return o.(*v1beta1.PhDeployment).Spec.Group }},
	"phapplications": {what: "application", label: phapp.LabelApp, newObj: func() client.Object { return &v1beta1.PhApplication{} },
		groupOf: func(o client.Object) string { return o.(*v1beta1.PhApplication).Spec.Group }},
}

// workloadLog is a pod's log of a group workload asked for.
type workloadLog struct {
	kind                 workloadKind
	namespace, name, pod string
}

// workloadLogPath reads namespaces/<ns>/<resource>/<id>/pods/<pod> under LogsPrefix.
func workloadLogPath(path string) (workloadLog, bool) {
	parts := strings.Split(strings.TrimPrefix(path, LogsPrefix), "/")
	if !strings.HasPrefix(path, LogsPrefix) || len(parts) != 6 || parts[0] != "namespaces" || parts[4] != "pods" ||
		parts[1] == "" || parts[3] == "" || parts[5] == "" {
		return workloadLog{}, false
	}
	kind, ok := workloadKinds[parts[2]]
	return workloadLog{kind: kind, namespace: parts[1], name: parts[3], pod: parts[5]}, ok
}

// workloadPod answers the pod whose logs id asks for: one of the workload's own pods
// (labelled with it), of a workload of a group id is a member of. It answers the error
// itself otherwise.
func (l *Logs) workloadPod(w http.ResponseWriter, r *http.Request, id *auth.Identity, wl workloadLog) (string, bool) {
	obj := wl.kind.newObj()
	err := l.Reader.Get(r.Context(), client.ObjectKey{Namespace: wl.namespace, Name: wl.name}, obj)
	// A workload one may not see is answered as one that does not exist.
	if apierrors.IsNotFound(err) || (err == nil && !id.Admin && !slices.Contains(id.Groups, wl.kind.groupOf(obj))) {
		http.Error(w, fmt.Sprintf("%s %s not found", wl.kind.what, wl.name), http.StatusNotFound)
		return "", false
	}
	if err != nil {
		http.Error(w, fmt.Sprintf("reading the %s failed", wl.kind.what), http.StatusInternalServerError)
		l.Log.Error(err, "read "+wl.kind.what, "namespace", wl.namespace, "name", wl.name)
		return "", false
	}
	p := &corev1.Pod{}
	err = l.Reader.Get(r.Context(), client.ObjectKey{Namespace: wl.namespace, Name: wl.pod}, p)
	if apierrors.IsNotFound(err) || (err == nil && p.Labels[wl.kind.label] != wl.name) {
		http.Error(w, fmt.Sprintf("%s %s has no pod %s", wl.kind.what, wl.name, wl.pod), http.StatusNotFound)
		return "", false
	}
	if err != nil {
		http.Error(w, "reading the pod failed", http.StatusInternalServerError)
		return "", false
	}
	return wl.pod, true
}

// logPath reads namespaces/<ns>/phjobs/<name> under LogsPrefix.
func logPath(path string) (namespace, name string, ok bool) {
	parts := strings.Split(strings.TrimPrefix(path, LogsPrefix), "/")
	if !strings.HasPrefix(path, LogsPrefix) || len(parts) != 4 || parts[0] != "namespaces" || parts[2] != "phjobs" || parts[1] == "" || parts[3] == "" {
		return "", "", false
	}
	return parts[1], parts[3], true
}

func (l *Logs) maxStreams() int { return cmp.Or(l.MaxStreams, DefaultMaxLogStreams) }

// acquire takes one of username's streams, if one is left.
func (l *Logs) acquire(username string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.streams == nil {
		l.streams = map[string]int{}
	}
	if l.streams[username] >= l.maxStreams() {
		return false
	}
	l.streams[username]++
	return true
}

func (l *Logs) release(username string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.streams[username]--; l.streams[username] <= 0 {
		delete(l.streams, username)
	}
}

// mayRead tells whether id may see job.
func mayRead(id *auth.Identity, job *v1beta1.PhJob) bool {
	return id.Admin || (id.Username != "" && id.Username == job.Spec.User) || slices.Contains(id.AdminOf, job.Spec.Group)
}

// logOptions reads follow and tailLines.
func logOptions(r *http.Request) (*corev1.PodLogOptions, error) {
	q := r.URL.Query()
	opts := &corev1.PodLogOptions{Container: spawn.MainContainer}
	if v := q.Get("follow"); v != "" {
		follow, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("follow must be true or false, not %q", v)
		}
		opts.Follow = follow
	}
	if v := q.Get("tailLines"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("tailLines must be a number of lines, not %q", v)
		}
		opts.TailLines = &n
	}
	return opts, nil
}

// idleWriter sends each piece of a followed log as it comes. Each piece restarts the idle
// timer, and must reach the client within the idle timeout: a client that stops reading
// does not hold the stream either.
type idleWriter struct {
	w     http.ResponseWriter
	rc    *http.ResponseController
	idle  time.Duration
	quiet *time.Timer
}

func (f *idleWriter) Write(p []byte) (int, error) {
	f.quiet.Reset(f.idle)
	_ = f.rc.SetWriteDeadline(time.Now().Add(f.idle))
	n, err := f.w.Write(p)
	if err == nil {
		if err = f.rc.Flush(); errors.Is(err, http.ErrNotSupported) {
			err = nil
		}
	}
	return n, err
}
