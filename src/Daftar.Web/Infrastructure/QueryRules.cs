using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Marks a method that stands, inside LINQ queries, for a rule written as an expression: a static field of the same
/// class, named here. <see cref="QueryRules.Inline{T}"/> puts the rule's body in place of each call.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QueryRuleAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}

/// <summary>
/// A rule EF must translate, written once and used both in queries built per request and in compiled queries, whose
/// parameters are the compiled lambda's own (ADR 0020). Queries call a marker method (<see cref="QueryRuleAttribute"/>);
/// <see cref="Inline{T}"/> replaces each call with the rule, its parameters bound to the call's arguments, before EF
/// sees the expression.
/// </summary>
public static class QueryRules
{
    private static readonly ConcurrentDictionary<MethodInfo, LambdaExpression?> Rules = new();

    public static Expression<T> Inline<T>(Expression<T> query) => (Expression<T>)new Inliner().Visit(query);

    /// <summary>The body of <paramref name="lambda"/> with its parameters bound to <paramref name="arguments"/>: for composing
    /// a compiled query's expression from steps.</summary>
    public static Expression Apply(LambdaExpression lambda, params Expression[] arguments) =>
        new Binder(lambda.Parameters.Zip(arguments).ToDictionary(x => x.First, x => x.Second)).Visit(lambda.Body);

    /// <summary>What a marker method throws if it is ever run: its query was not passed through <see cref="Inline{T}"/>.</summary>
    public static InvalidOperationException NotInlined(string method) =>
        new($"{method} stands for a rule inside a query expression: pass the query through QueryRules.Inline.");

    private static LambdaExpression? RuleOf(MethodInfo method) => Rules.GetOrAdd(method, m =>
    {
        if (m.GetCustomAttribute<QueryRuleAttribute>() is not { } marker) return null;
        var field = m.DeclaringType!.GetField(marker.Field, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{m.DeclaringType.Name}.{m.Name} names the rule {marker.Field}, which is not a static field of its class.");
        return field.GetValue(null) as LambdaExpression
            ?? throw new InvalidOperationException($"{m.DeclaringType.Name}.{marker.Field} is not an expression (or is not yet initialised).");
    });

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (RuleOf(node.Method) is not { } rule) return base.VisitMethodCall(node);
            return Apply(rule, [.. node.Arguments.Select(Visit)!]);
        }
    }

    private sealed class Binder(Dictionary<ParameterExpression, Expression> bound) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => bound.TryGetValue(node, out var e) ? e : node;
    }
}
