package phjob_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	clocktesting "k8s.io/utils/clock/testing"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/controller/phschedule"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/test/framework"
)

func TestScheduleFiresOnItsCronInTheSystemTimezone(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, nil)
	ctx := context.Background()
	settings, err := e.dir.GetSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	settings.Timezone = "Asia/Taipei"
	if _, err := e.dir.UpdateSettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	taipei, _ := time.LoadLocation("Asia/Taipei")
	clock := clocktesting.NewFakeClock(time.Date(2030, 1, 15, 3, 58, 0, 0, taipei))
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		return (&phschedule.Reconciler{Client: mgr.GetClient(), Settings: e.dir, Recorder: mgr.GetEventRecorder("phschedule"), Clock: clock}).SetupWithManager(mgr)
	})
	c := framework.Client()
	spec := e.job("", "alice", "cpu-1", time.Second).Spec
	daily := framework.MakePhSchedule("daily").Namespace(e.ns).Recurrence(v1beta1.RecurrenceDaily, "").JobSpec(spec).Obj()
	invalid := framework.MakePhSchedule("invalid").Namespace(e.ns).Recurrence(v1beta1.RecurrenceCustom, "0 25 * * *").JobSpec(spec).Obj()
	for _, s := range []*v1beta1.PhSchedule{daily, invalid} {
		if err := c.Create(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	// Daily is at 4 in the morning, system time.
	waitSchedule(t, daily, func(s *v1beta1.PhSchedule) error {
		if want := time.Date(2030, 1, 15, 4, 0, 0, 0, taipei); s.Status.NextRunTime == nil || !s.Status.NextRunTime.Time.Equal(want) {
			return fmt.Errorf("next run %v, want %s", s.Status.NextRunTime, want)
		}
		return nil
	})
	waitSchedule(t, invalid, func(s *v1beta1.PhSchedule) error {
		cond := meta.FindStatusCondition(s.Status.Conditions, "Scheduled")
		if cond == nil || cond.Reason != "InvalidCron" || !strings.Contains(cond.Message, "above maximum (23)") || s.Status.NextRunTime != nil {
			return fmt.Errorf("condition %+v, next run %v", cond, s.Status.NextRunTime)
		}
		return nil
	})

	// Past 4: the next reconcile (a touch stands in for the requeue at the real 4:00)
	// submits the job and sets the next day.
	clock.SetTime(time.Date(2030, 1, 15, 4, 0, 30, 0, taipei))
	touch(t, daily)
	var job string
	waitSchedule(t, daily, func(s *v1beta1.PhSchedule) error {
		if want := time.Date(2030, 1, 16, 4, 0, 0, 0, taipei); s.Status.NextRunTime == nil || !s.Status.NextRunTime.Time.Equal(want) || s.Status.LastJobName == "" {
			return fmt.Errorf("next run %v, last job %q", s.Status.NextRunTime, s.Status.LastJobName)
		}
		job = s.Status.LastJobName
		return nil
	})
	got := &v1beta1.PhJob{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: job}, got); err != nil {
		t.Fatal(err)
	}
	if got.Labels[phschedule.LabelPhSchedule] != "daily" || got.Spec.Command != spec.Command {
		t.Errorf("job %s: labels %v, spec %+v", got.Name, got.Labels, got.Spec)
	}
	waitPhase(t, got, v1beta1.PhJobSucceeded, 20*time.Second)

	// Touched again before the next day: nothing more is submitted.
	touch(t, daily)
	time.Sleep(time.Second)
	jobs := &v1beta1.PhJobList{}
	if err := c.List(ctx, jobs, client.InNamespace(e.ns), client.MatchingLabels{phschedule.LabelPhSchedule: "daily"}); err != nil {
		t.Fatal(err)
	}
	if len(jobs.Items) != 1 {
		t.Errorf("%d jobs submitted, want 1", len(jobs.Items))
	}
	now, err := phschedule.RunNow(ctx, c, daily)
	if err != nil || !strings.HasPrefix(now.Name, "daily-") {
		t.Fatalf("run now: %v, %v", now, err)
	}
}

func TestScheduleForbidSkipsARunWhileTheLastJobRuns(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, nil)
	clock := clocktesting.NewFakeClock(time.Date(2030, 1, 15, 10, 2, 0, 0, time.UTC))
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		return (&phschedule.Reconciler{Client: mgr.GetClient(), Settings: e.dir, Clock: clock}).SetupWithManager(mgr)
	})
	spec := e.job("", "alice", "cpu-1", time.Hour).Spec
	s := framework.MakePhSchedule("forbid").Namespace(e.ns).Recurrence(v1beta1.RecurrenceCustom, "*/5 * * * *").JobSpec(spec).Obj()
	s.Spec.ConcurrencyPolicy = v1beta1.ConcurrencyForbid
	if err := framework.Client().Create(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	var first string
	for i, at := range []time.Time{time.Date(2030, 1, 15, 10, 5, 1, 0, time.UTC), time.Date(2030, 1, 15, 10, 10, 1, 0, time.UTC)} {
		waitSchedule(t, s, func(s *v1beta1.PhSchedule) error {
			if s.Status.NextRunTime == nil || !s.Status.NextRunTime.Time.Equal(at.Truncate(time.Minute)) {
				return fmt.Errorf("next run %v, want %s", s.Status.NextRunTime, at.Truncate(time.Minute))
			}
			return nil
		})
		clock.SetTime(at)
		touch(t, s)
		if i == 0 {
			waitSchedule(t, s, func(s *v1beta1.PhSchedule) error {
				if first = s.Status.LastJobName; first == "" {
					return errors.New("no job submitted")
				}
				return nil
			})
			waitPhase(t, &v1beta1.PhJob{ObjectMeta: ctrlObjectMeta(e.ns, first)}, v1beta1.PhJobRunning, 20*time.Second)
		}
	}
	waitSchedule(t, s, func(s *v1beta1.PhSchedule) error {
		if s.Status.NextRunTime == nil || !s.Status.NextRunTime.Time.Equal(time.Date(2030, 1, 15, 10, 15, 0, 0, time.UTC)) {
			return fmt.Errorf("next run %v", s.Status.NextRunTime)
		}
		return nil
	})
	if s.Status.LastJobName != first {
		t.Errorf("a job %s was submitted while %s ran", s.Status.LastJobName, first)
	}
}

