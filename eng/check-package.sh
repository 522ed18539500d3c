#!/usr/bin/env bash
# Packs AwsBestPractice.Analyzers, checks the nupkg layout, then installs it from a local folder into a fresh consumer project
# with the AWS SDK and checks that `dotnet build` reports the rules: the real consumer path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A unique version so the consumer never restores a stale copy from the global packages folder.
version="0.1.0-ci.$(date +%Y%m%d%H%M%S)"
feed="$work/feed"

echo "== pack $version"
dotnet pack "$root/src/AwsBestPractice.Analyzers.Package/AwsBestPractice.Analyzers.Package.csproj" -c Release \
  -p:Version="$version" -p:PackageOutputPath="$feed/" -nologo -v:q
nupkg="$feed/AwsBestPractice.Analyzers.$version.nupkg"
[ -f "$nupkg" ] || { echo "FAIL: $nupkg was not produced"; exit 1; }

echo "== layout"
entries="$(unzip -Z1 "$nupkg")"
fail=0
for expected in analyzers/dotnet/cs/AwsBestPractice.Analyzers.dll analyzers/dotnet/cs/AwsBestPractice.Analyzers.CodeFixes.dll README.md \
    buildTransitive/AwsBestPractice.Analyzers.targets buildTransitive/config/mode_recommended.globalconfig; do
  grep -qx "$expected" <<<"$entries" || { echo "FAIL: $expected missing from the package"; fail=1; }
done
if grep -q '^lib/' <<<"$entries"; then echo "FAIL: the package has a lib/ folder"; fail=1; fi
nuspec="$(unzip -p "$nupkg" AwsBestPractice.Analyzers.nuspec)"
grep -q '<developmentDependency>true</developmentDependency>' <<<"$nuspec" || { echo "FAIL: not a developmentDependency"; fail=1; }
grep -q '<readme>README.md</readme>' <<<"$nuspec" || { echo "FAIL: no package readme"; fail=1; }
if grep -q '<dependency ' <<<"$nuspec"; then echo "FAIL: the package declares dependencies"; fail=1; fi
[ "$fail" = 0 ] || exit 1
echo "$entries" | sed 's/^/  /'

echo "== consumer project"
consumer="$work/consumer"
mkdir -p "$consumer"
cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-analyzers" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <OutputType>Library</OutputType>
    <NoWarn>\$(NoWarn);NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AwsBestPractice.Analyzers" Version="$version" PrivateAssets="all" />
    <PackageReference Include="AWSSDK.S3" Version="4.1.0" />
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="4.1.0" />
    <PackageReference Include="AWSSDK.SQS" Version="4.0.100.25" />
  </ItemGroup>
</Project>
XML
cat > "$consumer/Queue.cs" <<'CS'
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;

public class Queue
{
    public async Task<int> DrainAsync(IAmazonSQS sqs, string queueUrl)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, VisibilityTimeout = 50000 });
        return response.Messages?.Count ?? 0;
    }

    public async Task<int> AnnounceAsync(IAmazonSQS sqs, SendMessageBatchRequest batch)
    {
        await sqs.SendMessageBatchAsync(batch);
        var queues = await sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = "orders-" });
        return queues.QueueUrls?.Count ?? 0;
    }
}
CS
cat > "$consumer/LambdaTypes.cs" <<'CS'
// The Amazon.Lambda.Core package is not needed for the check: the rules recognise the type by its full name.
namespace Amazon.Lambda.Core { public interface ILambdaContext { string AwsRequestId { get; } } }
CS
cat > "$consumer/Code.cs" <<'CS'
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

public class Function
{
    public async Task<string> FunctionHandler(string key, ILambdaContext context)
    {
        var s3 = new AmazonS3Client(RegionEndpoint.USEast1);
        var response = await s3.GetObjectAsync("orders-bucket", key);
        return response.Key;
    }
}

public class AuditFunction
{
    private static readonly IAmazonS3 S3 = new AmazonS3Client();

    public string Record(string key, ILambdaContext context)
    {
        var response = S3.GetObjectMetadataAsync("orders-bucket", key).Result;
        _ = S3.DeleteObjectAsync("orders-bucket", key);
        return response.ETag;
    }
}

public class Uploader
{
    private readonly IAmazonS3 _s3 = new AmazonS3Client(new BasicAWSCredentials("AKIAQ3EGRJ2VMN7WXK4T", "q8Zt1mVw3Yx6Lb9Nc2Rd5Gf7Hk0Jp4Ts8Uv1Wy3Z"), RegionEndpoint.USEast1);

