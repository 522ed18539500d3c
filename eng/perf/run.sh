#!/usr/bin/env bash
# Measures the analyzers and regenerates docs/performance.md (the budget and the method are on that page).
#
#   eng/perf/run.sh --quick        the tool to use while working on an issue: 250-file compilations, 3 iterations, a 60,000-line
#                                  generated solution built once per configuration
#   eng/perf/run.sh                the full run, for the end of an issue: 1,000-file compilations (1 warm-up + 5 iterations), a
#                                  200,000-line generated solution built twice per configuration (without our package, with it),
#                                  the samples, and one untimed build recording JIT events (--repetitions 3 on a busy machine)
#   eng/perf/run.sh --report-only  writes the page again from the stored data of the last run (artifacts/perf), e.g. after
#                                  eng/perf/history.md, eng/perf/method.md or the report changed
#   options: --no-bench, --no-builds, --repetitions N, --lines N (generated solution size), --out FILE (default docs/performance.md)
#   environment: AWSBP_BENCH_FILES, AWSBP_BENCH_ITERATIONS override the BenchmarkDotNet sizes
#   The page's prose is eng/perf/history.md and eng/perf/method.md, included verbatim. The key figures go to FILE's .json
#   sibling (docs/performance.json); the next run compares its figures with them.
#
# Never run in CI (it measures; it does not test). Exit code 3 when a budget item fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

mode=full; bench=1; builds=1; report_only=0; repetitions=""; lines=""; out="$root/docs/performance.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --no-bench) bench=0 ;;
    --no-builds) builds=0 ;;
    --report-only) report_only=1 ;;
    --repetitions) repetitions="$2"; shift ;;
    --lines) lines="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,/^set -/{/^set -/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$repetitions" ] || repetitions=$([ "$mode" = quick ] && echo 1 || echo 2)
[ -n "$lines" ] || lines=$([ "$mode" = quick ] && echo 60000 || echo 200000)

work="$root/artifacts/perf"
mkdir -p "$work"
figures="${out%.md}.json"
start=$(date +%s)
step() { echo; echo "== $1 ($(( $(date +%s) - start ))s)"; }
now() { date +%s.%N; }

step "build the benchmark project (Release)"
dotnet build tests/AwsBestPractice.Analyzers.Benchmarks -c Release -nologo -v:q
tool=(dotnet "$root/tests/AwsBestPractice.Analyzers.Benchmarks/bin/Release/net10.0/AwsBestPractice.Analyzers.Benchmarks.dll")

