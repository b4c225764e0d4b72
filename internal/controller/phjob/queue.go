package phjob

import (
	"cmp"
	"slices"
	"time"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/launch"
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
	// instanceType names the job's instance type; request is what it asks for, filled in
	// from the instance type when a cycle takes the job.
	instanceType string
	request      quota.Usage
	// generation is the job's, as the entry was made from it.
	generation int64
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

// jobQueue is the jobs waiting to start, kept between cycles from the PhJob informer's
// events so that a cycle neither lists nor sorts them: each group's jobs are in the order
// they start (creation, then key), placed there when they are set. It also records which
// groups changed since the last cycle took them, for a cycle to decide only those.
type jobQueue struct {
	entries map[string]queued   // job key -> its entry
	groups  map[string][]queued // group label -> its jobs in order
	changed map[string]bool     // group labels to decide in the next cycle
}

func newJobQueue() *jobQueue {
	return &jobQueue{entries: map[string]queued{}, groups: map[string][]queued{}, changed: map[string]bool{}}
}

// startOrder is the order of a group's jobs: the oldest first; the key breaks ties of
// creation times, which are whole seconds.
func startOrder(a, b queued) int {
	return cmp.Or(a.created.Compare(b.created), cmp.Compare(a.key, b.key))
}

// set puts j in its place in its group, replacing what the queue held under its key, and
// marks the group (and the job's former group) changed.
func (q *jobQueue) set(j queued) {
	q.remove(j.key)
	jobs := q.groups[j.groupLabel]
	i, _ := slices.BinarySearchFunc(jobs, j, startOrder)
	q.groups[j.groupLabel] = slices.Insert(jobs, i, j)
	q.entries[j.key] = j
	q.changed[j.groupLabel] = true
}

// remove takes the job out of the queue, if it is there, and marks its group changed.
func (q *jobQueue) remove(key string) {
	j, ok := q.entries[key]
	if !ok {
		return
	}
	delete(q.entries, key)
	jobs := q.groups[j.groupLabel]
	if i, found := slices.BinarySearchFunc(jobs, j, startOrder); found {
		jobs = slices.Delete(jobs, i, i+1)
	}
	if len(jobs) == 0 {
		delete(q.groups, j.groupLabel)
	} else {
		q.groups[j.groupLabel] = jobs
	}
	q.changed[j.groupLabel] = true
}

// has tells whether the job is queued.
func (q *jobQueue) has(key string) bool {
	_, ok := q.entries[key]
	return ok
}

// touch marks a group changed: something its decisions depend on (its pods, its
// reservations, its quota) changed.
func (q *jobQueue) touch(groupLabel string) { q.changed[groupLabel] = true }

// touchAll marks every group with queued jobs changed.
func (q *jobQueue) touchAll() {
	for g := range q.groups {
		q.changed[g] = true
	}
}

// take returns the groups changed since the last take that have queued jobs, and forgets
// the changes. A group's jobs are jobs(group), in order.
func (q *jobQueue) take() []string {
	var groups []string
	for g := range q.changed {
		if len(q.groups[g]) > 0 {
			groups = append(groups, g)
		}
	}
	clear(q.changed)
	return groups
}

// jobs are a group's queued jobs, in order; the slice is the queue's own, valid until the
// queue changes.
func (q *jobQueue) jobs(groupLabel string) []queued { return q.groups[groupLabel] }

// cycle decides which queued jobs start: groups maps a group label to its jobs in order of
// creation (as the jobQueue keeps them). A job starts when it fits its user's quota and then
// its group's, counted by the ledger (the webhook's arithmetic, fed by the same pod
// informer), and its request is reserved there at once, so the next job counts it. A user
// over quota waits, and so do their later jobs, so each user's jobs also start in order; a
// group over quota stops there for this cycle. quotas maps a group label to its quota; a
// group missing from it is unlimited. Groups are independent: a cycle may decide any of
// them, and the others keep their verdicts.
func cycle(groups map[string][]queued, quotas map[string]v1beta1.GroupQuota, ledger *quota.Ledger) map[string]verdict {
	n := 0
	for _, jobs := range groups {
		n += len(jobs)
	}
	verdicts := make(map[string]verdict, n)
	for g, jobs := range groups {
		decideGroup(jobs, quotas[g], ledger, verdicts)
	}
	return verdicts
}

// decideGroup decides one group's jobs, in order.
func decideGroup(jobs []queued, q v1beta1.GroupQuota, ledger *quota.Ledger, verdicts map[string]verdict) {
	waiting := map[string]string{} // user label -> why their first job waits
	for i, j := range jobs {
		if j.unchecked {
			return
		}
		accounts := func(used quota.Used) []quota.Account { return launch.Accounts(j.user, j.group, q, used) }
		if exceeded := quota.Check(j.request, accounts(quota.Used{})...); exceeded != nil {
			verdicts[j.key] = verdict{oversize, launch.NeverFits + exceeded.Error()}
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
