#!/usr/bin/env bash
# Builds samples/ once per AwsBestPracticeAnalysisMode and prints what each mode reports, rule by rule, as a Markdown table:
# the number of diagnostics and their severity (from the compiler's SARIF logs, which also hold Info diagnostics).
#   eng/samples-by-mode.sh            the table (about a minute per mode)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=samples-common.sh
. "$root/eng/samples-common.sh"
work="$(mktemp -d "${TMPDIR:-/tmp}/samples-by-mode.XXXXXX")"
trap 'rm -rf "$work"' EXIT
modes=(None Default Recommended All)
for mode in "${modes[@]}"; do
  mkdir -p "$work/$mode"
  AWSBP_ANALYSIS_MODE="$mode" build_samples "$root/samples" "$work/$mode" || true
  # ruleId and level of every unsuppressed AWSBP result (one key per line in the compiler's SARIF)
  awk -v mode="$mode" '
    function value(s) { sub(/^[^:]*: *"/, "", s); sub(/",? *\r?$/, "", s); return s }
    function flush() { if (id ~ /^AWSBP[0-9]+$/ && !suppressed) print id "|" mode "|" (level == "" ? "warning" : level); id = ""; level = ""; suppressed = 0 }
    /"ruleId": *"/ { flush(); id = value($0); next }
    /"level": *"/ && id != "" { level = value($0); next }
    /"suppressions"/ { suppressed = 1; next }
    /"rules": *\[/ { flush() }
    END { flush() }
  ' "$work/$mode"/sarif/*.sarif >> "$work/all.txt" 2>/dev/null || true
done
ids="$(cut -d'|' -f1 "$work/all.txt" | sort -u)"
printf '| Rule |'; for mode in "${modes[@]}"; do printf ' %s |' "$mode"; done; printf '\n|---|'
for mode in "${modes[@]}"; do printf -- '---|'; done; printf '\n'
for id in $ids; do
  printf '| %s |' "$id"
  for mode in "${modes[@]}"; do
    cell="$( { grep "^$id|$mode|" "$work/all.txt" || true; } | cut -d'|' -f3 | sort | uniq -c | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, ($2 == "note" ? "info" : $2) }')"
    printf ' %s |' "${cell:--}"
  done
  printf '\n'
done
