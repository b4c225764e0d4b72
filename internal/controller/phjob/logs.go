package phjob

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/spawn"
)

// LogsPrefix is where job logs are served: LogsPrefix + namespaces/<ns>/phjobs/<name>,
// with follow=true to stream and tailLines=N for the last N lines.
const LogsPrefix = "/api/logs/"

// Logs serves a job's logs, the logs of its pod's main container read through the API
// server, to whoever may see the job: its owner, the admins of its group, system
// administrators and the shared secret.
type Logs struct {
	// Reader reads jobs from the cache.
	Reader client.Reader
	// Pods reads pod logs.
	Pods         kubernetes.Interface
	Authenticate func(*http.Request) (*auth.Identity, error)
	Log          logr.Logger
}

func (l *Logs) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "GET only", http.StatusMethodNotAllowed)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, LogsPrefix), "/")
	if len(parts) != 4 || parts[0] != "namespaces" || parts[2] != "phjobs" || parts[1] == "" || parts[3] == "" {
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
	job := &v1beta1.PhJob{}
	err = l.Reader.Get(r.Context(), client.ObjectKey{Namespace: parts[1], Name: parts[3]}, job)
	// A job one may not see is answered as one that does not exist.
	if apierrors.IsNotFound(err) || (err == nil && !mayRead(id, job)) {
		http.Error(w, fmt.Sprintf("job %s not found", parts[3]), http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, "reading the job failed", http.StatusInternalServerError)
		l.Log.Error(err, "read job", "namespace", parts[1], "name", parts[3])
		return
	}
	if job.Status.PodName == "" {
		http.Error(w, "the job has not started, so it has no logs yet", http.StatusConflict)
		return
	}
	stream, err := l.Pods.CoreV1().Pods(job.Namespace).GetLogs(job.Status.PodName, opts).Stream(r.Context())
	if err != nil {
		var status apierrors.APIStatus
		if errors.As(err, &status) && status.Status().Code == http.StatusNotFound {
			http.Error(w, "the job's pod is gone, and its logs with it", http.StatusGone)
			return
		}
		http.Error(w, "reading the logs failed: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer stream.Close()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if _, err := io.Copy(flushWriter{w}, stream); err != nil && r.Context().Err() == nil {
		l.Log.V(1).Info("log stream ended", "job", job.Name, "error", err.Error())
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

// flushWriter sends each piece of a followed log as it comes.
type flushWriter struct{ w http.ResponseWriter }

func (f flushWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if fl, ok := f.w.(http.Flusher); ok {
		fl.Flush()
	}
	return n, err
}
