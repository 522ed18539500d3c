#!/usr/bin/env bash
# Measures the analyzers and regenerates docs/performance.md (see that page for the method and the budget).
#
#   eng/perf/run.sh            full run: BenchmarkDotNet on 1,000-file compilations (1 warm-up + 5 iterations), a 200,000-line
#                              generated solution built twice per configuration (five configurations), the samples, and two
#                              untimed builds recording JIT events; ~65 minutes on 2 cores (~80 with --repetitions 3)
#   eng/perf/run.sh --quick    250-file compilations, 3 iterations, a 60,000-line solution built once (~17 minutes)
#   environment: AWSBP_BENCH_FILES, AWSBP_BENCH_ITERATIONS override the BenchmarkDotNet sizes
#   options: --no-bench, --no-builds, --repetitions N, --lines N (generated solution size), --out FILE (default docs/performance.md)
#   The key figures go to FILE's .json sibling (docs/performance.json); the next run compares its figures with them.
#
# Never run in CI (it measures; it does not test). Exit code 3 when a budget item fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

mode=full; bench=1; builds=1; repetitions=""; lines=""; out="$root/docs/performance.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --no-bench) bench=0 ;;
    --no-builds) builds=0 ;;
    --repetitions) repetitions="$2"; shift ;;
    --lines) lines="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$repetitions" ] || repetitions=$([ "$mode" = quick ] && echo 1 || echo 2)
[ -n "$lines" ] || lines=$([ "$mode" = quick ] && echo 60000 || echo 200000)

work="$root/artifacts/perf"
mkdir -p "$work"
# The key figures of the previous run (written next to the page): the new page shows what changed since then.
figures="${out%.md}.json"
rm -f "$work/previous-figures.json"
[ -f "$figures" ] && cp "$figures" "$work/previous-figures.json"
start=$(date +%s)
step() { echo; echo "== $1 ($(( $(date +%s) - start ))s)"; }
now() { date +%s.%N; }

