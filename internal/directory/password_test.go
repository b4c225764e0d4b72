package directory

import (
	"errors"
	"strings"
	"testing"
)

func TestHashAndVerifyPassword(t *testing.T) {
	hash, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=2$") || strings.Contains(hash, "correct horse") {
		t.Fatalf("hash %q is not an argon2id PHC string without the password", hash)
	}
	again, _ := HashPassword("correct horse")
	if again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		name, hash, password string
		want                 bool
		wantErr              bool
	}{
		{name: "right password", hash: hash, password: "correct horse", want: true},
		{name: "wrong password", hash: hash, password: "correct horsE"},
		{name: "empty password", hash: hash, password: ""},
		{name: "not argon2id", hash: "$2a$10$abcdefghijklmnopqrstuv", password: "x", wantErr: true},
		{name: "bad parameters", hash: "$argon2id$v=19$m=x$c2FsdA$a2V5", password: "x", wantErr: true},
		{name: "bad version", hash: "$argon2id$v=16$m=1,t=1,p=1$c2FsdA$a2V5", password: "x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VerifyPassword(tt.hash, tt.password)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("VerifyPassword = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestHashPasswordRejectsShortPasswords(t *testing.T) {
	if _, err := HashPassword("short"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
}

func TestValidateNames(t *testing.T) {
	tests := []struct {
		name    string
		check   func(string) error
		value   string
		wantErr bool
	}{
		{"plain username", ValidateUsername, "alice", false},
		{"email username", ValidateUsername, "Alice.Smith@Example.com", false},
		{"underscore username", ValidateUsername, "data_scientist", false},
		{"space in username", ValidateUsername, "alice smith", true},
		{"leading dot", ValidateUsername, ".alice", true},
		{"empty username", ValidateUsername, "", true},
		{"group with underscore", ValidateGroupName, "data_science", false},
		{"group with capitals", ValidateGroupName, "DataScience", false},
		{"group everyone is reserved", ValidateGroupName, "everyone", true},
		{"group with space", ValidateGroupName, "data science", true},
		{"group ending in underscore", ValidateGroupName, "team_", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.value)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}
