#!/usr/bin/env bash
# Builds samples/AwsBestPractice.Samples.sln (analyzers from source) and checks that the AWSBP diagnostics it reports are
# exactly the ones listed in samples/expected-diagnostics.txt, and that the Clean project reports none.
#
#   eng/check-samples.sh            check
#   eng/check-samples.sh --update   rewrite samples/expected-diagnostics.txt from the build (then REVIEW the diff: every
#                                   entry should match a `// AWSBP0xx: ...` comment in the samples)
#   eng/check-samples.sh --show     only list the diagnostics (ID, file, line and message), check nothing
#
# Works from any directory; needs only the .NET SDK.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=samples-common.sh
source "$REPO_ROOT/eng/samples-common.sh"

SAMPLES="$REPO_ROOT/samples"
EXPECTED="$SAMPLES/expected-diagnostics.txt"
mode=check
case "${1:-}" in
    "") ;;
    --update) mode=update ;;
    --show) mode=show ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (use --update, --show or --help)" >&2; exit 2 ;;
esac

work="$(mktemp -d "${TMPDIR:-/tmp}/check-samples.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== Building samples/AwsBestPractice.Samples.sln (--no-incremental, analyzers from src/)"
start=$(date +%s)
if ! build_samples "$SAMPLES" "$work"; then
    echo "BUILD FAILED. Errors:"
    if [[ -s "$work/errors.txt" ]]; then sed 's/^/  /' "$work/errors.txt"; else tail -n 40 "$work/console.log"; fi
    exit 1
fi
echo "   built in $(( $(date +%s) - start ))s"

if [[ "$mode" == show ]]; then
    echo
    if [[ -s "$work/aws-messages.txt" ]]; then
        awk -F'|' '{ msg = $4; for (i = 5; i <= NF; i++) msg = msg "|" $i; printf "%s(%s): %s: %s\n", $2, $3, $1, msg }' "$work/aws-messages.txt"
    else
        echo "(no AWSBP diagnostics)"
    fi
    exit 0
fi

total=$(count_lines "$work/aws.txt")
clean="$(grep '|Clean/' "$work/aws.txt" || true)"
echo "== AWSBP diagnostics: $total ($(summarize_by_id "$work/aws.txt"))"
for project in OrdersFunction InventoryWorker Clean Lambda.Stubs; do
    printf '   %-16s %s\n' "$project" "$(grep -c "|$project/" "$work/aws.txt" || true)"
done

# Informational: the build's diagnostics against the `// AWSBP0xx` comments in the sources (what a reader is told to expect).
annotated_diagnostics "$SAMPLES" >"$work/annotated.txt"
not_reported="$(LC_ALL=C comm -23 "$work/annotated.txt" "$work/aws.txt")"
not_annotated="$(LC_ALL=C comm -13 "$work/annotated.txt" "$work/aws.txt")"
if [[ -n "$not_reported" || -n "$not_annotated" ]]; then
    echo "== Note: the build and the '// AWSBP0xx' comments in the samples disagree (review before --update):"
    [[ -z "$not_reported" ]] || { echo "   commented but not reported:"; sed 's/^/     /' <<<"$not_reported"; }
    [[ -z "$not_annotated" ]] || { echo "   reported but not commented:"; sed 's/^/     /' <<<"$not_annotated"; }
else
    echo "== The diagnostics match the '// AWSBP0xx' comments in the samples"
fi

status=0
if [[ "$mode" == update ]]; then
    write_expected "$EXPECTED" "$work/aws.txt" \
        "AWSBP diagnostics that 'dotnet build samples/AwsBestPractice.Samples.sln' must report, checked by eng/check-samples.sh." \
        "Regenerate with 'eng/check-samples.sh --update' and review: each entry must match a '// AWSBP0xx: ...' comment."
    echo "== Updated ${EXPECTED#"$REPO_ROOT/"} ($total entries). Review it with: git diff -- samples/expected-diagnostics.txt"
elif compare_expected "$EXPECTED" "$work/aws.txt" "the AWSBP diagnostics of the samples"; then
    echo "== OK: the diagnostics match ${EXPECTED#"$REPO_ROOT/"}"
else
    echo "   If the change is intended, run eng/check-samples.sh --update and review the diff."
    status=1
fi

if [[ -n "$clean" ]]; then
    echo
    echo "FAIL: the Clean project must have no AWSBP diagnostics (each one is a false positive):"
    sed 's/^/    /' <<<"$clean"
    status=1
else
    echo "== OK: Clean has no AWSBP diagnostics"
fi

# Secret hygiene: no SARIF log (nor the console) may contain a full credential-shaped value from the samples' sources.
secrets="$(grep -rhoE --include='*.cs' '(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|"[A-Za-z0-9/+]{40}"' "$SAMPLES" | tr -d '"' | sort -u || true)"
leaks=0
while IFS= read -r secret; do
    [[ -n "$secret" ]] || continue
    if grep -rqF -- "$secret" "$work"/sarif/ "$work/console.log" 2>/dev/null; then
        echo "FAIL: a build output contains the full value ${secret:0:4}…"
        leaks=1
    fi
done <<<"$secrets"
if [[ "$leaks" == 0 ]]; then
    echo "== OK: no SARIF log or build output contains any of the $(grep -c . <<<"$secrets" || true) credential-shaped values of the samples"
else
    status=1
fi

crashes="$(analyzer_crashes "$work/console.log")"
if [[ -n "$crashes" ]]; then
    echo
    echo "FAIL: an analyzer threw an exception (AD0001):"
    sed 's/^/    /' <<<"$crashes"
    status=1
fi

exit "$status"
