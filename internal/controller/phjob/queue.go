package phjob

import (
	"cmp"
	"slices"
	"time"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/quota"
)

// queued is what a scheduling cycle needs of a job waiting to start.
type queued struct {
	// key is namespace/name of the job, and of the pod it starts; it names the job's
	// reservation in the ledger, so the ledger releases it when the pod shows up.
	key string
	// groupLabel and userLabel are names.Label of the group and user, as pods carry them
	// and the ledger counts by; group and user are as people write them, for messages.
	groupLabel, userLabel string
	group, user           string
	created               time.Time
	request               quota.Usage
	// unchecked: the controller has not checked the job yet. It holds its place: the
	// group's later jobs wait until it is checked (within moments), so that the order of
	// checking never reorders the queue.
	unchecked bool
}

// verdictKind is what a cycle decided for a job.
type verdictKind int

const (
	// admit: the job fits; its request is reserved and its pod may be created.
	admit verdictKind = iota
	// waitUser: its user is over quota in the group; the group's later jobs of other
	// users may go first.
	waitUser
	// waitGroup: the group is over quota; no later job of the group starts this cycle.
	waitGroup
	// oversize: the instance type alone exceeds a quota; the job can never start.
	oversize
)

type verdict struct {
	kind    verdictKind
	message string
}

// cycle decides which queued jobs start, in order of creation within each group: a job
// starts when it fits its user's quota and then its group's, counted by the ledger (the
// webhook's arithmetic, fed by the same pod informer), and its request is reserved there
// at once, so the next job counts it. A user over quota waits, and so do their later jobs,
// so each user's jobs also start in order; a group over quota stops there for this cycle.
// quotas maps a group label to its quota; a group missing from it is unlimited.
func cycle(jobs []queued, quotas map[string]v1beta1.GroupQuota, ledger *quota.Ledger) map[string]verdict {
	slices.SortFunc(jobs, func(a, b queued) int {
		return cmp.Or(cmp.Compare(a.groupLabel, b.groupLabel), a.created.Compare(b.created), cmp.Compare(a.key, b.key))
	})
	verdicts := make(map[string]verdict, len(jobs))
	for start := 0; start < len(jobs); {
		end := start + 1
		for end < len(jobs) && jobs[end].groupLabel == jobs[start].groupLabel {
			end++
		}
		decideGroup(jobs[start:end], quotas[jobs[start].groupLabel], ledger, verdicts)
		start = end
	}
	return verdicts
}

// decideGroup decides one group's jobs, in order.
func decideGroup(jobs []queued, q v1beta1.GroupQuota, ledger *quota.Ledger, verdicts map[string]verdict) {
	perUser, total := quota.LimitsFrom(q.PerUser), quota.LimitsFrom(q.Total)
	waiting := map[string]string{} // user label -> why their first job waits
	for i, j := range jobs {
		if j.unchecked {
			return
		}
		accounts := func(used quota.Used) []quota.Account {
			return []quota.Account{
				{Scope: quota.ScopeUser, Name: j.user, Limits: perUser, Used: used.User},
				{Scope: quota.ScopeGroup, Name: j.group, Limits: total, Used: used.Group},
			}
		}
		if exceeded := quota.Check(j.request, accounts(quota.Used{})...); exceeded != nil {
			verdicts[j.key] = verdict{oversize, neverFits + exceeded.Error()}
			continue
		}
		if why, ok := waiting[j.userLabel]; ok {
			verdicts[j.key] = verdict{waitUser, why}
			continue
		}
		var exceeded *quota.Exceeded
		if ledger.Admit(j.groupLabel, j.userLabel, j.key, j.request, func(used quota.Used) bool {
			exceeded = quota.Check(j.request, accounts(used)...)
			return exceeded == nil
		}) {
			verdicts[j.key] = verdict{kind: admit}
			continue
		}
		why := "waiting for quota: " + exceeded.Error()
		if exceeded.Scope == quota.ScopeUser {
			waiting[j.userLabel] = why
			verdicts[j.key] = verdict{waitUser, why}
			continue
		}
		for _, rest := range jobs[i:] {
			if _, decided := verdicts[rest.key]; !decided {
				verdicts[rest.key] = verdict{waitGroup, why}
			}
		}
		return
	}
}
