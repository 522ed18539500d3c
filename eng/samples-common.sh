# Shared helpers for eng/check-samples.sh and eng/check-batch-fix.sh. Source it; do not run it.
# Needs only bash, coreutils, grep, sed, diff and the .NET SDK.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# build_samples <samples-dir> <work-dir>
# Builds <samples-dir>/AwsBestPractice.Samples.sln from scratch (--no-incremental, so every project is compiled and every
# diagnostic is reported again) and writes:
#   <work-dir>/console.log   the console output
#   <work-dir>/sarif/*.sarif every diagnostic, one SARIF file per project (see samples/Directory.Build.targets); the only
#                            place where Info-severity diagnostics appear
#   <work-dir>/aws.txt       the AWSBP diagnostics, one `ID|path/relative/to/samples|line` per line, sorted, unique
#   <work-dir>/aws-messages.txt  the same with `|message` appended
#   <work-dir>/errors.txt    the build errors, sorted, unique
# Returns the exit code of dotnet build.
build_samples() {
    local samples_dir work_dir rc=0
    samples_dir="$(cd "$1" && pwd -P)"
    work_dir="$2"
    rm -rf "$work_dir/sarif"
    mkdir -p "$work_dir/sarif"

    dotnet build "$samples_dir/AwsBestPractice.Samples.sln" \
        --no-incremental \
        -p:TreatWarningsAsErrors=false \
        "-p:AwsBpSarifDir=$work_dir/sarif/" \
        ${AWSBP_ANALYSIS_MODE:+"-p:AwsBestPracticeAnalysisMode=$AWSBP_ANALYSIS_MODE"} \
        -nologo -tl:off -v:minimal \
        >"$work_dir/console.log" 2>&1 || rc=$?

    local files=("$work_dir"/sarif/*.sarif)
    if [[ -e "${files[0]}" ]]; then
        extract_aws_diagnostics "$samples_dir" "${files[@]}" >"$work_dir/aws-messages.txt"
    else
        : >"$work_dir/aws-messages.txt"
    fi
    cut -d'|' -f1-3 "$work_dir/aws-messages.txt" | LC_ALL=C sort -u >"$work_dir/aws.txt"
    extract_errors <"$work_dir/console.log" >"$work_dir/errors.txt"
    return "$rc"
}

# extract_aws_diagnostics <samples-dir> <sarif-file>...
# Prints the AWSBP results of SARIF 2.1 error logs written by the C# compiler as `ID|path|line|message`, the path relative
# to <samples-dir> (a result without a source location gets `-` and line 0). Diagnostics suppressed in source (#pragma,
# [SuppressMessage]) are skipped. The compiler writes one key per line, which is all this relies on.
extract_aws_diagnostics() {
    local prefix
    prefix="$(cd "$1" && pwd -P)/"
    shift
    awk -v prefix="$prefix" '
        function value(s) { sub(/^[^:]*: *"/, "", s); sub(/",? *\r?$/, "", s); return s }
        function decode(s,    out, i, c, hex) {
            out = ""
            for (i = 1; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "%" && i + 2 <= length(s)) {
                    hex = toupper(substr(s, i + 1, 2))
                    out = out sprintf("%c", index("0123456789ABCDEF", substr(hex, 1, 1)) * 16 + index("0123456789ABCDEF", substr(hex, 2, 1)) - 17)
                    i += 2
                } else {
                    out = out c
                }
            }
            return out
        }
        function reset() { id = ""; uri = "-"; line = 0; text = ""; suppressed = 0 }
        function flush() {
            if (id ~ /^AWSBP[0-9]+$/ && !suppressed) {
                if (index(uri, prefix) == 1) { uri = substr(uri, length(prefix) + 1) }
                print id "|" uri "|" line "|" text
            }
            reset()
        }
        BEGIN { reset() }
        FNR == 1 { flush() }
        /"ruleId": *"/ { flush(); id = value($0); next }
        id == "" { next }
        /"uri": *"/ && uri == "-" { uri = value($0); sub(/^file:\/\//, "", uri); uri = decode(uri); gsub(/\\/, "/", uri); next }
        /"startLine": *[0-9]/ && line == 0 { l = $0; gsub(/[^0-9]/, "", l); line = l + 0; next }
        /"text": *"/ && text == "" { text = value($0); next }
        /"suppressions"/ { suppressed = 1; next }
        /"tool": *\{|"rules": *\[/ { flush() }
        END { flush() }
    ' "$@" | LC_ALL=C sort -u
}

# extract_errors < console-log: `error XXnnnn` lines, without the trailing project, deduplicated.
extract_errors() {
    tr -d '\r' | grep -E ': error [A-Z]+[0-9]*:|error MSB[0-9]+|error NU[0-9]+' | sed -E 's/ \[[^]]*\]$//' | LC_ALL=C sort -u || true
}

# annotated_diagnostics <samples-dir>: `ID|path|line` for every `// AWSBP0xx: ...` comment marking an intended diagnostic
# (a comment may name several IDs: `// AWSBP001, AWSBP010: ...`). Excludes bin/ and obj/.
annotated_diagnostics() {
    local samples_dir
    samples_dir="$(cd "$1" && pwd -P)"
    (
        cd "$samples_dir"
        grep -rnE --include='*.cs' --exclude-dir=bin --exclude-dir=obj '//.*AWSBP[0-9]+' . |
            awk -F: '{
                path = $1; sub(/^\.\//, "", path); line = $2
                rest = substr($0, length($1) + length($2) + 3)
                comment = substr(rest, index(rest, "//"))
                while (match(comment, /AWSBP[0-9]+/)) {
                    print substr(comment, RSTART, RLENGTH) "|" path "|" line
                    comment = substr(comment, RSTART + RLENGTH)
                }
            }'
    ) | LC_ALL=C sort -u
}

# analyzer_crashes <console-log>: AD0001 warnings ("Analyzer ... threw an exception") raised by our analyzers.
analyzer_crashes() {
    tr -d '\r' <"$1" | grep -E 'AD0001' | grep 'AwsBestPractice' | sed -E 's/ \[[^]]*\]$//' | LC_ALL=C sort -u || true
}

escape_sed() { printf '%s' "$1" | sed 's/[][\.*^$#|/]/\\&/g'; }

# read_expected <file>: the entries of an expected-diagnostics file, without comments and blank lines, sorted.
read_expected() {
    if [[ -f "$1" ]]; then
        sed -e 's/#.*$//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' "$1" | grep -v '^$' | LC_ALL=C sort -u || true
    fi
}

# write_expected <file> <actual-list> <header...>: rewrites an expected file with a comment header. A trailing comment
# written after an entry (`AWSBP010|OrdersFunction/Program.cs|11  # why`) is kept when the same entry is still reported.
write_expected() {
    local file="$1" actual="$2" notes
    shift 2
    notes="$(mktemp)"
    if [[ -f "$file" ]]; then
        grep -E '^[[:space:]]*AWSBP[0-9]+\|[^#]*#' "$file" >"$notes" || true
    fi
    {
        local line
        for line in "$@"; do
            printf '# %s\n' "$line"
        done
        printf '# Format: ID|path relative to samples/|line, optionally followed by "  # note". Other lines starting with # are comments.\n'
        awk -v notes="$notes" '
            BEGIN {
                while ((getline l < notes) > 0) {
                    i = index(l, "#"); key = substr(l, 1, i - 1); gsub(/[[:space:]]+/, "", key)
                    note[key] = substr(l, i)
                }
            }
            { print ($0 in note) ? $0 "  " note[$0] : $0 }' "$actual"
    } >"$file.tmp"
    mv "$file.tmp" "$file"
    rm -f "$notes"
}

# compare_expected <expected-file> <actual-list> <what>: prints a readable diff; returns 1 when they differ.
compare_expected() {
    local expected_file="$1" actual="$2" what="$3" expected
    expected="$(mktemp)"
    read_expected "$expected_file" >"$expected"
    if diff -q "$expected" "$actual" >/dev/null; then
        rm -f "$expected"
        return 0
    fi

    echo
    echo "MISMATCH: $what differ from ${expected_file#"$REPO_ROOT/"}"
    local missing unexpected
    missing="$(LC_ALL=C comm -23 "$expected" "$actual")"
    unexpected="$(LC_ALL=C comm -13 "$expected" "$actual")"
    if [[ -n "$missing" ]]; then
        echo "  Expected but not reported (- in the expected file, missing from the build):"
        sed 's/^/    - /' <<<"$missing"
    fi
    if [[ -n "$unexpected" ]]; then
        echo "  Reported but not expected (+ new in the build):"
        sed 's/^/    + /' <<<"$unexpected"
    fi
    rm -f "$expected"
    return 1
}

# count_lines <file>
count_lines() { if [[ -s "$1" ]]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }

# summarize_by_id <aws-list>: "AWSBP001: 2, AWSBP010: 5" (or "none").
summarize_by_id() {
    if [[ ! -s "$1" ]]; then
        echo "none"
        return
    fi
    cut -d'|' -f1 "$1" | LC_ALL=C sort | uniq -c | awk '{ printf "%s%s: %s", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
}