step "build the benchmark project (Release)"
dotnet build tests/AwsBestPractice.Analyzers.Benchmarks -c Release -nologo -v:q
tool=(dotnet "$root/tests/AwsBestPractice.Analyzers.Benchmarks/bin/Release/net10.0/AwsBestPractice.Analyzers.Benchmarks.dll")

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

  # The registration floor of our rules (eng/perf/floor): the same registrations with empty callbacks, in an analyzer assembly.
  step "build the registration floor of our analyzers"
  rm -rf "$work/floor"
  "${tool[@]}" floor-source --out "$work/floor/FloorAnalyzers.g.cs" --props "$work/floor/floor.props" --bin "$work/floor/bin"
  dotnet build eng/perf/floor/AwsBestPractice.Analyzers.Floor.csproj -c Release -nologo -v:q \
    -p:FloorRulesSource="$work/floor/FloorAnalyzers.g.cs" -o "$work/floor/bin"

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

  configs=(none ours floor meziantou roslynator)
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
    for config in "${configs[@]}"; do
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
      dotnet restore "$dir/$(entry "$target" "$dir")" -p:PerfAnalyzers="$config" -p:PerfOursVersion="$version" -p:PerfFloorProps="$work/floor/floor.props" -nologo -v:q
    done
  done

  build() { # target config rep
    local dir="$work/$1-$2" log="$logs/$1.$2.$3.log"
    local t0; t0=$(now)
    dotnet build "$dir/$(entry "$1" "$dir")" --no-restore --no-incremental -m:1 -v:d -clp:PerformanceSummary -nologo \
      -p:PerfAnalyzers="$2" -p:PerfOursVersion="$version" -p:PerfFloorProps="$work/floor/floor.props" -p:CscToolPath="$work/bin" -p:CscToolExe=csc-timed > "$log" 2>&1 || { echo "build $1/$2 failed: see $log"; tail -20 "$log"; exit 1; }
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

  # One more build of the solution with our package and one with Meziantou.Analyzer, not timed: each compiler process writes the
  # runtime's JIT events (EventPipe, enabled by environment variables: no tool needed), to see how much of a package's analyzer
  # time in a fresh compiler process is JIT-compiling its own code.
  cat > "$work/bin/csc-traced" <<SH
#!/usr/bin/env bash
export DOTNET_EnableEventPipe=1 DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x10:5'
export DOTNET_EventPipeOutputPath="\$PERF_JIT_DIR/\$(basename "\$PWD")@{pid}.nettrace"
exec "$real_csc" "\$@"
SH
  chmod +x "$work/bin/csc-traced"
  rm -rf "$work/jit"
  for config in ours meziantou; do
    step "traced build of solution / $config (JIT events; not timed)"
    mkdir -p "$work/jit/$config"
    PERF_JIT_DIR="$work/jit/$config" dotnet build "$work/solution-$config/$(entry solution)" --no-restore --no-incremental -m:1 -v:d -nologo \
      -p:PerfAnalyzers="$config" -p:PerfOursVersion="$version" -p:PerfFloorProps="$work/floor/floor.props" -p:CscToolPath="$work/bin" -p:CscToolExe=csc-traced \
      > "$work/jit/$config/build.log" 2>&1 || { echo "traced build $config failed: see $work/jit/$config/build.log"; exit 1; }
  done
  "${tool[@]}" parse-jit "$work/jit" "$work/jit.json"
  rm -f "$work"/jit/*/*.nettrace
fi

# Meziantou analyzers the builds do not execute (none of their diagnostics is a warning or an error by default): the compiler lists
# them at "<0.001", and the report leaves them out of the per-analyzer median.
packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')"
mez="$(ls -d "$packages"/meziantou.analyzer/3.0.321/analyzers/dotnet/roslyn4.14/cs/Meziantou.Analyzer.dll 2>/dev/null | head -1 || true)"
rm -f "$work/skipped-in-build.txt"
if [ -n "$mez" ]; then
  step "Meziantou analyzers that a command-line build does not run"
  "${tool[@]}" probe --skipped-in-build "$mez" --out "$work/skipped-in-build.txt" | head -1
fi

if [ "$bench" = 1 ]; then
  # Steadier per-analyzer figures: ours and Meziantou's analyzers in one process, analysed sequentially (probe --compare).
  if [ -n "$mez" ]; then
    step "per-analyzer comparison, sequential (ours and Meziantou.Analyzer in one process)"
    seq_files=$([ "$mode" = quick ] && echo 200 || echo 500)
    "${tool[@]}" probe --compare "$mez" --json "$work/sequential.json" --files "$seq_files" --runs 5
  else
    rm -f "$work/sequential.json"
    echo "Meziantou.Analyzer 3.0.321 is not in the package cache (restored by the builds): sequential comparison skipped"
  fi
fi

step "write $(realpath --relative-to="$root" "$out")"
minutes=$(awk "BEGIN { printf \"%.0f\", ($(date +%s) - $start) / 60 }")
report_args=(report --out "$out" --figures "$figures" --commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" --mode "$mode" --sdk "$(dotnet --version)" --minutes "$minutes" --repetitions "$repetitions")
[ -f "$work/previous-figures.json" ] && report_args+=(--previous "$work/previous-figures.json")
[ -d "$work/bench/results" ] && [ "$bench" = 1 ] && report_args+=(--bench "$work/bench/results")
[ -f "$work/builds.json" ] && [ "$builds" = 1 ] && report_args+=(--builds "$work/builds.json" --workload "$work/workload.json")
[ -f "$work/sequential.json" ] && [ "$bench" = 1 ] && report_args+=(--sequential "$work/sequential.json")
[ -f "$work/skipped-in-build.txt" ] && report_args+=(--skipped-in-build "$work/skipped-in-build.txt")
[ -f "$work/jit.json" ] && [ "$builds" = 1 ] && report_args+=(--jit "$work/jit.json")
set +e
"${tool[@]}" "${report_args[@]}"
rc=$?
set -e
sed -n '/^## Budget/,/^## Machine/p' "$out" | head -n -1
echo "done in $(( $(date +%s) - start ))s"
exit $rc
