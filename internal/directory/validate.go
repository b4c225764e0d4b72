package directory

import (
	"fmt"
	"regexp"
)

// The rules PrimeHub puts on names people write; the same for both backends, so a name
// valid in one is valid in the other.
var (
	usernamePattern  = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`)
	groupNamePattern = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`)
)

// ValidateUsername reports why username cannot name a user.
func ValidateUsername(username string) error {
	if len(username) == 0 || len(username) > 255 || !usernamePattern.MatchString(username) {
		return fmt.Errorf("%w: username %q must be 1 to 255 letters, digits or . _ @ + -, starting with a letter or digit", ErrInvalid, username)
	}
	return nil
}

// ValidateGroupName reports why name cannot name a new group.
func ValidateGroupName(name string) error {
	if name == Everyone {
		return fmt.Errorf("%w: group name %q is reserved for the group of all users", ErrInvalid, name)
	}
	if len(name) == 0 || len(name) > 63 || !groupNamePattern.MatchString(name) {
		return fmt.Errorf("%w: group name %q must be 1 to 63 letters, digits, _ or -, starting and ending with a letter or digit", ErrInvalid, name)
	}
	return nil
}