    public async Task UploadAsync(PutObjectRequest request)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _s3.PutObjectAsync(request);
                return;
            }
            catch (AmazonServiceException)
            {
                await Task.Delay(200 * (1 << attempt));
            }
        }
    }
}

public class Exporter
{
    public async Task ExportAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var s3 = new AmazonS3Client(RegionEndpoint.EUWest1);
            await s3.GetObjectMetadataAsync("exports-bucket", key);
        }
    }
}

public class Reservations
{
    private readonly IAmazonDynamoDB _dynamo = new AmazonDynamoDBClient();

    public async Task ReserveAsync(PutItemRequest request)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                await _dynamo.PutItemAsync(request);
                return;
            }
            catch (ProvisionedThroughputExceededException)
            {
                await Task.Delay(500);
            }
        }
    }
}

public class Maintenance
{
    private readonly IAmazonDynamoDB _dynamo = new AmazonDynamoDBClient();

    public async Task ClearAsync()
    {
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await _dynamo.ScanAsync(new ScanRequest { TableName = "Orders", ExclusiveStartKey = startKey });
            foreach (var item in page.Items)
            {
                await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = "Orders", Key = new Dictionary<string, AttributeValue> { ["Id"] = item["Id"] } });
            }

            startKey = page.LastEvaluatedKey;
        }
        while (startKey is { Count: > 0 });
    }
}

public class ReportSharing
{
    private readonly IAmazonS3 _s3 = new AmazonS3Client();

    public async Task<string> ShareAsync(string key, string csv)
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "reports-bucket", Key = key, ContentBody = csv, CannedACL = S3CannedACL.PublicRead });
        return $"https://reports-bucket.s3.amazonaws.com/{key}";
    }

    public static IAmazonS3 CreateClient() => new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1, UseHttp = true });

    public Task<string> LinkAsync(string key)
        => _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "reports-bucket", Key = key, Expires = DateTime.UtcNow.AddDays(3) });
}
CS
# Info rules are not printed by a command-line build; the presets below make them warnings.
cat > "$consumer/Announcer.cs" <<'CS'
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.SQS;

public class Announcer
{
    public async Task AnnounceAllAsync(IAmazonSQS sqs, string queueUrl, IEnumerable<string> bodies)
    {
        foreach (var body in bodies)
        {
            await sqs.SendMessageAsync(queueUrl, body);
        }
    }
}
CS
cat > "$consumer/AccessSetup.cs" <<'CS'
using System.Threading.Tasks;
using Amazon.S3;

public class AccessSetup
{
    // AWSBP002: every action on every resource.
    public Task GrantAsync(IAmazonS3 s3, string bucket)
        => s3.PutBucketPolicyAsync(bucket, "{ \"Statement\": [{ \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\" }] }");

    // AWSBP006: an IMDSv1 request, without a session token.
    public Task<string> InstanceIdAsync(System.Net.Http.HttpClient http)
        => http.GetStringAsync("http://169.254.169.254/latest/meta-data/instance-id");
}
CS
log="$work/build.log"
dotnet build "$consumer/Consumer.csproj" -nologo --no-incremental -p:TreatWarningsAsErrors=false > "$log" 2>&1 || { cat "$log"; echo "FAIL: consumer build failed"; exit 1; }
fail=0
# Every implemented rule whose default severity is Warning (eng/rules.txt, generated from the rule catalogue): the consumer
# code above triggers each; Info and Hidden rules are not printed by a command-line build.
mapfile -t warning_ids < <(awk '!/^#/ && $3 == "Warning" && $5 == "implemented" { print $1 }' "$root/eng/rules.txt")
for id in "${warning_ids[@]}"; do
  count="$(grep -cE "warning $id:" "$log" || true)"
  if [ "$count" -eq 0 ]; then echo "FAIL: $id not reported by the installed package"; fail=1; else echo "  $id reported"; fi
done
if grep -qE 'warning AD0001|error AD0001' "$log"; then grep -E 'AD0001' "$log"; echo "FAIL: analyzer exception"; fail=1; fi
[ "$fail" = 0 ] || { grep -E 'warning|error' "$log" | sort -u; exit 1; }

