package profile

import "testing"

// FuzzParseQuota: the admin's default quota is read into named, non-negative quantities, or
// refused with an error; it never panics.
func FuzzParseQuota(f *testing.F) {
	f.Add("cpu=8,memory=32Gi,nvidia.com/gpu=2")
	f.Add("requests.cpu=1, pods=10")
	f.Fuzz(func(t *testing.T, s string) {
		list, err := ParseQuota(s)
		if err != nil {
			return
		}
		for name, q := range list {
			if name == "" || q.Sign() < 0 {
				t.Errorf("ParseQuota(%q): %s=%s", s, name, q.String())
			}
		}
	})
}
