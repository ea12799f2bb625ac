using Daftar.Tests.Infrastructure;
using Daftar.WorkFromHome;

namespace Daftar.Tests.Rules;

/// <summary>
/// Issue #32 item 4: the roster generator's constraints, checked on random offices (property-style, seeded so a failure
/// can be replayed). The assertions are computed here from the input and the plan, not taken from the planner's own
/// <see cref="RosterPlanner.Check"/>: every constraint either holds or is reported with the amount it is broken by.
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class RosterPlannerTests
{
    private static readonly DateOnly Monday = new(2027, 1, 4);

    private static RosterInput RandomOffice(int seed)
    {
        var random = new Random(seed);
        var weeks = random.Next(1, 5);
        var days = Enumerable.Range(0, weeks * 7).Select(i => Monday.AddDays(i))
            .Where(d => d.DayOfWeek != DayOfWeek.Sunday && random.NextDouble() > 0.08).ToList();   // the odd holiday
        var sections = random.Next(0, 5);
        var count = random.Next(2, 61);
        var people = new List<RosterPerson>();
        for (var i = 1; i <= count; i++)
        {
            var rule = random.Next(100) switch
            {
                < 8 => RosterRule.Essential,
                < 16 => RosterRule.OfficeWork,
                < 36 => RosterRule.PartlyWork,
                < 92 => RosterRule.Rotation,
                _ => RosterRule.Exempt,
            };
            var away = random.NextDouble() < 0.3
                ? days.Where(_ => random.NextDouble() < 0.25).ToHashSet()
                : [];
            people.Add(new RosterPerson(i, 1000 + i, sections == 0 || random.NextDouble() < 0.2 ? null : random.Next(1, sections + 1), rule,
                rule == RosterRule.PartlyWork ? random.Next(1, 5) : 0, away, random.Next(0, 6)));
        }
        var minimum = Enumerable.Range(1, sections).Where(_ => random.NextDouble() < 0.5).ToDictionary(s => s, _ => random.Next(1, 3));
        var cap = Math.Max(1, count * random.Next(10, 101) / 100);
        return new RosterInput(days, cap, people, minimum);
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        foreach (var seed in Enumerable.Range(1, 300)) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryConstraint_HoldsOrIsReportedWithItsAmount(int seed)
    {
        var input = RandomOffice(seed);
        var plan = RosterPlanner.Plan(input);
        bool Reported(string code, DateOnly? day, int? employee, int? section, int by) =>
            plan.Problems.Any(p => p.Code == code && p.Day == day && p.EmployeeId == employee && p.SectionId == section && p.By == by);
        bool Away(RosterPerson p, DateOnly d) => p.Unavailable.Contains(d);

        foreach (var day in input.WorkingDays)
        {
            var present = plan.InOffice[day];
            var required = input.People.Where(p => p.Rule is RosterRule.Essential or RosterRule.OfficeWork && !Away(p, day)).ToList();
            // Essential and office-work posts every day they are not away; nobody exempt, nobody on leave.
            Assert.All(required, p => Assert.Contains(p.EmployeeId, present));
            Assert.All(input.People.Where(p => p.Rule == RosterRule.Exempt || Away(p, day)), p => Assert.DoesNotContain(p.EmployeeId, present));
            // Never over the cap, unless those who must come are already more than the cap: then only they come, and it is said.
            if (required.Count > input.Cap)
            {
                Assert.Equal(required.Count, present.Count);
                Assert.True(Reported("over_cap", day, null, null, required.Count - input.Cap), $"seed {seed}: over the cap on {day} not reported");
            }
            else
            {
                Assert.True(present.Count <= input.Cap, $"seed {seed}: {present.Count} in on {day}, cap {input.Cap}");
            }
            foreach (var (section, minimum) in input.SectionMinimum)
            {
                var inSection = input.People.Count(p => p.SectionId == section && present.Contains(p.EmployeeId));
                if (inSection < minimum) Assert.True(Reported("section_short", day, null, section, minimum - inSection), $"seed {seed}: section {section} short on {day}, not reported");
            }
        }
        foreach (var p in input.People.Where(p => p.Rule == RosterRule.PartlyWork))
        {
            foreach (var week in input.WorkingDays.GroupBy(RosterPlanner.WeekOf))
            {
                var had = week.Count(d => plan.InOffice[d].Contains(p.EmployeeId));
                var wanted = Math.Min(p.DaysPerWeek, week.Count(d => !Away(p, d)));
                Assert.True(had <= p.DaysPerWeek, $"seed {seed}: employee {p.EmployeeId} in {had} days, asked for {p.DaysPerWeek}");
                if (had < wanted) Assert.True(Reported("partly_short", week.Key, p.EmployeeId, null, wanted - had), $"seed {seed}: partly short not reported");
            }
        }
        // Fairness among the rotating staff: office days differ by at most one, except for someone who could not come more.
        var rotating = input.People.Where(p => p.Rule == RosterRule.Rotation)
            .Select(p => (p.EmployeeId, Days: plan.DaysOf(p.EmployeeId), Free: input.WorkingDays.Count(d => !Away(p, d)))).ToList();
        if (rotating.Count > 0)
        {
            var most = rotating.Max(r => r.Days);
            foreach (var r in rotating.Where(r => r.Days < r.Free && most - r.Days > 1))
                Assert.True(Reported("unfair", null, r.EmployeeId, null, most - r.Days - 1), $"seed {seed}: employee {r.EmployeeId} treated unfairly, not reported");
        }
        // And the planner's own check agrees with what it reported.
        Assert.Equal(RosterPlanner.Check(input, plan.InOffice).Count, plan.Problems.Count);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnOfficeWhereEverythingCanHold_GetsARosterWithNoProblem_AndRotationWithinOneDay(int seed)
    {
        // No sections, nobody away, room for those who must come and for the partly-work days.
        var random = new Random(seed);
        var days = Enumerable.Range(0, 7 * random.Next(1, 5)).Select(i => Monday.AddDays(i)).Where(d => d.DayOfWeek != DayOfWeek.Sunday).ToList();
        var count = random.Next(3, 80);
        var people = Enumerable.Range(1, count).Select(i => new RosterPerson(i, i, null,
            i % 10 == 0 ? RosterRule.Essential : i % 7 == 0 ? RosterRule.PartlyWork : RosterRule.Rotation, i % 7 == 0 ? 2 : 0, new HashSet<DateOnly>(), random.Next(0, 3))).ToList();
        var mustCome = people.Count(p => p.Rule == RosterRule.Essential) + people.Count(p => p.Rule == RosterRule.PartlyWork);
        var input = new RosterInput(days, mustCome + random.Next(1, count), people, new Dictionary<int, int>());

        var plan = RosterPlanner.Plan(input);

        Assert.Empty(plan.Problems);
        var turns = people.Where(p => p.Rule == RosterRule.Rotation).Select(p => plan.DaysOf(p.EmployeeId)).ToList();
        Assert.True(turns.Max() - turns.Min() <= 1, $"seed {seed}: rotation from {turns.Min()} to {turns.Max()} days");
        // The office is filled up to its cap while there are rotating staff left to fill it with.
        var rotatingIds = people.Where(p => p.Rule == RosterRule.Rotation).Select(p => p.EmployeeId).ToList();
        Assert.All(days, d => Assert.True(plan.InOffice[d].Count == input.Cap || rotatingIds.All(plan.InOffice[d].Contains),
            $"seed {seed}: {plan.InOffice[d].Count} in on {d}, cap {input.Cap}, with rotating staff at home"));
    }

    [Fact]
    public void Rotation_CarriesOverAcrossWeeks_SoThatTurnsStayWithinOneOverEightWeeks()
    {
        var people = Enumerable.Range(1, 7).ToDictionary(i => i, _ => 0);
        for (var week = 0; week < 8; week++)
        {
            var days = Enumerable.Range(0, 6).Select(i => Monday.AddDays(7 * week + i)).ToList();
            var input = new RosterInput(days, 2, people.Select(p => new RosterPerson(p.Key, p.Key, null, RosterRule.Rotation, 0, new HashSet<DateOnly>(), p.Value)).ToList(),
                new Dictionary<int, int>());
            var plan = RosterPlanner.Plan(input);
            foreach (var id in people.Keys) people[id] += plan.DaysOf(id);
            Assert.True(people.Values.Max() - people.Values.Min() <= 1, $"after week {week + 1}: {string.Join(", ", people.Values)}");
        }
        Assert.Equal(8 * 6 * 2, people.Values.Sum());
    }

    [Fact]
    public void WhenEssentialPostsAloneExceedTheCap_TheRosterSaysByHowMuch()
    {
        var days = new[] { Monday };
        var people = Enumerable.Range(1, 5).Select(i => new RosterPerson(i, i, null, i <= 4 ? RosterRule.Essential : RosterRule.Rotation, 0, new HashSet<DateOnly>())).ToList();
        var plan = RosterPlanner.Plan(new RosterInput(days, 3, people, new Dictionary<int, int>()));
        Assert.Equal(new RosterProblem("over_cap", Monday, null, null, 1), Assert.Single(plan.Problems));
        Assert.DoesNotContain(5, plan.InOffice[Monday]);
    }

    [Fact]
    public void ASectionWhoseOnlyMembersAreAway_IsReportedShort()
    {
        var days = new[] { Monday, Monday.AddDays(1) };
        var people = new List<RosterPerson>
        {
            new(1, 1, 7, RosterRule.Rotation, 0, new HashSet<DateOnly> { Monday }),
            new(2, 2, null, RosterRule.Rotation, 0, new HashSet<DateOnly>()),
        };
        var plan = RosterPlanner.Plan(new RosterInput(days, 1, people, new Dictionary<int, int> { [7] = 1 }));
        Assert.Contains(new RosterProblem("section_short", Monday, null, 7, 1), plan.Problems);
        Assert.Contains(1, plan.InOffice[Monday.AddDays(1)]);   // on the day the section's member is there, the section comes first
    }

    [Fact]
    public void TheRandomOffices_IncludeOnesThatCannotHoldEverything_SoTheReportsAreExercised()
    {
        var codes = Enumerable.Range(1, 300).SelectMany(seed => RosterPlanner.Plan(RandomOffice(seed)).Problems.Select(p => p.Code)).ToHashSet();
        Assert.Superset(new HashSet<string> { "over_cap", "section_short", "partly_short" }, codes);
    }
}
