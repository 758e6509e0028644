#!/usr/bin/env bash
# make lint: staticcheck, pinned in go.mod as a tool, with every check, on
# the generated code: gen/courier (hand-written files included) and the
# package each golden case generates (runtime included).
#
# staticcheck skips a file whose first line says "// Code generated ... DO
# NOT EDIT.", so the packages are copied into a temporary module (with this
# module's path, so gen/courier/couriertest still imports gen/courier) and
# that line is removed from each copy. Findings are printed with their
# paths in the copy (gen/courier/..., goldens/<case>/...), then counted by
# check. The exit status is staticcheck's: 1 when it finds anything.
set -euo pipefail

GO=${GO:-go}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"

"$GO" build -o "$tmp/staticcheck" honnef.co/go/tools/cmd/staticcheck
"$GO" build -o "$tmp/oagen" ./cmd/oagen

mod="$tmp/mod"
mkdir -p "$mod/gen" "$mod/goldens"
cp go.mod go.sum "$mod/"
# The golden cases that map schemas to a user's types import them from the
# module testdata/usertypes.
(cd "$mod" && "$GO" mod edit -require=usertypes@v0.0.0 -replace=usertypes="$root/testdata/usertypes")
cp -R gen/courier "$mod/gen/courier"
for dir in testdata/golden/*/; do
	name=$(basename "$dir")
	[ -e "$dir/want.err" ] && continue
	spec="$dir/spec.yaml"
	[ -e "$spec" ] || spec="$dir/spec.json"
	args=(-spec "$spec" -package "${name//-/}" -out "$mod/goldens/$name" -quiet -fresh-names)
	[ -e "$dir/config.yaml" ] && args+=(-config "$dir/config.yaml")
	"$tmp/oagen" "${args[@]}"
done
find "$mod" -name '*.go' -exec sed -i '1{/^\/\/ Code generated .* DO NOT EDIT\.$/d}' {} +

cd "$mod"
status=0
"$tmp/staticcheck" -checks all ./... >"$tmp/findings" || status=$?
cat "$tmp/findings"
# count prints the findings of the lines read by check.
count() { sed -n 's/.*(\([A-Z0-9]*\))$/\1/p' | sort | uniq -c | sort -rn; }
if [ -s "$tmp/findings" ]; then
	echo
	echo "$(wc -l <"$tmp/findings") findings. gen/courier:"
	grep '^gen/courier/' "$tmp/findings" | count || true
	echo "golden packages, runtime files left out:"
	grep '^goldens/' "$tmp/findings" | grep -v '^goldens/[^/]*/runtime_' | count || true
	echo "runtime files of the golden packages (the runtime is copied into each):"
	grep '^goldens/[^/]*/runtime_' "$tmp/findings" | count || true
fi
exit "$status"
