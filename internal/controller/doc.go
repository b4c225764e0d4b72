// Package controller holds what PrimeHub's controllers share; each controller lives in a
// package of its own below it.
//
// Controllers read from their cache and write in three ways:
//   - objects made once and never changed (pods, tokens, claims, a schedule's jobs) with
//     Create, where AlreadyExists means made already;
//   - the objects they keep in line with their own with Ensure: server-side apply, only
//     when the cached object differs, so a reconcile that finds everything in place writes
//     nothing (the profile controller creates and updates, for its benchmark's sake: see
//     its ensure);
//   - their object's status with PatchStatus: a merge patch conditional on the
//     resourceVersion read, so a reconcile on a cache that is behind fails and is retried
//     rather than overwriting a newer status.
package controller
