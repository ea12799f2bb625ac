namespace Daftar.WorkFromHome;

/// <summary>Why a person is on the roster the way they are.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RosterRule>))]
public enum RosterRule
{
    /// <summary>An essential post under the office's order: in every working day.</summary>
    Essential = 1,
    /// <summary>The post's work is assessed "office": in every working day.</summary>
    OfficeWork = 2,
    /// <summary>The post's work is assessed "partly": in a set number of days each week.</summary>
    PartlyWork = 3,
    /// <summary>The post's work can be done from home: in by turns, to fill the office up to its cap, fairly.</summary>
    Rotation = 4,
    /// <summary>An approved exemption: never in.</summary>
    Exempt = 5,
}

/// <summary>One person to place. <paramref name="Unavailable"/>: days on leave or tour; <paramref name="CarriedDays"/>: office days by turns in earlier rosters.</summary>
public sealed record RosterPerson(int EmployeeId, int PostId, int? SectionId, RosterRule Rule, int DaysPerWeek, IReadOnlySet<DateOnly> Unavailable, int CarriedDays = 0);

/// <summary>What a roster must satisfy: the working days (holidays already left out), the most people in the office on a day, who, and the sections' minimums.</summary>
public sealed record RosterInput(IReadOnlyList<DateOnly> WorkingDays, int Cap, IReadOnlyList<RosterPerson> People, IReadOnlyDictionary<int, int> SectionMinimum);

/// <summary>
/// A constraint the roster does not meet, and by how much: <c>over_cap</c> (day, people over), <c>required_absent</c>
/// (an essential or office post away on a day they are available), <c>exempt_in</c>, <c>unavailable_in</c> (on leave),
/// <c>partly_short</c> / <c>partly_over</c> (employee, the week's Monday, days), <c>section_short</c> (day, section,
/// people), <c>unfair</c> (employee who could have had a day more than another's two or more, by how many).
/// </summary>
public sealed record RosterProblem(string Code, DateOnly? Day, int? EmployeeId, int? SectionId, int By);

/// <summary>The codes of <see cref="RosterProblem"/>.</summary>
public static class RosterProblems
{
    public const string OverCap = "over_cap";
    public const string RequiredAbsent = "required_absent";
    public const string ExemptIn = "exempt_in";
    public const string UnavailableIn = "unavailable_in";
    public const string PartlyShort = "partly_short";
    public const string PartlyOver = "partly_over";
    public const string SectionShort = "section_short";
    public const string Unfair = "unfair";

    public static readonly string[] All = [OverCap, RequiredAbsent, ExemptIn, UnavailableIn, PartlyShort, PartlyOver, SectionShort, Unfair];
}

public sealed record RosterPlan(IReadOnlyDictionary<DateOnly, IReadOnlySet<int>> InOffice, IReadOnlyList<RosterProblem> Problems)
{
    public int DaysOf(int employeeId) => InOffice.Values.Count(d => d.Contains(employeeId));
}

