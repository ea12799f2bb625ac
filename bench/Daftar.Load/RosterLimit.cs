using System.Diagnostics;
using Daftar.WorkFromHome;

namespace Daftar.Load;

/// <summary>
/// The roster planner's cost alone (issue #32's targets: an office of 200 for a month in 200 ms; every office of the
/// state, 56,000 offices and 9.8 lakh employees, for a month in 10 minutes). Offices are made up the way the property
/// tests make them — essential, office-work, partly-work, rotating and exempted staff, sections with a minimum, leave —
/// and planned in memory; reading and writing the rows is not in these figures.
///
///   dotnet run -c Release --project bench/Daftar.Load -- --roster [EMPLOYEES] [REPEATS]
///   dotnet run -c Release --project bench/Daftar.Load -- --roster-state [OFFICES] [EMPLOYEES_TOTAL]
/// </summary>
public static class RosterLimit
{
    private static readonly DateOnly Monday = new(2027, 1, 4);

    public static RosterInput Office(int employees, int seed, int days = 31)
    {
        var random = new Random(seed);
        var month = Enumerable.Range(0, days).Select(i => Monday.AddDays(i)).Where(d => d.DayOfWeek != DayOfWeek.Sunday).ToList();
        var sections = Math.Max(1, employees / 12);
        var people = new List<RosterPerson>(employees);
        for (var i = 1; i <= employees; i++)
        {
            var rule = random.Next(100) switch { < 5 => RosterRule.Essential, < 15 => RosterRule.OfficeWork, < 35 => RosterRule.PartlyWork, < 95 => RosterRule.Rotation, _ => RosterRule.Exempt };
            var away = random.NextDouble() < 0.2 ? month.Where(_ => random.NextDouble() < 0.15).ToHashSet() : [];
            people.Add(new RosterPerson(i, i, random.Next(1, sections + 1), rule, rule == RosterRule.PartlyWork ? random.Next(1, 4) : 0, away, random.Next(0, 8)));
        }
        var minimum = Enumerable.Range(1, sections).Where(s => s % 2 == 0).ToDictionary(s => s, _ => 1);
        return new RosterInput(month, employees * 33 / 100, people, minimum);
    }

    public static int Run(int employees, int repeats, TextWriter output)
    {
        RosterPlanner.Plan(Office(employees, 0));   // the JIT's first pass is not an office head's wait
        var times = new List<double>();
        var problems = 0;
        for (var i = 1; i <= repeats; i++)
        {
            var input = Office(employees, i);
            var clock = Stopwatch.StartNew();
            var plan = RosterPlanner.Plan(input);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (plan.Problems.Count > 0) problems++;
        }
        times.Sort();
        output.WriteLine($"roster: {employees} employees, a month ({Office(employees, 0).WorkingDays.Count} working days), {repeats} offices: " +
            $"median {times[times.Count / 2]:F1} ms, p95 {times[(int)(times.Count * 0.95)]:F1} ms, max {times[^1]:F1} ms; {problems} with constraints reported broken");
        return 0;
    }

    public static int RunState(int offices, int employees, TextWriter output)
    {
        var sizes = Sizes(offices, employees);
        RosterPlanner.Plan(Office(20, 0));
        var clock = Stopwatch.StartNew();
        long planned = 0;
        Parallel.For(0, offices, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var plan = RosterPlanner.Plan(Office(sizes[i], i));
            Interlocked.Add(ref planned, plan.InOffice.Values.Sum(d => d.Count));
        });
        output.WriteLine($"roster-state: {offices} offices, {sizes.Sum()} employees, a month each, {Environment.ProcessorCount} threads: {clock.Elapsed.TotalSeconds:F1} s " +
            $"({planned} office days placed)");
        return 0;
    }

    /// <summary>Office sizes as in a state: most offices small (a gram panchayat, a police station), a few large (a secretariat department).</summary>
    private static int[] Sizes(int offices, int employees)
    {
        var random = new Random(7);
        var weights = Enumerable.Range(0, offices).Select(_ => Math.Exp(random.NextDouble() * 4)).ToArray();
        var total = weights.Sum();
        return weights.Select(w => Math.Max(2, (int)Math.Round(employees * w / total))).ToArray();
    }
}
