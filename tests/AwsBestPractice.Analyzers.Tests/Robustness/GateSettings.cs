using System;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>Sizes of the robustness gates; environment variables raise them for a local soak.</summary>
public static class GateSettings
{
    /// <summary>Documents the mutation fuzzer analyses (CI default 20,000; AWSBP_FUZZ_DOCUMENTS for a soak).</summary>
    public static int FuzzDocuments => Read("AWSBP_FUZZ_DOCUMENTS", 20_000);

    /// <summary>Prefix cuts per document in the typing simulation (every token boundary below this many tokens).</summary>
    public static int MaxPrefixesPerDocument => Read("AWSBP_TYPING_PREFIXES", 400);

    /// <summary>Upper bound for one analysis run of one small document (generous: CI machines are noisy).</summary>
    public static TimeSpan MaxRunTime => TimeSpan.FromSeconds(Read("AWSBP_MAX_RUN_SECONDS", 10));

    public static int Parallelism => Math.Max(1, Environment.ProcessorCount);

    private static int Read(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
