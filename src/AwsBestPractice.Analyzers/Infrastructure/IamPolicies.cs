using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>A value of an IAM policy statement element (one action, one resource) and where it is written.</summary>
internal readonly struct PolicyValue
{
    public PolicyValue(string value, Location location)
    {
        Value = value;
        Location = location;
    }

    /// <summary>The value; a part not known at compile time is <see cref="StringSyntaxText.Hole"/>.</summary>
    public string Value { get; }

    public Location Location { get; }
}

/// <summary>One statement of an IAM policy document, as written in code (JSON text, an object serialised to JSON, or the SDK's builder).</summary>
internal sealed class PolicyStatement
{
    public PolicyStatement(int index) => Index = index;

    /// <summary>The statement's position in its <c>Statement</c> list; -1 when unknown (a statement on its own).</summary>
    public int Index { get; }

    public string? Sid { get; set; }

    /// <summary><c>Allow</c>, <c>Deny</c>, or null when not a constant.</summary>
    public string? Effect { get; set; }

    public List<PolicyValue> Actions { get; } = new();

    public bool HasNotAction { get; set; }

    public List<PolicyValue> Resources { get; } = new();

    /// <summary>Every string under <c>Principal</c> (account ARNs, service names, <c>*</c>).</summary>
    public List<string> Principals { get; } = new();

    /// <summary>The name the messages use: the Sid, else the position (<c>Statement[1]</c>).</summary>
    public string Label => Sid is { Length: > 0 } sid ? "'" + sid + "'" : Index >= 0 ? "Statement[" + Index + "]" : "(no Sid)";
}

/// <summary>
/// Reads IAM policy statements from the three ways code writes a policy: JSON text (string literals, verbatim, raw and
/// interpolated strings, concatenations: <see cref="StringSyntaxText"/> and <see cref="JsonScanner"/>), objects serialised to JSON
/// (anonymous objects, dictionaries, object initializers with <c>Effect</c>/<c>Action</c>/<c>Resource</c> members), and the SDK's
/// <c>Amazon.Auth.AccessControlPolicy</c> builder (<c>new Statement(Statement.StatementEffect.Allow)</c>). Element names are
/// case-sensitive as in IAM; values that are not constants are not read.
/// </summary>
internal static class IamPolicies
{
    public const string BuilderNamespace = "Amazon.Auth.AccessControlPolicy";

