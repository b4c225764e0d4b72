package serve

import (
	"context"
	"fmt"

	"k8s.io/client-go/kubernetes"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/controller/phschedule"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/server"
)

// jobWorkers is how many jobs are reconciled at once: starting a job renders its pod and
// creates it, so a burst of admissions starts this many pods in parallel. Each job's
// verdict is one status write; with 16 workers a burst of submissions (100 in flight)
// took most of the API server, and the verdicts waited until it ended (test/bench/phjob).
const jobWorkers = 64

// setupJobs runs the job scheduler and the PhJob and PhSchedule controllers, and serves
// job logs.
func setupJobs(mgr ctrl.Manager, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server) error {
	scheduler := &phjob.Scheduler{
		Reader:    mgr.GetCache(),
		Groups:    id.Directory,
		Namespace: o.Namespace,
		Log:       mgr.GetLogger().WithName("phjob-scheduler"),
	}
	// Registering informers does not wait for them; the manager starts and syncs them.
	if err := scheduler.Setup(context.Background(), mgr.GetCache()); err != nil {
		return fmt.Errorf("job scheduler: %w", err)
	}
	if err := mgr.Add(scheduler); err != nil {
		return err
	}
	jobs := &phjob.Reconciler{
		Client:    mgr.GetClient(),
		APIReader: mgr.GetAPIReader(),
		People:    id.Directory,
		Launcher:  launcher,
		Scheduler: scheduler,
		Recorder:  mgr.GetEventRecorder("phjob"),
		Workers:   jobWorkers,
	}
	if err := jobs.SetupWithManager(mgr); err != nil {
		return fmt.Errorf("phjob controller: %w", err)
	}
	schedules := &phschedule.Reconciler{Client: mgr.GetClient(), Settings: id.Directory, Recorder: mgr.GetEventRecorder("phschedule")}
	if err := schedules.SetupWithManager(mgr); err != nil {
		return fmt.Errorf("phschedule controller: %w", err)
	}
	pods, err := kubernetes.NewForConfig(mgr.GetConfig())
	if err != nil {
		return fmt.Errorf("kubernetes client for job logs: %w", err)
	}
	srv.HandleStreaming(phjob.LogsPrefix, &phjob.Logs{
		Reader:       mgr.GetClient(),
		Pods:         pods,
		Authenticate: id.Authenticator.Authenticate,
		Log:          mgr.GetLogger().WithName("phjob-logs"),
	})
	return nil
}