/// <summary>
/// Makes an office roster as a flow problem with lower bounds: every working day is filled up to the cap; essential and
/// office-work posts come every day they are available; partly-work posts come their days in each week; sections get
/// their minimum; the remaining places go to the rotating staff so that, between any two of them, office days differ by
/// at most one (those with fewer turns so far get the extra day). When everything cannot hold, the bounds are relaxed in a
/// fixed order — fairness carry-over, then the level of rotation, then section minimums, then partly-work days — and
/// <see cref="Check"/> names every constraint the result breaks and by how much.
/// </summary>
public static class RosterPlanner
{
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static RosterPlan Plan(RosterInput input)
    {
        var days = input.WorkingDays.Distinct().Order().ToList();
        bool Available(RosterPerson p, DateOnly d) => !p.Unavailable.Contains(d);
        var fixedPeople = input.People.Where(p => p.Rule is RosterRule.Essential or RosterRule.OfficeWork).ToList();
        var partly = input.People.Where(p => p.Rule == RosterRule.PartlyWork && p.DaysPerWeek > 0).ToList();
        var rotating = input.People.Where(p => p.Rule == RosterRule.Rotation).ToList();

        var fixedOn = days.ToDictionary(d => d, d => fixedPeople.Where(p => Available(p, d)).ToList());
        var slots = days.ToDictionary(d => d, d => Math.Max(0, input.Cap - fixedOn[d].Count));
        var weeks = days.GroupBy(WeekOf).ToDictionary(g => g.Key, g => g.ToList());
        var need = new Dictionary<(int Section, DateOnly Day), int>();
        foreach (var (section, minimum) in input.SectionMinimum)
        {
            foreach (var d in days)
            {
                var present = fixedOn[d].Count(p => p.SectionId == section);
                var candidates = partly.Concat(rotating).Count(p => p.SectionId == section && Available(p, d));
                var wanted = Math.Min(Math.Max(0, minimum - present), candidates);
                if (wanted > 0) need[(section, d)] = wanted;
            }
        }

        var partlyDays = partly.SelectMany(p => weeks.Select(w => (p, w.Key, Days: Math.Min(p.DaysPerWeek, w.Value.Count(d => Available(p, d)))))).ToList();
        var rotationPlaces = Math.Max(0, slots.Values.Sum() - partlyDays.Sum(x => x.Days));
        var available = rotating.ToDictionary(p => p.EmployeeId, p => days.Count(d => Available(p, d)));
        var level = Level(rotating, available, rotationPlaces);

        Dictionary<DateOnly, HashSet<int>>? chosen = null;
        // Relaxations, strictest first: (rotation level, extra day only to those with fewest turns, sections, partly days).
        var attempts = new List<(int Level, bool ByTurns, bool Sections, bool Partly)>();
        for (var l = level; l >= 0; l--)
        {
            attempts.Add((l, true, true, true));
            attempts.Add((l, false, true, true));
        }
        attempts.Add((0, false, false, true));
        attempts.Add((0, false, false, false));
        foreach (var (l, byTurns, sections, partlyBound) in attempts)
        {
            chosen = Solve(days, slots, rotating, partly, weeks, available, need, l, rotationPlaces, byTurns, sections, partlyBound, Available);
            if (chosen is not null) break;
        }

        var inOffice = days.ToDictionary(d => d, d => (IReadOnlySet<int>)fixedOn[d].Select(p => p.EmployeeId).Concat(chosen![d]).ToHashSet());
        return new RosterPlan(inOffice, Check(input, inOffice));
    }

    /// <summary>The rotation level: the most days everyone can have so that the places are not overfilled.</summary>
    private static int Level(List<RosterPerson> rotating, Dictionary<int, int> available, int places)
    {
        if (rotating.Count == 0) return 0;
        var level = 0;
        while (level < available.Values.DefaultIfEmpty(0).Max() && rotating.Sum(p => Math.Min(level + 1, available[p.EmployeeId])) <= places) level++;
        return level;
    }

    private static Dictionary<DateOnly, HashSet<int>>? Solve(List<DateOnly> days, Dictionary<DateOnly, int> slots, List<RosterPerson> rotating,
        List<RosterPerson> partly, Dictionary<DateOnly, List<DateOnly>> weeks, Dictionary<int, int> available,
        Dictionary<(int Section, DateOnly Day), int> need, int level, int places, bool byTurns, bool sections, bool partlyBound,
        Func<RosterPerson, DateOnly, bool> isAvailable)
    {
        var flow = new BoundedFlow();
        var source = flow.AddNode();
        var sink = flow.AddNode();
        var dayNode = days.ToDictionary(d => d, _ => flow.AddNode());
        foreach (var d in days) flow.AddEdge(dayNode[d], sink, 0, slots[d]);
        var groupNode = new Dictionary<(int Section, DateOnly Day), int>();
        int Through(RosterPerson p, DateOnly d)
        {
            // People of a section with a minimum go through the section's node for the day, which carries the minimum.
            if (p.SectionId is not { } s || !need.ContainsKey((s, d))) return dayNode[d];
            if (!groupNode.TryGetValue((s, d), out var node))
            {
                node = groupNode[(s, d)] = flow.AddNode();
                flow.AddEdge(node, dayNode[d], sections ? need[(s, d)] : 0, int.MaxValue);
            }
            return node;
        }

        var placed = new List<(int Edge, int EmployeeId, DateOnly Day)>();
        var canTakeMore = rotating.Count(p => available[p.EmployeeId] > level);
        var extra = Math.Max(0, places - rotating.Sum(p => Math.Min(level, available[p.EmployeeId])));
        var getsExtra = rotating.Where(p => available[p.EmployeeId] > level)
            .OrderBy(p => p.CarriedDays).ThenBy(p => p.EmployeeId).Take(byTurns ? extra : canTakeMore).Select(p => p.EmployeeId).ToHashSet();
        foreach (var p in rotating)
        {
            var node = flow.AddNode();
            var lo = Math.Min(level, available[p.EmployeeId]);
            var hi = getsExtra.Contains(p.EmployeeId) ? lo + 1 : lo;
            flow.AddEdge(source, node, lo, hi);
            foreach (var d in days.Where(d => isAvailable(p, d))) placed.Add((flow.AddEdge(node, Through(p, d), 0, 1), p.EmployeeId, d));
        }
        foreach (var p in partly)
        {
            foreach (var (week, weekDays) in weeks)
            {
                var free = weekDays.Where(d => isAvailable(p, d)).ToList();
                var wanted = Math.Min(p.DaysPerWeek, free.Count);
                if (wanted == 0) continue;
                var node = flow.AddNode();
                flow.AddEdge(source, node, partlyBound ? wanted : 0, wanted);
                foreach (var d in free) placed.Add((flow.AddEdge(node, Through(p, d), 0, 1), p.EmployeeId, d));
            }
        }
        if (!flow.Solve(source, sink)) return null;
        var chosen = days.ToDictionary(d => d, _ => new HashSet<int>());
        foreach (var (edge, employee, day) in placed)
        {
            if (flow.FlowOf(edge) > 0) chosen[day].Add(employee);
        }
        return chosen;
    }

