namespace Daftar.WorkFromHome;

/// <summary>
/// Maximum flow with lower bounds on edges (Dinic's algorithm; lower bounds by the usual reduction to a circulation
/// with demands). Written here because no flow library is served for .NET in this registry (ADR 0026); it is small,
/// and the roster's property tests exercise it.
/// </summary>
public sealed class BoundedFlow
{
    private sealed class Arc(int to, long capacity)
    {
        public int To { get; } = to;
        public long Capacity { get; set; } = capacity;
        public long Flow { get; set; }
        public Arc Reverse { get; set; } = null!;
        public long Residual => Capacity - Flow;
    }

    private readonly List<List<Arc>> graph = [];
    private readonly List<(Arc Arc, long Lower)> added = [];
    private readonly List<long> demand = [];

    public int AddNode()
    {
        graph.Add([]);
        demand.Add(0);
        return graph.Count - 1;
    }

    /// <summary>Adds an edge carrying between <paramref name="lower"/> and <paramref name="upper"/>; returns its handle.</summary>
    public int AddEdge(int from, int to, long lower, long upper)
    {
        if (lower < 0 || upper < lower) throw new ArgumentOutOfRangeException(nameof(upper), "0 <= lower <= upper");
        var arc = Link(from, to, upper - lower);
        demand[to] += lower;
        demand[from] -= lower;
        added.Add((arc, lower));
        return added.Count - 1;
    }

    /// <summary>What an edge carries in the flow found.</summary>
    public long FlowOf(int edge) => added[edge].Lower + added[edge].Arc.Flow;

    /// <summary>
    /// Finds a flow from <paramref name="source"/> to <paramref name="sink"/> that meets every lower bound, then makes it
    /// as large as the upper bounds allow. False when no flow meets the lower bounds.
    /// </summary>
    public bool Solve(int source, int sink)
    {
        var back = Link(sink, source, long.MaxValue / 4);
        var superSource = AddNode();
        var superSink = AddNode();
        long needed = 0;
        var helpers = new List<Arc> { back };
        for (var v = 0; v < superSource; v++)
        {
            if (demand[v] > 0)
            {
                helpers.Add(Link(superSource, v, demand[v]));
                needed += demand[v];
            }
            else if (demand[v] < 0)
            {
                helpers.Add(Link(v, superSink, -demand[v]));
            }
        }
        var feasible = MaxFlow(superSource, superSink) == needed;
        // The circulation's helpers go; what flowed round sink → source is flow from source to sink, which stays.
        foreach (var arc in helpers)
        {
            arc.Capacity = arc.Flow = 0;
            arc.Reverse.Capacity = arc.Reverse.Flow = 0;
        }
        if (!feasible) return false;
        MaxFlow(source, sink);
        return true;
    }

    private Arc Link(int from, int to, long capacity)
    {
        var arc = new Arc(to, capacity);
        var reverse = new Arc(from, 0) { Reverse = arc };
        arc.Reverse = reverse;
        graph[from].Add(arc);
        graph[to].Add(reverse);
        return arc;
    }

    private long MaxFlow(int s, int t)
    {
        long total = 0;
        var level = new int[graph.Count];
        var next = new int[graph.Count];
        while (Levels(s, t, level))
        {
            Array.Clear(next);
            long pushed;
            while ((pushed = Push(s, t, long.MaxValue, level, next)) > 0) total += pushed;
        }
        return total;
    }

    private bool Levels(int s, int t, int[] level)
    {
        Array.Fill(level, -1);
        level[s] = 0;
        var queue = new Queue<int>([s]);
        while (queue.TryDequeue(out var v))
        {
            foreach (var arc in graph[v])
            {
                if (arc.Residual <= 0 || level[arc.To] >= 0) continue;
                level[arc.To] = level[v] + 1;
                queue.Enqueue(arc.To);
            }
        }
        return level[t] >= 0;
    }

    private long Push(int v, int t, long limit, int[] level, int[] next)
    {
        if (v == t) return limit;
        for (; next[v] < graph[v].Count; next[v]++)
        {
            var arc = graph[v][next[v]];
            if (arc.Residual <= 0 || level[arc.To] != level[v] + 1) continue;
            var pushed = Push(arc.To, t, Math.Min(limit, arc.Residual), level, next);
            if (pushed <= 0) continue;
            arc.Flow += pushed;
            arc.Reverse.Flow -= pushed;
            return pushed;
        }
        return 0;
    }
}
