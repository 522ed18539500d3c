namespace AwsBestPractice.Analyzers;

/// <summary>Rule IDs, categories and help links. IDs are fixed by the rule catalog (RULES.md).</summary>
internal static class RuleIdentifiers
{
    public const string HardcodedCredentials = "AWSBP001";
    public const string CreateClientOutsideHandler = "AWSBP010";
    public const string DoNotRetryClientErrors = "AWSBP020";
    public const string ScanAndDeleteTableCleanup = "AWSBP030";

    public const string HelpLinkBase = "https://github.com/awsbestpractice/AwsBestPractice.Analyzers/blob/main/docs/rules/";

    public static string GetHelpUri(string id) => HelpLinkBase + id + ".md";
}

internal static class RuleCategories
{
    public const string Security = "Security";
    public const string Performance = "Performance";
    public const string Reliability = "Reliability";
    public const string Cost = "Cost";
}