    /// <summary>Every constraint a roster breaks, and by how much. Used for generated rosters and for the office head's edits.</summary>
    public static IReadOnlyList<RosterProblem> Check(RosterInput input, IReadOnlyDictionary<DateOnly, IReadOnlySet<int>> inOffice)
    {
        var problems = new List<RosterProblem>();
        var days = input.WorkingDays.Distinct().Order().ToList();
        IReadOnlySet<int> On(DateOnly d) => inOffice.TryGetValue(d, out var set) ? set : new HashSet<int>();
        foreach (var d in days)
        {
            var present = On(d);
            if (present.Count > input.Cap) problems.Add(new(RosterProblems.OverCap, d, null, null, present.Count - input.Cap));
            foreach (var p in input.People)
            {
                var here = present.Contains(p.EmployeeId);
                var away = p.Unavailable.Contains(d);
                if (here && away) problems.Add(new(RosterProblems.UnavailableIn, d, p.EmployeeId, null, 1));
                else if (here && p.Rule == RosterRule.Exempt) problems.Add(new(RosterProblems.ExemptIn, d, p.EmployeeId, null, 1));
                else if (!here && !away && p.Rule is RosterRule.Essential or RosterRule.OfficeWork) problems.Add(new(RosterProblems.RequiredAbsent, d, p.EmployeeId, null, 1));
            }
            foreach (var (section, minimum) in input.SectionMinimum)
            {
                var members = input.People.Where(p => p.SectionId == section).ToList();
                var inSection = members.Count(p => present.Contains(p.EmployeeId));
                // A section short only because nobody of it can come (all away or exempt) is still short: say so.
                if (inSection < minimum) problems.Add(new(RosterProblems.SectionShort, d, null, section, minimum - inSection));
            }
        }
        foreach (var p in input.People.Where(p => p.Rule == RosterRule.PartlyWork))
        {
            foreach (var week in days.GroupBy(WeekOf))
            {
                var wanted = Math.Min(p.DaysPerWeek, week.Count(d => !p.Unavailable.Contains(d)));
                var had = week.Count(d => On(d).Contains(p.EmployeeId));
                if (had < wanted) problems.Add(new(RosterProblems.PartlyShort, week.Key, p.EmployeeId, null, wanted - had));
                if (had > p.DaysPerWeek) problems.Add(new(RosterProblems.PartlyOver, week.Key, p.EmployeeId, null, had - p.DaysPerWeek));
            }
        }
        var rotating = input.People.Where(p => p.Rule == RosterRule.Rotation)
            .Select(p => (p.EmployeeId, Days: days.Count(d => On(d).Contains(p.EmployeeId)), Available: days.Count(d => !p.Unavailable.Contains(d)))).ToList();
        foreach (var low in rotating.Where(r => r.Days < r.Available))
        {
            var most = rotating.Max(r => r.Days);
            if (most - low.Days > 1) problems.Add(new(RosterProblems.Unfair, null, low.EmployeeId, null, most - low.Days - 1));
        }
        return problems;
    }
}
