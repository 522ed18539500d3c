using System;
using System.Linq;

namespace AwsBestPractice.Analyzers.Tests.Verifiers;

/// <summary>
/// The test kit's wrappers: a rule test writes the few statements it is about and gets a whole compilation unit with the usual
/// usings, inside an async method, a Lambda handler, a loop or an ASP.NET Core-style controller action. Bodies are re-indented,
/// so a fixed source built with the same wrapper lines up with the fixer's output.
/// </summary>
public static class Code
{
    public const string SqsUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.SQS;
        using Amazon.SQS.Model;
        """;

    /// <summary><paramref name="body"/> as the body of <c>async Task RunAsync(parameters)</c> in class <c>Worker</c>.</summary>
    /// <remarks><paramref name="after"/> goes after the method, separated by a blank line (where fixes add helper methods).</remarks>
    public static string InMethod(string body, string parameters = "IAmazonSQS sqs, string queueUrl", string usings = SqsUsings, string members = "", string after = "")
        => $$"""
        {{usings}}

        public class Worker
        {
        {{Indent(members, 1)}}    public async Task RunAsync({{parameters}})
            {
        {{Indent(body, 2)}}
            }{{(after.Length == 0 ? string.Empty : "\n\n" + Indent(after.TrimEnd('\n'), 1))}}
        }
        """;

    /// <summary><paramref name="body"/> as a Lambda handler (<c>ILambdaContext</c> parameter) of class <c>Function</c>.</summary>
    public static string InLambdaHandler(string body, string usings = SqsUsings, string fields = "    private static readonly IAmazonSQS Sqs = new AmazonSQSClient();\n")
        => $$"""
        {{usings}}
        using Amazon.Lambda.Core;

        public class Function
        {
        {{fields}}
            public async Task<string> HandleAsync(string queueUrl, ILambdaContext context)
            {
        {{Indent(body, 2)}}
            }
        }
        """;

    /// <summary>The usings of <see cref="InLambdaFunction"/>: Lambda, S3, SQS, HttpClient, tasks and LINQ.</summary>
    public const string LambdaUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Amazon.SQS;
        using Amazon.SQS.Model;

        """;

    /// <summary>
    /// <paramref name="body"/> as the handler <paramref name="signature"/> (<c>public string Handle(string queueUrl, ILambdaContext
    /// context)</c>) of class <c>Function</c>, which has static <c>Sqs</c>, <c>S3</c> and <c>Http</c> clients and
    /// <paramref name="members"/> (indented one level) before the handler; usings are <see cref="LambdaUsings"/>.
    /// </summary>
    public static string InLambdaFunction(string signature, string body, string members = "")
        => LambdaUsings + "public class Function\n{\n"
           + "    private static readonly IAmazonSQS Sqs = new AmazonSQSClient();\n"
           + "    private static readonly IAmazonS3 S3 = new AmazonS3Client();\n"
           + "    private static readonly HttpClient Http = new HttpClient();\n\n"
           + members + "    " + signature + "\n    {\n" + Indent(body, 2).TrimEnd('\n') + "\n    }\n}\n";

    /// <summary>
    /// <paramref name="body"/> as an ASP.NET Core controller action (<c>[HttpPost] async Task&lt;IActionResult&gt; PostAsync(string id)</c>
    /// of <c>OrdersController : ControllerBase</c>); the few MVC types it needs are declared after it with their real full names.
    /// </summary>
    public static string InControllerAction(string body, string usings = SqsUsings, string members = "")
        => $$"""
        {{usings}}
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class OrdersController : ControllerBase
        {
        {{Indent(members, 1)}}    [HttpPost]
            public async Task<IActionResult> PostAsync(string id)
            {
        {{Indent(body, 2)}}
            }
        }

        namespace Microsoft.AspNetCore.Mvc
        {
            public interface IActionResult { }
            public sealed class OkResult : IActionResult { }
            public abstract class ControllerBase { public OkResult Ok() => new OkResult(); }
            public sealed class ApiControllerAttribute : System.Attribute { }
            public sealed class HttpPostAttribute : System.Attribute { }
        }
        """;

    /// <summary><paramref name="body"/> inside <c>while (!cancellationToken.IsCancellationRequested)</c>, as a worker's loop.</summary>
    public static string InLoop(string body)
        => "while (!cancellationToken.IsCancellationRequested)\n{\n" + Indent(body, 1) + "\n}";

    private static string Indent(string text, int levels)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var prefix = new string(' ', 4 * levels);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join("\n", lines.Select(l => l.Length == 0 ? l : prefix + l)) + (text.EndsWith('\n') ? "\n" : string.Empty);
    }
}
