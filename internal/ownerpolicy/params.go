// Package ownerpolicy installs the API server's admission policy that nobody acts as
// another user (config/admission/workload-owner.yaml, docs/admission.md) and keeps its
// parameters: who acts for anyone.
package ownerpolicy

import (
	"slices"
	"strings"

	"github.com/primehub/primehub/internal/directory"
)

// Name names the policy, its binding and its parameters (a ConfigMap in the platform
// namespace).
const Name = "primehub-workload-owner"

// The keys of the parameters. Each holds usernames, one a line, sorted.
const (
	// KeyPlatformUsers are the identities primehub runs as (serve's --platform-users): the
	// API and the controllers create and change workloads on users' behalf.
	KeyPlatformUsers = "platformUsers"
	// KeyAdmins are PrimeHub's system administrators, enabled ones only.
	KeyAdmins = "admins"
)

// Params are the ConfigMap's data for platformUsers and the directory's users.
func Params(platformUsers []string, users []directory.User) map[string]string {
	var admins []string
	for _, u := range users {
		if u.Admin && !u.Disabled {
			admins = append(admins, u.Username)
		}
	}
	return map[string]string{KeyPlatformUsers: lines(platformUsers), KeyAdmins: lines(admins)}
}

// lines is names sorted, without blanks and repeats, one a line.
func lines(names []string) string {
	var out []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), "\n")
}