func waitSchedule(t *testing.T, s *v1beta1.PhSchedule, cond func(*v1beta1.PhSchedule) error) {
	t.Helper()
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		if err := framework.Client().Get(context.Background(), client.ObjectKeyFromObject(s), s); err != nil {
			return err
		}
		return cond(s)
	})
}

// touch changes an annotation, which makes the controller reconcile the schedule.
func touch(t *testing.T, s *v1beta1.PhSchedule) {
	t.Helper()
	patch := client.MergeFrom(s.DeepCopy())
	if s.Annotations == nil {
		s.Annotations = map[string]string{}
	}
	s.Annotations["test/touched"] = time.Now().String()
	if err := framework.Client().Patch(context.Background(), s, patch); err != nil {
		t.Fatal(err)
	}
}

func TestLogsThroughTheAPIServerAuthorizedLikeTheJob(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, nil)
	ctx := context.Background()
	g, err := e.dir.GetGroup(ctx, e.group())
	if err != nil {
		t.Fatal(err)
	}
	carol := e.user("carol")
	if _, err := e.dir.CreateUser(ctx, directory.User{Username: carol}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.dir.DeleteUser(ctx, carol) })
	g.Members, g.Admins = append(g.Members, carol), []string{carol}
	if _, err := e.dir.UpdateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	j := e.job("logs", "alice", "cpu-1", time.Hour)
	create(t, j)
	waitPhase(t, j, v1beta1.PhJobRunning, 20*time.Second)

	pods, err := kubernetes.NewForConfig(framework.Config())
	if err != nil {
		t.Fatal(err)
	}
	// Bearer tokens here are usernames; the Authenticator is tested with real ones in
	// internal/auth.
	identities := map[string]*auth.Identity{
		"alice": {Username: e.user("alice")},
		"bob":   {Username: e.user("bob")},
		"carol": {Username: carol, AdminOf: []string{e.group()}},
		"admin": {Username: "root", Admin: true},
	}
	srv := httptest.NewServer(&phjob.Logs{
		Reader: framework.Client(),
		Pods:   pods,
		Authenticate: func(r *http.Request) (*auth.Identity, error) {
			if id, ok := identities[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]; ok {
				return id, nil
			}
			return nil, auth.ErrUnauthenticated
		},
		Log: logr.Discard(),
	})
	t.Cleanup(srv.Close)
	get := func(who, query string) (int, string) {
		t.Helper()
		return framework.Get(t, srv.URL+phjob.LogsPrefix+"namespaces/"+e.ns+"/phjobs/logs"+query, who)
	}
	// kwok serves the same three lines for every pod (tools/devcluster).
	const all = "simulated by kwok: this pod runs no container\nline 2\nline 3\n"
	tests := []struct {
		who, query string
		code       int
		body       string
	}{
		{"alice", "", http.StatusOK, all},
		{"alice", "?tailLines=1", http.StatusOK, "line 3\n"},
		{"carol", "?tailLines=2", http.StatusOK, "line 2\nline 3\n"},
		{"admin", "", http.StatusOK, all},
		{"bob", "", http.StatusNotFound, "job logs not found\n"},
		{"nobody", "", http.StatusUnauthorized, "unauthenticated\n"},
		{"alice", "?tailLines=many", http.StatusBadRequest, "tailLines must be a number of lines, not \"many\"\n"},
	}
	for _, tt := range tests {
		if code, body := get(tt.who, tt.query); code != tt.code || body != tt.body {
			t.Errorf("%s%s: %d %q, want %d %q", tt.who, tt.query, code, body, tt.code, tt.body)
		}
	}

	// Followed, the lines come as they are written and the stream stays open.
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+phjob.LogsPrefix+"namespaces/"+e.ns+"/phjobs/logs?follow=true", nil)
	req.Header.Set("Authorization", "Bearer alice")
	reqCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(reqCtx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, len(all))
	if _, err := io.ReadFull(resp.Body, buf); err != nil || string(buf) != all {
		t.Fatalf("followed: %q, %v", buf, err)
	}
}

func ctrlObjectMeta(namespace, name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Namespace: namespace, Name: name}
}
