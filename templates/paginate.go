package templates

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// paginate walks a cursor-paged list. It fetches the first page with an
// empty cursor, yields its items, and follows the next cursor while the
// page says there are more. It stops after yielding an error: a failed
// fetch, more pages announced without a cursor, or a cursor seen before
// (which would loop forever). A nil page ends the walk. Breaking out of the
// loop stops fetching.
func paginate[P any, I any](
	ctx context.Context,
	fetch func(ctx context.Context, cursor string) (*P, error),
	items func(*P) []I,
	next func(*P) (cursor string, more bool),
) iter.Seq2[I, error] {
	return func(yield func(I, error) bool) {
		var zero I
		seen := make(map[string]struct{})
		cursor := ""
		for {
			page, err := fetch(ctx, cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			if page == nil {
				return
			}
			for _, item := range items(page) {
				if !yield(item, nil) {
					return
				}
			}
			nextCursor, more := next(page)
			if !more {
				return
			}
			if err := checkCursor(seen, nextCursor); err != nil {
				yield(zero, err)
				return
			}
			cursor = nextCursor
		}
	}
}

// checkCursor rejects an empty cursor or one in seen, and records it.
func checkCursor(seen map[string]struct{}, cursor string) error {
	if cursor == "" {
		return errors.New("paging: the page announces more items but gives no cursor")
	}
	if _, ok := seen[cursor]; ok {
		return fmt.Errorf("paging: cursor %q repeats an earlier one; stopping to avoid a loop", snippet([]byte(cursor), 64))
	}
	seen[cursor] = struct{}{}
	return nil
}