if [ "$report_only" = 1 ]; then
  [ -f "$work/run.env" ] || { echo "no stored run in $work (run.env is written by a measuring run)" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$work/run.env"
else
  # The key figures of the previous run (written next to the page): the new page shows what changed since then.
  rm -f "$work/previous-figures.json"
  [ -f "$figures" ] && cp "$figures" "$work/previous-figures.json"
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

  if [ "$bench" = 1 ]; then
    step "BenchmarkDotNet ($mode)"
    rm -rf "$work/bench"
    quick_flag=(); [ "$mode" = quick ] && quick_flag=(--quick)
    "${tool[@]}" bench "${quick_flag[@]}" --artifacts "$work/bench"
  fi

  if [ "$builds" = 1 ]; then
    logs="$work/logs"
    rm -rf "$logs"; mkdir -p "$logs"
    version="0.1.0-perf.$(date +%Y%m%d%H%M%S)"
    step "pack AwsBestPractice.Analyzers $version"
    rm -rf "$work/feed"
    dotnet pack src/AwsBestPractice.Analyzers.Package/AwsBestPractice.Analyzers.Package.csproj -c Release \
      -p:Version="$version" -p:PackageOutputPath="$work/feed/" -nologo -v:q

    # csc through a wrapper that prints its wall time: the compile time of every project, read from the log.
    real_csc="$(dirname "$(readlink -f "$(command -v dotnet)")")/sdk/$(dotnet --version)/Roslyn/bincore/csc"
    [ -x "$real_csc" ] || { echo "cannot find the SDK's csc at $real_csc"; exit 1; }
    mkdir -p "$work/bin"
    cat > "$work/bin/csc-timed" <<SH
#!/usr/bin/env bash
start=\$(date +%s%N)
"$real_csc" "\$@"
rc=\$?
echo "PERF-CSC-ELAPSED \$(( (\$(date +%s%N) - start) / 1000000 )) ms"
exit \$rc
SH
    chmod +x "$work/bin/csc-timed"

    # Without our package and with it; the AWS packages' own analyzers run in both. "none"/"ours": one csc process per project
    # (the timing wrapper bypasses the compiler server), so every project that uses AWS loads and JIT-compiles the analyzers;
    # "servernone"/"serverours": the compiler server, as `dotnet build` and the IDE build by default, shut down before each build,
    # so each build loads and JIT-compiles them once (a clean CI agent); compile time from the Csc task's performance summary.
    configs=(none ours servernone serverours)
    targets=(solution)
    step "generate the solution ($lines lines) and one copy per configuration"
    "${tool[@]}" generate-solution --out "$work/gen/solution" --lines "$lines"
    cp "$work/gen/solution/workload.json" "$work/workload.json"
    if [ -d "$root/samples" ] && ls "$root"/samples/*.sln >/dev/null 2>&1; then
      "${tool[@]}" generate-solution samples --from "$root/samples" --out "$work/gen/samples"
      targets+=(samples)
    else
      echo "samples/ not present: skipped"
    fi

    entry() { case "$1" in solution) echo "Perf.slnx" ;; samples) echo "Samples.slnx" ;; esac; }
    for target in "${targets[@]}"; do
      for config in none ours; do
        dir="$work/$target-$config"
        rm -rf "$dir"; cp -r "$work/gen/$target" "$dir"
        cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="perf-local" value="$work/feed" />
  </packageSources>
</configuration>
XML
        step "restore $target / $config"
        dotnet restore "$dir/$(entry "$target")" -p:PerfAnalyzers="$config" -p:PerfOursVersion="$version" -nologo -v:q
      done
    done

    build() { # target config rep
      local analyzers="${2#server}"
      local dir="$work/$1-$analyzers" log="$logs/$1.$2.$3.log"
      local compiler=(-p:CscToolPath="$work/bin" -p:CscToolExe=csc-timed)
      if [ "$2" != "$analyzers" ]; then compiler=(-p:UseSharedCompilation=true); fi
      dotnet build-server shutdown >/dev/null 2>&1 || true  # no server or build node left from the previous build
      local t0; t0=$(now)
      dotnet build "$dir/$(entry "$1")" --no-restore --no-incremental -m:1 -v:d -clp:PerformanceSummary -nologo \
        -p:PerfAnalyzers="$analyzers" -p:PerfOursVersion="$version" "${compiler[@]}" > "$log" 2>&1 || { echo "build $1/$2 failed: see $log"; tail -20 "$log"; exit 1; }
      echo "$(now) $t0" | awk '{ printf "%.3f\n", $1 - $2 }' > "${log%.log}.time"
      echo "  $1 / $2 #$3: $(cat "${log%.log}.time") s"
    }

    for target in "${targets[@]}"; do
      step "warm-up build of $target (not counted)"
      build "$target" none 0 >/dev/null; rm -f "$logs/$target.none.0."*
      for rep in $(seq 1 "$repetitions"); do
        step "$target: repetition $rep of $repetitions (configurations interleaved)"
        for config in "${configs[@]}"; do build "$target" "$config" "$rep"; done
      done
    done

    step "parse the build logs"
    "${tool[@]}" parse-builds "$logs" "$work/builds.json"

    # One more build of the solution with our package, not timed: each compiler process writes the runtime's JIT events
    # (EventPipe, enabled by environment variables: no tool needed), to see how much of our analyzer time in a fresh compiler
    # process is JIT-compiling our own code.
    cat > "$work/bin/csc-traced" <<SH
#!/usr/bin/env bash
export DOTNET_EnableEventPipe=1 DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x10:5'
export DOTNET_EventPipeOutputPath="\$PERF_JIT_DIR/\$(basename "\$PWD")@{pid}.nettrace"
exec "$real_csc" "\$@"
SH
    chmod +x "$work/bin/csc-traced"
    rm -rf "$work/jit"; mkdir -p "$work/jit/ours"
    step "traced build of solution / ours (JIT events; not timed)"
    PERF_JIT_DIR="$work/jit/ours" dotnet build "$work/solution-ours/$(entry solution)" --no-restore --no-incremental -m:1 -v:d -nologo \
      -p:PerfAnalyzers=ours -p:PerfOursVersion="$version" -p:CscToolPath="$work/bin" -p:CscToolExe=csc-traced \
      > "$work/jit/ours/build.log" 2>&1 || { echo "traced build failed: see $work/jit/ours/build.log"; exit 1; }
    "${tool[@]}" parse-jit "$work/jit" "$work/jit.json"
    rm -f "$work"/jit/*/*.nettrace
  fi

  minutes=$(awk "BEGIN { printf \"%.0f\", ($(date +%s) - $start) / 60 }")
  # What --report-only needs to write the same page again.
  declare -p mode bench builds repetitions commit minutes | sed 's/^declare -- //' > "$work/run.env"
  echo "sdk=$(printf '%q' "$(dotnet --version)")" >> "$work/run.env"
fi

step "write $(realpath --relative-to="$root" "$out")"
report_args=(report --out "$out" --figures "$figures" --commit "$commit" --mode "$mode" --sdk "${sdk:-$(dotnet --version)}" --minutes "$minutes"
  --repetitions "$repetitions" --history "$root/eng/perf/history.md" --method "$root/eng/perf/method.md")
[ -f "$work/previous-figures.json" ] && report_args+=(--previous "$work/previous-figures.json")
[ -d "$work/bench/results" ] && [ "$bench" = 1 ] && report_args+=(--bench "$work/bench/results")
[ -f "$work/builds.json" ] && [ "$builds" = 1 ] && report_args+=(--builds "$work/builds.json" --workload "$work/workload.json")
[ -f "$work/jit.json" ] && [ "$builds" = 1 ] && report_args+=(--jit "$work/jit.json")
set +e
"${tool[@]}" "${report_args[@]}"
rc=$?
set -e
sed -n '/^## Budget/,/^## /p' "$out" | head -n -1
echo "done in $(( $(date +%s) - start ))s"
exit $rc
