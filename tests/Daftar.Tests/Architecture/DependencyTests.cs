using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Xunit.Abstractions;

namespace Daftar.Tests.Architecture;

/// <summary>
/// Issue #31 item 2 (ADR 0024): dependencies run one way. Infrastructure never reaches up into the business areas
/// (Features) or the composition root, and no new cycle between areas appears. The dependencies are read from the
/// compiled assembly with Mono.Cecil: every type a type's base, interfaces, fields, properties, signatures, method
/// bodies and attributes name (compiler-made types — lambdas, async state machines — count for the type that owns them).
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class DependencyTests(ITestOutputHelper output)
{
    private const string Web = "Daftar.Web";

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Graph = new(() =>
    {
        using var module = ModuleDefinition.ReadModule(typeof(DaftarApp).Assembly.Location);
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in module.GetTypes())
        {
            var from = PartOf(NamespaceOf(type));
            if (from is null) continue;
            if (!graph.TryGetValue(from, out var targets)) graph[from] = targets = [];
            foreach (var used in Uses(type))
            {
                if (used.FullName == typeof(SharedResource).FullName) continue;   // the localisation marker
                var to = PartOf(NamespaceOf(used));
                if (to is not null && to != from) targets.Add(to);
            }
        }
        return graph;
    });

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.Namespace;
    }

    internal static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        IEnumerable<TypeReference> Of(TypeReference? t)
        {
            if (t is null) yield break;
            if (t is TypeSpecification spec) foreach (var inner in Of(spec.ElementType)) yield return inner;
            if (t is GenericInstanceType generic) foreach (var argument in generic.GenericArguments.SelectMany(Of)) yield return argument;
            if (t is not TypeSpecification and not GenericParameter) yield return t;
        }
        IEnumerable<TypeReference> OfAttributes(ICustomAttributeProvider p) => p.HasCustomAttributes ? p.CustomAttributes.SelectMany(a => Of(a.AttributeType)) : [];

        foreach (var t in Of(type.BaseType)) yield return t;
        foreach (var t in type.Interfaces.SelectMany(i => Of(i.InterfaceType))) yield return t;
        foreach (var t in OfAttributes(type)) yield return t;
        foreach (var field in type.Fields)
            foreach (var t in Of(field.FieldType).Concat(OfAttributes(field))) yield return t;
        foreach (var property in type.Properties)
            foreach (var t in Of(property.PropertyType).Concat(OfAttributes(property))) yield return t;
        foreach (var method in type.Methods)
        {
            foreach (var t in Of(method.ReturnType).Concat(method.Parameters.SelectMany(p => Of(p.ParameterType))).Concat(OfAttributes(method))) yield return t;
            if (!method.HasBody) continue;
            foreach (var variable in method.Body.Variables)
                foreach (var t in Of(variable.VariableType)) yield return t;
            foreach (var instruction in method.Body.Instructions)
            {
                var named = instruction.Operand switch
                {
                    TypeReference t => Of(t),
                    MethodReference m => Of(m.DeclaringType).Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Of) : []),
                    FieldReference f => Of(f.DeclaringType),
                    _ => [],
                };
                foreach (var t in named) yield return t;
            }
        }
    }

    /// <summary>"Infrastructure", "Features.Files", "Root" (DaftarApp, AdminCommands), or null outside Daftar.Web.</summary>
    private static string? PartOf(string ns)
    {
        if (ns == Web) return "Root";
        if (!ns.StartsWith(Web + ".", StringComparison.Ordinal)) return null;
        var parts = ns[(Web.Length + 1)..].Split('.');
        return parts[0] == "Features" && parts.Length > 1 ? "Features." + parts[1] : parts[0];
    }

    [Fact]
    public void Infrastructure_DependsOnNoArea_AndNothingDependsOnTheCompositionRoot()
    {
        var graph = Graph.Value;
        foreach (var (from, targets) in graph.OrderBy(g => g.Key))
            output.WriteLine($"{from} → {string.Join(", ", targets.Order())}");
        var upward = graph.GetValueOrDefault("Infrastructure", []).Where(t => t.StartsWith("Features.", StringComparison.Ordinal)).ToList();
        var onRoot = graph.Where(g => g.Key != "Root" && g.Value.Contains("Root")).Select(g => g.Key).ToList();
        Assert.True(upward.Count == 0, "Infrastructure depends on " + string.Join(", ", upward));
        Assert.True(onRoot.Count == 0, "The composition root is used by " + string.Join(", ", onRoot));
    }

    [Fact]
    public void NoCycle_BetweenAreas()
    {
        var inCycles = EdgesOnCycles(Graph.Value);
        output.WriteLine("Edges on a cycle: " + string.Join("; ", inCycles));
        Assert.True(inCycles.Count == 0, "Edges on a cycle between areas (ADR 0024: the area that owns the concept publishes an interface or a partial, the other composes it): " + string.Join("; ", inCycles));
    }

    [Fact]
    public void TheCycleCheck_FindsACycle_ThroughAThirdArea()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Features.A"] = ["Features.B", "Infrastructure"],
            ["Features.B"] = ["Features.C"],
            ["Features.C"] = ["Features.A"],
            ["Features.D"] = ["Features.A"],
        };
        Assert.Equal(["Features.A → Features.B", "Features.B → Features.C", "Features.C → Features.A"], EdgesOnCycles(graph));
    }

    private static List<string> EdgesOnCycles(Dictionary<string, HashSet<string>> graph)
    {
        var inCycles = new List<string>();
        foreach (var (from, targets) in graph)
        {
            foreach (var to in targets.Where(t => t.StartsWith("Features.", StringComparison.Ordinal) && from.StartsWith("Features.", StringComparison.Ordinal)))
            {
                if (Reaches(graph, to, from)) inCycles.Add($"{from} → {to}");
            }
        }
        inCycles.Sort(StringComparer.Ordinal);
        return inCycles;
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> graph, string start, string goal)
    {
        var seen = new HashSet<string> { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var node))
        {
            if (node == goal) return true;
            foreach (var next in graph.GetValueOrDefault(node, []))
                if (next.StartsWith("Features.", StringComparison.Ordinal) && seen.Add(next)) queue.Enqueue(next);
        }
        return false;
    }
}
