package graphql

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/primehub/primehub/internal/graphql/model"
)

// perPage is PrimeHub's numbered page size.
const perPage = 10

// pageArgs are the paging arguments every list takes.
type pageArgs struct {
	Page          *int
	First, Last   *int
	Before, After *string
}

// paged cuts one page out of rows, which are in their final order, and says where it
// stands. With page set it is numbered (10 a page; a page past the end is empty); else
// the cursors are ids, as PrimeHub's are.
func paged[T any](rows []T, id func(T) string, a pageArgs) ([]T, *model.PageInfo, error) {
	if a.Page != nil {
		n := *a.Page
		if n < 1 {
			return nil, nil, badInput("page must be 1 or more, not %d", n)
		}
		total := max(1, (len(rows)+perPage-1)/perPage)
		start := min(len(rows), (n-1)*perPage)
		end := min(len(rows), start+perPage)
		return rows[start:end], &model.PageInfo{
			CurrentPage: &n, TotalPage: &total,
			HasNextPage: end < len(rows), HasPreviousPage: start > 0,
		}, nil
	}
	if a.First != nil && *a.First < 0 || a.Last != nil && *a.Last < 0 {
		return nil, nil, badInput("first and last must be 0 or more")
	}
	start, end := 0, len(rows)
	if a.After != nil {
		if i := slices.IndexFunc(rows, func(r T) bool { return id(r) == *a.After }); i >= 0 {
			start = i + 1
		}
	}
	if a.Before != nil {
		if i := slices.IndexFunc(rows, func(r T) bool { return id(r) == *a.Before }); i >= 0 {
			end = i
		}
	}
	if end < start {
		end = start
	}
	if a.First != nil && *a.First < end-start {
		end = start + *a.First
	}
	if a.Last != nil && *a.Last < end-start {
		start = end - *a.Last
	}
	info := &model.PageInfo{HasNextPage: end < len(rows), HasPreviousPage: start > 0}
	if start < end {
		s, e := id(rows[start]), id(rows[end-1])
		info.StartCursor, info.EndCursor = &s, &e
	}
	return rows[start:end], info, nil
}

// userPage pages users as PrimeHub does (its users live in Keycloak, paged by offset): a
// page holds first (or last, default 10) users, and after (or before) is the 0-based page
// number that endCursor hands out; page, when set, is 1-based and wins.
func userPage[T any](rows []T, a pageArgs) ([]T, *model.PageInfo, error) {
	limit := perPage
	if a.First != nil {
		limit = *a.First
	} else if a.Last != nil {
		limit = *a.Last
	}
	if limit < 0 {
		return nil, nil, badInput("first and last must be 0 or more")
	}
	n := 0
	cursor := a.After
	if cursor == nil {
		cursor = a.Before
	}
	if cursor != nil && *cursor != "" {
		v, err := strconv.Atoi(*cursor)
		if err != nil || v < 0 {
			return nil, nil, badInput("after must be a page number such as endCursor gives, not %q", *cursor)
		}
		n = v
	}
	if a.Page != nil {
		if *a.Page < 1 {
			return nil, nil, badInput("page must be 1 or more, not %d", *a.Page)
		}
		n = *a.Page - 1
	}
	if limit == 0 {
		return nil, &model.PageInfo{}, nil
	}
	start := min(len(rows), n*limit)
	end := min(len(rows), start+limit)
	current, total := n+1, (len(rows)+limit-1)/limit
	info := &model.PageInfo{CurrentPage: &current, TotalPage: &total, HasNextPage: end < len(rows), HasPreviousPage: n > 0}
	if n > 0 {
		s := strconv.Itoa(n - 1)
		info.StartCursor = &s
	}
	if info.HasNextPage {
		e := strconv.Itoa(n + 1)
		info.EndCursor = &e
	}
	return rows[start:end], info, nil
}

// contains is PrimeHub's *_contains filter: nil matches all.
func contains(field string, want *string) bool {
	return want == nil || strings.Contains(field, *want)
}

// search matches want in any of fields, ignoring case.
func search(want *string, fields ...string) bool {
	if want == nil || *want == "" {
		return true
	}
	w := strings.ToLower(*want)
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), w) {
			return true
		}
	}
	return false
}

// orderOf answers the one field an orderBy input sets, and its direction.
func orderOf(fields map[string]*string) (field, direction string) {
	for f, d := range fields {
		if d != nil {
			return f, *d
		}
	}
	return "", ""
}

// byString and byNumber make a comparison of rows from one of their values.
func byString[T any](v func(T) string) func(a, b T) int {
	return func(a, b T) int { return cmp.Compare(v(a), v(b)) }
}

func byNumber[T any](v func(T) *float64) func(a, b T) int {
	return func(a, b T) int {
		x, y := v(a), v(b)
		switch {
		case x == nil && y == nil:
			return 0
		case x == nil:
			return -1
		case y == nil:
			return 1
		}
		return cmp.Compare(*x, *y)
	}
}

// order sorts rows by field ("asc" or "desc"), then by name; by name alone without one.
// keys compares rows by each field they may be ordered by.
func order[T any](rows []T, field, direction string, keys map[string]func(a, b T) int, name func(T) string) error {
	var key func(a, b T) int
	if field != "" {
		k, ok := keys[field]
		if !ok {
			return badInput("cannot order by %s", field)
		}
		key = k
	}
	desc := false
	switch direction {
	case "", "asc":
	case "desc":
		desc = true
	default:
		return badInput("order value (%s) not valid. Should be 'asc' or 'desc'", direction)
	}
	slices.SortStableFunc(rows, func(a, b T) int {
		c := 0
		if key != nil {
			c = key(a, b)
		}
		if c == 0 {
			c = cmp.Compare(name(a), name(b))
		}
		if desc {
			return -c
		}
		return c
	})
	return nil
}

// sortedPage orders rows by field and direction (see order), then cuts the page pa asks
// for (see paged): what every list with orderBy does.
func sortedPage[T any](rows []T, field, direction string, keys map[string]func(a, b T) int, name func(T) string, pa pageArgs) ([]T, *model.PageInfo, error) {
	if err := order(rows, field, direction, keys, name); err != nil {
		return nil, nil, err
	}
	return paged(rows, name, pa)
}

// nodes answers the nodes of a connection's edges, for the plain lists beside connections.
func nodes[E, N any](edges []E, node func(E) N) []N {
	out := make([]N, 0, len(edges))
	for _, e := range edges {
		out = append(out, node(e))
	}
	return out
}
