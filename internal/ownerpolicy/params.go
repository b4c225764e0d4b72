// Package ownerpolicy installs the API server's admission policy that nobody acts as
// another user (config/admission/workload-owner.yaml, docs/admission.md) and keeps who
// acts for anyone written into it.
package ownerpolicy

import (
	"slices"
	"strconv"
	"strings"

	"github.com/primehub/primehub/internal/directory"
)

// Name names the policy and its binding.
const Name = "primehub-workload-owner"

// actsForAnyone is the policy's variable serve writes.
const actsForAnyone = "actsForAnyone"

// ActsForAnyone are the usernames that create and change workloads for any user, sorted
// and without repeats: the identities primehub runs as (the API and the controllers act on
// users' behalf), and PrimeHub's enabled system administrators.
func ActsForAnyone(platformUsers []string, users []directory.User) []string {
	var out []string
	for _, n := range platformUsers {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	for _, u := range users {
		if u.Admin && !u.Disabled {
			out = append(out, u.Username)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Expression is the CEL expression of the variable actsForAnyone for these usernames.
// Go's quoting of a string is a CEL string literal too (\", \\, \n, \x, \u and \U escapes).
func Expression(usernames []string) string {
	quoted := make([]string, len(usernames))
	for i, n := range usernames {
		quoted[i] = strconv.Quote(n)
	}
	return "variables.requester in [" + strings.Join(quoted, ", ") + "]"
}
