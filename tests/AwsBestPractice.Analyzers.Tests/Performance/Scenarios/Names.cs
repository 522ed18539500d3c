using System;
using System.Globalization;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>Deterministic, varied names for generated file number <see cref="Index"/>: no two files declare the same type.</summary>
public sealed class Names
{
    private static readonly string[] Nouns =
    {
        "Order", "Invoice", "Customer", "Shipment", "Product", "Payment", "Subscription", "Ticket", "Booking", "Review",
        "Account", "Claim", "Policy", "Delivery", "Quote", "Refund", "Supplier", "Warehouse", "Campaign", "Contract",
        "Device", "Reading", "Session", "Voucher",
    };

    private static readonly string[] Areas =
    {
        "Sales", "Billing", "Fulfilment", "Catalog", "Support", "Identity", "Insurance", "Logistics", "Marketing", "Telemetry",
    };

    private static readonly string[] Regions = { "EUWest1", "USEast1", "USWest2", "EUCentral1", "APSoutheast2", "USEast2" };

    public Names(int index)
    {
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        Index = index;
        Noun = Nouns[index % Nouns.Length];
        Area = Areas[(index / Nouns.Length) % Areas.Length];
        Suffix = index.ToString("D4", CultureInfo.InvariantCulture);
        Region = Regions[index % Regions.Length];
    }

    public int Index { get; }

    /// <summary>A domain noun such as "Order".</summary>
    public string Noun { get; }

    /// <summary>The business area, used in the namespace.</summary>
    public string Area { get; }

    public string Suffix { get; }

    /// <summary>A <c>RegionEndpoint</c> member name.</summary>
    public string Region { get; }

    /// <summary>The main entity type, unique per index: "Order0042".</summary>
    public string T => Noun + Suffix;

    /// <summary>A camelCase variable name for the entity.</summary>
    public string Var => char.ToLowerInvariant(Noun[0]) + Noun.Substring(1);

    public string Namespace(string project = "Contoso") => $"{project}.{Area}.{Noun}s{Suffix}";

    /// <summary>The DynamoDB table name of the entity.</summary>
    public string Table => $"{Noun}s-{Suffix}";

    public string Bucket => $"contoso-{Area.ToLowerInvariant()}-{Noun.ToLowerInvariant()}s";

    /// <summary>A deterministic, well-formed but fake key ID (AKIA + 16 characters of [A-Z2-7]), different per index.</summary>
    public string AccessKeyId
    {
        get
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            var chars = new char[16];
            var state = (uint)(Index * 2654435761u + 12345u);
            for (var i = 0; i < chars.Length; i++)
            {
                state = state * 1664525u + 1013904223u;
                chars[i] = alphabet[(int)(state >> 27)];
            }

            return "AKIA" + new string(chars);
        }
    }

    /// <summary>A deterministic 40-character secret-key-shaped string with key entropy, different per index.</summary>
    public string SecretKey
    {
        get
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            var chars = new char[40];
            var state = (uint)(Index * 40503u + 977u);
            for (var i = 0; i < chars.Length; i++)
            {
                state = state * 1103515245u + 12345u;
                chars[i] = alphabet[(int)(state >> 26)];
            }

            return new string(chars);
        }
    }
}