    // JSON ------------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The statements of every policy document in <paramref name="text"/>: an object with a <c>Statement</c> member (at any depth,
    /// so a CloudFormation template or a <c>PolicyDocument</c> wrapper counts), or JSON that is itself a statement or a list of
    /// statements (objects with <c>Effect</c>). JSON with <c>Action</c> but neither <c>Statement</c> nor <c>Effect</c> is not a policy.
    /// </summary>
    public static List<PolicyStatement> FromJson(StringSyntaxText text)
    {
        var result = new List<PolicyStatement>();
        if (JsonScanner.Parse(text.Text) is not { } root)
        {
            return result;
        }

        if (root.Kind == JsonKind.Object && root.Get("Effect") is not null)
        {
            AddJsonStatement(root, -1, text, result);
        }
        else if (root.Kind == JsonKind.Array && root.Items is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Get("Effect") is not null)
                {
                    AddJsonStatement(items[i], i, text, result);
                }
            }
        }

        FindDocuments(root, text, result, depth: 0);
        return result;
    }

    private static void FindDocuments(JsonValue value, StringSyntaxText text, List<PolicyStatement> result, int depth)
    {
        if (depth > 16)
        {
            return;
        }

        if (value.Members is { } members)
        {
            foreach (var member in members)
            {
                if (member.Name == "Statement")
                {
                    if (member.Value.Kind == JsonKind.Object)
                    {
                        AddJsonStatement(member.Value, 0, text, result);
                    }
                    else if (member.Value.Items is { } statements)
                    {
                        for (var i = 0; i < statements.Count; i++)
                        {
                            AddJsonStatement(statements[i], i, text, result);
                        }
                    }
                }
                else
                {
                    FindDocuments(member.Value, text, result, depth + 1);
                }
            }
        }
        else if (value.Items is { } items)
        {
            foreach (var item in items)
            {
                FindDocuments(item, text, result, depth + 1);
            }
        }
    }

    private static void AddJsonStatement(JsonValue statement, int index, StringSyntaxText text, List<PolicyStatement> result)
    {
        if (statement.Kind != JsonKind.Object || statement.Get("Effect") is not { Value.Kind: JsonKind.String } effect)
        {
            return;
        }

        var read = new PolicyStatement(index)
        {
            Effect = effect.Value.String,
            Sid = statement.Get("Sid")?.Value.String,
            HasNotAction = statement.Get("NotAction") is not null,
        };
        AddJsonValues(statement.Get("Action"), text, read.Actions);
        AddJsonValues(statement.Get("Resource"), text, read.Resources);
        if (statement.Get("Principal") is { } principal)
        {
            AddJsonStrings(principal.Value, read.Principals, depth: 0);
        }

        result.Add(read);
    }

    /// <summary>A single string is located with its member name (<c>"Action": "*"</c>); an item of a list on its own.</summary>
    private static void AddJsonValues(JsonMember? member, StringSyntaxText text, List<PolicyValue> values)
    {
        switch (member?.Value)
        {
            case { Kind: JsonKind.String, String: { } single } value:
                values.Add(new PolicyValue(single, text.GetLocation(member.NameStart, value.End)));
                break;
            case { Kind: JsonKind.Array, Items: { } items }:
                foreach (var item in items)
                {
                    if (item is { Kind: JsonKind.String, String: { } itemValue })
                    {
                        values.Add(new PolicyValue(itemValue, text.GetLocation(item.Start, item.End)));
                    }
                }

                break;
        }
    }

    private static void AddJsonStrings(JsonValue value, List<string> strings, int depth)
    {
        if (value.String is { } s)
        {
            strings.Add(s);
        }

        foreach (var item in value.Items ?? (IEnumerable<JsonValue>)Array.Empty<JsonValue>())
        {
            AddJsonStrings(item, strings, depth + 1);
        }

        if (value.Members is { } members && depth < 4)
        {
            foreach (var member in members)
            {
                AddJsonStrings(member.Value, strings, depth + 1);
            }
        }
    }

    // Objects serialised to JSON ------------------------------------------------------------------------------------------

    /// <summary>
    /// The statement written as the object <paramref name="members"/> belongs to: an anonymous object (<c>new { Effect = "Allow", … }</c>),
    /// an object initializer (<c>new PolicyStatement { Effect = "Allow", … }</c>) or a dictionary (<c>{ ["Effect"] = "Allow" }</c>,
    /// <c>{ { "Effect", "Allow" } }</c>); null when it has no constant <c>Effect</c> or no <c>Action</c>/<c>NotAction</c>.
    /// </summary>
    public static PolicyStatement? FromObject(SyntaxNode members, SemanticModel model, CancellationToken cancellationToken)
    {
        var read = ReadMembers(members);
        if (!read.TryGetValue("Effect", out var effect)
            || !(read.ContainsKey("Action") || read.ContainsKey("NotAction"))
            || !ConstantValues.TryGetConstantString(model.GetOperation(effect.Value, cancellationToken), cancellationToken, out var effectValue))
        {
            return null;
        }

        var statement = new PolicyStatement(StatementIndex(members))
        {
            Effect = effectValue,
            HasNotAction = read.ContainsKey("NotAction"),
        };
        if (read.TryGetValue("Sid", out var sid) && ConstantValues.TryGetConstantString(model.GetOperation(sid.Value, cancellationToken), cancellationToken, out var sidValue))
        {
            statement.Sid = sidValue;
        }

        if (read.TryGetValue("Action", out var action))
        {
            AddObjectValues(action, model, cancellationToken, statement.Actions);
        }

        if (read.TryGetValue("Resource", out var resource))
        {
            AddObjectValues(resource, model, cancellationToken, statement.Resources);
        }

        if (read.TryGetValue("Principal", out var principal))
        {
            foreach (var token in principal.Value.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.StringLiteralToken))
                {
                    statement.Principals.Add(token.ValueText);
                }
            }
        }

        return statement;
    }

    /// <summary>The object-shaped node an <c>Effect</c> member (name or dictionary key) at <paramref name="node"/> belongs to.</summary>
    public static SyntaxNode? GetObjectOfMember(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousObjectCreationExpressionSyntax:
                case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression or (int)SyntaxKind.CollectionInitializerExpression }:
                    return current;
                case StatementSyntax or MemberDeclarationSyntax or LambdaExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Member name → (the syntax to report on, the value).</summary>
    private static Dictionary<string, (SyntaxNode Member, ExpressionSyntax Value)> ReadMembers(SyntaxNode members)
    {
        var result = new Dictionary<string, (SyntaxNode, ExpressionSyntax)>(StringComparer.Ordinal);
        switch (members)
        {
            case AnonymousObjectCreationExpressionSyntax anonymous:
                foreach (var member in anonymous.Initializers)
                {
                    var name = member.NameEquals?.Name.Identifier.ValueText
                               ?? (member.Expression as IdentifierNameSyntax)?.Identifier.ValueText
                               ?? (member.Expression as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText;
                    if (name is not null && !result.ContainsKey(name))
                    {
                        result.Add(name, (member, member.Expression));
                    }
                }

                break;
            case InitializerExpressionSyntax initializer:
                foreach (var expression in initializer.Expressions)
                {
                    var (name, value) = expression switch
                    {
                        AssignmentExpressionSyntax { Left: IdentifierNameSyntax identifier } assignment => (identifier.Identifier.ValueText, assignment.Right),
                        AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax access } assignment => (StringKey(access), assignment.Right),
                        InitializerExpressionSyntax { Expressions.Count: 2 } entry => (StringKey(entry), entry.Expressions[1]),
                        _ => (null, null),
                    };
                    if (name is not null && value is not null && !result.ContainsKey(name))
                    {
                        result.Add(name, (expression, value));
                    }
                }

                break;
        }

        return result;
    }

    /// <summary>A single value is located on the member (<c>Action = "*"</c>), an item of a list on the item.</summary>
    private static void AddObjectValues((SyntaxNode Member, ExpressionSyntax Value) member, SemanticModel model, CancellationToken cancellationToken, List<PolicyValue> values)
    {
        var items = member.Value switch
        {
            ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions,
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
            BaseObjectCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
            _ => default(SeparatedSyntaxList<ExpressionSyntax>?),
        };
        if (items is null && member.Value is CollectionExpressionSyntax collection)
        {
            foreach (var element in collection.Elements)
            {
                if (element is ExpressionElementSyntax { Expression: var expression })
                {
                    AddConstant(expression, expression, model, cancellationToken, values);
                }
            }

            return;
        }

        if (items is { } list)
        {
            foreach (var item in list)
            {
                AddConstant(item, item, model, cancellationToken, values);
            }

            return;
        }

        AddConstant(member.Value, member.Member, model, cancellationToken, values);
    }

    private static void AddConstant(ExpressionSyntax value, SyntaxNode reportOn, SemanticModel model, CancellationToken cancellationToken, List<PolicyValue> values)
    {
        if (ConstantValues.TryGetConstantString(model.GetOperation(value, cancellationToken), cancellationToken, out var constant) && constant is not null)
        {
            values.Add(new PolicyValue(constant, reportOn.GetLocation()));
        }
    }

    /// <summary>The statement's position when the object is an item of a list that is the value of a <c>Statement</c> member; else -1.</summary>
    private static int StatementIndex(SyntaxNode members)
    {
        var statement = members is InitializerExpressionSyntax { Parent: ExpressionSyntax owner } ? owner : members;
        SyntaxNode? list = statement.Parent;
        var index = list switch
        {
            InitializerExpressionSyntax initializer => initializer.Expressions.IndexOf((ExpressionSyntax)statement),
            ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } element => collection.Elements.IndexOf(element),
            _ => -1,
        };
        if (list is ExpressionElementSyntax)
        {
            list = list.Parent;
        }

        // The list's owner: new[] { … }, new List<T> { … }, [ … ], assigned to a member named Statement.
        var listOwner = list is InitializerExpressionSyntax { Parent: ExpressionSyntax creation } ? creation : list;
        var memberName = listOwner?.Parent switch
        {
            AnonymousObjectMemberDeclaratorSyntax declarator => declarator.NameEquals?.Name.Identifier.ValueText,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
            AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax access } => StringKey(access),
            InitializerExpressionSyntax { Expressions.Count: 2 } entry => StringKey(entry),
            _ => null,
        };
        return memberName == "Statement" ? index : -1;
    }

    /// <summary>The constant string key of <c>["Effect"]</c> or of the entry <c>{ "Effect", … }</c>.</summary>
    private static string? StringKey(SyntaxNode keyed)
    {
        var key = keyed switch
        {
            ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } access => access.ArgumentList.Arguments[0].Expression,
            InitializerExpressionSyntax { Expressions.Count: 2 } entry => entry.Expressions[0],
            _ => null,
        };
        return key is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
    }

    // The SDK's builder ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// The statement built from <paramref name="creation"/> (<c>new Statement(Statement.StatementEffect.Allow)</c> of
    /// <c>Amazon.Auth.AccessControlPolicy</c>): its initializer, the <c>With…</c> calls chained on it and, when it is stored in a
    /// local, the <c>Actions.Add</c>/<c>Resources.Add</c>/<c>With…</c> calls and <c>Id</c> assignments on that local in the same body.
    /// </summary>
    public static PolicyStatement? FromBuilder(IObjectCreationOperation creation, CancellationToken cancellationToken)
    {
        if (creation.Type is not INamedTypeSymbol { Name: "Statement" } type
            || type.ContainingNamespace?.ToDisplayString() != BuilderNamespace
            || creation.Arguments.Length != 1
            || creation.Arguments[0].Value.WalkDownConversions() is not IFieldReferenceOperation { Field.Name: var effect })
        {
            return null;
        }

        var statement = new PolicyStatement(-1) { Effect = effect };
        var parts = new List<IOperation>();
        if (creation.Initializer is { } initializer)
        {
            parts.AddRange(initializer.Initializers);
        }

        // Chained: new Statement(…).WithActionIdentifiers(…).WithResources(…)
        IOperation top = creation;
        while (top.Parent is IInvocationOperation chained && ReferenceEquals(chained.Instance, top))
        {
            parts.Add(chained);
            top = chained;
        }

        var local = top.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        if (local is not null)
        {
            foreach (var operation in creation.GetRoot().Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IInvocationOperation or ISimpleAssignmentOperation && RootLocal(operation) is { } root && SymbolEqualityComparer.Default.Equals(root, local))
                {
                    parts.Add(operation);
                }
            }
        }

        foreach (var part in parts)
        {
            ReadBuilderPart(part, statement, cancellationToken);
        }

        return statement;
    }

    /// <summary>The local a call or assignment acts on: <c>s.WithResources(…)</c>, <c>s.Actions.Add(…)</c>, <c>s.Id = …</c>.</summary>
    private static ILocalSymbol? RootLocal(IOperation operation)
    {
        var receiver = operation switch
        {
            IInvocationOperation invocation => invocation.Instance,
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => property.Instance,
            _ => null,
        };
        if (receiver is IPropertyReferenceOperation { Property.Name: "Actions" or "Resources" or "Principals" } collection)
        {
            receiver = collection.Instance;
        }

        return (receiver?.WalkDownConversions() as ILocalReferenceOperation)?.Local;
    }

    private static void ReadBuilderPart(IOperation part, PolicyStatement statement, CancellationToken cancellationToken)
    {
        switch (part)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var property } } assignment:
                ReadBuilderValues(property, assignment.Value, statement, cancellationToken);
                break;
            case IInvocationOperation invocation:
                var name = invocation.TargetMethod.Name;
                if (name == "Add" && invocation.Instance is IPropertyReferenceOperation { Property.Name: var collection })
                {
                    name = collection;
                }

                foreach (var argument in invocation.Arguments)
                {
                    ReadBuilderValues(name, argument.Value, statement, cancellationToken);
                }

                break;
        }
    }

    private static void ReadBuilderValues(string member, IOperation value, PolicyStatement statement, CancellationToken cancellationToken)
    {
        var list = member switch
        {
            "Actions" or "WithActionIdentifiers" => statement.Actions,
            "Resources" or "WithResources" => statement.Resources,
            _ => null,
        };
        if (member is "Id" or "WithId")
        {
            statement.Sid = ConstantValues.TryGetConstantString(value, cancellationToken, out var id) ? id : statement.Sid;
            return;
        }

        if (member is "Principals" or "WithPrincipals")
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation is ILiteralOperation { ConstantValue.Value: string principal })
                {
                    statement.Principals.Add(principal);
                }
            }

            return;
        }

        if (list is null)
        {
            return;
        }

        // One value (new ActionIdentifier("s3:*"), an implicit conversion from a string in SDK v4) or several (params arrays,
        // collection initializers): every ActionIdentifier/Resource constructor and string conversion under the value.
        foreach (var operation in value.DescendantsAndSelf())
        {
            var text = operation switch
            {
                IObjectCreationOperation { Type.Name: "ActionIdentifier" or "Resource", Arguments.Length: 1 } creation => creation.Arguments[0].Value,
                IConversionOperation { Type.Name: "ActionIdentifier", Operand: var operand } when operand.Type?.SpecialType == SpecialType.System_String => operand,
                _ => null,
            };
            if (text is not null && ConstantValues.TryGetConstantString(text, cancellationToken, out var constant) && constant is not null)
            {
                list.Add(new PolicyValue(constant, operation.Syntax.GetLocation()));
            }
        }
    }
}
