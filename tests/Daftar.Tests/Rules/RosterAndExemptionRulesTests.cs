using Daftar.Tests.Infrastructure;
using Daftar.WorkFromHome;

namespace Daftar.Tests.Rules;

/// <summary>The roster's and the exemption's own rules, on the entities alone (no database): what the office head may edit, when, and how a request is decided.</summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class RosterAndExemptionRulesTests
{
    private static readonly DateOnly Monday = new(2026, 12, 14);
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(5.5));

    private static Roster Week() => new(officeId: 1, Monday, Monday.AddDays(4), orderId: null, cap: 2, byPostId: 9, Now);

    [Fact]
    public void Edit_PutsSomeoneInAndTakesThemOut_MarkedAsEdited_AndEveryChangeMakesANewVersion()
    {
        var roster = Week();
        var version = roster.Version;
        Assert.Null(roster.Edit(Monday, employeeId: 5, postId: 50, RosterRule.Rotation, inOffice: true));
        var entry = Assert.Single(roster.Entries);
        Assert.True(entry.Edited);
        Assert.NotEqual(version, roster.Version);
        Assert.Null(roster.Edit(Monday, 5, 50, RosterRule.Rotation, inOffice: true));   // already in: still one entry
        Assert.Single(roster.Entries);
        Assert.Null(roster.Edit(Monday, 5, 50, RosterRule.Rotation, inOffice: false));
        Assert.Empty(roster.Entries);
    }

    [Fact]
    public void Edit_OutsideThePeriod_IsRefused_AndChangesNothing()
    {
        var roster = Week();
        var version = roster.Version;
        Assert.Equal(WorkFromHomeError.DayOutside, roster.Edit(Monday.AddDays(-1), 5, 50, RosterRule.Rotation, inOffice: true));
        Assert.Equal(WorkFromHomeError.DayOutside, roster.Edit(Monday.AddDays(5), 5, 50, RosterRule.Rotation, inOffice: true));
        Assert.Empty(roster.Entries);
        Assert.Equal(version, roster.Version);
    }

    [Fact]
    public void APublishedRoster_IsNeitherEditedNorPublishedAgain()
    {
        var roster = Week();
        Assert.Null(roster.Publish(Now));
        Assert.Equal((RosterStatus.Published, Now), (roster.Status, roster.PublishedAt));
        Assert.Equal(WorkFromHomeError.RosterPublished, roster.Edit(Monday, 5, 50, RosterRule.Rotation, inOffice: true));
        Assert.Equal(WorkFromHomeError.RosterPublished, roster.Publish(Now.AddHours(1)));
        Assert.Equal(Now, roster.PublishedAt);
    }

    private static Exemption Request(bool optsIn = false) =>
        new(employeeId: 5, postId: 50, ExemptionReason.Comorbidity, "Diabetic", Monday, Monday.AddDays(30), optsIn, Now);

    [Fact]
    public void ARefusal_NeedsItsReason_AnApprovalDoesNot_AndADecisionIsFinal()
    {
        var refused = Request();
        Assert.Equal(WorkFromHomeError.ReasonRequired, refused.Decide(false, 9, "  ", Now));
        Assert.Equal(ExemptionStatus.Requested, refused.Status);
        Assert.Null(refused.Decide(false, 9, " Not on the certificate. ", Now));
        Assert.Equal((ExemptionStatus.Refused, "Not on the certificate."), (refused.Status, refused.Remarks));

        var approved = Request();
        Assert.Null(approved.Decide(true, 9, null, Now));
        Assert.Equal(WorkFromHomeError.NotDecidable, approved.Decide(false, 9, "changed my mind", Now));
        Assert.Equal(ExemptionStatus.Approved, approved.Status);
    }

    [Fact]
    public void AnExemption_BindsOnlyTheDaysOfItsPeriod_AndOnlyOnceApproved()
    {
        var exemption = Request();
        Assert.False(exemption.Binds(Monday));
        exemption.Decide(true, 9, null, Now);
        Assert.True(exemption.Binds(Monday));
        Assert.True(exemption.Binds(Monday.AddDays(30)));
        Assert.False(exemption.Binds(Monday.AddDays(31)));
        Assert.False(exemption.Binds(Monday.AddDays(-1)));
    }
}
