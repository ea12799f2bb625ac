using Daftar.Meetings;
using Daftar.People;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Rules;

/// <summary>Issue #31 item 3: who a meeting invites, decided by the meeting itself and tested without a database or HTTP.</summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class MeetingRulesTests
{
    private static readonly TimeZoneInfo Ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private readonly Post _collector, _sdo, _bdo, _gva;
    private readonly Meeting _meeting;

    public MeetingRulesTests()
    {
        var department = new Department("REV", "Revenue", "राजस्व", "REV");
        var office = new Office("DIST", "Collectorate", "कलेक्ट्रेट", OfficeType.District, department, null);
        Post Make(string code, int level, int id)
        {
            var post = new Post(code, new Designation(code, code, code, level), office, null, null);
            typeof(Post).GetProperty(nameof(Post.Id))!.SetValue(post, id);   // the database's to give; rules compare ids
            return post;
        }
        (_collector, _sdo, _bdo, _gva) = (Make("COLL", 2, 1), Make("SDO", 4, 2), Make("BDO", 5, 3), Make("GVA", 9, 4));
        _meeting = new Meeting("Daily review", MeetingPurpose.Review, null, _collector, _collector, new Employee("RJ1", "Prakash", "प्रकाश", null, null),
            new MeetingSchedule(new DateOnly(2026, 12, 7), new TimeOnly(10, 0), 60, Recurrence.None, WeekDays.None, null), Ist, VideoKind.Janus, null, 6,
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(5.5)));
    }

    private static Dictionary<int, (Post, InviteeSource, int)> Wanted(params (Post Post, InviteeSource Source, int Rule)[] posts) =>
        posts.ToDictionary(p => p.Post.Id, p => (p.Post, p.Source, p.Rule));

    [Fact]
    public void InvitingPosts_AddsTheNew_MarksTheUnwantedRemovedWithoutDeletingThem_AndRestoresTheWantedAgain()
    {
        ParticipantRule[] rules = [new(null, 1, 10, null)];
        var first = _meeting.InvitePosts(rules, Wanted((_sdo, InviteeSource.ByName, -1), (_bdo, InviteeSource.ByRule, 0)));
        Assert.Equal([_sdo.Id, _bdo.Id], first.Added.Order());
        Assert.Empty(first.Removed);
        Assert.Same(rules[0], _meeting.Invitees.Single(i => i.PostId == _bdo.Id).Rule);
        Assert.Equal(rules, _meeting.Rules);

        var second = _meeting.InvitePosts([], Wanted((_sdo, InviteeSource.ByName, -1), (_gva, InviteeSource.ByName, -1)));
        Assert.Equal([_gva.Id], second.Added);
        Assert.Equal([_bdo.Id], second.Removed);
        Assert.Empty(_meeting.Rules);
        Assert.True(_meeting.Invitees.Single(i => i.PostId == _bdo.Id).Removed);   // kept: its attendance and history stay
        Assert.Equal(3, _meeting.Invitees.Count);

        var third = _meeting.InvitePosts([], Wanted((_sdo, InviteeSource.ByName, -1), (_gva, InviteeSource.ByName, -1), (_bdo, InviteeSource.ByName, -1)));
        Assert.Equal([_bdo.Id], third.Added);
        Assert.Empty(third.Removed);
        Assert.False(_meeting.Invitees.Single(i => i.PostId == _bdo.Id).Removed);
        Assert.Equal(InviteeSource.ByName, _meeting.Invitees.Single(i => i.PostId == _bdo.Id).Source);
        Assert.Equal(3, _meeting.Invitees.Count);
    }

    [Fact]
    public void Guests_KeptByEmail_TheOthersRemoved_AndOnlyTheNewOnesInvitedAgain()
    {
        _meeting.InviteGuest("Meera Iyer", "meera@example.org", "hash-1");
        _meeting.InviteGuest("Ravi Rao", "ravi@example.org", "hash-2");
        var notYet = _meeting.KeepGuests(["meera@example.org", "new@example.org"]);
        Assert.Equal(["new@example.org"], notYet);
        Assert.True(_meeting.Invitees.Single(i => i.GuestEmail == "ravi@example.org").Removed);
        Assert.False(_meeting.Invitees.Single(i => i.GuestEmail == "meera@example.org").Removed);
        var guest = _meeting.InviteGuest("New Person", "new@example.org", "hash-3");
        Assert.Equal("hash-3", guest.GuestLinkHash);
        Assert.Contains(guest, _meeting.Invitees);
    }
}
