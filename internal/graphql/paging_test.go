package graphql

import (
	"fmt"
	"slices"
	"testing"

	"k8s.io/utils/ptr"
)

func rowNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("n%02d", i)
	}
	return out
}

func TestNumberedPages(t *testing.T) {
	id := func(s string) string { return s }
	for _, tc := range []struct {
		rows, page       int
		want             []string
		current, total   int
		hasNext, hasPrev bool
	}{
		{rows: 25, page: 1, want: rowNames(10), current: 1, total: 3, hasNext: true},
		{rows: 25, page: 3, want: rowNames(25)[20:], current: 3, total: 3, hasPrev: true},
		{rows: 25, page: 4, want: []string{}, current: 4, total: 3, hasPrev: true},
		{rows: 0, page: 1, want: []string{}, current: 1, total: 1},
		{rows: 10, page: 2, want: []string{}, current: 2, total: 1, hasPrev: true},
	} {
		got, info, err := paged(rowNames(tc.rows), id, pageArgs{Page: ptr.To(tc.page)})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) || *info.CurrentPage != tc.current || *info.TotalPage != tc.total ||
			info.HasNextPage != tc.hasNext || info.HasPreviousPage != tc.hasPrev {
			t.Errorf("%d rows, page %d: got %v %d/%d next=%v prev=%v", tc.rows, tc.page, got, *info.CurrentPage, *info.TotalPage, info.HasNextPage, info.HasPreviousPage)
		}
	}
	if _, _, err := paged(rowNames(3), id, pageArgs{Page: ptr.To(0)}); err == nil || err.Error() != "page must be 1 or more, not 0" {
		t.Errorf("page 0: %v", err)
	}
}

func TestCursorPages(t *testing.T) {
	id := func(s string) string { return s }
	rows := rowNames(5)
	for _, tc := range []struct {
		name string
		args pageArgs
		want []string
	}{
		{"all", pageArgs{}, rows},
		{"first", pageArgs{First: ptr.To(2)}, rows[:2]},
		{"after", pageArgs{After: ptr.To("n01"), First: ptr.To(2)}, rows[2:4]},
		{"before last", pageArgs{Before: ptr.To("n04"), Last: ptr.To(2)}, rows[2:4]},
		{"after the end", pageArgs{After: ptr.To("n04")}, []string{}},
	} {
		got, _, err := paged(rows, id, tc.args)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

func TestUserPages(t *testing.T) {
	rows := rowNames(25)
	// PrimeHub's clients page users by feeding endCursor back as after.
	got, info, err := userPage(rows, pageArgs{First: ptr.To(10)})
	if err != nil || !slices.Equal(got, rows[:10]) || *info.EndCursor != "1" || !info.HasNextPage {
		t.Fatalf("first page: %v %+v %v", got, info, err)
	}
	got, info, err = userPage(rows, pageArgs{First: ptr.To(10), After: info.EndCursor})
	if err != nil || !slices.Equal(got, rows[10:20]) || *info.EndCursor != "2" || *info.StartCursor != "0" || *info.CurrentPage != 2 {
		t.Fatalf("second page: %v %+v %v", got, info, err)
	}
	got, info, err = userPage(rows, pageArgs{First: ptr.To(10), After: info.EndCursor})
	if err != nil || !slices.Equal(got, rows[20:]) || info.EndCursor != nil || info.HasNextPage || *info.TotalPage != 3 {
		t.Fatalf("last page: %v %+v %v", got, info, err)
	}
	got, _, _ = userPage(rows, pageArgs{Page: ptr.To(9)})
	if len(got) != 0 {
		t.Errorf("page past the end: %v, want none", got)
	}
	if _, _, err := userPage(rows, pageArgs{After: ptr.To("abc")}); err == nil {
		t.Error("a cursor that is no page number was accepted")
	}
}

func TestOrder(t *testing.T) {
	rows := []string{"b", "a", "c"}
	name := func(s string) string { return s }
	if err := order(rows, "", "desc", nil, name); err != nil || !slices.Equal(rows, []string{"c", "b", "a"}) {
		t.Errorf("desc: %v %v", rows, err)
	}
	if err := order(rows, "size", "", map[string]func(a, b string) int{}, name); err == nil || err.Error() != "cannot order by size" {
		t.Errorf("unknown field: %v", err)
	}
	if err := order(rows, "", "up", nil, name); err == nil {
		t.Error("a direction other than asc or desc was accepted")
	}
}
