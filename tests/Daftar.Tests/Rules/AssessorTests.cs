using Daftar.Tests.Infrastructure;
using Daftar.WorkFromHome;

namespace Daftar.Tests.Rules;

/// <summary>Issue #32 item 2: verdicts from facts under editable rules, with a reason per fact.</summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class AssessorTests
{
    private static readonly AssessmentRules Rules = AssessmentRules.Default(new DateOnly(2027, 1, 1), DateTimeOffset.UnixEpoch);

    [Fact]
    public void ATaskOnEFile_WithNothingHoldingItInTheOffice_IsHome()
    {
        var a = Assessor.Assess(TaskFact.OnEFile, Rules);
        Assert.Equal(Verdict.Home, a.Verdict);
        Assert.Equal(6, a.HomeDays);
        Assert.Empty(a.Reasons);
    }

    [Fact]
    public void TheMostDemandingFactDecides_AndEveryFactIsAReason()
    {
        var a = Assessor.Assess(TaskFact.PhysicalRecords | TaskFact.PublicDealing | TaskFact.OnEFile, Rules);
        Assert.Equal(Verdict.Partly, a.Verdict);
        Assert.Equal(3, a.OfficeDays);
        Assert.Equal([TaskFact.PublicDealing, TaskFact.PhysicalRecords], a.Reasons.Select(r => r.Fact).Order());

        var counter = Assessor.Assess(TaskFact.PhysicalPresence | TaskFact.PhysicalRecords, Rules);
        Assert.Equal(Verdict.Office, counter.Verdict);
        Assert.Equal(TaskFact.PhysicalPresence, counter.Reasons[0].Fact);
        Assert.Contains(counter.Reasons, r => r.Fact == TaskFact.OnEFile);   // not on e-File is a reason too
    }

    [Fact]
    public void DigitisingTheRecords_MovesAVerdict_WithoutChangingTheTask()
    {
        var facts = TaskFact.PhysicalRecords | TaskFact.OnEFile;
        Assert.Equal(Verdict.Partly, Assessor.Assess(facts, Rules).Verdict);
        Assert.Equal(Verdict.Home, Assessor.Assess(facts, Rules, assumeAway: TaskFact.PhysicalRecords).Verdict);
        // Assuming a paper task moves to e-File removes the paper reason.
        Assert.Equal(Verdict.Home, Assessor.Assess(TaskFact.None, Rules, assumeAway: TaskFact.OnEFile).Verdict);
    }

    [Fact]
    public void APost_IsHeldByItsMostDemandingTask()
    {
        var post = Assessor.AssessPost([(1, Assessor.Assess(TaskFact.OnEFile, Rules)), (2, Assessor.Assess(TaskFact.PublicDealing | TaskFact.OnEFile, Rules))], Rules)!;
        Assert.Equal(Verdict.Partly, post.Verdict);
        Assert.Equal(2, post.DecidingTaskId);
        Assert.Equal(3, post.HomeDays);
        Assert.Null(Assessor.AssessPost([], Rules));
    }

    [Fact]
    public void ContradictoryFacts_AndRulesOutOfRange_AreRefused()
    {
        Assert.Equal(WorkFromHomeError.ClassifiedOnEFile, TaskFacts.Contradiction(TaskFact.ClassifiedData | TaskFact.OnEFile));
        Assert.NotNull(AssessmentRules.Check(8, Rules.OfficeDays));
        Assert.NotNull(AssessmentRules.Check(5, new Dictionary<TaskFact, int> { [TaskFact.PublicDealing] = 6 }));
        Assert.Null(AssessmentRules.Check(6, Rules.OfficeDays));
        Assert.Equal(WorkFromHomeError.CapOutOfRange, OfficeOrder.Check(0, new DateOnly(2027, 1, 1), null));
        Assert.Equal(WorkFromHomeError.CapOutOfRange, OfficeOrder.Check(150, new DateOnly(2027, 1, 1), null));
    }
}
