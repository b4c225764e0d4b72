package generated

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// The stand-ins write what gqlgen's marshallers write.
func TestScalarsAsGqlgenWritesThem(t *testing.T) {
	render := func(m graphql.Marshaler, through bool) string {
		var b bytes.Buffer
		if through { // a writer other than a bytes.Buffer
			var sb strings.Builder
			m.MarshalGQL(&sb)
			return sb.String()
		}
		m.MarshalGQL(&b)
		return b.String()
	}
	ec := &executionContext{}
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "tab\tcr\rnl\n", "\x00\x01\x1f\x7f", "ünïcødé 中文 🙂", "bad \xff\xfe utf-8", `\u0041`} {
		for _, through := range []bool{false, true} {
			if got, want := render(ec.str(s), through), render(graphql.MarshalString(s), false); got != want {
				t.Errorf("str(%q) = %s, want %s", s, got, want)
			}
		}
	}
	for _, n := range []int{0, 7, -1, 100, math.MaxInt64, math.MinInt64} {
		if got, want := render(ec.integer(n), false), render(graphql.MarshalInt(n), false); got != want {
			t.Errorf("integer(%d) = %s, want %s", n, got, want)
		}
	}
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	for _, f := range []float64{0, 0.5, -2.25, 1e6, 1e21, 1e-7, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, 1.0 / 3} {
		if got, want := render(ec.float(ctx, nil, f), false), render(graphql.WrapContextMarshaler(ctx, graphql.MarshalFloatContext(f)), false); got != want {
			t.Errorf("float(%v) = %s, want %s", f, got, want)
		}
	}
	for _, v := range []bool{true, false} {
		if got, want := render(ec.boolean(v), false), render(graphql.MarshalBoolean(v), false); got != want {
			t.Errorf("boolean(%v) = %s, want %s", v, got, want)
		}
	}
	if got := render(ec.optStr(nil), false); got != "null" {
		t.Errorf("optStr(nil) = %s", got)
	}
}