echo "== ReadyToRun image: selected for this SDK's runtime, same diagnostics as the portable assemblies"
sdk_tfm="net$(dotnet msbuild "$consumer/Consumer.csproj" -getProperty:BundledNETCoreAppTargetFrameworkVersion -nologo)"
sdk_rid="$(dotnet msbuild "$consumer/Consumer.csproj" -getProperty:NETCoreSdkRuntimeIdentifier -nologo)"
image="buildTransitive/r2r/$sdk_tfm-$sdk_rid/AwsBestPractice.Analyzers.dll"
compiler_analyzers() { # log -> our /analyzer paths passed to csc, one per line
  grep -oE '/analyzer:[^ ]*AwsBestPractice\.Analyzers(\.CodeFixes)?\.dll' "$1" | sort -u
}
if grep -qx "$image" <<<"$entries"; then
  r2r_log="$work/build.r2r.log"; il_log="$work/build.il.log"
  # One compiler process (no server, which on Linux loads analyzers from a stream and so runs their IL), with the runtime's
  # list of the methods it JIT-compiles: with the image, almost none of ours.
  jit_build() { # log jit-list [more -p: properties]
    local log="$1" jit="$2"; shift 2
    rm -f "$jit"
    DOTNET_JitStdOutFile="$jit" DOTNET_JitDisasmSummary=1 dotnet build "$consumer/Consumer.csproj" -nologo --no-incremental -v:d \
      -p:TreatWarningsAsErrors=false -p:UseSharedCompilation=false "$@" > "$log" 2>&1 || { echo "FAIL: consumer build failed"; exit 1; }
    grep -c "JIT compiled AwsBestPractice\.Analyzers\." "$jit" || true
  }
  r2r_jit="$(jit_build "$r2r_log" "$work/jit.r2r.txt")"
  il_jit="$(jit_build "$il_log" "$work/jit.il.txt" -p:AwsBestPracticeReadyToRun=false)"
  [ "$il_jit" -gt 100 ] && [ $((r2r_jit * 10)) -lt "$il_jit" ] || { echo "FAIL: the compiler JIT-compiled $r2r_jit of our methods with the image, $il_jit without: the image's code is not used"; fail=1; }
  grep -q "r2r/$sdk_tfm-$sdk_rid/AwsBestPractice.Analyzers.dll" <<<"$(compiler_analyzers "$r2r_log")" || { compiler_analyzers "$r2r_log"; echo "FAIL: the compiler did not get the ReadyToRun image $image"; fail=1; }
  if grep -q "r2r/" <<<"$(compiler_analyzers "$il_log")"; then echo "FAIL: AwsBestPracticeReadyToRun=false still passes the image"; fail=1; fi
  grep -q "analyzers/dotnet/cs/AwsBestPractice.Analyzers.dll" <<<"$(compiler_analyzers "$il_log")" || { echo "FAIL: AwsBestPracticeReadyToRun=false does not pass the portable assembly"; fail=1; }
  r2r_ids="$(grep -oE "warning AWSBP[0-9]+: [^[]*" "$r2r_log" | sort -u)"; il_ids="$(grep -oE "warning AWSBP[0-9]+: [^[]*" "$il_log" | sort -u)"
  [ -n "$r2r_ids" ] && [ "$r2r_ids" = "$il_ids" ] || { diff <(echo "$il_ids") <(echo "$r2r_ids"); echo "FAIL: the image and the portable assemblies report different diagnostics"; fail=1; }
  [ "$fail" = 0 ] || exit 1
  echo "  $image passed to the compiler; AwsBestPracticeReadyToRun=false passes analyzers/dotnet/cs; $(wc -l <<<"$r2r_ids") identical diagnostics;" \
    "our methods JIT-compiled by one compiler process: $r2r_jit with the image, $il_jit without"
elif [ "$sdk_rid" = linux-x64 ]; then
  echo "FAIL: $image missing from the package (packed on this SDK, for linux-x64)"; exit 1
else
  echo "  no image for $sdk_tfm-$sdk_rid in the package: the portable assemblies are used"
fi

echo "== presets: AwsBestPracticeAnalysisMode (docs/configuration.md)"
preset() { # mode [more -p: properties] -> the IDs reported, as "warning AWSBPnnn" / "error AWSBPnnn"
  local mode="$1" out="$work/build.$1.log"; shift
  dotnet build "$consumer/Consumer.csproj" -nologo --no-incremental -p:TreatWarningsAsErrors=false -p:AwsBestPracticeAnalysisMode="$mode" "$@" > "$out" 2>&1 || true
  grep -oE "(warning|error) AWSBP(CFG)?[0-9]+" "$out" | sort -u || true
}
default_ids="$(grep -oE "(warning|error) AWSBP[0-9]+" "$log" | sort -u)"
mapfile -t security_ids < <(awk '!/^#/ && $2 == "Security" && $5 == "implemented" { print $1 }' "$root/eng/rules.txt")
mapfile -t info_ids < <(awk '!/^#/ && $3 == "Info" && $5 == "implemented" { print $1 }' "$root/eng/rules.txt")
none="$(preset None)"; all="$(preset All)"; recommended="$(preset Recommended)"
[ -z "$none" ] || { echo "FAIL: None still reports: $none"; fail=1; }
if grep -q "^error" <<<"$all"; then echo "FAIL: All reports errors"; fail=1; fi
for id in $(awk '{ print $2 }' <<<"$default_ids"); do
  grep -qx "warning $id" <<<"$all" || { echo "FAIL: All lost $id"; fail=1; }
  if [[ " ${security_ids[*]} " == *" $id "* ]]; then
    grep -qx "error $id" <<<"$recommended" || { echo "FAIL: Recommended does not make $id an error"; fail=1; }
  else
    grep -qx "warning $id" <<<"$recommended" || { echo "FAIL: Recommended lost $id"; fail=1; }
  fi
done
info_seen=0
for id in "${info_ids[@]}"; do
  if grep -qx "warning $id" <<<"$all"; then
    info_seen=$((info_seen + 1))
    grep -qx "warning $id" <<<"$recommended" || { echo "FAIL: Recommended does not make Info rule $id a warning"; fail=1; }
  fi
done
[ "$info_seen" -gt 0 ] || { echo "FAIL: no Info rule became a warning under All"; fail=1; }
printf '[*.cs]\ndotnet_diagnostic.AWSBP001.severity = none\n' > "$consumer/.editorconfig"
overridden="$(preset Recommended)"
rm -f "$consumer/.editorconfig"
if grep -q "AWSBP001" <<<"$overridden"; then echo "FAIL: .editorconfig did not beat the Recommended preset for AWSBP001"; fail=1; fi
grep -qx "warning AWSBPCFG01" <<<"$(preset Strict)" || { echo "FAIL: an unknown mode is not reported"; fail=1; }

# Versioned rule sets: latest keeps every rule; each recorded release's level turns off exactly the rules shipped after it.
[ "$(preset Default -p:AwsBestPracticeAnalysisLevel=latest)" = "$default_ids" ] || { echo "FAIL: AnalysisLevel latest changed the diagnostics"; fail=1; }
unknown_level="$(preset Default -p:AwsBestPracticeAnalysisLevel=9.9)"
grep -qx "warning AWSBPCFG02" <<<"$unknown_level" || { echo "FAIL: an unknown analysis level is not reported"; fail=1; }
levels=0
for config in "$root"/src/AwsBestPractice.Analyzers.Package/buildTransitive/config/level_*.globalconfig; do
  [ -e "$config" ] || continue
  levels=$((levels + 1))
  level="$(basename "$config" .globalconfig)"; level="${level#level_}"
  at_level="$(preset Default -p:AwsBestPracticeAnalysisLevel="$level")"
  for id in $(grep -oE '^dotnet_diagnostic\.AWSBP[0-9]+' "$config" | cut -d. -f2); do
    if grep -q " $id\$" <<<"$at_level"; then echo "FAIL: level $level still reports $id, which shipped after it"; fail=1; fi
  done
done
[ "$fail" = 0 ] || exit 1
echo "  None: nothing; Default: $(wc -l <<<"$default_ids") IDs; All: $(wc -l <<<"$all") warnings ($info_seen Info rules);" \
  "Recommended: $(grep -c '^error' <<<"$recommended") errors; .editorconfig beats the preset; unknown mode warned;" \
  "AnalysisLevel: latest unchanged, unknown level warned, $levels recorded level(s) checked"

echo "== awsbp: pack the tool, install it from the same folder, scan the consumer project"
dotnet pack "$root/src/AwsBestPractice.Cli/AwsBestPractice.Cli.csproj" -c Release -p:Version="$version" -p:PackageOutputPath="$feed/" -nologo -v:q
dotnet tool install AwsBestPractice.Cli --version "$version" --add-source "$feed" --tool-path "$work/tools" >/dev/null
set +e
"$work/tools/awsbp" scan "$consumer" --format json > "$work/scan.json" 2> "$work/scan.err"
rc=$?
set -e
findings="$(grep -c '"ruleId"' "$work/scan.json" || true)"
if [ "$rc" -ne 1 ] || [ "$findings" -eq 0 ]; then
  echo "FAIL: the installed awsbp exited $rc with $findings finding(s) on the consumer project"; cat "$work/scan.err"; exit 1
fi
echo "  awsbp scan: exit $rc, $findings finding(s)"
echo "== package check passed"
